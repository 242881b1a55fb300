#include "store/sql/account_queries.hpp"

#include "core/hash.hpp"
#include "store/sql/connection.hpp"
#include "store/store.hpp"

namespace kpress::sql::accounts {

namespace {

Instant instant(std::int64_t s) { return Instant(std::chrono::seconds(s)); }

constexpr std::string_view kUserColumns = "id, email, name, role, password_hash, author, created_at, disabled, language";

User read_user(const Statement& q) {
  User u;
  u.id = q.int64(0);
  u.email = q.text(1);
  u.name = q.text(2);
  u.role = parse_role(q.text(3)).value_or(Role::contributor);
  u.password_hash = q.text(4);
  u.author = q.text(5);
  u.created_at = instant(q.int64(6));
  u.disabled = q.int64(7) != 0;
  u.language = q.text(8);
  return u;
}

}  // namespace

std::int64_t save_user(Connection& db, const User& u) {
  if (auto other = user_by_email(db, u.email); other && other->id != u.id)
    throw StoreError("an account already has the email " + u.email);
  if (u.id == 0) {
    auto q = db.prepare(
        "INSERT INTO users (email, name, role, password_hash, author, created_at, disabled, language) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    q.bind(1, u.email).bind(2, u.name).bind(3, to_string(u.role)).bind(4, u.password_hash).bind(5, u.author);
    q.bind(6, seconds(u.created_at)).bind(7, u.disabled ? 1 : 0).bind(8, u.language);
    q.step();
    return q.int64(0);
  }
  auto q = db.prepare(
      "UPDATE users SET email = ?, name = ?, role = ?, password_hash = ?, author = ?, disabled = ?, language = ? WHERE id = ?");
  q.bind(1, u.email).bind(2, u.name).bind(3, to_string(u.role)).bind(4, u.password_hash).bind(5, u.author);
  q.bind(6, u.disabled ? 1 : 0).bind(7, u.language).bind(8, u.id);
  q.run();
  if (db.changes() == 0) throw StoreError("no account has the id " + std::to_string(u.id));
  return u.id;
}

void save_session(Connection& db, const Session& s) {
  db.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, address) VALUES (?, ?, ?, ?, ?)")
      .bind(1, s.token_hash)
      .bind(2, s.user_id)
      .bind(3, seconds(s.created_at))
      .bind(4, seconds(s.expires_at))
      .bind(5, s.address)
      .run();
}

void delete_session(Connection& db, std::string_view token_hash) {
  db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run();
}

int delete_sessions_of(Connection& db, std::int64_t user_id) {
  db.prepare("DELETE FROM sessions WHERE user_id = ?").bind(1, user_id).run();
  return static_cast<int>(db.changes());
}

void append_audit(Connection& db, const AuditEntry& e) {
  db.prepare("INSERT INTO audit_log (at, user_id, actor, action, target, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, seconds(e.at))
      .bind(2, e.user_id)
      .bind(3, e.actor)
      .bind(4, e.action)
      .bind(5, e.target)
      .bind(6, e.detail)
      .bind(7, e.address)
      .run();
}

// Kept as hex: a TEXT column reads the same on both backends. Two nodes starting at once both
// propose one; the first stored is the one both read back.
std::string adopt_signing_key(Connection& db, const std::string& proposed) {
  db.prepare("INSERT INTO site_keys (name, value) VALUES ('signing', ?) ON CONFLICT (name) DO NOTHING")
      .bind(1, to_hex(proposed))
      .run();
  auto q = db.prepare("SELECT value FROM site_keys WHERE name = 'signing'");
  if (!q.step()) throw StoreError("the site's signing key was not stored");
  auto key = from_hex(q.text(0));
  if (!key || key->size() != proposed.size()) throw StoreError("the site's signing key in the database is not a key");
  return *key;
}

std::optional<User> user_by_email(Connection& db, std::string_view email) {
  auto q = db.prepare("SELECT " + std::string(kUserColumns) + " FROM users WHERE lower(email) = lower(?)");
  q.bind(1, email);
  if (!q.step()) return std::nullopt;
  return read_user(q);
}

std::optional<User> user_by_id(Connection& db, std::int64_t id) {
  auto q = db.prepare("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_user(q);
}

std::vector<User> users(Connection& db) {
  std::vector<User> list;
  auto q = db.prepare("SELECT " + std::string(kUserColumns) + " FROM users ORDER BY email");
  while (q.step()) list.push_back(read_user(q));
  return list;
}

std::optional<Session> session(Connection& db, std::string_view token_hash) {
  auto q = db.prepare("SELECT token_hash, user_id, created_at, expires_at, address FROM sessions WHERE token_hash = ?");
  q.bind(1, token_hash);
  if (!q.step()) return std::nullopt;
  return Session{q.text(0), q.int64(1), instant(q.int64(2)), instant(q.int64(3)), q.text(4)};
}

// Both read the audit log's recent "login.failed" and "login" entries through the index on
// (action, at): a window of minutes, however long the log.
int count_failed_sign_ins(Connection& db, const FailedSignIns& which) {
  if (which.email.empty()) {
    auto q = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'login.failed' AND at > ? AND address = ?");
    q.bind(1, seconds(which.since)).bind(2, which.address);
    return q.step() ? static_cast<int>(q.int64(0)) : 0;
  }
  auto q = db.prepare(
      "SELECT count(*) FROM audit_log WHERE action = 'login.failed' AND lower(actor) = lower(?2) AND at > "
      "COALESCE((SELECT max(at) FROM audit_log WHERE action = 'login' AND at > ?1 AND lower(actor) = lower(?2)), ?1)");
  q.bind(1, seconds(which.since)).bind(2, which.email);
  return q.step() ? static_cast<int>(q.int64(0)) : 0;
}

std::vector<AuditEntry> audit_log(Connection& db, int limit, int offset) {
  std::vector<AuditEntry> list;
  auto q = db.prepare(
      "SELECT id, at, user_id, actor, action, target, detail, address FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?");
  q.bind(1, limit).bind(2, offset);
  while (q.step()) {
    AuditEntry e;
    e.id = q.int64(0);
    e.at = instant(q.int64(1));
    if (!q.is_null(2)) e.user_id = q.int64(2);
    e.actor = q.text(3);
    e.action = q.text(4);
    e.target = q.text(5);
    e.detail = q.text(6);
    e.address = q.text(7);
    list.push_back(std::move(e));
  }
  return list;
}

}  // namespace kpress::sql::accounts
