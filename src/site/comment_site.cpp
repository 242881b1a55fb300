#include "site/comment_site.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/numbers.hpp"
#include "http/form.hpp"
#include "render/feeds.hpp"
#include "render/markdown.hpp"
#include "site/cache_tags.hpp"
#include "site/comment_notices.hpp"
#include "site/comment_views.hpp"
#include "site/error_page.hpp"
#include "site/json_response.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

namespace json = boost::json;
using http::Status;

namespace {

// What a commenter may not do again within this long: the same text on the same article.
constexpr int kDuplicatesLookedAt = 20;

// At most this many comments a transaction: a flood is written in a few, each answered soon.
constexpr std::size_t kCommentsPerBatch = 512;

http::Response private_response(http::Response res) {
  res.set(http::Field::cache_control, "private, no-store");
  return res;
}

http::Response see_other(const std::string& location) {
  auto res = http::make_response(Status::see_other, "", "text/plain; charset=utf-8");
  res.set(http::Field::location, location);
  return private_response(std::move(res));
}

std::optional<std::int64_t> id_in(std::string_view text) {
  auto id = parse_whole_number(text);
  if (!id || *id < 1) return std::nullopt;
  return id;
}

// The article of /api/v1/articles/{id}/..., as readers may see it now, or the API's error.
std::variant<Article, http::Response> readable_article(const Store& store, std::string_view id_text, Instant now) {
  auto id = id_in(id_text);
  if (!id) return json_error(Status::bad_request, "the article id must be a whole number");
  auto article = store.article_by_id(*id);
  if (!article || article->trashed_at || !is_visible(article->status, article->published_at, now))
    return json_error(Status::not_found, "no article " + std::to_string(*id));
  return std::move(*article);
}

}  // namespace

CommentSite::CommentSite(Store& store, const SiteContextCache& contexts, const Theme& theme, const ReaderIds& readers,
                         const CommentKeys& keys, const CommentNotices& notices, CommentOptions comment_options,
                         ReaderSiteOptions options)
    : store_(store), contexts_(contexts), theme_(theme), readers_(readers), keys_(keys), notices_(notices),
      comment_options_(comment_options), options_(std::move(options)),
      per_address_(comment_options.per_address_per_minute, comment_options.address_burst),
      per_article_(comment_options.per_article_per_minute, comment_options.article_burst),
      writes_(kCommentsPerBatch, [this](std::vector<PendingComment>& batch) { write_batch(batch); }) {}

void CommentSite::add_routes(http::Router& router) {
  router.add_async(http::Verb::post, "/articles/{slug}/comments",
                   [this](const auto& req, const auto& p, http::Respond respond) { post_form(req, p.get("slug"), std::move(respond)); });
  for (const char* file : {"feed.xml", "feed.atom", "feed.json"}) {
    router.add(http::Verb::get, std::string("/comments/") + file, [this, file](const auto&, const auto&) { return feed({}, file); });
    router.add(http::Verb::get, std::string("/articles/{slug}/comments/") + file,
               [this, file](const auto&, const auto& p) { return feed(p.get("slug"), file); });
  }
  router.add(http::Verb::get, "/comments/{id}", [this](const auto& req, const auto& p) { return own_comment(req, p.get("id")); });
  router.add(http::Verb::get, "/comments/{id}/reply",
             [this](const auto& req, const auto& p) { return reply_form(req, p.get("id")); });
  router.add(http::Verb::get, "/comments/{id}/edit", [this](const auto& req, const auto& p) { return edit_form(req, p.get("id")); });
  router.add(http::Verb::post, "/comments/{id}/edit", [this](const auto& req, const auto& p) { return edit(req, p.get("id")); });
  router.add(http::Verb::get, "/comments/{id}/report",
             [this](const auto& req, const auto& p) { return report_page(req, p.get("id")); });
  router.add(http::Verb::post, "/comments/{id}/report", [this](const auto& req, const auto& p) { return report(req, p.get("id")); });
  router.add(http::Verb::get, "/notices/unsubscribe", [this](const auto& req, const auto&) { return unsubscribe(req, false); });
  router.add(http::Verb::post, "/notices/unsubscribe", [this](const auto& req, const auto&) { return unsubscribe(req, true); });
  router.add(http::Verb::get, "/api/v1/articles/{id}/comments",
             [this](const auto& req, const auto& p) { return get_json(req, p.get("id")); });
  router.add(http::Verb::get, "/api/v1/articles/{id}/comments/token",
             [this](const auto&, const auto& p) { return form_token(p.get("id")); });
  router.add_async(http::Verb::post, "/api/v1/articles/{id}/comments",
                   [this](const auto& req, const auto& p, http::Respond respond) { post_json(req, p.get("id"), std::move(respond)); });
}

void CommentSite::accept(const Article& a, const Submission& s, Instant now, Accepted then) {
  auto context = contexts_.get();
  const CommentSettings& rules = context->site.comments;
  if (!comments_open(rules, a, now))
    return then(Refusal{Status::forbidden, {}, {N_("comments are closed on this article")}});
  Refusal invalid{Status::bad_request, validate_comment(s.author, s.body, s.email, s.notify), {}};
  if (s.parent) {
    auto parent = store_.comment(s.parent);
    if (!parent || parent->article_id != a.id || parent->status != CommentStatus::approved)
      invalid.errors.push_back(FieldError::about("parent", {N_("the comment answered is not shown under this article")}));
  }
  if (!invalid.errors.empty()) return then(std::move(invalid));
  if (holds_any(s.body, rules.refuse_words) || holds_any(s.author, rules.refuse_words))
    return then(Refusal{Status::bad_request, {}, {N_("the comment holds words this site does not accept")}});
  if (!per_address_.allow(s.address))
    return then(Refusal{Status::too_many_requests, {}, {N_("too many comments from your address: wait a minute")}, 60});
  if (!per_article_.allow(std::to_string(a.id)))
    return then(Refusal{Status::too_many_requests, {}, {N_("too many comments on this article right now: wait a minute")}, 60});

  Comment c;
  c.article_id = a.id;
  c.parent_id = s.parent;
  c.author_name = without_direction_controls(s.author);
  c.body = without_direction_controls(s.body);
  c.email_key = keys_.key_of("email", s.email);
  // The address itself is kept only for the notices its owner asked for.
  if (s.notify) c.email = s.email;
  c.notify_replies = s.notify;
  c.browser_key = keys_.key_of("browser", s.reader);
  // The address itself is not kept, nor its key: the limits per address live in memory.
  c.created_at = now;

  // A reader new to the site, without an e-mail, wrote nothing before: nothing to look up (a
  // flood of new readers costs no reading of what the article already has).
  bool first_time = s.new_reader && c.email_key.empty();
  if (!first_time) {
    CommentQuery mine;
    mine.article_id = a.id;
    mine.browser_key = c.browser_key;
    mine.email_key = c.email_key;
    mine.limit = kDuplicatesLookedAt;
    for (const auto& earlier : store_.comments(mine).items) {
      if (earlier.body == c.body && earlier.status != CommentStatus::trash)
        return then(Refusal{Status::conflict, {}, {N_("you have already posted this comment")}});
    }
  }
  int links = render_comment_markdown(c.body).links;
  bool holds_word = holds_any(c.body, rules.hold_words) || holds_any(c.author_name, rules.hold_words);
  c.spam_score = spam_score_of(c);
  bool known = !first_time && store_.commenter_known(c.email_key, c.browser_key);
  c.status = judged_status(first_status(rules, known, links, holds_word), c.spam_score);
  // Written with the comments of other requests in flight, and answered once durable.
  if (!writes_.push({std::move(c), a, std::move(then)}))
    then(Refusal{Status::service_unavailable, {}, {N_("the site is stopping: send your comment again in a moment")}});
}

void CommentSite::write_batch(std::vector<PendingComment>& batch) {
  std::vector<bool> written(batch.size(), false);
  try {
    auto tx = store_.begin_write();
    // Within one batch, the same text from the same commenter on the same article is a double
    // send (earlier ones were refused before the batch): written once.
    std::set<std::tuple<std::int64_t, std::string, std::string>> seen;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      auto& c = batch[i].comment;
      if (!seen.emplace(c.article_id, c.email_key.empty() ? c.browser_key : c.email_key, c.body).second) continue;
      c.id = tx->save_comment(c);
      written[i] = true;
    }
    tx->commit();
  } catch (const std::exception& e) {
    spdlog::error("comments not saved: {}", e.what());
    for (auto& p : batch) p.then(Refusal{Status::service_unavailable, {}, {N_("the comment could not be saved: send it again")}});
    return;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    auto& p = batch[i];
    if (!written[i]) {
      p.then(Refusal{Status::conflict, {}, {N_("you have already posted this comment")}});
      continue;
    }
    notices_.waiting(p.comment, p.article);
    notices_.shown(p.comment, p.article);
    p.then(std::move(p.comment));
  }
}

std::optional<double> CommentSite::spam_score_of(const Comment& c) const {
  auto filter = store_.spam_filter_totals();
  if (!filter.ready()) return std::nullopt;
  return spam_score(filter, store_.spam_word_counts(spam_tokens(c.author_name, c.body)));
}

http::Response CommentSite::form_page(const Article& article, Status status, CommentDraft draft,
                                      const std::optional<Comment>& answering) const {
  auto context = contexts_.get();
  Speech speech = speech_in(theme_, article.language);
  Instant now = options_.clock();
  TemplateData page;
  page.set("article_title", article.title);
  page.set("article_url", path_of(article.kind, article.slug));
  page.set("answering", answering ? comment_view(*answering, 0, false, *context, article.language) : TemplateData(false));
  page.set("form", comment_form_view(article, draft, keys_, now, speech));
  PageMeta meta{.title = speech.text(answering ? "Reply to a comment" : "Your comment"), .noindex = true};
  meta.language = article.language;
  auto res = http::make_response(status, render_page(theme_, *context, "comment_form", std::move(page), meta),
                                 "text/html; charset=utf-8");
  return private_response(std::move(res));
}

void CommentSite::post_form(const http::Request& req, std::string_view slug, http::Respond respond) {
  auto context = contexts_.get();
  Instant now = options_.clock();
  auto article = store_.article_by_slug(slug);
  if (!article || article->trashed_at || !is_visible(article->status, article->published_at, now))
    return respond(error_page(*context, theme_, Status::not_found));
  const Article& a = *article;
  Speech speech = speech_in(theme_, a.language);
  if (!req[http::Field::content_type].starts_with("application/x-www-form-urlencoded"))
    return respond(error_page(*context, theme_, Status::unsupported_media_type,
                              speech.text(N_("send the comment form as a browser does (a form, not another format)")), a.language));
  auto form = http::Form::parse(req.body());
  if (!form) return respond(error_page(*context, theme_, Status::bad_request, {}, a.language));
  CommentDraft draft{form->get("author"), form->get("email"), form->has("notify"), form->get("body"), 0, {}, {}};
  if (auto parent = form->get("parent"); !parent.empty()) {
    auto id = id_in(parent);
    if (!id) return respond(error_page(*context, theme_, Status::bad_request, {}, a.language));
    draft.parent = *id;
  }
  auto answering = draft.parent ? store_.comment(draft.parent) : std::nullopt;
  if (answering && answering->status != CommentStatus::approved) answering.reset();
  auto refuse = [&](Status status, std::string_view reason) {
    draft.refusal = speech.text(reason);
    return form_page(a, status, std::move(draft), answering);
  };
  // The traps: a field people never see (bots fill every field), and a form sent back within
  // seconds of being made, or made more than a day ago, or by no page of this site.
  if (!form->get("website").empty()) return respond(refuse(Status::bad_request, N_("this comment was not accepted")));
  if (!http::from_this_site(req)) return respond(refuse(Status::forbidden, N_("comments are sent from this site's pages only")));
  switch (keys_.check(form->get("token"), a.id, now)) {
    case FormTokenCheck::good: break;
    case FormTokenCheck::too_soon:
      return respond(refuse(Status::bad_request, N_("this form was sent too quickly: wait a few seconds and send it again")));
    case FormTokenCheck::too_old:
    case FormTokenCheck::forged:
      return respond(refuse(Status::bad_request, N_("this form is too old or comes from elsewhere: send it again")));
  }
  auto reader = readers_.read(req);
  std::string set_cookie;
  if (!reader) std::tie(reader, set_cookie) = readers_.issue(comment_options_.secure_cookies);
  Submission s{draft.author, draft.email, draft.notify, draft.body, draft.parent,
               std::string(req[http::kRemoteAddressHeader]), *reader, !set_cookie.empty()};
  accept(a, s, now, [this, a, draft = std::move(draft), answering, set_cookie, respond](Outcome outcome) mutable {
    if (auto* refusal = std::get_if<Refusal>(&outcome)) {
      Speech in_article = speech_in(theme_, a.language);
      draft.errors = std::move(refusal->errors);
      if (!refusal->reason.empty()) draft.refusal = in_article.text(refusal->reason.id);
      auto res = form_page(a, refusal->status, std::move(draft), answering);
      if (refusal->retry_after) res.set(http::Field::retry_after, std::to_string(refusal->retry_after));
      return respond(std::move(res));
    }
    const Comment& c = std::get<Comment>(outcome);
    // Approved: back to the article, at the comment (the page was dropped from caches when the
    // comment was committed). Held: to the comment's own page, which shows it to its writer.
    auto res = see_other(c.status == CommentStatus::approved ? path_of(a.kind, a.slug) + "#comment-" + std::to_string(c.id)
                                                             : comment_path(c.id));
    if (!set_cookie.empty()) res.set(http::Field::set_cookie, set_cookie);
    respond(std::move(res));
  });
}

std::optional<Comment> CommentSite::written_here(const http::Request& req, std::string_view id_text) const {
  auto id = id_in(id_text);
  auto c = id ? store_.comment(*id) : std::nullopt;
  auto reader = readers_.read(req);
  if (!c || c->kind != CommentKind::comment || !reader || c->browser_key.empty() ||
      keys_.key_of("browser", *reader) != c->browser_key)
    return std::nullopt;
  return c;
}

http::Response CommentSite::own_comment(const http::Request& req, std::string_view id_text) const {
  auto context = contexts_.get();
  auto mine = written_here(req, id_text);
  if (!mine) {
    // Others: a shown comment is under its article; one that waits is nobody else's business.
    if (auto found = shown(id_text))
      return see_other(path_of(found->article.kind, found->article.slug) + "#comment-" + std::to_string(found->comment.id));
    return error_page(*context, theme_, Status::not_found);
  }
  auto article = store_.article_by_id(mine->article_id);
  // One the filter took for spam waits, as far as its writer is told: a spammer learns nothing.
  if (!article || mine->status == CommentStatus::trash) return error_page(*context, theme_, Status::not_found);
  Speech speech = speech_in(theme_, article->language);
  TemplateData page;
  page.set("article_title", article->title);
  page.set("article_url", path_of(article->kind, article->slug));
  page.set("shown_url", mine->status == CommentStatus::approved
                            ? TemplateData(path_of(article->kind, article->slug) + "#comment-" + std::to_string(mine->id))
                            : TemplateData(false));
  page.set("comment", comment_view(*mine, 0, false, *context, article->language));
  page.set("edit_url", within_edit_window(*mine, options_.clock()) ? TemplateData(comment_path(mine->id) + "/edit")
                                                                   : TemplateData(false));
  PageMeta meta{.title = speech.text("Your comment"), .noindex = true};
  meta.language = article->language;
  return private_response(http::make_response(
      Status::ok, render_page(theme_, *context, "comment_pending", std::move(page), meta), "text/html; charset=utf-8"));
}

http::Response CommentSite::edit_page(const Comment& c, const Article& article, Status status, const std::string& error,
                                      const std::string& body) const {
  auto context = contexts_.get();
  Speech speech = speech_in(theme_, article.language);
  TemplateData page;
  page.set("article_title", article.title);
  page.set("article_url", path_of(article.kind, article.slug));
  page.set("edit_url", comment_path(c.id) + "/edit");
  page.set("body", body);
  set_text(page, "error", error);
  PageMeta meta{.title = speech.text("Change your comment"), .noindex = true};
  meta.language = article.language;
  return private_response(http::make_response(
      status, render_page(theme_, *context, "comment_edit", std::move(page), meta), "text/html; charset=utf-8"));
}

http::Response CommentSite::edit_form(const http::Request& req, std::string_view id_text) const {
  auto context = contexts_.get();
  auto mine = written_here(req, id_text);
  auto article = mine ? store_.article_by_id(mine->article_id) : std::nullopt;
  if (!mine || !article) return error_page(*context, theme_, Status::not_found);
  if (!within_edit_window(*mine, options_.clock())) {
    Speech speech = speech_in(theme_, article->language);
    return error_page(*context, theme_, Status::forbidden,
                      speech.text(N_("a comment can be changed for 15 minutes after it was sent: this time has passed")),
                      article->language);
  }
  return edit_page(*mine, *article, Status::ok, "", mine->body);
}

http::Response CommentSite::edit(const http::Request& req, std::string_view id_text) {
  auto context = contexts_.get();
  Instant now = options_.clock();
  auto mine = written_here(req, id_text);
  auto article = mine ? store_.article_by_id(mine->article_id) : std::nullopt;
  // Another browser, or none: the comment is not theirs to change (nothing tells whether it exists).
  if (!mine || !article) return error_page(*context, theme_, Status::not_found);
  Speech speech = speech_in(theme_, article->language);
  if (!http::from_this_site(req))
    return error_page(*context, theme_, Status::forbidden, speech.text("comments are sent from this site's pages only"),
                      article->language);
  if (!within_edit_window(*mine, now))
    return error_page(*context, theme_, Status::forbidden,
                      speech.text("a comment can be changed for 15 minutes after it was sent: this time has passed"),
                      article->language);
  auto form = http::Form::parse(req.body());
  if (!form) return error_page(*context, theme_, Status::bad_request, {}, article->language);
  if (form->get("action") == "delete") {
    auto tx = store_.begin_write();
    tx->erase_comments({mine->id});
    tx->commit();
    return see_other(path_of(article->kind, article->slug) + "#comments");
  }
  Comment changed = *mine;
  changed.body = without_direction_controls(form->get("body"));
  if (auto errors = validate_comment(changed.author_name, changed.body, "", false); !errors.empty())
    return edit_page(*mine, *article, Status::bad_request,
                     speech.text(errors.front().wording.id, {{"value", errors.front().wording.value}}), changed.body);
  const CommentSettings& rules = context->site.comments;
  if (holds_any(changed.body, rules.refuse_words))
    return edit_page(*mine, *article, Status::bad_request, speech.text("the comment holds words this site does not accept"),
                     changed.body);
  // A shown comment is judged again as it now reads: a change the rules or the spam filter
  // would have held waits for a moderator (its writer is known: the comment was shown).
  bool holds_word = holds_any(changed.body, rules.hold_words) || holds_any(changed.author_name, rules.hold_words);
  if (changed.status == CommentStatus::approved)
    changed.status = judged_status(first_status(rules, true, render_comment_markdown(changed.body).links, holds_word),
                                   spam_score_of(changed));
  changed.edited_at = now;
  auto tx = store_.begin_write();
  tx->save_comment(changed);
  tx->commit();
  return see_other(comment_path(changed.id));
}

http::Response CommentSite::reply_form(const http::Request&, std::string_view id_text) const {
  auto context = contexts_.get();
  Instant now = options_.clock();
  auto id = id_in(id_text);
  auto c = id ? store_.comment(*id) : std::nullopt;
  auto article = c ? store_.article_by_id(c->article_id) : std::nullopt;
  if (!c || !article || c->status != CommentStatus::approved || c->kind != CommentKind::comment || article->trashed_at ||
      !is_visible(article->status, article->published_at, now))
    return error_page(*context, theme_, Status::not_found);
  if (!comments_open(context->site.comments, *article, now)) {
    Speech speech = speech_in(theme_, article->language);
    return error_page(*context, theme_, Status::forbidden, speech.text("comments are closed on this article"), article->language);
  }
  CommentDraft draft;
  draft.parent = c->id;
  return form_page(*article, Status::ok, std::move(draft), c);
}

std::optional<CommentSite::Shown> CommentSite::shown(std::string_view id_text) const {
  auto id = id_in(id_text);
  auto c = id ? store_.comment(*id) : std::nullopt;
  auto article = c ? store_.article_by_id(c->article_id) : std::nullopt;
  if (!c || !article || c->status != CommentStatus::approved || c->kind != CommentKind::comment) return std::nullopt;
  return Shown{std::move(*c), std::move(*article)};
}

http::Response CommentSite::report_answer(const Shown& shown, bool reported) const {
  auto context = contexts_.get();
  Speech speech = speech_in(theme_, shown.article.language);
  TemplateData page;
  page.set("article_title", shown.article.title);
  page.set("article_url",
           path_of(shown.article.kind, shown.article.slug) + "#comment-" + std::to_string(shown.comment.id));
  page.set("comment", reported ? TemplateData(false) : comment_view(shown.comment, 0, false, *context, shown.article.language));
  page.set("report_url", comment_path(shown.comment.id) + "/report");
  page.set("reported", reported);
  PageMeta meta{.title = speech.text("Report a comment"), .noindex = true};
  meta.language = shown.article.language;
  return private_response(http::make_response(
      Status::ok, render_page(theme_, *context, "comment_report", std::move(page), meta), "text/html; charset=utf-8"));
}

http::Response CommentSite::report_page(const http::Request&, std::string_view id_text) const {
  auto found = shown(id_text);
  if (!found) return error_page(*contexts_.get(), theme_, Status::not_found);
  return report_answer(*found, false);
}

http::Response CommentSite::report(const http::Request& req, std::string_view id_text) {
  auto context = contexts_.get();
  auto found = shown(id_text);
  if (!found) return error_page(*context, theme_, Status::not_found);
  const Comment* c = &found->comment;
  const Article* article = &found->article;
  Speech speech = speech_in(theme_, article->language);
  if (!http::from_this_site(req))
    return error_page(*context, theme_, Status::forbidden, speech.text(N_("reports are sent from this site's pages only")),
                      article->language);
  if (!per_address_.allow(std::string(req[http::kRemoteAddressHeader]))) {
    auto res = error_page(*context, theme_, Status::too_many_requests,
                          speech.text(N_("too many reports from your address: wait a minute")), article->language);
    res.set(http::Field::retry_after, "60");
    return res;
  }
  // Counted where it is stored, whatever another report did meanwhile: a report never changes
  // what readers see, so the page stays cached.
  auto tx = store_.begin_write();
  if (auto current = tx->comment(c->id)) {
    current->reports += 1;
    tx->save_comment(*current);
  }
  tx->commit();
  return report_answer(*found, true);
}

http::Response CommentSite::feed(std::string_view slug, std::string_view file) const {
  constexpr int kItems = 20;
  auto context = contexts_.get();
  Instant now = options_.clock();
  std::optional<Article> article;
  if (!slug.empty()) {
    article = store_.article_by_slug(slug);
    if (!article || article->trashed_at || !is_visible(article->status, article->published_at, now))
      return error_page(*context, theme_, Status::not_found);
  }
  std::string language = article ? article->language : context->site.default_language;
  Speech speech = speech_in(theme_, language);
  std::vector<Comment> newest;
  if (article) {
    newest = store_.comments_of(article->id, CommentStatus::approved);
    std::reverse(newest.begin(), newest.end());
  } else {
    CommentQuery approved;
    approved.status = CommentStatus::approved;
    approved.limit = kItems * 2;  // pingbacks are left out below
    newest = store_.comments(approved).items;
  }
  std::erase_if(newest, [](const Comment& c) { return c.kind != CommentKind::comment; });
  if (newest.size() > kItems) newest.resize(kItems);
  const bool rss = file == "feed.xml", atom = file == "feed.atom";
  std::string base = article ? comment_post_path(article->slug) : "/comments";
  Feed f;
  f.title = article ? speech.text("Comments on “{title}”", {{"title", article->title}})
                    : speech.text("Comments on {site}", {{"site", context->site.name}});
  f.language = language;
  f.home_url = context->absolute_url(article ? path_of(article->kind, article->slug) + "#comments" : "/");
  f.self_url = context->absolute_url(base + "/" + std::string(file));
  f.updated = article && article->published_at ? *article->published_at : Instant{};
  std::map<std::int64_t, std::optional<ArticleSummary>> articles;  // of the site's feed's items
  for (const auto& c : newest) {
    auto& of = articles[c.article_id];
    if (!of) of = store_.article_summary(c.article_id);
    if (!of || !is_visible(of->status, of->published_at, now)) continue;
    FeedItem item;
    item.url = context->absolute_url(path_of(of->kind, of->slug) + "#comment-" + std::to_string(c.id));
    item.title = speech.text("{name} on “{title}”", {{"name", c.author_name}, {"title", of->title}});
    auto rendered = rendered_comment(c);
    item.summary = rendered->text;
    item.content_html = rendered->html;
    item.language = of->language;
    item.author = c.author_name;
    item.published = c.created_at;
    item.updated = c.edited_at;
    f.updated = std::max(f.updated, c.edited_at.value_or(c.created_at));
    f.items.push_back(std::move(item));
  }
  auto res = http::make_response(Status::ok, rss ? rss_feed(f) : atom ? atom_feed(f) : json_feed(f),
                                 rss    ? "application/rss+xml; charset=utf-8"
                                 : atom ? "application/atom+xml; charset=utf-8"
                                        : "application/feed+json; charset=utf-8");
  // Dropped with the article's page when its comments change; the site's with any of them.
  mark_cacheable(res, {article ? comments_tag(article->id) : std::string(kAllCommentsTag)}, store_, now);
  return res;
}

namespace {

json::object comment_json(const Comment& c, int depth) {
  json::object o{{"id", c.id},
                 {"parent", c.parent_id ? json::value(c.parent_id) : json::value(nullptr)},
                 {"author", c.author_name},
                 {"staff", c.staff_user.has_value()},
                 {"depth", depth},
                 {"html", rendered_comment(c)->html},
                 {"created_at", format_iso8601(c.created_at)},
                 {"edited_at", c.edited_at ? json::value(format_iso8601(*c.edited_at)) : json::value(nullptr)}};
  if (c.author_url.starts_with("https://") || c.author_url.starts_with("http://")) o["url"] = c.author_url;
  return o;
}

}  // namespace

http::Response CommentSite::get_json(const http::Request& req, std::string_view id_text) const {
  auto context = contexts_.get();
  Instant now = options_.clock();
  auto found = readable_article(store_, id_text, now);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const Article* article = &std::get<Article>(found);
  int page = 1;
  if (auto asked = query_value(req.target(), "page"); !asked.empty()) {
    auto n = parse_whole_number(asked);
    if (!n || *n < 1 || *n > 1'000'000) return json_error(Status::bad_request, "page must be a whole number from 1");
    page = static_cast<int>(*n);
  }
  const CommentSettings& rules = context->site.comments;
  auto shown = comment_page(store_.comments_of(article->id, CommentStatus::approved), rules, page);
  json::array list;
  for (const auto& t : shown.threads.shown) list.push_back(comment_json(*t.comment, t.depth));
  json::object body{{"article", article->id},
                    {"count", static_cast<std::int64_t>(shown.comments.size())},
                    {"threads", shown.threads.threads},
                    {"page", page},
                    {"pages", shown.pages},
                    {"open", comments_open(rules, *article, now)},
                    {"comments", std::move(list)}};
  return json_response(Status::ok, body);
}

// The link of every notice: a page that asks before it stops anything (mail scanners open
// links), and its button; mail programs post to it directly (RFC 8058's one-click), so the
// signature of the link is what authorizes it, not this site's origin.
http::Response CommentSite::unsubscribe(const http::Request& req, bool confirmed) {
  auto context = contexts_.get();
  auto email_key = query_value(req.target(), "key");
  if (!notices_.genuine(email_key, query_value(req.target(), "sig")))
    return error_page(*context, theme_, Status::not_found, "this unsubscribe link is not one this site sent");
  if (confirmed) {
    auto tx = store_.begin_write();
    tx->unsubscribe_mail(email_key, options_.clock());
    tx->commit();
  }
  Speech speech = speech_in(theme_, context->site.default_language);
  TemplateData page;
  page.set("url", notices_.unsubscribe_path(email_key));
  page.set("done", confirmed);
  PageMeta meta{.title = speech.text("E-mail from this site"), .noindex = true};
  return private_response(http::make_response(
      Status::ok, render_page(theme_, *context, "notice_unsubscribe", std::move(page), meta), "text/html; charset=utf-8"));
}

http::Response CommentSite::form_token(std::string_view id_text) const {
  Instant now = options_.clock();
  auto found = readable_article(store_, id_text, now);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const Article& article = std::get<Article>(found);
  return private_response(json_response(
      Status::ok, json::object{{"token", keys_.form_token(article.id, now)},
                               {"expires_in", std::chrono::duration_cast<std::chrono::seconds>(CommentKeys::kOldest).count()}}));
}

void CommentSite::post_json(const http::Request& req, std::string_view id_text, http::Respond respond) {
  Instant now = options_.clock();
  auto found = readable_article(store_, id_text, now);
  if (auto* error = std::get_if<http::Response>(&found)) return respond(std::move(*error));
  const Article* article = &std::get<Article>(found);
  if (!http::from_this_site(req)) return respond(json_error(Status::forbidden, "comments are sent from this site's pages only"));
  if (!req[http::Field::content_type].starts_with("application/json"))
    return respond(json_error(Status::unsupported_media_type, "send JSON: {\"author\", \"body\", \"parent\", \"email\"}"));
  boost::system::error_code ec;
  auto value = json::parse(req.body(), ec);
  if (ec || !value.is_object()) return respond(json_error(Status::bad_request, "the body is not a JSON object"));
  const auto& o = value.as_object();
  Submission s;
  for (auto [key, field] : {std::pair{"author", &s.author}, {"body", &s.body}, {"email", &s.email}}) {
    if (const auto* v = o.if_contains(key); v && !v->is_null()) {
      if (!v->is_string()) return respond(json_error(Status::bad_request, std::string(key) + " must be a string"));
      *field = std::string(v->as_string());
    }
  }
  if (const auto* v = o.if_contains("parent"); v && !v->is_null()) {
    if (!v->is_int64() || v->as_int64() < 1) return respond(json_error(Status::bad_request, "parent must be a comment id"));
    s.parent = v->as_int64();
  }
  if (const auto* v = o.if_contains("notify"); v && !v->is_null()) {
    if (!v->is_bool()) return respond(json_error(Status::bad_request, "notify must be true or false"));
    s.notify = v->as_bool();
  }
  // The page's script sends the form's trap and token: they are checked as the form's are.
  // Other clients of the API may leave both out.
  if (const auto* v = o.if_contains("website"); v && !(v->is_string() && v->as_string().empty()) && !v->is_null())
    return respond(json_error(Status::bad_request, "this comment was not accepted"));
  if (const auto* v = o.if_contains("token"); v && !v->is_null()) {
    auto check = v->is_string() ? keys_.check(std::string(v->as_string()), article->id, now) : FormTokenCheck::forged;
    if (check == FormTokenCheck::too_soon)
      return respond(json_error(Status::bad_request, "this form was sent too quickly: wait a few seconds and send it again"));
    if (check != FormTokenCheck::good)
      return respond(json_error(Status::bad_request, "this form is too old or comes from elsewhere: send it again"));
  }
  auto reader = readers_.read(req);
  std::string set_cookie;
  if (!reader) std::tie(reader, set_cookie) = readers_.issue(comment_options_.secure_cookies);
  s.address = std::string(req[http::kRemoteAddressHeader]);
  s.reader = *reader;
  s.new_reader = !set_cookie.empty();
  accept(*article, s, now, [set_cookie, respond](Outcome outcome) {
    if (auto* refusal = std::get_if<Refusal>(&outcome)) {
      json::object err;
      json::object fields;
      std::string message;
      for (const auto& e : refusal->errors) {
        fields[e.field] = e.message;
        message += (message.empty() ? "" : "; ") + e.field + ": " + e.message;
      }
      if (!refusal->reason.empty()) message = refusal->reason.english();
      err["error"] = message;
      if (!fields.empty()) err["fields"] = std::move(fields);
      auto res = private_response(json_response(refusal->status, err));
      if (refusal->retry_after) res.set(http::Field::retry_after, std::to_string(refusal->retry_after));
      return respond(std::move(res));
    }
    const Comment& c = std::get<Comment>(outcome);
    // A comment the spam filter set aside is "pending" to its writer, as a held one is.
    auto res = private_response(json_response(
        Status::created, json::object{{"id", c.id}, {"status", c.status == CommentStatus::approved ? "approved" : "pending"}}));
    res.set(http::Field::location, comment_path(c.id));
    if (!set_cookie.empty()) res.set(http::Field::set_cookie, set_cookie);
    respond(std::move(res));
  });
}

}  // namespace kpress
