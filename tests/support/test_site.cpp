#include "support/test_site.hpp"

namespace kpress::testing {

TestSite::TestSite(TestSiteOptions options) {
  data_.root = options.data_dir.empty() ? dir_.path() : options.data_dir;
  data_.database_url = options.database_url;
  if (data_.database_url.empty() && test_backend() == "postgres") {
    schema_.emplace();
    data_.database_url = schema_->url();
  }
  services_ = std::make_unique<SiteServices>(SiteServicesOptions{.data = data_,
                                                                 .demo = options.demo,
                                                                 .cache_bytes = options.cache_bytes,
                                                                 .clock = options.clock,
                                                                 .reactions = options.reactions,
                                                                 .comments = options.comments,
                                                                 .admin = options.admin,
                                                                 .poster_source = options.poster_source,
                                                                 .smtp = options.smtp});
  http::ServerConfig config = options.server;
  config.host = "127.0.0.1";
  config.port = 0;
  if (!config.threads) config.threads = 2;
  server_ = services_->make_server(config);
  server_->start();
}

TestSite::~TestSite() {
  server_->stop();
  server_.reset();
  services_.reset();  // the store's connections close before its schema is dropped
}

}  // namespace kpress::testing
