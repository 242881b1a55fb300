#pragma once
#include "http/message.hpp"

namespace kpress {

struct SiteContext;
class Theme;

// The themed page for 400, 404 and 410, marked noindex, in `language` (the site's when empty:
// an address no edition has); `detail` says what was wrong with the request when the generic
// message would not.
http::Response error_page(const SiteContext& context, const Theme& theme, http::Status status,
                          std::string_view detail = {}, std::string_view language = {});

}  // namespace kpress
