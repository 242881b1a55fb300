#pragma once
// The one place that builds a running site from its settings: the store (SQLite in the data
// folder, or PostgreSQL), its migrations, the search index, the page cache and every route, wired
// to the store's change feed. `kpress serve` and the HTTP test suites both run what this builds,
// so every suite runs the same site on either backend.
#include <filesystem>
#include <memory>
#include <optional>

#include "admin/sessions.hpp"
#include "cli/site_setup.hpp"
#include "http/router.hpp"
#include "mail/mailer.hpp"
#include "site/comment_site.hpp"
#include "site/poster_fetcher.hpp"
#include "site/reaction_site.hpp"

namespace kpress {

namespace http {
class BlockingPool;
class PageCache;
class Server;
struct ServerConfig;
}
class AdminSite;
class BodyKeeper;
class CatalogSite;
class CommentNotices;
class ReaderIds;
class ReaderSite;
class Reactions;
class ScheduleSite;
class ScheduledPublisher;
class SearchSite;
class SiteContextCache;
class Theme;
class XapianIndex;

struct SiteServicesOptions {
  DataDir data;
  bool demo = true;                   // a new site gets the demo content
  std::string base_url;               // set: stored as the site's base URL (see ServeConfig)
  std::filesystem::path theme;        // empty: DATA/theme
  std::size_t cache_bytes = 64 << 20; // 0: no page cache
  bool feeds_full_content = true;
  Clock clock = system_now;
  ReactionOptions reactions;          // secure_cookies follows the site's base URL
  CommentOptions comments;            // the same
  AdminOptions admin;                 // its clock is `clock`; secure_cookies follows the base URL
  std::optional<PosterFetcher::Source> poster_source;  // unset: the providers themselves
  SmtpSettings smtp;                  // empty url: no e-mail
};

class SiteServices {
 public:
  // Opens (or creates) the site and builds everything; throws std::runtime_error for the user.
  explicit SiteServices(SiteServicesOptions options);
  ~SiteServices();
  SiteServices(const SiteServices&) = delete;
  SiteServices& operator=(const SiteServices&) = delete;

  Store& store() { return *store_; }
  http::PageCache& cache() { return *cache_; }
  XapianIndex& search() { return *search_; }
  BodyKeeper& bodies() { return *bodies_; }
  http::Router& router() { return router_; }
  // A server for this site (not started): pages through the page cache, each read in one
  // snapshot of the store; writes and searches answered when they are ready.
  std::unique_ptr<http::Server> make_server(const http::ServerConfig& config);
  // Where the server listens: a site these services created, with no base URL configured,
  // takes it as its base URL.
  void new_site_listens_at(const std::string& url);

 private:
  void save_base_url(const std::string& url);
  bool created_ = false;  // the site was created by these services
  SiteServicesOptions options_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Theme> theme_;
  std::unique_ptr<SiteContextCache> contexts_;
  std::unique_ptr<http::PageCache> cache_;
  std::unique_ptr<PosterFetcher> posters_;
  std::unique_ptr<BodyKeeper> bodies_;
  std::unique_ptr<XapianIndex> search_;
  std::unique_ptr<ReaderSite> site_;
  std::unique_ptr<CatalogSite> catalog_;
  std::unique_ptr<ScheduleSite> schedule_;
  std::unique_ptr<ReaderIds> readers_;
  std::unique_ptr<Reactions> reactions_;
  std::unique_ptr<ReactionSite> reaction_routes_;
  std::unique_ptr<CommentKeys> comment_keys_;
  std::unique_ptr<Mailer> mailer_;
  std::unique_ptr<CommentNotices> notices_;
  std::unique_ptr<CommentSite> comment_routes_;
  std::unique_ptr<SearchSite> search_routes_;
  std::unique_ptr<ScheduledPublisher> publisher_;
  std::unique_ptr<Sessions> sessions_;
  std::unique_ptr<AdminSite> admin_;
  http::Router router_;
  // On PostgreSQL, the threads that make the pages the cache does not hold.
  static constexpr unsigned kPageThreads = 8;  // 4, 8, 16, 32 measured: 8 within 5% of the best
  std::unique_ptr<http::BlockingPool> pages_pool_;
};

}  // namespace kpress
