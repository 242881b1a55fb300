#pragma once
// Who is signed in to the admin: a session cookie (Path=/admin, HttpOnly, SameSite=Lax, Secure
// over HTTPS) holding a random token; the store keeps its hash and when it expires. Sign-in
// attempts are throttled by address and by account (from the audit log: the same on every node),
// and every form carries a CSRF token bound to the session (or, for the sign-in form, to a nonce
// cookie).
#include <chrono>
#include <optional>
#include <string>

#include "admin/accounts.hpp"
#include "admin/credentials.hpp"
#include "core/accounts.hpp"
#include "core/time.hpp"
#include "http/message.hpp"

namespace kpress {

class Store;

struct AdminOptions {
  Clock clock = system_now;
  std::chrono::seconds session_lifetime = std::chrono::hours(12);
  bool secure_cookies = false;  // the site is served over HTTPS
  // Failed sign-ins allowed before 429, counted over a window: those of the last hour from one
  // address, those of the last quarter of an hour for one account (since its last sign-in).
  // Counted in the audit log, so failures made on every node of the site count.
  unsigned failures_per_address = 20;
  std::chrono::minutes address_window{60};
  unsigned failures_per_account = 5;
  std::chrono::minutes account_window{15};
};

struct SignedIn {
  User user;
  Session session;
  std::string csrf;  // the token this session's forms carry
  Actor actor() const { return {user.id, user.email, session.address}; }
};

enum class SignInOutcome { signed_in, wrong_credentials, throttled, disabled };

struct SignInResult {
  SignInOutcome outcome = SignInOutcome::wrong_credentials;
  std::string set_cookie;  // when signed in
  std::optional<User> user;
};

class Sessions {
 public:
  Sessions(Store& store, std::string secret, AdminOptions options);

  // The signed-in account of this request: a known, unexpired session of an enabled account.
  std::optional<SignedIn> current(const http::Request& request) const;
  SignInResult sign_in(std::string_view email, std::string_view password, const std::string& address);
  // Ends this browser's session; the Set-Cookie value that removes the cookie.
  std::string sign_out(const SignedIn& who);
  // Ends every session of the account (all browsers, all devices).
  std::string sign_out_everywhere(const SignedIn& who);

  // The sign-in form's protection: a nonce cookie and the token that goes with it.
  std::pair<std::string, std::string> login_form_token() const;  // {set_cookie, token}
  bool login_token_valid(const http::Request& request, std::string_view token) const;
  bool csrf_valid(const SignedIn& who, std::string_view token) const;

  const AdminOptions& options() const { return options_; }

 private:
  std::string cookie(std::string_view name, std::string_view value, std::optional<long> max_age) const;
  Store& store_;
  CsrfTokens csrf_;
  AdminOptions options_;
  std::string dummy_hash_;  // verified against when the email is unknown, so timing does not tell
};

inline constexpr std::string_view kSessionCookie = "kpress_session";
inline constexpr std::string_view kLoginCookie = "kpress_login";

}  // namespace kpress
