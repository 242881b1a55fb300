#include "admin/sessions.hpp"

#include "http/cookies.hpp"
#include "store/store.hpp"

namespace kpress {

Sessions::Sessions(Store& store, std::string secret, AdminOptions options)
    : store_(store),
      csrf_(std::move(secret)),
      options_(std::move(options)),
      dummy_hash_(hash_password("a password nobody has: for unknown emails")) {}

std::string Sessions::cookie(std::string_view name, std::string_view value, std::optional<long> max_age) const {
  return http::set_cookie_value(name, value, {.max_age_seconds = max_age, .secure = options_.secure_cookies, .path = "/admin"});
}

std::optional<SignedIn> Sessions::current(const http::Request& request) const {
  auto token = http::cookie_value(request, kSessionCookie);
  if (!token || token->empty()) return std::nullopt;
  auto session = store_.session(token_hash(*token));
  if (!session || session->expires_at <= options_.clock()) return std::nullopt;
  auto user = store_.user_by_id(session->user_id);
  if (!user || user->disabled) return std::nullopt;
  std::string csrf = csrf_.token_for(session->token_hash);
  return SignedIn{std::move(*user), std::move(*session), std::move(csrf)};
}

SignInResult Sessions::sign_in(std::string_view email, std::string_view password, const std::string& address) {
  SignInResult result;
  Instant now = options_.clock();
  auto failures_from_address = store_.count_failed_sign_ins({.address = address, .since = now - options_.address_window});
  auto failures_of_account = store_.count_failed_sign_ins({.email = std::string(email), .since = now - options_.account_window});
  if (failures_from_address >= static_cast<int>(options_.failures_per_address) ||
      failures_of_account >= static_cast<int>(options_.failures_per_account)) {
    // Not logged: a flood of attempts would flood the audit log. The failures that led here are.
    result.outcome = SignInOutcome::throttled;
    return result;
  }
  auto user = store_.user_by_email(email);
  bool matches = verify_password(user ? user->password_hash : dummy_hash_, password) && user;
  auto tx = store_.begin_write();
  if (!matches) {
    tx->append_audit(audit_entry({user ? std::optional(user->id) : std::nullopt, std::string(email), address}, now,
                                 "login.failed", user ? "user:" + std::to_string(user->id) : ""));
    tx->commit();
    return result;
  }
  if (user->disabled) {
    result.outcome = SignInOutcome::disabled;
    tx->append_audit(audit_entry({user->id, user->email, address}, now, "login.refused", "user:" + std::to_string(user->id),
                                 "the account is disabled"));
    tx->commit();
    return result;
  }
  std::string token = new_token();
  Session session{token_hash(token), user->id, now, now + options_.session_lifetime, address};
  tx->save_session(session);
  tx->append_audit(audit_entry({user->id, user->email, address}, now, "login", "user:" + std::to_string(user->id)));
  tx->commit();
  result.outcome = SignInOutcome::signed_in;
  result.set_cookie = cookie(kSessionCookie, token, std::nullopt);
  result.user = std::move(user);
  return result;
}

std::string Sessions::sign_out(const SignedIn& who) {
  auto tx = store_.begin_write();
  tx->delete_session(who.session.token_hash);
  tx->append_audit(audit_entry(who.actor(), options_.clock(), "logout", "user:" + std::to_string(who.user.id)));
  tx->commit();
  return cookie(kSessionCookie, "", 0);
}

std::string Sessions::sign_out_everywhere(const SignedIn& who) {
  auto tx = store_.begin_write();
  int ended = tx->delete_sessions_of(who.user.id);
  tx->append_audit(audit_entry(who.actor(), options_.clock(), "logout.everywhere", "user:" + std::to_string(who.user.id),
                               std::to_string(ended) + " session(s) ended"));
  tx->commit();
  return cookie(kSessionCookie, "", 0);
}

std::pair<std::string, std::string> Sessions::login_form_token() const {
  std::string nonce = new_token();
  return {cookie(kLoginCookie, nonce, 3600), csrf_.token_for("login:" + nonce)};
}

bool Sessions::login_token_valid(const http::Request& request, std::string_view token) const {
  auto nonce = http::cookie_value(request, kLoginCookie);
  return nonce && !nonce->empty() && csrf_.valid("login:" + std::string(*nonce), token);
}

bool Sessions::csrf_valid(const SignedIn& who, std::string_view token) const {
  return csrf_.valid(who.session.token_hash, token);
}

}  // namespace kpress
