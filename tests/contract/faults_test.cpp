// What a failure leaves: the store on connections that fail when told to (store/testing).
#include <gtest/gtest.h>

#include <mutex>

#include "contract/store_factories.hpp"
#include "resources/embedded.hpp"
#include "store/memoized_store.hpp"
#include "store/testing/faulty_connection.hpp"
#include "support/eventually.hpp"

namespace kpress {
namespace {

using sql::testing::Faults;

class StoreFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    auto path = dir.path() / "kpress.db";
    store = std::make_unique<sql::SqlStore>(
        sql::testing::faulty([path = path.string()] { return std::make_unique<sqlite::Connection>(path); }, faults),
        resources::sqlite_migrations());
    store->migrate(at("2026-01-01T00:00:00Z"));
    save_test_site(*store);
    store->on_change([this](const ChangeSet& c) {
      std::lock_guard lock(mutex);
      delivered.push_back(c);
    });
  }
  std::size_t delivered_count() {
    std::lock_guard lock(mutex);
    return delivered.size();
  }
  Article article(const std::string& slug) { return test_article(slug); }

  testing::TempDir dir;
  std::shared_ptr<Faults> faults = std::make_shared<Faults>();
  std::unique_ptr<Store> store;
  std::mutex mutex;
  std::vector<ChangeSet> delivered;
};

TEST_F(StoreFaults, ACommitThatFailsLeavesNothingHalfWritten) {
  faults->fail_next_commit();
  {
    auto tx = store->begin_write();
    auto saved = tx->save_article(article("lost"), at("2026-01-01T00:00:00Z"));
    tx->set_article_entities(saved.id, {});
    tx->append_audit({0, at("2026-01-01T00:00:00Z"), std::nullopt, "cli", "article.create", "article:1", "lost", ""});
    EXPECT_THROW(tx->commit(), StoreError);
  }
  EXPECT_FALSE(store->article_by_slug("lost"));
  EXPECT_EQ(store->articles({}).total, 0);
  EXPECT_TRUE(store->audit_log(10, 0).empty());
  EXPECT_EQ(delivered_count(), 0u) << "nothing was committed, so nothing changed";
  // The next write goes through.
  auto tx = store->begin_write();
  tx->save_article(article("kept"), at("2026-01-01T00:00:00Z"));
  tx->commit();
  EXPECT_TRUE(store->article_by_slug("kept"));
  EXPECT_EQ(store->revisions(store->article_by_slug("kept")->id).size(), 1u);
}

TEST_F(StoreFaults, AChangeLogThatCannotBeReadFailsNoDurableSave) {
  faults->fail_statements_with("FROM change_log WHERE id >");
  {
    auto tx = store->begin_write();
    tx->save_article(article("durable"), at("2026-01-01T00:00:00Z"));
    EXPECT_NO_THROW(tx->commit());
  }
  EXPECT_TRUE(store->article_by_slug("durable"));
  EXPECT_EQ(delivered_count(), 0u);
  // Once the log can be read again, the change reaches the listeners: none is lost.
  faults->fail_statements_with("");
  ASSERT_TRUE(testing::eventually([&] { return delivered_count() == 1; }));
  std::lock_guard lock(mutex);
  EXPECT_EQ(delivered.front().articles.size(), 1u);
}

// An entry of the log this process cannot read (damaged, or from a newer kpress) is taken as a
// change of everything, and the entries after it are delivered as usual.
TEST_F(StoreFaults, AChangeLogEntryThatCannotBeReadIsAChangeOfEverything) {
  {
    sqlite::Connection db((dir.path() / "kpress.db").string());
    db.exec("UPDATE change_log_head SET id = id + 1");
    db.exec("INSERT INTO change_log (id, committed_at, changes) SELECT id, 0, 'not a change set' FROM change_log_head");
  }
  auto tx = store->begin_write();
  tx->save_article(article("after"), at("2026-01-01T00:00:00Z"));
  tx->commit();
  std::lock_guard lock(mutex);
  ASSERT_EQ(delivered.size(), 2u);
  EXPECT_TRUE(delivered[0].everything);
  EXPECT_EQ(delivered[1].articles.size(), 1u);
  EXPECT_TRUE(store->changes_current());
}

TEST_F(StoreFaults, AReadThatFailsIsAnErrorNamingTheCauseAndTheStoreGoesOn) {
  auto tx = store->begin_write();
  tx->save_article(article("there"), at("2026-01-01T00:00:00Z"));
  tx->commit();
  faults->fail_statements_with("FROM articles");
  EXPECT_THROW(store->articles({}), StoreUnavailable);
  try {
    store->articles({});
  } catch (const Unavailable& e) {  // what the server answers 503 with
    EXPECT_NE(std::string(e.what()).find("injected fault"), std::string::npos);
  }
  faults->fail_statements_with("");
  EXPECT_EQ(store->articles({}).total, 1);
}

// The memos a site keeps over the store (MemoizedStore), on the same failing connections.
class MemoFaults : public StoreFaults {
 protected:
  void SetUp() override {
    StoreFaults::SetUp();
    memoized = std::make_unique<MemoizedStore>(std::move(store));
  }
  void save(const std::string& slug) {
    auto tx = memoized->begin_write();
    tx->save_article(article(slug), at("2026-01-01T00:00:00Z"));
    tx->commit();
  }
  std::unique_ptr<MemoizedStore> memoized;
};

// A page whose reads are all kept in memory reaches no database: it is served while every
// statement fails, and read from the store again once a change comes.
TEST_F(MemoFaults, AKeptReadReachesNoDatabase) {
  save("kept");
  ASSERT_TRUE(memoized->article_by_slug("kept"));
  faults->fail_statements_with("FROM articles");
  EXPECT_THROW(memoized->article_by_slug("kept"), StoreUnavailable) << "kept from its second reading only";
  faults->fail_statements_with("");
  ASSERT_TRUE(memoized->article_by_slug("kept"));
  faults->fail_statements_with("FROM articles");
  {
    auto snapshot = memoized->read_snapshot();
    EXPECT_EQ(memoized->article_by_slug("kept")->slug, "kept");
  }
  EXPECT_THROW(memoized->articles({}), StoreUnavailable);  // what is not kept is read
  faults->fail_statements_with("");
  save("other");  // an article changed: what was kept is read again
  faults->fail_statements_with("FROM articles");
  EXPECT_THROW(memoized->article_by_slug("kept"), StoreUnavailable);
  faults->fail_statements_with("");
  EXPECT_TRUE(memoized->article_by_slug("kept"));
  faults->fail_statements_with("FROM articles");
  EXPECT_EQ(memoized->article_by_slug("kept")->slug, "kept");  // read lately: kept again at once
  faults->fail_statements_with("");
}

// An idle event loop lets the articles kept go (give_back_memory): the next read reaches the
// database again.
TEST_F(MemoFaults, WhatAnIdleProcessLetsGoIsReadAgain) {
  save("kept");
  ASSERT_TRUE(memoized->article_by_slug("kept"));
  ASSERT_TRUE(memoized->article_by_slug("kept"));  // kept
  memoized->give_back_memory();
  faults->fail_statements_with("FROM articles");
  EXPECT_THROW(memoized->article_by_slug("kept"), StoreUnavailable);
  faults->fail_statements_with("");
  EXPECT_EQ(memoized->article_by_slug("kept")->slug, "kept");
  EXPECT_EQ(memoized->article_by_slug("kept")->slug, "kept");
  faults->fail_statements_with("FROM articles");
  EXPECT_EQ(memoized->article_by_slug("kept")->slug, "kept");  // kept again once read twice
  faults->fail_statements_with("");
}

// While the change log cannot be read, nothing kept is trusted: this process's own save shows at
// once, though its change has not been delivered.
TEST_F(MemoFaults, WithoutTheChangeLogNothingKeptIsTrusted) {
  EXPECT_FALSE(memoized->article_by_slug("late"));
  EXPECT_FALSE(memoized->article_by_slug("late"));  // kept as missing
  faults->fail_statements_with("FROM change_log WHERE id >");
  save("late");
  EXPECT_EQ(delivered_count(), 0u);
  EXPECT_TRUE(memoized->article_by_slug("late"));
  faults->fail_statements_with("");
  ASSERT_TRUE(testing::eventually([&] { return delivered_count() == 1 && memoized->changes_current(); }));
  EXPECT_TRUE(memoized->article_by_slug("late"));
}

}  // namespace
}  // namespace kpress
