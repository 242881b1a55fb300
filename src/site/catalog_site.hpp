#pragma once
// The catalog as readers see it: show, person, group and network pages, index pages with
// filters, and the read API /api/v1/shows, /api/v1/people, /api/v1/groups.
#include "core/entity_matcher.hpp"
#include "http/router.hpp"
#include "render/theme.hpp"
#include "site/reader_site.hpp"

namespace kpress {

class Store;
class SiteContextCache;
class Theme;
struct SiteContext;
struct PageMeta;

class CatalogSite {
 public:
  CatalogSite(const Store& store, const SiteContextCache& contexts, const Theme& theme, ReaderSiteOptions options);
  void add_routes(http::Router& router) const;

 private:
  // Each page in each language edition: its names in that language's form, its related articles
  // that edition's.
  http::Response show(const http::Request& req, std::string_view slug, const Edition& edition) const;
  http::Response person(const http::Request& req, std::string_view slug, const Edition& edition) const;
  http::Response group(const http::Request& req, std::string_view slug, const Edition& edition) const;
  http::Response network(const http::Request& req, std::string_view slug, const Edition& edition) const;
  http::Response index(const http::Request& req, EntityKind kind, const Edition& edition) const;
  http::Response api(const http::Request& req, EntityKind kind) const;
  // The related-articles block of an entity page.
  void add_related(TemplateData& page, const EntityRef& entity, const SiteContext& context, const Edition& edition) const;
  // An HTML page, cacheable with `tags` (what it shows besides the site).
  http::Response page(const SiteContext& context, std::string_view template_name, TemplateData data,
                      const PageMeta& meta, std::vector<std::string> tags,
                      std::optional<Instant> until = std::nullopt) const;

  const Store& store_;
  const SiteContextCache& contexts_;
  const Theme& theme_;
  ReaderSiteOptions options_;
};

}  // namespace kpress
