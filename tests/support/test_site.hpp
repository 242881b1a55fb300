#pragma once
// A whole kpress site for HTTP tests, built as `kpress serve` builds it (SiteServices): a
// temporary data folder with the demo content and a real server on an ephemeral loopback port.
// The store is SQLite, or a PostgreSQL schema of its own when the suite runs on PostgreSQL
// (KPRESS_TEST_BACKEND=postgres: see test_database.hpp).
#include <memory>
#include <optional>

#include "cli/site_services.hpp"
#include "http/page_cache.hpp"
#include "http/server.hpp"
#include "search/xapian/xapian_index.hpp"
#include "site/body_keeper.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"

namespace kpress::testing {

struct TestSiteOptions {
  bool demo = true;
  Clock clock = system_now;
  http::ServerConfig server;  // host and port are set by TestSite
  std::size_t cache_bytes = 16 * 1024 * 1024;  // 0: no page cache
  ReactionOptions reactions;
  CommentOptions comments;
  AdminOptions admin;  // its clock is `clock`
  // A data folder kept by the test (a site that outlives one server: a restart); empty: a
  // temporary one. On PostgreSQL, `database_url` names the database such a site keeps.
  std::filesystem::path data_dir;
  std::string database_url;
  // Where video posters come from; by default nowhere (no test reaches the internet).
  PosterFetcher::Source poster_source = [](const VideoEmbed&) { return std::optional<std::string>(); };
  SmtpSettings smtp;  // none: no e-mail (tests/http/comment_notices_test.cpp starts a sink)
};

class TestSite {
 public:
  explicit TestSite(TestSiteOptions options = {});
  ~TestSite();
  std::uint16_t port() const { return server_->port(); }
  Store& store() { return services_->store(); }
  const DataDir& data() const { return data_; }
  http::Server& server() { return *server_; }
  http::PageCache& cache() { return services_->cache(); }
  XapianIndex& search() { return services_->search(); }
  BodyKeeper& bodies() { return services_->bodies(); }

 private:
  TempDir dir_;
  std::optional<PostgresSchema> schema_;  // on PostgreSQL, when the test keeps no database
  DataDir data_;
  std::unique_ptr<SiteServices> services_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace kpress::testing
