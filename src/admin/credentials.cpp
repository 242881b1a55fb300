#include "admin/credentials.hpp"

#include <sodium.h>

#include <stdexcept>

#include "http/cookies.hpp"

namespace kpress {

namespace {

void init_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium cannot start");
}

}  // namespace

std::string hash_password(std::string_view password) {
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("not enough memory to hash a password");
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  init_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string terminated(hash);  // libsodium reads a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string new_token() {
  init_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return http::base64url(bytes, sizeof bytes);
}

std::string token_hash(std::string_view token) {
  init_sodium();
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  char hex[2 * sizeof hash + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

CsrfTokens::CsrfTokens(std::string secret) : secret_(std::move(secret)) {
  init_sodium();
  if (secret_.size() != crypto_auth_KEYBYTES) throw std::invalid_argument("the site's secret key must be 32 bytes");
}

std::string CsrfTokens::token_for(std::string_view binding) const {
  std::string message = "csrf:" + std::string(binding);  // never the same MAC as a reader id
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              reinterpret_cast<const unsigned char*>(secret_.data()));
  return http::base64url(mac, sizeof mac);
}

bool CsrfTokens::valid(std::string_view binding, std::string_view token) const {
  if (binding.empty()) return false;
  std::string expected = token_for(binding);
  return token.size() == expected.size() && sodium_memcmp(token.data(), expected.data(), token.size()) == 0;
}

}  // namespace kpress
