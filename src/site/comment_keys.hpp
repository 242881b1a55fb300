#pragma once
// What keeps comments private and bots out, signed with the site's secret key (libsodium):
// keyed hashes of what must not be stored in the clear (a commenter's e-mail, browser id,
// network address), and the comment form's token, which says when the form was made: a form
// sent back within seconds was not filled in by a person, one a day old was not either.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace kpress {

enum class FormTokenCheck { good, forged, too_soon, too_old };

class CommentKeys {
 public:
  static constexpr std::chrono::seconds kSoonest{3};
  static constexpr std::chrono::hours kOldest{24};

  // `secret`: the site's 32-byte key; throws std::invalid_argument otherwise.
  explicit CommentKeys(std::string secret);
  // 32 hex digits; the same value gives the same key for the same `purpose` only ("email",
  // "browser", "address"); empty for an empty value.
  std::string key_of(std::string_view purpose, std::string_view value) const;
  // Whether `key` is key_of(purpose, value), compared in constant time: a link the site signed.
  bool is_key_of(std::string_view purpose, std::string_view value, std::string_view key) const;
  std::string form_token(std::int64_t article_id, Instant made_at) const;
  FormTokenCheck check(std::string_view token, std::int64_t article_id, Instant now) const;

 private:
  std::string secret_;
};

}  // namespace kpress
