// Sitemaps for crawlers: an index (/sitemap.xml), per-type sitemaps of at most 50,000 URLs
// (/sitemaps/pages.xml, articles-N.xml, shows-N.xml, people-N.xml, groups-N.xml), a Google News
// sitemap of the last 48 hours (/sitemaps/news.xml), and /robots.txt pointing at the index. Pages
// and catalog entries are listed in every language edition.
#include "core/numbers.hpp"
#include "render/xml.hpp"
#include "site/cache_tags.hpp"
#include "site/reader_site.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;

namespace {

constexpr int kUrlsPerSitemap = 50000;

void url(std::string& out, const std::string& loc, std::optional<Instant> lastmod = std::nullopt) {
  out += "  <url><loc>" + xml_escape(loc) + "</loc>";
  if (lastmod) out += "<lastmod>" + format_iso8601(*lastmod) + "</lastmod>";
  out += "</url>\n";
}

constexpr std::string_view kUrlsetOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";

http::Response xml_response(std::string body) {
  return http::make_response(Status::ok, std::move(body), "application/xml; charset=utf-8");
}

// "articles-3.xml" -> ("articles", 3); "pages.xml" -> ("pages", 1)
std::optional<std::pair<std::string, int>> sitemap_name(std::string_view file) {
  if (!file.ends_with(".xml")) return std::nullopt;
  file.remove_suffix(4);
  auto dash = file.rfind('-');
  if (dash == std::string_view::npos) return std::pair{std::string(file), 1};
  auto n = parse_whole_number(file.substr(dash + 1));
  if (!n || *n < 1 || *n > 100000) return std::nullopt;
  return std::pair{std::string(file.substr(0, dash)), static_cast<int>(*n)};
}

// A catalog sitemap lists each entry once per language edition, within the 50,000 URLs a file may hold.
int catalog_entries_per_sitemap(const SiteContext& context) {
  return kUrlsPerSitemap / static_cast<int>(std::max<std::size_t>(1, context.languages.size()));
}

}  // namespace

http::Response ReaderSite::sitemap_index() const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  Instant now = options_.clock();
  ArticleQuery visible;
  visible.visible_at = now;
  visible.limit = 1;
  auto articles = store_.articles(visible);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  auto entry = [&](const std::string& file, std::optional<Instant> lastmod = std::nullopt) {
    out += "  <sitemap><loc>" + xml_escape(context.absolute_url("/sitemaps/" + file)) + "</loc>";
    if (lastmod) out += "<lastmod>" + format_iso8601(*lastmod) + "</lastmod>";
    out += "</sitemap>\n";
  };
  entry("pages.xml");
  auto newest = articles.items.empty() ? std::nullopt : articles.items.front().published_at;
  for (int n = 1; n <= page_count(articles.total, kUrlsPerSitemap); ++n) entry("articles-" + std::to_string(n) + ".xml", n == 1 ? newest : std::nullopt);
  CatalogQuery one;
  one.limit = 1;
  int per_sitemap = catalog_entries_per_sitemap(context);
  for (auto [name, total] : {std::pair{"shows", store_.shows(one).total}, std::pair{"people", store_.people(one).total},
                             std::pair{"groups", store_.groups(one).total}}) {
    for (int n = 1; total > 0 && n <= page_count(total, per_sitemap); ++n)
      entry(std::string(name) + "-" + std::to_string(n) + ".xml");
  }
  entry("news.xml");
  auto res = xml_response(out + "</sitemapindex>\n");
  mark_cacheable(res, {"list:home", "catalog"}, store_, now);
  return res;
}

http::Response ReaderSite::sitemap(const http::Request&, const http::RouteParams& params) const {
  auto name = sitemap_name(params.get("file"));
  if (!name) return error_page(Status::not_found);
  auto [kind, n] = *name;
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  Instant now = options_.clock();
  std::string out(kUrlsetOpen);
  std::vector<std::string> tags;
  std::optional<Instant> until;
  int offset = (n - 1) * kUrlsPerSitemap;
  bool empty_page = false;

  if (kind == "pages" && n == 1) {
    // Every language edition's lists.
    for (const auto& l : context.languages) {
      Edition e = edition_in(context, l.code);
      url(out, context.absolute_url(e.path("/")));
      for (const auto& s : context.sections) url(out, context.absolute_url(e.path(section_path(s.slug))));
      for (const auto& [slug, tag_name] : context.tag_names) url(out, context.absolute_url(e.path(tag_path(slug))));
      for (const auto& [slug, author] : context.authors) url(out, context.absolute_url(e.path(author_path(slug))));
      for (const char* index : {"/shows", "/people", "/groups", "/schedule", "/birthdays"})
        url(out, context.absolute_url(e.path(index)));
    }
    // The standalone pages (About, Legal notice...).
    ArticleQuery standalone;
    standalone.kind = ArticleKind::page;
    standalone.visible_at = now;
    standalone.limit = 1000;
    standalone.count = false;
    for (const auto& p : store_.articles(standalone).items)
      url(out, context.absolute_url(page_path(p.slug)), p.updated_at ? p.updated_at : p.published_at);
    tags = {"list:home"};
  } else if (kind == "articles") {
    ArticleQuery q;
    q.visible_at = now;
    q.limit = kUrlsPerSitemap;
    q.offset = offset;
    q.count = false;
    auto list = store_.articles(q);
    empty_page = list.items.empty() && n > 1;
    for (const auto& a : list.items) url(out, context.absolute_url(article_path(a.slug)), a.updated_at ? a.updated_at : a.published_at);
    tags = {"list:home"};
  } else if (kind == "news" && n == 1) {
    // Google News: what was published in the last 48 hours, at most 1,000 articles.
    out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
          "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
    ArticleQuery q;
    q.visible_at = now;
    q.limit = 1000;
    q.count = false;
    for (const auto& a : store_.articles(q).items) {
      if (!a.published_at || *a.published_at < now - std::chrono::hours(48)) break;
      out += "  <url><loc>" + xml_escape(context.absolute_url(article_path(a.slug))) + "</loc><news:news>"
             "<news:publication><news:name>" + xml_escape(context.site.name) + "</news:name><news:language>" +
             xml_escape(a.language) + "</news:language></news:publication><news:publication_date>" +
             format_iso8601(*a.published_at) + "</news:publication_date><news:title>" + xml_escape(a.title) +
             "</news:title></news:news></url>\n";
      // It leaves the window 48 hours after it was published.
      Instant leaves = *a.published_at + std::chrono::hours(48);
      if (!until || leaves < *until) until = leaves;
    }
    tags = {"list:home"};
  } else if (kind == "shows" || kind == "people" || kind == "groups") {
    // Each entry's page in every edition.
    CatalogQuery q;
    q.limit = catalog_entries_per_sitemap(context);
    q.offset = (n - 1) * q.limit;
    std::vector<std::string> slugs;
    if (kind == "shows") for (auto& s : store_.shows(q).items) slugs.push_back(s.slug);
    else if (kind == "people") for (auto& p : store_.people(q).items) slugs.push_back(p.slug);
    else for (auto& g : store_.groups(q).items) slugs.push_back(g.slug);
    empty_page = slugs.empty() && n > 1;
    for (const auto& slug : slugs) {
      for (const auto& l : context.languages) url(out, context.absolute_url(edition_in(context, l.code).path("/" + kind + "/" + slug)));
    }
    tags = {"catalog"};
  } else {
    return error_page(Status::not_found);
  }
  if (empty_page) return error_page(Status::not_found);
  auto res = xml_response(out + "</urlset>\n");
  mark_cacheable(res, std::move(tags), store_, now, until);
  return res;
}

http::Response ReaderSite::robots() const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  auto res = http::make_response(Status::ok,
                                 "User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: " +
                                     context.absolute_url("/sitemap.xml") + "\n",
                                 "text/plain; charset=utf-8");
  mark_cacheable(res, {}, store_, options_.clock());
  return res;
}

}  // namespace kpress
