// The newsroom's rules: what each role may do, whose drafts one may edit, acceptable emails and
// passwords.
#include <gtest/gtest.h>

#include "core/accounts.hpp"

namespace kpress {
namespace {

TEST(Accounts, EachRoleMayDoWhatTheNewsroomExpects) {
  using P = Permission;
  struct Row {
    Role role;
    std::vector<Permission> allowed;
  };
  const std::vector<Permission> all{P::write_drafts, P::translate, P::edit_any, P::publish, P::delete_articles,
                                    P::edit_catalog, P::manage_users, P::manage_settings, P::read_audit_log};
  for (const auto& row : std::vector<Row>{
           {Role::contributor, {P::write_drafts}},
           {Role::translator, {P::write_drafts, P::translate}},
           {Role::editor, {P::write_drafts, P::translate, P::edit_any, P::publish, P::delete_articles, P::edit_catalog}},
           {Role::owner, all}}) {
    for (auto p : all) {
      bool expected = std::find(row.allowed.begin(), row.allowed.end(), p) != row.allowed.end();
      EXPECT_EQ(can(row.role, p), expected) << to_string(row.role) << " permission " << static_cast<int>(p);
    }
  }
}

TEST(Accounts, ContributorsAndTranslatorsEditOnlyTheirOwnDrafts) {
  User contributor{.id = 7, .role = Role::contributor};
  EXPECT_TRUE(may_edit_article(contributor, 7, false));
  EXPECT_FALSE(may_edit_article(contributor, 7, true));   // published: an editor's now
  EXPECT_FALSE(may_edit_article(contributor, 8, false));  // someone else's
  EXPECT_FALSE(may_edit_article(contributor, std::nullopt, false));  // imported
  User editor{.id = 9, .role = Role::editor};
  EXPECT_TRUE(may_edit_article(editor, 7, true));
}

TEST(Accounts, RolesReadBackAndUnknownOnesAreRefused) {
  for (auto r : {Role::contributor, Role::translator, Role::editor, Role::owner}) EXPECT_EQ(parse_role(to_string(r)), r);
  EXPECT_FALSE(parse_role("admin"));
  EXPECT_FALSE(parse_role("Owner"));
}

TEST(Accounts, EmailsAndPasswordsAreChecked) {
  EXPECT_EQ(check_email("camille@example.org").english(), "");
  for (const char* bad : {"", "camille", "@example.org", "camille@", "camille@example", "a@b@c.org", "camille moreau@example.org",
                          "camille@example.org.", "<x>@example.org"})
    EXPECT_NE(check_email(bad).english(), "") << bad;
  EXPECT_EQ(check_password("correct horse").english(), "");
  EXPECT_EQ(check_password("임시완의생일파티축하").english(), "");  // ten characters, thirty bytes
  EXPECT_NE(check_password("short").english(), "");
  EXPECT_NE(check_password(std::string(1001, 'a')).english(), "");
  EXPECT_NE(check_password(std::string("long enough\0password", 20)).english(), "");
}

}  // namespace
}  // namespace kpress
