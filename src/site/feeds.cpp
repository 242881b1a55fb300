// Feeds of the site, each section, tag, language, show, person and group: RSS 2.0 (feed.xml),
// Atom (feed.atom) and JSON Feed 1.1 (feed.json), 20 items a page, ?page=N for older ones.
#include "render/feeds.hpp"
#include "render/markdown.hpp"
#include "site/cache_tags.hpp"
#include "site/comment_views.hpp"
#include "site/reader_site.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;

namespace {

constexpr int kFeedPageSize = 20;

enum class FeedFormat { rss, atom, json };

struct FeedSource {
  std::string title;      // shown as "Site — title"
  std::string base_path;  // "/section/bts": the HTML page; the feed is base_path + "/feed.xml"
  ArticleQuery query;
  std::string tag;        // what the page cache knows it by
};

std::string_view extension(FeedFormat f) { return f == FeedFormat::rss ? "xml" : f == FeedFormat::atom ? "atom" : "json"; }

std::string_view content_type(FeedFormat f) {
  return f == FeedFormat::rss    ? "application/rss+xml; charset=utf-8"
         : f == FeedFormat::atom ? "application/atom+xml; charset=utf-8"
                                 : "application/feed+json; charset=utf-8";
}

std::string image_type(const std::string& url) {
  if (url.ends_with(".svg")) return "image/svg+xml";
  if (url.ends_with(".png")) return "image/png";
  if (url.ends_with(".webp")) return "image/webp";
  if (url.ends_with(".avif")) return "image/avif";
  return "image/jpeg";
}

}  // namespace

http::Response ReaderSite::feed(const http::Request& req, const http::RouteParams& params, const Edition& edition) const {
  std::string_view kind = params.get("kind");
  std::string slug(params.get("slug"));
  std::string_view file = params.get("file");
  FeedFormat format = file == "feed.xml" ? FeedFormat::rss : file == "feed.atom" ? FeedFormat::atom : FeedFormat::json;
  if (file != "feed.xml" && file != "feed.atom" && file != "feed.json") return error_page(Status::not_found);
  auto page_number = requested_page(req.target());
  if (!page_number) return error_page(Status::bad_request);
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;

  FeedSource source;
  if (kind.empty()) {
    source = {"", "/", {}, "list:home"};
  } else if (kind == "section") {
    if (!context.section_names.contains(slug)) return error_page(Status::not_found);
    source = {context.section_names.at(slug), section_path(slug), {}, "list:section:" + slug};
    source.query.section = slug;
  } else if (kind == "tag") {
    if (!context.tag_names.contains(slug)) return error_page(Status::not_found);
    source = {context.tag_names.at(slug), tag_path(slug), {}, "list:tag:" + slug};
    source.query.tag = slug;
  } else {
    EntityKind entity_kind = kind == "shows" ? EntityKind::show : kind == "people" ? EntityKind::person : EntityKind::group;
    std::string name;
    if (entity_kind == EntityKind::show) {
      if (auto s = store_.show(slug)) name = title_in(*s, edition.language);
    } else if (entity_kind == EntityKind::person) {
      if (auto p = store_.person(slug)) name = name_in(*p, edition.language);
    } else if (auto g = store_.group(slug)) {
      name = name_in(*g, edition.language);
    }
    if (name.empty()) return error_page(Status::not_found);
    EntityRef entity{entity_kind, slug, name};
    source = {name, "/" + std::string(kind) + "/" + slug, {}, "about:" + std::string(to_string(entity_kind)) + "/" + slug};
    source.query.about = entity;
  }

  Instant now = options_.clock();
  source.base_path = edition.path(source.base_path);
  source.query.language = edition.language;
  source.query.visible_at = now;
  source.query.limit = kFeedPageSize;
  source.query.offset = (*page_number - 1) * kFeedPageSize;
  auto list = store_.articles(source.query);
  int pages = page_count(list.total, kFeedPageSize);
  if (*page_number > pages) return error_page(Status::not_found);

  std::string feed_path = (source.base_path.ends_with("/") ? source.base_path.substr(0, source.base_path.size() - 1)
                                                            : source.base_path) +
                          "/feed." + std::string(extension(format));
  auto page_url = [&](int n) {
    return context.absolute_url(n == 1 ? feed_path : feed_path + "?page=" + std::to_string(n));
  };
  Feed f;
  f.title = source.title.empty() ? context.site.name : context.site.name + " — " + source.title;
  f.description = context.site.tagline;
  f.language = edition.language;
  f.home_url = context.absolute_url(source.base_path);
  f.self_url = page_url(*page_number);
  f.first_url = page_url(1);
  f.last_url = page_url(pages);
  if (*page_number > 1) f.previous_url = page_url(*page_number - 1);
  if (*page_number < pages) f.next_url = page_url(*page_number + 1);
  f.updated = Instant{};
  for (const auto& summary : list.items) {
    auto a = store_.article_by_id(summary.id);
    if (!a) continue;
    FeedItem item;
    item.url = context.absolute_url(article_path(a->slug));
    item.title = a->title;
    item.summary = a->standfirst;
    if (options_.feeds_full_content) item.content_html = render_markdown(a->body);
    item.language = a->language;
    if (auto author = context.authors.find(a->author); author != context.authors.end()) item.author = author->second.name;
    if (auto section = context.section_names.find(a->section); section != context.section_names.end())
      item.categories.push_back(section->second);
    for (const auto& t : a->tags) {
      auto name = context.tag_names.find(t);
      item.categories.push_back(name == context.tag_names.end() ? t : name->second);
    }
    item.published = a->published_at;
    item.updated = a->updated_at;
    item.comments_url = item.url + "#comments";
    item.comments_feed_url = context.absolute_url(comment_post_path(a->slug) + "/feed.xml");
    if (!a->hero.empty()) {
      item.image_url = a->hero.url.starts_with("/") ? context.absolute_url(a->hero.url) : a->hero.url;
      item.image_type = image_type(a->hero.url);
    }
    Instant changed = a->updated_at.value_or(a->published_at.value_or(Instant{}));
    if (changed > f.updated) f.updated = changed;
    f.items.push_back(std::move(item));
  }
  std::string body = format == FeedFormat::rss ? rss_feed(f) : format == FeedFormat::atom ? atom_feed(f) : json_feed(f);
  auto res = http::make_response(Status::ok, std::move(body), content_type(format));
  mark_cacheable(res, {source.tag}, store_, now);
  return res;
}

}  // namespace kpress
