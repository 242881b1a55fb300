#include "support/test_site.hpp"

namespace kpress::testing {

TestSite::TestSite(TestSiteOptions options) : data_{options.data_dir.empty() ? dir_.path() : options.data_dir} {
  store_ = open_site(data_, true, options.demo);
  contexts_ = std::make_unique<SiteContextCache>(*store_);
  cache_ = std::make_unique<http::PageCache>(options.cache_bytes, options.clock);
  posters_ = std::make_unique<PosterFetcher>(
      data_.media(), [cache = cache_.get()](const std::string& tag) { cache->invalidate({tag}); }, options.poster_source);
  bodies_ = std::make_unique<BodyKeeper>(*store_);
  site_ = std::make_unique<ReaderSite>(*store_, *contexts_, theme_,
                                       ReaderSiteOptions{data_.media(), 12, options.clock, true, posters_.get(), bodies_.get()});
  site_->add_routes(router_);
  catalog_ = std::make_unique<CatalogSite>(*store_, *contexts_, theme_, ReaderSiteOptions{data_.media(), 12, options.clock});
  catalog_->add_routes(router_);
  schedule_ = std::make_unique<ScheduleSite>(*store_, *contexts_, theme_, ReaderSiteOptions{data_.media(), 12, options.clock});
  schedule_->add_routes(router_);
  readers_ = std::make_unique<ReaderIds>(site_secret(data_));
  reactions_ = std::make_unique<Reactions>(*store_, options.clock);
  reaction_routes_ = std::make_unique<ReactionSite>(*store_, *reactions_, *readers_, options.reactions,
                                                    ReaderSiteOptions{data_.media(), 12, options.clock});
  reaction_routes_->add_routes(router_);
  search_ = std::make_unique<XapianIndex>(*store_, data_.search());
  if (!search_->current()) search_->rebuild();
  search_routes_ = std::make_unique<SearchSite>(*search_, *contexts_, theme_, ReaderSiteOptions{data_.media(), 12, options.clock});
  search_routes_->add_routes(router_);
  options.admin.clock = options.clock;
  sessions_ = std::make_unique<Sessions>(*store_, site_secret(data_), options.admin);
  admin_ = std::make_unique<AdminSite>(*store_, *contexts_, theme_, *site_, *sessions_,
                                       MediaFolders{data_.media(), data_.root / "media-originals"});
  admin_->add_routes(router_);
  http::ServerConfig config = options.server;
  config.host = "127.0.0.1";
  config.port = 0;
  if (!config.threads) config.threads = 2;
  follow_changes(*cache_, *store_);
  store_->on_change([index = search_.get()](const ChangeSet& changes) { index->update(changes); });
  server_ = std::make_unique<http::Server>(
      config, cache_->wrap(read_snapshot_per_page(*store_, router_)), cache_->fast_path(),
      [this](const http::Request& req, http::Respond respond) { router_.dispatch_async(req, std::move(respond)); },
      [this](const http::Request& req) { return router_.answers_later(req); });
  server_->start();
}

TestSite::~TestSite() { server_->stop(); }

}  // namespace kpress::testing
