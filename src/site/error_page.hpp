#pragma once
#include "http/message.hpp"

namespace kpress {

struct SiteContext;
class Theme;

// The themed page for 400, 404 and 410, marked noindex.
http::Response error_page(const SiteContext& context, const Theme& theme, http::Status status);

}  // namespace kpress
