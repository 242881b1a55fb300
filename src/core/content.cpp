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

ArticleSummary summarize(const Article& a) {
  return {a.id,   a.slug,   a.language, a.title,        a.standfirst, a.section,
          a.author, a.hero, a.status,   a.published_at, a.updated_at};
}

bool is_visible(ArticleStatus status, std::optional<Instant> published_at, Instant now) {
  if (status == ArticleStatus::published) return true;
  return status == ArticleStatus::scheduled && published_at && *published_at <= now;
}

}  // namespace kpress
