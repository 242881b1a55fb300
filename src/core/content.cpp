#include "core/content.hpp"

namespace kpress {

std::string_view to_string(ArticleStatus status) {
  switch (status) {
    case ArticleStatus::draft: return "draft";
    case ArticleStatus::scheduled: return "scheduled";
    case ArticleStatus::published: return "published";
    case ArticleStatus::unpublished: return "unpublished";
  }
  return "draft";
}

std::optional<ArticleStatus> parse_article_status(std::string_view text) {
  for (auto s : {ArticleStatus::draft, ArticleStatus::scheduled, ArticleStatus::published,
                 ArticleStatus::unpublished}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

std::string_view to_string(ArticleComments c) {
  switch (c) {
    case ArticleComments::open: return "open";
    case ArticleComments::closed: return "closed";
    case ArticleComments::site: break;
  }
  return "site";
}

std::optional<ArticleComments> parse_article_comments(std::string_view text) {
  for (auto c : {ArticleComments::site, ArticleComments::open, ArticleComments::closed})
    if (to_string(c) == text) return c;
  return std::nullopt;
}

std::string_view to_string(ArticleKind kind) { return kind == ArticleKind::page ? "page" : "article"; }

std::optional<ArticleKind> parse_article_kind(std::string_view text) {
  for (auto k : {ArticleKind::article, ArticleKind::page})
    if (to_string(k) == text) return k;
  return std::nullopt;
}

std::string article_path(std::string_view slug) { return "/articles/" + std::string(slug); }
std::string section_path(std::string_view slug) { return "/section/" + std::string(slug); }
std::string tag_path(std::string_view slug) { return "/tag/" + std::string(slug); }
std::string author_path(std::string_view slug) { return "/author/" + std::string(slug); }
std::string page_path(std::string_view slug) { return "/" + std::string(slug); }
std::string path_of(ArticleKind kind, std::string_view slug) {
  return kind == ArticleKind::page ? page_path(slug) : article_path(slug);
}

ArticleSummary summarize(const Article& a) {
  return {a.id,   a.slug,   a.language, a.title,        a.standfirst, a.section,
          a.author, a.hero, a.status,   a.published_at, a.updated_at, a.kind};
}

bool is_visible(ArticleStatus status, std::optional<Instant> published_at, Instant now) {
  if (status == ArticleStatus::published) return true;
  return status == ArticleStatus::scheduled && published_at && *published_at <= now;
}

std::string article_text(const Article& a) { return a.title + "\n\n" + a.standfirst + "\n\n" + a.body; }

bool same_content(const Article& a, const Article& b) {
  return a.slug == b.slug && a.language == b.language && a.title == b.title && a.standfirst == b.standfirst &&
         a.body == b.body && a.section == b.section && a.author == b.author && a.tags == b.tags &&
         a.hero.url == b.hero.url && a.hero.alt == b.hero.alt && a.hero.credit == b.hero.credit &&
         a.status == b.status && a.published_at == b.published_at && a.updated_at == b.updated_at &&
         a.source.site == b.source.site && a.source.url == b.source.url && a.source.author == b.source.author &&
         a.translator == b.translator && a.translation_of == b.translation_of && a.link == b.link &&
         a.unlink == b.unlink && a.redirect_to == b.redirect_to && a.source_revision == b.source_revision &&
         a.comments == b.comments && a.kind == b.kind && a.seo_title == b.seo_title &&
         a.seo_description == b.seo_description;
}

}  // namespace kpress
