#include "http/security_headers.hpp"

namespace kpress::http {

void add_security_headers(Response& res) {
  auto set_default = [&](std::string_view field, std::string_view value) {
    if (res.find(field) == res.end()) res.set(field, value);
  };
  // frame-src: exactly the privacy-enhanced video players of render/embeds.cpp (a test checks
  // the two agree); everything else comes from the site itself.
  set_default("Content-Security-Policy",
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; "
              "frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://www.dailymotion.com "
              "https://tv.naver.com https://www.viki.com; "
              "frame-ancestors 'self'; base-uri 'self'; form-action 'self'");
  set_default("X-Content-Type-Options", "nosniff");
  set_default("Referrer-Policy", "strict-origin-when-cross-origin");
  set_default("X-Frame-Options", "SAMEORIGIN");
  set_default("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

}  // namespace kpress::http
