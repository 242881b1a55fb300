#pragma once
// Search: /search (ranked results with highlighted snippets, filters, paging, "did you mean"
// and a card for the entity the query names) and /api/v1/search.
#include <thread>

#include "http/blocking_pool.hpp"
#include "http/router.hpp"
#include "render/theme.hpp"
#include "site/reader_site.hpp"

namespace kpress {

class SearchIndex;
class SiteContextCache;
struct SearchQuery;

class SearchSite {
 public:
  SearchSite(const SearchIndex& index, const SiteContextCache& contexts, const Theme& theme, ReaderSiteOptions options);
  void add_routes(http::Router& router);

 private:
  http::Response page(const http::Request& req, const Edition& edition) const;
  http::Response api(const http::Request& req) const;
  // The query of the request's parameters, or what is wrong with them.
  std::optional<SearchQuery> query_of(const http::Request& req, int per_page, Wording& error) const;

  const SearchIndex& index_;
  const SiteContextCache& contexts_;
  const Theme& theme_;
  ReaderSiteOptions options_;
  // Queries run here, not on the event loops: a search takes milliseconds, and the readers
  // whose connections share its loop would wait for it (a loop per core, connections spread
  // by the kernel); here every query waits in one queue for the first free core.
  http::BlockingPool queries_{std::max(1u, std::thread::hardware_concurrency())};
};

}  // namespace kpress
