#include "site/comment_keys.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/numbers.hpp"

namespace kpress {

CommentKeys::CommentKeys(std::string secret) : secret_(std::move(secret)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  if (secret_.size() != crypto_generichash_KEYBYTES) throw std::invalid_argument("the site's secret key must be 32 bytes");
}

std::string CommentKeys::key_of(std::string_view purpose, std::string_view value) const {
  if (value.empty()) return {};
  std::string input = std::string(purpose) + '\0' + std::string(value);
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     reinterpret_cast<const unsigned char*>(secret_.data()), secret_.size());
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

bool CommentKeys::is_key_of(std::string_view purpose, std::string_view value, std::string_view key) const {
  auto expected = key_of(purpose, value);
  return !expected.empty() && expected.size() == key.size() && sodium_memcmp(expected.data(), key.data(), key.size()) == 0;
}

std::string CommentKeys::form_token(std::int64_t article_id, Instant made_at) const {
  std::string made = std::to_string(made_at.time_since_epoch().count());
  return made + "." + key_of("form", std::to_string(article_id) + "." + made);
}

FormTokenCheck CommentKeys::check(std::string_view token, std::int64_t article_id, Instant now) const {
  auto dot = token.find('.');
  if (dot == std::string_view::npos) return FormTokenCheck::forged;
  auto made = parse_whole_number(token.substr(0, dot));
  if (!made) return FormTokenCheck::forged;
  std::string expected = form_token(article_id, Instant(std::chrono::seconds(*made)));
  // Compared in constant time: how much of a guess matches must not show in the timing.
  if (expected.size() != token.size() || sodium_memcmp(expected.data(), token.data(), token.size()) != 0)
    return FormTokenCheck::forged;
  Instant made_at{std::chrono::seconds(*made)};
  if (now < made_at + kSoonest) return FormTokenCheck::too_soon;
  if (now > made_at + kOldest) return FormTokenCheck::too_old;
  return FormTokenCheck::good;
}

}  // namespace kpress
