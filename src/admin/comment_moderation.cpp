// The newsroom's comments: the moderation queue (waiting, reported, approved, spam, trash) with
// bulk actions, one comment to edit or answer as the newsroom. Editors and owners moderate;
// contributors and translators read the comments on the articles they created. Every step is
// in the audit log.
#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "admin/accounts.hpp"
#include "admin/admin_site.hpp"
#include "core/numbers.hpp"
#include "mail/mailer.hpp"
#include "site/comment_notices.hpp"
#include "site/comment_views.hpp"
#include "site/comment_keys.hpp"
#include "site/json_response.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;

namespace {

constexpr int kPerPage = 50;

// The queues, as the page's tabs name them: a status, or those readers reported.
struct Queue {
  std::string_view name;
  const char* label;
  std::optional<CommentStatus> status;
  bool reported = false;
};
constexpr Queue kQueues[] = {{"pending", N_("Waiting"), CommentStatus::pending, false},
                             {"reported", N_("Reported"), std::nullopt, true},
                             {"approved", N_("Approved"), CommentStatus::approved, false},
                             {"spam", N_("Spam"), CommentStatus::spam, false},
                             {"trash", N_("Trash"), CommentStatus::trash, false}};

const Queue* queue_named(std::string_view name) {
  for (const auto& q : kQueues)
    if (q.name == name) return &q;
  return nullptr;
}

const char* status_label(CommentStatus s) {
  switch (s) {
    case CommentStatus::pending: return N_("Waiting");
    case CommentStatus::approved: return N_("Approved");
    case CommentStatus::spam: return N_("Spam");
    case CommentStatus::trash: return N_("Trash");
  }
  return "";
}

// What a moderator's action makes of a comment; nothing for "delete" (it goes for good) and for
// an action this page does not know.
std::optional<Comment> acted_on(Comment c, std::string_view action) {
  if (action == "approve") {
    c.status = CommentStatus::approved;
    c.reports = 0;
  } else if (action == "unapprove") c.status = CommentStatus::pending;
  else if (action == "spam") c.status = CommentStatus::spam;
  else if (action == "trash") c.status = CommentStatus::trash;
  else if (action == "dismiss") c.reports = 0;  // the reports were looked at: nothing wrong
  else return std::nullopt;
  return c;
}

// `c`, given its new status by a moderator, as the spam filter learns from it: marked spam or
// approved, its words are counted on that side (taken back from the other, when the moderator
// changed their mind). Staff comments and pingbacks teach nothing of readers' spam.
Comment taught(WriteTransaction& tx, Comment c) {
  auto label = spam_label_of(c.status);
  if (label == SpamLabel::none || label == c.trained_as || c.kind != CommentKind::comment || c.staff_user) return c;
  std::optional<bool> called_spam;
  if (c.spam_score) called_spam = *c.spam_score >= kSpamScore;
  tx.train_spam_filter({spam_tokens(c.author_name, c.body), c.trained_as, label, called_spam});
  c.trained_as = label;
  return c;
}

// The spam filter as moderators see it: what it learned, and how its calls fared.
TemplateData spam_filter_view(const SpamFilterTotals& filter, const Speech& speech) {
  TemplateData view;
  view.set("learned", speech.text("It learned from {spam} comments marked as spam and {ham} approved.",
                                  {{"spam", std::to_string(filter.spam_trained)}, {"ham", std::to_string(filter.ham_trained)}}));
  view.set("ready", filter.ready());
  view.set("needed", std::to_string(SpamFilterTotals::kReadyAfter));
  auto share = [&](std::optional<double> value) { return value ? speech.percent(*value) : speech.text("not yet known"); };
  view.set("precision", share(filter.precision()));
  view.set("recall", share(filter.recall()));
  return view;
}

}  // namespace

http::Response AdminSite::comments_page(const SignedIn& who, const http::Request& req, const std::string& error,
                                        Status status, const std::string& notice) const {
  auto context = contexts_.get();
  Speech speech = speech_of(&who);
  bool moderator = can(who.user.role, Permission::moderate_comments);
  const Queue* queue = queue_named(query_value(req.target(), "queue"));
  if (!queue) queue = &kQueues[0];
  int page_number = 1;
  if (auto n = parse_whole_number(query_value(req.target(), "page")); n && *n >= 1 && *n <= 100000)
    page_number = static_cast<int>(*n);

  auto query_of = [&](const Queue& q) {
    CommentQuery query;
    query.status = q.status;
    query.reported = q.reported;
    if (!moderator) query.articles_created_by = who.user.id;
    return query;
  };
  TemplateData tabs{TemplateData::type::list};
  for (const auto& q : kQueues) {
    auto counted = query_of(q);
    counted.limit = 0;
    TemplateData tab;
    tab.set("url", "/admin/comments?queue=" + std::string(q.name));
    tab.set("label", speech.text(q.label));
    tab.set("count", std::to_string(store_.comments(counted).total));
    tab.set("current", &q == queue);
    tabs.push_back(std::move(tab));
  }
  auto query = query_of(*queue);
  query.limit = kPerPage;
  query.offset = (page_number - 1) * kPerPage;
  auto found = store_.comments(query);
  TemplateData items{TemplateData::type::list};
  for (const auto& c : found.items) {
    auto article = store_.article_summary(c.article_id);
    TemplateData item;
    item.set("id", std::to_string(c.id));
    item.set("author", c.author_name);
    item.set("staff", c.staff_user.has_value());
    item.set("html", rendered_comment(c)->html);
    item.set("time", time_view(c.created_at, *context, speech.language));
    item.set("status", speech.text(status_label(c.status)));
    item.set("spam_score", c.spam_score ? TemplateData(speech.percent(*c.spam_score)) : TemplateData(false));
    item.set("reports", c.reports > 0 ? TemplateData(std::to_string(c.reports)) : TemplateData(false));
    item.set("article_title", article ? article->title : std::string());
    item.set("article_url", article ? path_of(article->kind, article->slug) + "#comments" : std::string());
    item.set("reply", c.parent_id != 0);
    item.set("url", "/admin/comments/" + std::to_string(c.id));
    items.push_back(std::move(item));
  }
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("moderator", moderator);
  data.set("settings", can(who.user.role, Permission::manage_settings));
  data.set("owner", can(who.user.role, Permission::manage_users));
  data.set("queue", std::string(queue->name));
  data.set("tabs", std::move(tabs));
  data.set("has_items", !items.is_empty_list());
  data.set("items", std::move(items));
  data.set("in_trash", queue->status == CommentStatus::trash || queue->status == CommentStatus::spam);
  data.set("filter", moderator ? spam_filter_view(store_.spam_filter_totals(), speech) : TemplateData(false));
  const Mailer& mailer = notices_.mailer();
  data.set("mail", mailer.configured()
                       ? speech.text("E-mail notices (comments awaiting moderation, replies) go through {server}.",
                                     {{"server", mailer.server()}})
                       : speech.text("E-mail notices are off: no SMTP server is configured ([smtp] in the configuration file), so nothing is sent."));
  auto page_url = [&](int n) { return "/admin/comments?queue=" + std::string(queue->name) + "&page=" + std::to_string(n); };
  set_text(data, "previous", page_number > 1 ? page_url(page_number - 1) : "");
  set_text(data, "next", found.total > static_cast<std::int64_t>(page_number) * kPerPage ? page_url(page_number + 1) : "");
  set_text(data, "error", error);
  set_text(data, "notice", notice);
  return page(&who, "comments", std::move(data), speech.text("Comments"), status);
}

http::Response AdminSite::comments(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  auto done = parse_whole_number(query_value(req.target(), "done"));
  return comments_page(who, req, "", Status::ok,
                       done ? speech.counted("{n} comment changed.", "{n} comments changed.", *done) : "");
}

http::Response AdminSite::moderate(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::moderate_comments))
    return refused(who, speech.text("Only editors and owners moderate comments."));
  auto form = request_form(req);
  if (!form) return comments_page(who, req, speech.text("Send the moderation form."), Status::bad_request, "");
  std::string action = form->get("action");
  std::string queue = form->get("queue");
  if (!queue_named(queue)) queue = "pending";
  std::vector<Comment> chosen;
  for (const auto& text : form->all("id")) {
    auto id = parse_whole_number(text);
    auto c = id ? store_.comment(*id) : std::nullopt;
    if (!c) return comments_page(who, req, speech.text("No comment has the id {id}.", {{"id", text.substr(0, 20)}}),
                                 Status::unprocessable_entity, "");
    chosen.push_back(std::move(*c));
  }
  if (chosen.empty()) return comments_page(who, req, speech.text("Choose the comments to act on."), Status::unprocessable_entity, "");
  if (action != "delete" && !acted_on(chosen.front(), action))
    return comments_page(who, req, speech.text("'{value}' is not an action of this page", {{"value", action.substr(0, 40)}}),
                         Status::bad_request, "");
  Instant now = sessions_.options().clock();
  auto tx = store_.begin_write();
  std::vector<std::int64_t> erased;
  for (const auto& c : chosen) {
    if (action == "delete") erased.push_back(c.id);
    else tx->save_comment(taught(*tx, *acted_on(c, action)));
    tx->append_audit(audit_entry(who.actor(), now, "comment." + action, "comment:" + std::to_string(c.id),
                                 "article:" + std::to_string(c.article_id)));
  }
  if (!erased.empty()) tx->erase_comments(erased);
  tx->commit();
  // A reply approved now is a reply its parent's writer may want to hear of.
  if (action == "approve") {
    for (const auto& c : chosen) {
      if (c.status == CommentStatus::approved) continue;
      if (auto article = store_.article_by_id(c.article_id)) notices_.shown(*acted_on(c, action), *article);
    }
  }
  return see_other("/admin/comments?queue=" + queue + "&done=" + std::to_string(chosen.size()));
}

http::Response AdminSite::comment_page(const SignedIn& who, const Comment& c, const std::string& error, Status status) const {
  auto context = contexts_.get();
  Speech speech = speech_of(&who);
  auto article = store_.article_summary(c.article_id);
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("moderator", can(who.user.role, Permission::moderate_comments));
  data.set("owner", can(who.user.role, Permission::manage_users));
  data.set("id", std::to_string(c.id));
  data.set("url", "/admin/comments/" + std::to_string(c.id));
  data.set("author", c.author_name);
  data.set("body", c.body);
  data.set("html", rendered_comment(c)->html);
  data.set("time", time_view(c.created_at, *context, speech.language));
  data.set("status", speech.text(status_label(c.status)));
  data.set("article_title", article ? article->title : std::string());
  data.set("article_url", article ? path_of(article->kind, article->slug) + "#comments" : std::string());
  data.set("parent_url", c.parent_id ? TemplateData("/admin/comments/" + std::to_string(c.parent_id)) : TemplateData(false));
  set_text(data, "error", error);
  return page(&who, "comment", std::move(data), speech.text("Comment by {name}", {{"name", c.author_name}}), status);
}

namespace {

// The comment `who` may read: any for moderators, else those on the articles they created.
std::optional<Comment> readable_comment(const Store& store, std::string_view id_text, const SignedIn& who) {
  auto id = parse_whole_number(id_text);
  auto c = id ? store.comment(*id) : std::nullopt;
  if (!c || can(who.user.role, Permission::moderate_comments)) return c;
  auto article = store.article_by_id(c->article_id);
  if (!article || article->created_by != who.user.id) return std::nullopt;
  return c;
}

}  // namespace

http::Response AdminSite::edit_comment(const http::Request&, const http::RouteParams& params, const SignedIn& who) {
  auto c = readable_comment(store_, params.get("id"), who);
  if (!c) return refused(who, speech_of(&who).text("No comment of yours has this id."));
  return comment_page(who, *c, "", Status::ok);
}

http::Response AdminSite::save_comment(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::moderate_comments))
    return refused(who, speech.text("Only editors and owners moderate comments."));
  auto c = readable_comment(store_, params.get("id"), who);
  if (!c) return refused(who, speech.text("No comment of yours has this id."));
  auto form = request_form(req);
  if (!form) return comment_page(who, *c, speech.text("Send the comment's form."), Status::bad_request);
  Comment changed = *c;
  changed.author_name = form->get("author");
  changed.body = form->get("body");
  if (auto errors = validate_comment(changed.author_name, changed.body, "", false); !errors.empty())
    return comment_page(who, changed, speech.text(errors.front().wording.id, {{"value", errors.front().wording.value}}),
                        Status::unprocessable_entity);
  auto tx = store_.begin_write();
  tx->save_comment(changed);
  tx->append_audit(audit_entry(who.actor(), sessions_.options().clock(), "comment.edit", "comment:" + std::to_string(c->id),
                               "article:" + std::to_string(c->article_id)));
  tx->commit();
  return see_other("/admin/comments/" + std::to_string(c->id));
}

// A comment of the newsroom on `article_id` (answering `parent_id`, or 0): shown at once, under
// the author name of `who` (their account's name without one), with the badge.
Comment AdminSite::staff_comment(const SignedIn& who, std::int64_t article_id, std::int64_t parent_id, std::string body,
                                 Instant now) const {
  auto context = contexts_.get();
  Comment c;
  c.article_id = article_id;
  c.parent_id = parent_id;
  c.status = CommentStatus::approved;
  auto author = context->authors.find(who.user.author);
  c.author_name = author != context->authors.end() ? author->second.name : who.user.name;
  c.staff_user = who.user.id;
  c.body = without_direction_controls(body);
  c.created_at = now;
  return c;
}

http::Response AdminSite::reply_to_comment(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::moderate_comments))
    return refused(who, speech.text("Only editors and owners moderate comments."));
  auto parent = readable_comment(store_, params.get("id"), who);
  if (!parent) return refused(who, speech.text("No comment of yours has this id."));
  auto form = request_form(req);
  if (!form) return comment_page(who, *parent, speech.text("Send the comment's form."), Status::bad_request);
  Instant now = sessions_.options().clock();
  Comment reply = staff_comment(who, parent->article_id, parent->id, form->get("reply"), now);
  if (auto errors = validate_comment(reply.author_name, reply.body, "", false); !errors.empty())
    return comment_page(who, *parent, speech.text(errors.front().wording.id, {{"value", errors.front().wording.value}}),
                        Status::unprocessable_entity);
  auto tx = store_.begin_write();
  // Answering a comment that waits approves it: the answer would stand alone otherwise.
  if (parent->status != CommentStatus::approved) {
    Comment approved = *parent;
    approved.status = CommentStatus::approved;
    tx->save_comment(taught(*tx, approved));
    tx->append_audit(audit_entry(who.actor(), now, "comment.approve", "comment:" + std::to_string(parent->id),
                                 "article:" + std::to_string(parent->article_id)));
  }
  reply.id = tx->save_comment(reply);
  tx->append_audit(audit_entry(who.actor(), now, "comment.reply", "comment:" + std::to_string(reply.id),
                               "article:" + std::to_string(parent->article_id)));
  tx->commit();
  if (auto article = store_.article_by_id(parent->article_id)) notices_.shown(reply, *article);
  return see_other("/admin/comments/" + std::to_string(reply.id));
}

http::Response AdminSite::comment_on_article(const http::Request& req, const http::RouteParams& params,
                                             const SignedIn& who) {
  Speech speech = speech_of(&who);
  Instant now = sessions_.options().clock();
  auto id = parse_whole_number(params.get("id"));
  auto article = id ? store_.article_by_id(*id) : std::nullopt;
  if (!article || article->trashed_at || !is_visible(article->status, article->published_at, now))
    return refused(who, speech.text("Readers cannot see this article: it takes no comments."), Status::not_found);
  auto form = request_form(req);
  if (!form) return refused(who, speech.text("Send the comment's form."), Status::bad_request);
  Comment c = staff_comment(who, article->id, 0, form->get("comment"), now);
  if (auto errors = validate_comment(c.author_name, c.body, "", false); !errors.empty())
    return refused(who, speech.text(errors.front().wording.id, {{"value", errors.front().wording.value}}),
                   Status::unprocessable_entity);
  auto tx = store_.begin_write();
  c.id = tx->save_comment(c);
  tx->append_audit(audit_entry(who.actor(), now, "comment.staff", "comment:" + std::to_string(c.id),
                               "article:" + std::to_string(article->id)));
  tx->commit();
  return see_other(path_of(article->kind, article->slug) + "#comment-" + std::to_string(c.id));
}

http::Response AdminSite::commenter(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::manage_users))
    return refused(who, speech.text("Only owners export or erase what a commenter wrote."));
  auto form = request_form(req);
  if (!form) return comments_page(who, req, speech.text("Send the moderation form."), Status::bad_request, "");
  // By e-mail, or by the comment a commenter wrote: its e-mail's key, else its browser's.
  CommentQuery theirs;
  std::string by;
  std::optional<Comment> one;
  if (std::string email = form->get("email"); !email.empty()) {
    theirs.email_key = comment_keys_.key_of("email", email);
    by = "email";
  } else if (auto id = parse_whole_number(form->get("comment"))) {
    one = store_.comment(*id);
    if (!one) return comments_page(who, req, speech.text("No comment has the id {id}.", {{"id", std::to_string(*id)}}),
                                   Status::unprocessable_entity, "");
    theirs.email_key = one->email_key;
    theirs.browser_key = one->browser_key;
    by = "comment";
  } else {
    return comments_page(who, req, speech.text("Give the commenter's e-mail address or one of their comments."),
                         Status::unprocessable_entity, "");
  }
  theirs.limit = 1'000'000;
  std::vector<Comment> found;
  if (!theirs.email_key.empty() || !theirs.browser_key.empty()) found = store_.comments(theirs).items;
  else if (one) found.push_back(*one);  // nothing else names its writer (an import's, a newsroom's): that comment only
  Instant now = sessions_.options().clock();
  if (form->get("action") == "export") {
    auto context = contexts_.get();
    boost::json::array list;
    for (const auto& c : found) {
      auto article = store_.article_summary(c.article_id);
      boost::json::object o{{"id", c.id},
                            {"article", article ? context->absolute_url(path_of(article->kind, article->slug)) : ""},
                            {"parent", c.parent_id},
                            {"author", c.author_name},
                            {"body", c.body},
                            {"status", to_string(c.status)},
                            {"created_at", format_iso8601(c.created_at)},
                            {"edited_at", c.edited_at ? boost::json::value(format_iso8601(*c.edited_at)) : nullptr}};
      if (!c.email.empty()) o["email"] = c.email;
      if (!c.author_url.empty()) o["url"] = c.author_url;
      list.push_back(std::move(o));
    }
    auto tx = store_.begin_write();
    tx->append_audit(audit_entry(who.actor(), now, "commenter.export", "commenter:" + by, std::to_string(found.size()) + " comments"));
    tx->commit();
    auto res = json_response(Status::ok, boost::json::object{{"exported_at", format_iso8601(now)}, {"comments", std::move(list)}});
    res.set(http::Field::content_disposition, "attachment; filename=\"comments.json\"");
    res.set(http::Field::cache_control, "private, no-store");
    return res;
  }
  if (form->get("action") != "erase")
    return comments_page(who, req, speech.text("'{value}' is not an action of this page", {{"value", form->get("action").substr(0, 40)}}),
                         Status::bad_request, "");
  std::vector<std::int64_t> ids;
  for (const auto& c : found) ids.push_back(c.id);
  auto tx = store_.begin_write();
  tx->erase_comments(ids);
  tx->append_audit(audit_entry(who.actor(), now, "commenter.erase", "commenter:" + by, std::to_string(ids.size()) + " comments"));
  tx->commit();
  return see_other("/admin/comments?done=" + std::to_string(ids.size()));
}

http::Response AdminSite::comment_settings_page(const SignedIn& who, const CommentSettings& c, const std::string& error,
                                                Status status, const std::string& notice) const {
  Speech speech = speech_of(&who);
  auto lines = [](const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += w + "\n";
    return out;
  };
  TemplateData data;
  data.set("csrf", who.csrf);
  data.set("open", c.open);
  data.set("close_after_days", std::to_string(c.close_after_days));
  data.set("depth", std::to_string(c.depth));
  data.set("newest_first", c.newest_first);
  data.set("threads_per_page", std::to_string(c.threads_per_page));
  data.set("moderation_all", c.moderation == CommentModeration::all);
  data.set("moderation_first", c.moderation == CommentModeration::first);
  data.set("moderation_links", c.moderation == CommentModeration::links);
  data.set("max_links", std::to_string(c.max_links));
  data.set("hold_words", lines(c.hold_words));
  data.set("refuse_words", lines(c.refuse_words));
  set_text(data, "error", error);
  set_text(data, "notice", notice);
  return page(&who, "comment_settings", std::move(data), speech.text("Comment settings"), status);
}

http::Response AdminSite::comment_settings(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::manage_settings)) return refused(who, speech.text("Only owners change the site's settings."));
  return comment_settings_page(who, contexts_.get()->site.comments, "", Status::ok,
                               query_value(req.target(), "saved") == "1" ? speech.text("Saved.") : "");
}

http::Response AdminSite::save_comment_settings(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::manage_settings)) return refused(who, speech.text("Only owners change the site's settings."));
  Site site = store_.site();
  auto form = request_form(req);
  if (!form) return comment_settings_page(who, site.comments, speech.text("Send the settings form."), Status::bad_request, "");
  CommentSettings c = site.comments;
  std::string wrong;
  auto number = [&](const char* field, const char* label, int low, int high, int& out) {
    auto n = parse_whole_number(form->get(field));
    if (!n || *n < low || *n > high) {
      if (wrong.empty())
        wrong = speech.text("{field}: a whole number from {low} to {high}",
                            {{"field", speech.text(label)}, {"low", std::to_string(low)}, {"high", std::to_string(high)}});
      return;
    }
    out = static_cast<int>(*n);
  };
  c.open = form->has("open");
  number("close_after_days", N_("Close comments after (days, 0: never)"), 0, 36500, c.close_after_days);
  number("depth", N_("Deepest reply level"), 1, 20, c.depth);
  number("threads_per_page", N_("Threads per page"), 1, 500, c.threads_per_page);
  number("max_links", N_("Hold a comment with more links than"), 0, 100, c.max_links);
  c.newest_first = form->get("order") == "newest";
  if (auto rule = parse_comment_moderation(form->get("moderation"))) c.moderation = *rule;
  else if (wrong.empty()) wrong = speech.text("'{value}' is not an action of this page", {{"value", form->get("moderation").substr(0, 40)}});
  c.hold_words = word_list(form->get("hold_words"));
  c.refuse_words = word_list(form->get("refuse_words"));
  if (!wrong.empty()) return comment_settings_page(who, c, wrong, Status::unprocessable_entity, "");
  site.comments = c;
  auto tx = store_.begin_write();
  tx->save_site(site);
  tx->append_audit(audit_entry(who.actor(), sessions_.options().clock(), "settings.comments", "site", ""));
  tx->commit();
  return see_other("/admin/comments/settings?saved=1");
}

}  // namespace kpress
