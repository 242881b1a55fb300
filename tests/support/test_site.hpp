#pragma once
// A whole kpress site for HTTP tests: a temporary data folder with the demo content, the
// reader site and a real server on an ephemeral loopback port.
#include <memory>

#include "admin/admin_site.hpp"
#include "cli/site_setup.hpp"
#include "http/page_cache.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "render/theme.hpp"
#include "site/body_keeper.hpp"
#include "site/cache_tags.hpp"
#include "site/catalog_site.hpp"
#include "site/reader_site.hpp"
#include "site/poster_fetcher.hpp"
#include "site/reaction_site.hpp"
#include "site/schedule_site.hpp"
#include "site/search_site.hpp"
#include "search/xapian/xapian_index.hpp"
#include "site/site_context_cache.hpp"
#include "site/snapshot_handler.hpp"
#include "support/temp_dir.hpp"

namespace kpress::testing {

struct TestSiteOptions {
  bool demo = true;
  Clock clock = system_now;
  http::ServerConfig server;  // host and port are set by TestSite
  std::size_t cache_bytes = 16 * 1024 * 1024;  // 0: no page cache
  ReactionOptions reactions;
  AdminOptions admin;  // its clock is `clock`
  // A data folder kept by the test (a site that outlives one server: a restart); empty: a
  // temporary one.
  std::filesystem::path data_dir;
  // Where video posters come from; by default nowhere (no test reaches the internet).
  PosterFetcher::Source poster_source = [](const VideoEmbed&) { return std::optional<std::string>(); };
};

class TestSite {
 public:
  explicit TestSite(TestSiteOptions options = {});
  ~TestSite();
  std::uint16_t port() const { return server_->port(); }
  sqlite::SqliteStore& store() { return *store_; }
  const DataDir& data() const { return data_; }
  http::Server& server() { return *server_; }
  http::PageCache& cache() { return *cache_; }
  XapianIndex& search() { return *search_; }
  BodyKeeper& bodies() { return *bodies_; }

 private:
  TempDir dir_;
  DataDir data_;
  std::unique_ptr<sqlite::SqliteStore> store_;
  Theme theme_;
  std::unique_ptr<SiteContextCache> contexts_;
  std::unique_ptr<http::PageCache> cache_;
  std::unique_ptr<PosterFetcher> posters_;
  std::unique_ptr<BodyKeeper> bodies_;
  std::unique_ptr<ReaderSite> site_;
  std::unique_ptr<CatalogSite> catalog_;
  std::unique_ptr<ScheduleSite> schedule_;
  std::unique_ptr<ReaderIds> readers_;
  std::unique_ptr<Reactions> reactions_;
  std::unique_ptr<ReactionSite> reaction_routes_;
  std::unique_ptr<XapianIndex> search_;
  std::unique_ptr<SearchSite> search_routes_;
  std::unique_ptr<Sessions> sessions_;
  std::unique_ptr<AdminSite> admin_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace kpress::testing
