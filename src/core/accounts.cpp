#include "core/accounts.hpp"

#include <array>
#include <utility>

namespace kpress {

namespace {

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoleNames{{
    {Role::contributor, "contributor"}, {Role::translator, "translator"}, {Role::editor, "editor"}, {Role::owner, "owner"}}};

}  // namespace

std::string_view to_string(Role role) {
  for (auto [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "contributor";
}

std::optional<Role> parse_role(std::string_view text) {
  for (auto [r, name] : kRoleNames) {
    if (name == text) return r;
  }
  return std::nullopt;
}

std::string_view role_label(Role role) {
  switch (role) {
    case Role::contributor: return N_("Contributor");
    case Role::translator: return N_("Translator");
    case Role::editor: return N_("Editor");
    case Role::owner: return N_("Owner");
  }
  return "";
}

bool can(Role role, Permission permission) {
  switch (permission) {
    case Permission::write_drafts: return true;
    case Permission::translate: return role != Role::contributor;
    case Permission::edit_any:
    case Permission::publish:
    case Permission::delete_articles:
    case Permission::edit_catalog:
    case Permission::moderate_comments: return role == Role::editor || role == Role::owner;
    case Permission::manage_users:
    case Permission::manage_settings:
    case Permission::read_audit_log: return role == Role::owner;
  }
  return false;
}

bool may_edit_article(const User& user, std::optional<std::int64_t> created_by, bool published) {
  if (can(user.role, Permission::edit_any)) return true;
  return !published && created_by && *created_by == user.id;
}

Wording check_email(std::string_view email) {
  if (email.empty()) return {N_("an email address is required")};
  if (email.size() > 254) return {N_("an email address has at most 254 characters")};
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at != email.rfind('@'))
    return {N_("'{value}' is not an email address (name@domain)"), std::string(email)};
  auto domain = email.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' || domain.find('.') == std::string_view::npos)
    return {N_("'{value}' has no valid domain after the @"), std::string(email)};
  for (unsigned char c : email) {
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';')
      return {N_("an email address has no spaces, quotes, commas or angle brackets")};
  }
  return {};
}

Wording check_password(std::string_view password) {
  if (password.find('\0') != std::string_view::npos) return {N_("a password may not contain a NUL byte")};
  if (password.size() > 1000) return {N_("a password has at most 1,000 bytes")};
  std::size_t characters = 0;
  for (unsigned char c : password) characters += (c & 0xC0) != 0x80;  // UTF-8 lead bytes
  if (characters < 10) return {N_("a password needs at least 10 characters")};
  return {};
}

}  // namespace kpress
