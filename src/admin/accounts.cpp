#include "admin/accounts.hpp"

#include <algorithm>

#include "admin/credentials.hpp"
#include "store/store.hpp"

namespace kpress {

AuditEntry audit_entry(const Actor& actor, Instant at, std::string action, std::string target, std::string detail) {
  AuditEntry e;
  e.at = at;
  e.user_id = actor.user_id;
  e.actor = actor.name;
  e.action = std::move(action);
  e.target = std::move(target);
  e.detail = std::move(detail);
  e.address = actor.address;
  return e;
}

AccountResult create_account(Store& store, const NewAccount& account, const Actor& actor, Instant now) {
  AccountResult result;
  auto fail = [&](std::string field, Wording error) {
    result.field = std::move(field);
    result.error = std::move(error);
    return result;
  };
  if (auto e = check_email(account.email); !e.empty()) return fail("email", e);
  auto role = parse_role(account.role);
  if (!role) return fail("role", {N_("'{value}' is not a role: owner, editor, translator or contributor"), account.role});
  if (auto e = check_password(account.password); !e.empty()) return fail("password", e);
  if (account.name.size() > 200) return fail("name", {N_("a name has at most 200 bytes")});
  if (!account.author.empty()) {
    auto authors = store.authors();
    if (std::none_of(authors.begin(), authors.end(), [&](const Author& a) { return a.slug == account.author; }))
      return fail("author", {N_("'{value}' is not an author of this site"), account.author});
  }
  if (store.user_by_email(account.email)) return fail("email", {N_("an account already has the email {value}"), account.email});

  User user;
  user.email = account.email;
  user.name = account.name;
  user.role = *role;
  user.author = account.author;
  user.password_hash = hash_password(account.password);
  user.created_at = now;
  auto tx = store.begin_write();
  user.id = tx->save_user(user);
  tx->append_audit(audit_entry(actor, now, "user.add", "user:" + std::to_string(user.id),
                               user.email + " as " + std::string(to_string(user.role))));
  tx->commit();
  result.user = std::move(user);
  return result;
}

}  // namespace kpress
