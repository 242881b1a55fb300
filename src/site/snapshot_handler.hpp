#pragma once
// The router as the server's handler, with every GET and HEAD inside one read snapshot of the
// store: a page's queries see one state of the site, and share one read transaction.
#include "http/message.hpp"
#include "http/router.hpp"

namespace kpress {

class Store;

http::Handler read_snapshot_per_page(const Store& store, const http::Router& router);

}  // namespace kpress
