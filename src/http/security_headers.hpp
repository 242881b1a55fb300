#pragma once
#include "http/message.hpp"

namespace kpress::http {

// Headers every response carries unless its handler chose otherwise: a Content-Security-Policy
// that allows only this site's own scripts, styles and images, no framing by others, no MIME
// sniffing, and no full URL in the Referer sent to other sites.
void add_security_headers(Response& response);

}  // namespace kpress::http
