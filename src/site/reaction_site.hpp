#pragma once
// /api/v1/articles/{id}/reactions: GET the counts (and the reader's own choice), POST a reaction
// as JSON ({"reaction": "like"}, answered with the counts) or as a form from the article page
// without JavaScript (reaction=like, answered with a redirect back to the article).
#include "http/rate_limiter.hpp"
#include "http/router.hpp"
#include "site/reader_id.hpp"
#include "site/reactions.hpp"
#include "site/reader_site.hpp"

namespace kpress {

class Store;

struct ReactionOptions {
  unsigned per_address_per_minute = 30;  // 0: no limit (benchmarks)
  unsigned burst = 10;
  bool secure_cookies = false;  // the site is served over HTTPS
};

class ReactionSite {
 public:
  ReactionSite(const Store& store, Reactions& reactions, const ReaderIds& readers, ReactionOptions reaction_options,
               ReaderSiteOptions options);
  void add_routes(http::Router& router);

 private:
  http::Response get(const http::Request& req, std::string_view id) const;
  void post(const http::Request& req, std::string_view id, http::Respond respond);

  const Store& store_;
  Reactions& reactions_;
  const ReaderIds& readers_;
  http::RateLimiter limiter_;
  bool secure_cookies_;
  ReaderSiteOptions options_;
};

}  // namespace kpress
