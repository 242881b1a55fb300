#pragma once
#include "http/message.hpp"

namespace kpress {

class Store;
class Theme;

// The themed page for 400, 404 and 410, marked noindex.
http::Response error_page(const Store& store, const Theme& theme, http::Status status);

}  // namespace kpress
