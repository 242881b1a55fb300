#include "cli/site_services.hpp"

#include <spdlog/spdlog.h>

#include "admin/admin_site.hpp"
#include "cli/free_memory.hpp"
#include "http/blocking_pool.hpp"
#include "http/page_cache.hpp"
#include "http/server.hpp"
#include "render/theme.hpp"
#include "search/xapian/xapian_index.hpp"
#include "site/body_keeper.hpp"
#include "site/cache_tags.hpp"
#include "site/catalog_site.hpp"
#include "site/comment_site.hpp"
#include "site/reader_id.hpp"
#include "site/reader_site.hpp"
#include "site/reactions.hpp"
#include "site/schedule_site.hpp"
#include "site/scheduled_publisher.hpp"
#include "site/search_site.hpp"
#include "site/site_context_cache.hpp"
#include "site/comment_notices.hpp"
#include "site/old_addresses.hpp"
#include "site/snapshot_handler.hpp"

namespace kpress {

SiteServices::SiteServices(SiteServicesOptions options) : options_(std::move(options)) {
  const DataDir& dir = options_.data;
  store_ = open_site(dir, true, options_.demo, &created_);
  if (!options_.base_url.empty()) save_base_url(options_.base_url);
  theme_ = std::make_unique<Theme>(options_.theme.empty() ? dir.theme() : options_.theme);
  contexts_ = std::make_unique<SiteContextCache>(*store_);
  cache_ = std::make_unique<http::PageCache>(options_.cache_bytes, options_.clock);
  auto drop_page = [cache = cache_.get()](const std::string& tag) { cache->invalidate({tag}); };
  posters_ = options_.poster_source ? std::make_unique<PosterFetcher>(dir.media(), drop_page, *options_.poster_source)
                                    : std::make_unique<PosterFetcher>(dir.media(), drop_page);
  bodies_ = std::make_unique<BodyKeeper>(*store_, give_back_free_memory);
  search_ = std::make_unique<XapianIndex>(*store_, dir.search());
  if (!search_->current()) {
    auto started = std::chrono::steady_clock::now();
    auto documents = search_->rebuild();
    spdlog::info("search index built: {} documents in {} ms", documents,
                 std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
  }

  ReaderSiteOptions reader{.media_dir = dir.media(),
                           .clock = options_.clock,
                           .feeds_full_content = options_.feeds_full_content,
                           .posters = posters_.get(),
                           .bodies = bodies_.get()};
  bool https = store_->site().base_url.starts_with("https://");
  std::string secret = site_secret(*store_, dir);
  comment_keys_ = std::make_unique<CommentKeys>(secret);
  reader.comment_keys = comment_keys_.get();
  site_ = std::make_unique<ReaderSite>(*store_, *contexts_, *theme_, reader);
  catalog_ = std::make_unique<CatalogSite>(*store_, *contexts_, *theme_, reader);
  schedule_ = std::make_unique<ScheduleSite>(*store_, *contexts_, *theme_, reader);
  readers_ = std::make_unique<ReaderIds>(secret);
  reactions_ = std::make_unique<Reactions>(*store_, options_.clock);
  ReactionOptions reaction_options = options_.reactions;
  reaction_options.secure_cookies = reaction_options.secure_cookies || https;
  reaction_routes_ = std::make_unique<ReactionSite>(*store_, *reactions_, *readers_, reaction_options, reader);
  CommentOptions comment_options = options_.comments;
  comment_options.secure_cookies = comment_options.secure_cookies || https;
  mailer_ = std::make_unique<Mailer>(options_.smtp, options_.clock);
  notices_ = std::make_unique<CommentNotices>(*store_, *contexts_, *theme_, *comment_keys_, *mailer_);
  comment_routes_ =
      std::make_unique<CommentSite>(*store_, *contexts_, *theme_, *readers_, *comment_keys_, *notices_, comment_options, reader);
  search_routes_ = std::make_unique<SearchSite>(*search_, *contexts_, *theme_, reader);
  AdminOptions admin_options = options_.admin;
  admin_options.clock = options_.clock;
  admin_options.secure_cookies = admin_options.secure_cookies || https;
  sessions_ = std::make_unique<Sessions>(*store_, std::move(secret), admin_options);
  admin_ = std::make_unique<AdminSite>(*store_, *contexts_, *theme_, *site_, *sessions_,
                                       MediaFolders{dir.media(), dir.media_originals()}, *comment_keys_, *notices_);
  site_->add_routes(router_);
  admin_->add_routes(router_);
  catalog_->add_routes(router_);
  schedule_->add_routes(router_);
  reaction_routes_->add_routes(router_);
  comment_routes_->add_routes(router_);
  search_routes_->add_routes(router_);

  // What every write changes, this process's and other processes', reaches the cache and search.
  follow_changes(*cache_, *store_);
  store_->on_change([index = search_.get()](const ChangeSet& changes) { index->update(changes); });
  publisher_ = std::make_unique<ScheduledPublisher>(*store_, options_.clock);
  store_->on_change([publisher = publisher_.get()](const ChangeSet& changes) {
    if (changes.everything || !changes.articles.empty()) publisher->schedule_changed();
  });
  // Reaction counts converge on every node through the change log: each batch of votes names
  // its articles there, and each node reads their counts again (exact, with no expiry to wait).
  store_->on_change([reactions = reactions_.get()](const ChangeSet& changes) {
    if (changes.everything || !changes.reactions.empty()) reactions->forget_counts(changes.reactions, changes.everything);
  });
}

void SiteServices::new_site_listens_at(const std::string& url) {
  if (created_ && options_.base_url.empty()) save_base_url(url);
}

// The address the site's links name, stored with it so every node uses the same: the one
// configured, or a new site's listen address. Saved like any setting, so the other nodes' pages
// follow.
void SiteServices::save_base_url(const std::string& wanted) {
  Site site = store_->site();
  if (site.base_url == wanted) return;
  spdlog::info("the site's base URL is now {} (was {})", wanted, site.base_url);
  site.base_url = wanted;
  auto tx = store_->begin_write();
  tx->save_site(site);
  tx->commit();
}

// The listeners use the cache and the search index, which go before the store.
SiteServices::~SiteServices() {
  pages_pool_.reset();  // finishes the pages being made
  store_->stop_changes();
  publisher_.reset();  // before the store it writes to
}

std::unique_ptr<http::Server> SiteServices::make_server(const http::ServerConfig& given) {
  http::ServerConfig config = given;
  // An idle event loop lets the database's caches go first, then the allocator gives back
  // what they held.
  if (config.when_idle) {
    config.when_idle = [store = store_.get(), then = config.when_idle] {
      store->give_back_memory();
      then();
    };
  }
  // While the database cannot be read, kept pages are still served, saying so: they show the
  // site as it was when the change log was last read.
  static constexpr std::string_view kUnreachable = "X-Kpress-Database: unreachable\r\n";
  auto cached = cache_->wrap(with_old_addresses(*store_, read_snapshot_per_page(*store_, router_)));
  auto pages = [cached, store = store_.get()](const http::Request& req) {
    auto res = cached(req);
    if (!store->changes_current() && res["X-Cache"] == "HIT") res.set("X-Kpress-Database", "unreachable");
    return res;
  };
  auto fast_path = [kept = cache_->fast_path(), store = store_.get()](const http::Request& req) {
    auto raw = kept(req);
    if (raw.bytes && !store->changes_current()) raw.extra_headers = kUnreachable;
    return raw;
  };
  auto later = [this](const http::Request& req, http::Respond respond) { router_.dispatch_async(req, std::move(respond)); };
  if (options_.data.database_url.empty()) {
    // SQLite answers from the page cache of the file system in microseconds: pages are made on
    // the event loops.
    return std::make_unique<http::Server>(config, pages, fast_path, later,
                                          [this](const http::Request& req) { return router_.answers_later(req); });
  }
  // A page the cache does not hold waits on the network for the database: made on threads of
  // their own, so the event loops go on answering cached pages whatever the database does.
  if (!pages_pool_) pages_pool_ = std::make_unique<http::BlockingPool>(kPageThreads, give_back_free_memory);
  auto answer = [this, pages, later](const http::Request& req, http::Respond respond) {
    bool read = req.method() == http::Verb::get || req.method() == http::Verb::head;
    if (!read || router_.answers_later(req)) return later(req, std::move(respond));
    pages_pool_->post([pages, req = http::Request(req), respond = std::move(respond)] {
      try {
        respond(pages(req));
      } catch (...) {
        respond(http::failed_request(req, std::current_exception()));
      }
    });
  };
  return std::make_unique<http::Server>(config, pages, fast_path, answer,
                                        [](const http::Request&) { return true; });
}

}  // namespace kpress
