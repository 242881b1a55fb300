#pragma once
// Anonymous readers: a random id in a cookie, signed so it cannot be forged or chosen (HMAC
// with the site's secret key, libsodium's crypto_auth). No account, no personal data: it only
// lets a reader change their own reaction.
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace kpress {

inline constexpr std::string_view kReaderCookie = "kpress_reader";

class ReaderIds {
 public:
  // `secret`: 32 bytes (crypto_auth_KEYBYTES), kept by the site; throws std::invalid_argument
  // otherwise.
  explicit ReaderIds(std::string secret);
  // The reader's id when the request carries a cookie signed with this site's key.
  std::optional<std::string> read(const http::Request& req) const;
  // A new random id and the Set-Cookie value that gives it to the reader: HttpOnly,
  // SameSite=Lax, two years, Secure when `secure`.
  std::pair<std::string, std::string> issue(bool secure) const;

 private:
  std::string sign(std::string_view id) const;
  std::string secret_;
};

// 32 random bytes for a new site's secret.
std::string random_secret();

}  // namespace kpress
