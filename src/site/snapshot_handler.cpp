#include "site/snapshot_handler.hpp"

#include "store/store.hpp"

namespace kpress {

http::Handler read_snapshot_per_page(const Store& store, const http::Router& router) {
  return [&store, &router](const http::Request& req) {
    // Safe methods do not write, so their reads may all come from one snapshot; a POST reads
    // what it has just written.
    if (req.method() != http::Verb::get && req.method() != http::Verb::head) return router.dispatch(req);
    auto snapshot = store.read_snapshot();
    return router.dispatch(req);
  };
}

}  // namespace kpress
