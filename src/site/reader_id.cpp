#include "site/reader_id.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "http/cookies.hpp"

namespace kpress {

namespace {

constexpr std::size_t kIdLength = 26;

void init_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium cannot start");
}

}  // namespace

std::string random_secret() {
  init_sodium();
  std::string key(crypto_auth_KEYBYTES, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

ReaderIds::ReaderIds(std::string secret) : secret_(std::move(secret)) {
  init_sodium();
  if (secret_.size() != crypto_auth_KEYBYTES) throw std::invalid_argument("the site's secret key must be 32 bytes");
}

std::string ReaderIds::sign(std::string_view id) const {
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(id.data()), id.size(),
              reinterpret_cast<const unsigned char*>(secret_.data()));
  return http::base64url(mac, sizeof mac);
}

std::optional<std::string> ReaderIds::read(const http::Request& req) const {
  auto value = http::cookie_value(req, kReaderCookie);
  if (!value) return std::nullopt;
  auto dot = value->find('.');
  if (dot != kIdLength) return std::nullopt;
  auto id = value->substr(0, dot);
  std::string expected = sign(id);
  auto mac = value->substr(dot + 1);
  // Compared in constant time: how much of a guess matches must not show in the timing.
  if (mac.size() == expected.size() && sodium_memcmp(mac.data(), expected.data(), mac.size()) == 0) return std::string(id);
  return std::nullopt;
}

std::pair<std::string, std::string> ReaderIds::issue(bool secure) const {
  // The time first, in hex (which sorts as it reads): new readers' votes land at the end of
  // their article's range in the store rather than all over it. Then 80 random bits.
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  char time[16];
  std::snprintf(time, sizeof time, "%012llx", static_cast<unsigned long long>(millis.count()) & 0xffffffffffffULL);
  unsigned char random[10];
  randombytes_buf(random, sizeof random);
  std::string id = time + http::base64url(random, sizeof random);  // 12 + 14 characters
  std::string cookie =
      http::set_cookie_value(kReaderCookie, id + "." + sign(id), {.max_age_seconds = 63072000, .secure = secure});
  return {id, cookie};
}

}  // namespace kpress
