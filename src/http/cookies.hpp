#pragma once
// Cookies: reading one from a request, and the Set-Cookie value kpress gives every cookie
// (HttpOnly, SameSite, Path=/, Secure over HTTPS).
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace kpress::http {

// The value of cookie `name` among the request's Cookie headers, if it sent one.
std::optional<std::string_view> cookie_value(const Request& request, std::string_view name);

struct CookieOptions {
  std::optional<long> max_age_seconds;  // unset: until the browser closes; 0: delete it now
  std::string_view same_site = "Lax";   // "Strict" for the admin
  bool secure = false;                   // the site is served over HTTPS
  std::string_view path = "/";
};
std::string set_cookie_value(std::string_view name, std::string_view value, const CookieOptions& options);

// Bytes as unpadded base64url, the alphabet cookies and URLs take as is.
std::string base64url(const unsigned char* bytes, std::size_t size);

}  // namespace kpress::http
