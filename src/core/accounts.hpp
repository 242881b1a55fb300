#pragma once
// The newsroom's accounts: who may do what. Pure rules, no I/O: the admin asks `can` before
// every action, and the same table is what the tests check.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "core/wording.hpp"

namespace kpress {

// Contributors write drafts, translators translate, editors publish and edit everything,
// owners also manage users and settings.
enum class Role { contributor, translator, editor, owner };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
std::string_view role_label(Role role);  // a message id, for the admin

enum class Permission {
  write_drafts,      // create articles and edit one's own drafts
  translate,         // create translations and edit one's own
  edit_any,          // edit any article, published ones included
  publish,           // publish, schedule, unpublish
  delete_articles,   // move to the trash, and back
  edit_catalog,      // shows, people, groups, episodes, slots
  moderate_comments, // approve, edit, mark as spam, trash and delete readers' comments
  manage_users,      // add users, change roles, disable accounts
  manage_settings,
  read_audit_log,
};

bool can(Role role, Permission permission);

struct User {
  std::int64_t id = 0;  // 0 until stored
  std::string email;     // the login, compared without case
  std::string name;
  Role role = Role::contributor;
  std::string password_hash;  // Argon2id, libsodium's encoded string
  std::string author;         // the author (byline) slug of their articles, may be empty
  Instant created_at{};
  bool disabled = false;
  std::string language;  // what the newsroom speaks to them; empty: the site's default language
};

// May `user` change this article? Editors and owners may change any; contributors and
// translators only the drafts they created (`created_by`).
bool may_edit_article(const User& user, std::optional<std::int64_t> created_by, bool published);

// A signed-in browser. The cookie holds a random token; the store keeps only its hash, so a
// copy of the database opens no session.
struct Session {
  std::string token_hash;  // BLAKE2b of the token, 64 hex digits
  std::int64_t user_id = 0;
  Instant created_at{};
  Instant expires_at{};
  std::string address;  // where it signed in from
};

// Failed sign-ins to count (the audit log's "login.failed" entries) since an instant: those
// from one address, or those naming one email in any case made after its last sign-in. Every
// node of a site counts the same ones.
struct FailedSignIns {
  std::string address;  // or
  std::string email;
  Instant since{};
};

struct AuditEntry {
  std::int64_t id = 0;
  Instant at{};
  std::optional<std::int64_t> user_id;
  std::string actor;   // the user's email then, or "cli"
  std::string action;  // "login", "login_failed", "article.publish", "user.add", ...
  std::string target;  // "article:42", "user:3"
  std::string detail;
  std::string address;
};

// Nothing when `email` looks like an address someone could receive mail at, else what is wrong.
Wording check_email(std::string_view email);
// Nothing when the password is acceptable: at least 10 characters (of any script), at most
// 1,000 bytes (hashing costs time and memory), no NUL byte.
Wording check_password(std::string_view password);

}  // namespace kpress
