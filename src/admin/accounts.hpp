#pragma once
// Creating accounts, from the command line (the first owner) or by an owner in the admin: one
// path, checked the same way, written with its audit entry in one transaction.
#include <optional>
#include <string>

#include "core/accounts.hpp"

namespace kpress {

class Store;

struct NewAccount {
  std::string email;
  std::string name;
  std::string role;  // as typed: checked here
  std::string password;
  std::string author;  // an author slug of the site, or empty
};

// Who does it, for the audit log.
struct Actor {
  std::optional<std::int64_t> user_id;
  std::string name;  // their email, or "cli"
  std::string address;
};

struct AccountResult {
  std::optional<User> user;
  std::string field;  // what is wrong, when no user was created
  Wording error;
};

AccountResult create_account(Store& store, const NewAccount& account, const Actor& actor, Instant now);

// The audit log entry for an action by `actor`.
AuditEntry audit_entry(const Actor& actor, Instant at, std::string action, std::string target, std::string detail = {});

}  // namespace kpress
