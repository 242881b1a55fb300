#include "site/comment_views.hpp"

#include <mutex>

#include "core/lru_map.hpp"
#include "render/markdown.hpp"
#include "site/comment_keys.hpp"
#include "store/store.hpp"

namespace kpress {

std::shared_ptr<const RenderedComment> rendered_comment(const Comment& c) {
  struct Kept {
    std::size_t body_hash = 0;  // the text it was rendered from: an edit renders it again
    std::shared_ptr<const RenderedComment> rendered;
  };
  static std::mutex mutex;
  static LruMap<std::int64_t, Kept> kept(20000);
  auto body_hash = std::hash<std::string>{}(c.body);
  if (c.id) {
    std::lock_guard lock(mutex);
    if (auto* k = kept.find(c.id); k && k->body_hash == body_hash) return k->rendered;
  }
  auto html = render_comment_markdown(c.body);
  auto made = std::make_shared<const RenderedComment>(RenderedComment{std::move(html.html), comment_plain_text(c.body), html.links});
  if (c.id) {
    std::lock_guard lock(mutex);
    kept.put(c.id, {body_hash, made});
  }
  return made;
}

std::string comment_post_path(std::string_view article_slug) { return article_path(article_slug) + "/comments"; }
std::string comment_path(std::int64_t id) { return "/comments/" + std::to_string(id); }

TemplateData comment_form_view(const Article& article, const CommentDraft& draft, const CommentKeys& keys, Instant now,
                               const Speech& speech) {
  TemplateData form;
  form.set("post_url", comment_post_path(article.slug));
  form.set("token", keys.form_token(article.id, now));
  form.set("token_url", "/api/v1/articles/" + std::to_string(article.id) + "/comments/token");
  form.set("api_url", "/api/v1/articles/" + std::to_string(article.id) + "/comments");
  set_text(form, "parent", draft.parent ? std::to_string(draft.parent) : std::string());
  form.set("author", draft.author);
  form.set("email", draft.email);
  form.set("notify", draft.notify);
  form.set("body", draft.body);
  TemplateData errors{TemplateData::type::list};
  for (const auto& e : draft.errors) {
    TemplateData item;
    item.set("field", e.field);
    item.set("message", e.wording.empty() ? e.message : speech.text(e.wording.id, {{"value", e.wording.value}}));
    errors.push_back(std::move(item));
  }
  if (!draft.refusal.empty()) {
    TemplateData item;
    item.set("field", "");
    item.set("message", draft.refusal);
    errors.push_back(std::move(item));
  }
  form.set("has_errors", !errors.is_empty_list());
  form.set("errors", std::move(errors));
  return form;
}

TemplateData comment_view(const Comment& c, int depth, bool open, const SiteContext& context, std::string_view language) {
  TemplateData v;
  v.set("id", std::to_string(c.id));
  v.set("depth", std::to_string(depth));
  v.set("author", c.author_name);
  set_text(v, "url", c.author_url.starts_with("https://") || c.author_url.starts_with("http://") ? c.author_url : "");
  v.set("staff", c.staff_user.has_value());
  v.set("html", rendered_comment(c)->html);
  v.set("time", time_view(c.created_at, context, language));
  v.set("edited", c.edited_at.has_value());
  v.set("pending", c.status == CommentStatus::pending);
  set_text(v, "reply_url", open ? comment_path(c.id) + "/reply" : "");
  set_text(v, "report_url", c.status == CommentStatus::approved ? comment_path(c.id) + "/report" : "");
  return v;
}

CommentPage comment_page(std::vector<Comment> approved, const CommentSettings& rules, int page) {
  CommentPage out;
  for (auto& c : approved)
    if (c.kind == CommentKind::comment) out.comments.push_back(std::move(c));
  int per_page = std::max(rules.threads_per_page, 1);
  out.threads = thread_comments(out.comments, rules.depth, rules.newest_first, (page - 1) * per_page, per_page);
  out.pages = std::max(1, (out.threads.threads + per_page - 1) / per_page);
  return out;
}

std::string comments_tag(std::int64_t article_id) { return "comments:" + std::to_string(article_id); }

TemplateData cards_with_comments(const Store& store, const std::vector<ArticleSummary>& articles, const SiteContext& context,
                                 std::string_view language, std::vector<std::string>& cache_tags) {
  std::vector<std::int64_t> ids;
  for (const auto& a : articles) ids.push_back(a.id);
  auto counts = ids.empty() ? std::map<std::int64_t, std::int64_t>{} : store.comment_counts(ids);
  TemplateData list{TemplateData::type::list};
  for (const auto& a : articles) {
    list.push_back(card_view(a, context, language, counts[a.id]));
    cache_tags.push_back(comments_tag(a.id));
  }
  return list;
}

void set_comments_section(TemplateData& page_data, const Article& article, const CommentPage& shown, int page, bool open, const CommentKeys& keys, Instant now, const SiteContext& context,
                          const Speech& speech) {
  TemplateData section;
  section.set("title", shown.comments.empty()
                           ? speech.text("Comments")
                           : speech.counted("{n} comment", "{n} comments", static_cast<long long>(shown.comments.size())));
  TemplateData list{TemplateData::type::list};
  for (const auto& t : shown.threads.shown) list.push_back(comment_view(*t.comment, t.depth, open, context, article.language));
  section.set("has_comments", !list.is_empty_list());
  section.set("list", std::move(list));
  int pages = shown.pages;
  auto page_url = [&](int n) {
    return path_of(article.kind, article.slug) + (n == 1 ? "" : "?comments=" + std::to_string(n)) + "#comments";
  };
  set_text(section, "previous_url", page > 1 ? page_url(page - 1) : "");
  set_text(section, "next_url", page < pages ? page_url(page + 1) : "");
  section.set("paged", pages > 1);
  section.set("open", open);
  // The form of a page kept in caches carries the hour it was made in, not the second: every
  // rendering within the hour is the same bytes (one ETag; a reader's If-None-Match holds), and
  // the token still lasts a day less that hour. The page's script asks for a token of its own
  // moment as the reader starts writing, for the time trap.
  if (open) section.set("form", comment_form_view(article, CommentDraft{}, keys, std::chrono::floor<std::chrono::hours>(now), speech));
  else section.set("form", false);
  page_data.set("comments", std::move(section));
}

}  // namespace kpress
