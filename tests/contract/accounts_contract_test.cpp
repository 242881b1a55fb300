// The newsroom's contract: accounts, sessions, who saved what, autosaves and the media library,
// the same on every backend.
#include <gtest/gtest.h>

#include "contract/store_factories.hpp"

namespace kpress {
namespace {

template <typename Factory>
class AccountsContract : public ::testing::Test {
 protected:
  void SetUp() override {
    store = factory.make();
    save_test_site(*store);
  }

  std::int64_t add_user(const std::string& email, Role role) {
    User u;
    u.email = email;
    u.name = email.substr(0, email.find('@'));
    u.role = role;
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    u.author = "camille";
    u.created_at = at("2026-01-01T00:00:00Z");
    auto tx = store->begin_write();
    auto id = tx->save_user(u);
    tx->commit();
    return id;
  }

  Factory factory;
  std::unique_ptr<Store> store;
};

using Implementations = ::testing::Types<SqliteFactory, PostgresFactory, MemoryFactory>;
TYPED_TEST_SUITE(AccountsContract, Implementations);

TYPED_TEST(AccountsContract, AccountsAreFoundByIdAndByEmailInAnyCase) {
  auto owner = this->add_user("Owner@Example.org", Role::owner);
  auto editor = this->add_user("editor@example.org", Role::editor);
  EXPECT_NE(owner, editor);
  auto found = this->store->user_by_id(editor);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->email, "editor@example.org");
  EXPECT_EQ(found->role, Role::editor);
  EXPECT_EQ(found->author, "camille");
  EXPECT_EQ(found->created_at, at("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(found->disabled);
  EXPECT_EQ(this->store->user_by_email("owner@example.ORG")->id, owner);
  EXPECT_FALSE(this->store->user_by_id(owner + editor + 1));
  EXPECT_EQ(this->store->users().size(), 2u);

  // An email taken in another case is refused, and nothing is written.
  User again;
  again.email = "OWNER@example.org";
  again.name = "Someone else";
  {
    auto tx = this->store->begin_write();
    EXPECT_THROW(tx->save_user(again), StoreError);
  }
  EXPECT_EQ(this->store->users().size(), 2u);

  // Disabled, then changed in place.
  found->disabled = true;
  found->role = Role::contributor;
  {
    auto tx = this->store->begin_write();
    EXPECT_EQ(tx->save_user(*found), editor);
    tx->commit();
  }
  EXPECT_TRUE(this->store->user_by_id(editor)->disabled);
  EXPECT_EQ(this->store->user_by_id(editor)->role, Role::contributor);
}

// Every node of a site signs with the key stored first: a second proposal reads it back.
TYPED_TEST(AccountsContract, TheFirstSigningKeyStoredIsTheOneEveryoneGets) {
  std::string first(32, '\x01'), second(32, '\xfe');
  first[5] = '\0';  // any byte, a zero too
  auto tx = this->store->begin_write();
  EXPECT_EQ(tx->adopt_signing_key(first), first);
  tx->commit();
  tx = this->store->begin_write();
  EXPECT_EQ(tx->adopt_signing_key(second), first);
  tx->commit();
}

// Failed sign-ins counted from the audit log: by address, or by email in any case since the
// account's last sign-in; only those after the instant asked.
TYPED_TEST(AccountsContract, FailedSignInsAreCountedByAddressOrByAccountSinceItsLastSignIn) {
  auto audit = [&](const char* when, const char* email, const char* action, const char* address) {
    auto tx = this->store->begin_write();
    tx->append_audit({0, at(when), std::nullopt, email, action, "", "", address});
    tx->commit();
  };
  audit("2026-01-01T10:00:00Z", "editor@example.org", "login.failed", "192.0.2.1");
  audit("2026-01-01T10:01:00Z", "Editor@Example.org", "login.failed", "192.0.2.2");
  audit("2026-01-01T10:02:00Z", "editor@example.org", "login", "192.0.2.2");
  audit("2026-01-01T10:03:00Z", "EDITOR@example.org", "login.failed", "192.0.2.1");
  audit("2026-01-01T10:04:00Z", "other@example.org", "login.failed", "192.0.2.1");
  audit("2026-01-01T10:05:00Z", "other@example.org", "logout", "192.0.2.1");
  auto count = [&](std::string address, std::string email, const char* since) {
    return this->store->count_failed_sign_ins({std::move(address), std::move(email), at(since)});
  };
  EXPECT_EQ(count("192.0.2.1", "", "2026-01-01T09:00:00Z"), 3);
  EXPECT_EQ(count("192.0.2.1", "", "2026-01-01T10:00:00Z"), 2);  // after 10:00, not at it
  EXPECT_EQ(count("192.0.2.2", "", "2026-01-01T09:00:00Z"), 1);
  EXPECT_EQ(count("", "editor@EXAMPLE.org", "2026-01-01T09:00:00Z"), 1);  // the one after its sign-in
  EXPECT_EQ(count("", "other@example.org", "2026-01-01T09:00:00Z"), 1);
  EXPECT_EQ(count("", "other@example.org", "2026-01-01T10:04:00Z"), 0);
  EXPECT_EQ(count("", "nobody@example.org", "2026-01-01T09:00:00Z"), 0);
}

TYPED_TEST(AccountsContract, SessionsEndOneByOneOrAllAtOnce) {
  auto user = this->add_user("editor@example.org", Role::editor);
  auto other = this->add_user("owner@example.org", Role::owner);
  auto session = [&](const std::string& hash, std::int64_t of) {
    return Session{hash, of, at("2026-01-01T00:00:00Z"), at("2026-01-31T00:00:00Z"), "192.0.2.1"};
  };
  {
    auto tx = this->store->begin_write();
    tx->save_session(session(std::string(64, 'a'), user));
    tx->save_session(session(std::string(64, 'b'), user));
    tx->save_session(session(std::string(64, 'c'), other));
    tx->commit();
  }
  auto found = this->store->session(std::string(64, 'a'));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, user);
  EXPECT_EQ(found->expires_at, at("2026-01-31T00:00:00Z"));
  EXPECT_EQ(found->address, "192.0.2.1");
  EXPECT_FALSE(this->store->session(std::string(64, 'd')));
  {
    auto tx = this->store->begin_write();
    tx->delete_session(std::string(64, 'a'));
    tx->commit();
  }
  EXPECT_FALSE(this->store->session(std::string(64, 'a')));
  EXPECT_TRUE(this->store->session(std::string(64, 'b')));
  {
    auto tx = this->store->begin_write();
    EXPECT_EQ(tx->delete_sessions_of(user), 1);  // sign out everywhere
    tx->commit();
  }
  EXPECT_FALSE(this->store->session(std::string(64, 'b')));
  EXPECT_TRUE(this->store->session(std::string(64, 'c')));  // another account's stays
}

TYPED_TEST(AccountsContract, RevisionsAndArticlesNameTheAccountThatSavedThem) {
  auto user = this->add_user("editor@example.org", Role::editor);
  SavedArticle saved, imported;
  {
    auto tx = this->store->begin_write();
    tx->set_actor(user);
    saved = tx->save_article(test_article("by-editor"), at("2026-01-01T00:00:00Z"));
    tx->set_actor(std::nullopt);
    imported = tx->save_article(test_article("imported"), at("2026-01-01T00:00:00Z"));
    tx->commit();
  }
  EXPECT_EQ(this->store->revisions(saved.id).at(0).saved_by, user);
  EXPECT_EQ(this->store->revisions(imported.id).at(0).saved_by, std::nullopt);
  ArticleQuery mine;
  mine.created_by = user;
  auto list = this->store->articles(mine);
  ASSERT_EQ(list.total, 1);
  EXPECT_EQ(list.items[0].slug, "by-editor");
}

TYPED_TEST(AccountsContract, AnAutosaveIsPerAccountAndReplacedByTheNext) {
  auto user = this->add_user("editor@example.org", Role::editor);
  auto other = this->add_user("owner@example.org", Role::owner);
  SavedArticle saved;
  {
    auto tx = this->store->begin_write();
    saved = tx->save_article(test_article("draft"), at("2026-01-01T00:00:00Z"));
    tx->commit();
  }
  auto autosave = [&](const std::string& title, const char* when) {
    auto a = *this->store->article_by_id(saved.id);
    a.title = title;
    auto tx = this->store->begin_write();
    tx->save_autosave(user, a, at(when));
    tx->commit();
  };
  autosave("First try", "2026-01-01T10:00:00Z");
  autosave("Second try", "2026-01-01T10:01:00Z");
  auto kept = this->store->autosave(user, saved.id);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->article.title, "Second try");
  EXPECT_EQ(kept->saved_at, at("2026-01-01T10:01:00Z"));
  EXPECT_FALSE(this->store->autosave(other, saved.id));
  EXPECT_EQ(this->store->article_by_id(saved.id)->title, "Title draft");  // the article is untouched
  {
    auto tx = this->store->begin_write();
    tx->drop_autosave(user, saved.id);
    tx->commit();
  }
  EXPECT_FALSE(this->store->autosave(user, saved.id));
}

TYPED_TEST(AccountsContract, TheMediaLibraryListsNewestFirst) {
  auto user = this->add_user("editor@example.org", Role::editor);
  auto save = [&](const std::string& name, const char* when) {
    MediaItem m;
    m.original_name = name;
    m.format = "jpeg";
    m.size = {1600, 900};
    m.bytes = 123456;
    m.alt = "Alt of " + name;
    m.uploaded_by = user;
    m.uploaded_at = at(when);
    auto tx = this->store->begin_write();
    auto id = tx->save_media(m);
    tx->commit();
    return id;
  };
  auto first = save("첫 사진.jpg", "2026-01-01T00:00:00Z");
  auto second = save("second.jpg", "2026-01-02T00:00:00Z");
  EXPECT_NE(first, second);
  auto item = this->store->media(first);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->original_name, "첫 사진.jpg");
  EXPECT_EQ(item->size, (ImageSize{1600, 900}));
  EXPECT_EQ(item->bytes, 123456);
  EXPECT_EQ(item->uploaded_by, user);
  EXPECT_FALSE(this->store->media(first + second + 1));

  auto newest = this->store->media_items(1, 0);
  ASSERT_EQ(newest.size(), 1u);
  EXPECT_EQ(newest[0].id, second);
  auto next = this->store->media_items(1, 1);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].id, first);
  EXPECT_TRUE(this->store->media_items(1, 2).empty());

  // Alt text and credit are edited in place.
  item->alt = "Im Siwan à Séoul";
  item->credit = "© tvN";
  {
    auto tx = this->store->begin_write();
    EXPECT_EQ(tx->save_media(*item), first);
    tx->commit();
  }
  EXPECT_EQ(this->store->media(first)->alt, "Im Siwan à Séoul");
  EXPECT_EQ(this->store->media(first)->credit, "© tvN");
}

}  // namespace
}  // namespace kpress
