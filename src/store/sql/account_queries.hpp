#pragma once
// The newsroom's accounts, sessions and audit log in SQL, shared by the store's readers and its
// write transaction.
#include <optional>
#include <string_view>
#include <vector>

#include "core/accounts.hpp"

namespace kpress::sql {

class Connection;

namespace accounts {

std::int64_t save_user(Connection& db, const User& user);
void save_session(Connection& db, const Session& session);
void delete_session(Connection& db, std::string_view token_hash);
int delete_sessions_of(Connection& db, std::int64_t user_id);
void append_audit(Connection& db, const AuditEntry& entry);
std::string adopt_signing_key(Connection& db, const std::string& proposed);

std::optional<User> user_by_email(Connection& db, std::string_view email);
std::optional<User> user_by_id(Connection& db, std::int64_t id);
std::vector<User> users(Connection& db);
std::optional<Session> session(Connection& db, std::string_view token_hash);
std::vector<AuditEntry> audit_log(Connection& db, int limit, int offset);
int count_failed_sign_ins(Connection& db, const FailedSignIns& which);

}  // namespace accounts
}  // namespace kpress::sql
