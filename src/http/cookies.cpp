#include "http/cookies.hpp"

#include <sodium.h>

namespace kpress::http {

std::optional<std::string_view> cookie_value(const Request& request, std::string_view name) {
  for (auto it = request.find(Field::cookie); it != request.end() && it->name() == Field::cookie; ++it) {
    // "a=1; kpress_reader=xyz; b=2"
    std::string_view header = it->value();
    while (!header.empty()) {
      auto end = header.find(';');
      auto pair = header.substr(0, end);
      header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') return pair.substr(name.size() + 1);
    }
  }
  return std::nullopt;
}

std::string set_cookie_value(std::string_view name, std::string_view value, const CookieOptions& options) {
  std::string out = std::string(name) + "=" + std::string(value) + "; Path=" + std::string(options.path);
  if (options.max_age_seconds) out += "; Max-Age=" + std::to_string(*options.max_age_seconds);
  out += "; HttpOnly; SameSite=" + std::string(options.same_site);
  if (options.secure) out += "; Secure";
  return out;
}

std::string base64url(const unsigned char* bytes, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

}  // namespace kpress::http
