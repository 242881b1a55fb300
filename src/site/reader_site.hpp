#pragma once
// The reader-facing site: pages, the read-only JSON API, theme assets and media files.
#include <filesystem>
#include <functional>

#include "core/content.hpp"
#include "core/time.hpp"
#include "http/router.hpp"
#include "site/editions.hpp"
#include "store/store.hpp"

namespace kpress {

class CommentKeys;

class Store;
class SiteContextCache;
class PosterFetcher;
class BodyKeeper;
class Theme;
struct ArticleQuery;
struct CommentPage;
struct SiteContext;
struct Speech;
class TemplateData;


struct ReaderSiteOptions {
  std::filesystem::path media_dir;  // files served under /media/
  int page_size = 12;
  Clock clock = system_now;
  bool feeds_full_content = true;  // false: feeds carry the standfirst only
  PosterFetcher* posters = nullptr;  // video posters kept by the site; null: the placeholder
  BodyKeeper* bodies = nullptr;  // keeps rendered article bodies; null: rendered at every view
  const CommentKeys* comment_keys = nullptr;  // null: articles show no comments
};

// An article's body as its page shows it.
struct BodyView {
  RenderedBody body;
  std::vector<std::string> posters_coming;  // cache tags of the videos shown with the placeholder
};

// An article page as readers get it, with what the page cache needs to know of it.
struct ArticlePage {
  std::string html;
  std::vector<std::string> cache_tags;
  std::optional<Instant> until;  // it changes then by itself (next episode, related list)
};

class ReaderSite {
 public:
  ReaderSite(const Store& store, const SiteContextCache& contexts, const Theme& theme, ReaderSiteOptions options);
  void add_routes(http::Router& router) const;
  // The body of `article` about `entities`, its mentions of them linked; `aliases` are their
  // spellings: the stored article's for readers, a draft's in the admin's preview.
  BodyView render_body(const Article& article, const std::vector<ArticleEntity>& entities,
                       const std::vector<CatalogAlias>& aliases) const;
  // The page of `article` with its `body`.
  // `comments_page`: which page of its comment threads it shows, from 1.
  ArticlePage article_page(const Article& article, const BodyView& body, Instant now, int comments_page = 1) const;

 private:
  // The other editions readers may see of the story `article` belongs to: its source and the
  // source's other translations.
  std::vector<ArticleSummary> other_editions(const Article& article, Instant now) const;
  // A standalone page (About, Legal notice): its body, editions and dates, at "/SLUG".
  ArticlePage standalone_page(const Article& page, const BodyView& body, Instant now, int comments_page) const;
  // Sets the comments section of `page` for `article`; returns the comments shown, and when the
  // site's rule closes them in `close_at`.
  CommentPage comments_section(TemplateData& page, const Article& article, const SiteContext& context,
                               const Speech& speech, int comments_page, Instant now, std::optional<Instant>& close_at) const;
  // "/SLUG": the page of that slug readers may see, else a 404.
  // `target`: the request's, whose ?comments=N is the page of comment threads shown.
  http::Response page_at(std::string_view slug, std::string_view target) const;
  http::Response home(const http::Request& req, const http::RouteParams&, const Edition& edition) const;
  http::Response article(const http::Request& req, const http::RouteParams& params) const;
  // The kept body of a stored article, or one rendered now (and handed to be kept).
  BodyView body_of(const Article& article) const;
  http::Response section(const http::Request& req, const http::RouteParams& params, const Edition& edition) const;
  http::Response tag(const http::Request& req, const http::RouteParams& params, const Edition& edition) const;
  http::Response author(const http::Request& req, const http::RouteParams& params, const Edition& edition) const;
  http::Response api_articles(const http::Request& req) const;
  // The stories pinned to a language's front page (?lang=, the site's language by default).
  http::Response api_featured(const http::Request& req) const;
  // The pinned stories of `language` a reader sees at `now` (their time not passed, the article
  // visible and of that language), and when the first of their times ends.
  struct FeaturedNow {
    std::vector<std::pair<ArticleSummary, FeaturedStory>> stories;
    std::optional<Instant> until;
  };
  FeaturedNow featured_now(const std::string& language, Instant now) const;
  http::Response api_article(const http::RouteParams& params) const;
  http::Response asset(const http::Request& req, const http::RouteParams& params) const;
  http::Response media(const http::Request& req, const http::RouteParams& params) const;
  // A paged list of an edition's articles: a section, a tag or an author.
  struct ArchiveSpec {
    std::string kind;     // "Section", "Tag", "Author", in the edition's language
    std::string heading;  // the section's, tag's or author's name
    std::string intro;
    std::string base_path;  // in the default edition
    std::string nav_current;
    std::string tag;  // what the page cache knows it by: list:section:kdrama
    std::string feed_path;  // its feeds without extension, or empty
  };
  http::Response archive(const http::Request& req, ArticleQuery query, const ArchiveSpec& spec,
                         const SiteContext& context, const Edition& edition) const;
  http::Response healthz() const;
  // /feed.xml, /section/S/feed.atom, /people/P/feed.json...: params kind, slug, file.
  http::Response feed(const http::Request& req, const http::RouteParams& params, const Edition& edition) const;
  http::Response sitemap_index() const;
  http::Response sitemap(const http::Request& req, const http::RouteParams& params) const;  // param file
  http::Response robots() const;
  http::Response error_page(http::Status status) const;

  const Store& store_;
  const SiteContextCache& contexts_;
  const Theme& theme_;
  ReaderSiteOptions options_;
};

}  // namespace kpress
