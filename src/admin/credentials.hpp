#pragma once
// Secrets of the newsroom, all through libsodium: Argon2id password hashes, session tokens (the
// browser holds the token, the store only its BLAKE2b hash) and CSRF tokens (a MAC of the
// session, or of a sign-in nonce, with the site's key).
#include <string>
#include <string_view>

namespace kpress {

// Argon2id with libsodium's "interactive" limits; the result names its algorithm and limits.
std::string hash_password(std::string_view password);
// Constant time in the password; false for a hash that is not one.
bool verify_password(std::string_view hash, std::string_view password);

// A new random token for a cookie (256 bits, base64url).
std::string new_token();
// What the store keeps of a token: 64 hex digits.
std::string token_hash(std::string_view token);

class CsrfTokens {
 public:
  explicit CsrfTokens(std::string secret);  // 32 bytes, the site's key
  // The token a form carries for the holder of `binding` (a session's token hash, or the nonce
  // of the sign-in cookie).
  std::string token_for(std::string_view binding) const;
  bool valid(std::string_view binding, std::string_view token) const;

 private:
  std::string secret_;
};

}  // namespace kpress
