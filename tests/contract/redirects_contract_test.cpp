// Redirects and what imports made, the same on every backend: a redirect kept whole, replaced by
// its old address, listed and searched in any case, deleted, and heard by every node (their page
// caches hold the answers); an import's origins replaced and read back inside the transaction.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>

#include "contract/store_factories.hpp"
#include "support/eventually.hpp"

namespace kpress {
namespace {

using testing::eventually;

template <typename Factory>
class RedirectsContract : public ::testing::Test {
 protected:
  void SetUp() override {
    store = factory.make();
    save_test_site(*store);
  }
  void save(const Redirect& r) {
    auto tx = store->begin_write();
    tx->save_redirect(r);
    tx->commit();
  }

  Factory factory;
  std::unique_ptr<Store> store;
};

using Implementations = ::testing::Types<SqliteFactory, PostgresFactory, MemoryFactory>;
TYPED_TEST_SUITE(RedirectsContract, Implementations);

TYPED_TEST(RedirectsContract, ARedirectIsKeptReplacedListedAndDeleted) {
  Redirect post{"/2020/12/16/임시완-run-on", "/articles/im-siwan-run-on", "wordpress https://old.example",
                at("2026-01-02T00:00:00Z")};
  this->save(post);
  this->save({"/?p=12", "/articles/im-siwan-run-on", "wordpress https://old.example", at("2026-01-02T00:00:00Z")});
  this->save({"/category/News", "/section/kdrama", "", at("2026-01-03T00:00:00Z")});
  EXPECT_EQ(this->store->redirect("/2020/12/16/임시완-run-on"), post);
  EXPECT_FALSE(this->store->redirect("/2020/12/16/임시완-run-on/")) << "keys are looked up as given";
  EXPECT_FALSE(this->store->redirect("/nowhere"));

  // Saved again from the same old address: it leads elsewhere, made when it was first.
  this->save({"/?p=12", "/articles/other", "", at("2026-02-01T00:00:00Z")});
  auto replaced = this->store->redirect("/?p=12");
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->to, "/articles/other");
  EXPECT_EQ(replaced->origin, "");
  EXPECT_EQ(replaced->created_at, at("2026-01-02T00:00:00Z"));

  auto all = this->store->redirects({});
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.items.size(), 3u);
  EXPECT_TRUE(std::is_sorted(all.items.begin(), all.items.end(),
                             [](const Redirect& a, const Redirect& b) { return a.from < b.from; }));
  auto news = this->store->redirects({.contains = "news"});
  ASSERT_EQ(news.total, 1) << "found in any case";
  EXPECT_EQ(news.items.front().from, "/category/News");
  EXPECT_EQ(this->store->redirects({.contains = "kdrama"}).total, 1) << "by where it leads too";
  EXPECT_EQ(this->store->redirects({.contains = "%"}).total, 0) << "a wildcard is a character";
  auto second_page = this->store->redirects({.limit = 2, .offset = 2});
  EXPECT_EQ(second_page.total, 3);
  EXPECT_EQ(second_page.items.size(), 1u);

  auto tx = this->store->begin_write();
  tx->delete_redirect("/?p=12");
  tx->commit();
  EXPECT_FALSE(this->store->redirect("/?p=12"));
  EXPECT_EQ(this->store->redirects({}).total, 2);
}

TYPED_TEST(RedirectsContract, EveryNodeHearsThatRedirectsChanged) {
  auto other = this->factory.another();
  std::mutex mutex;
  int heard = 0;
  other->on_change([&](const ChangeSet& c) {
    std::lock_guard lock(mutex);
    heard += c.redirects ? 1 : 0;
  });
  this->save({"/old", "/articles/new", "", at("2026-01-02T00:00:00Z")});
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(mutex);
    return heard == 1;
  }));
  EXPECT_EQ(other->redirect("/old")->to, "/articles/new");
  other->stop_changes();
}

TYPED_TEST(RedirectsContract, AnImportsOriginsAreReadBackInItsTransactionAndReplaced) {
  {
    auto tx = this->store->begin_write();
    EXPECT_FALSE(tx->imported_as("wordpress https://old.example", "post", "12"));
    tx->save_import_origin({"wordpress https://old.example", "post", "12", "7", "h1"});
    tx->save_import_origin({"wordpress https://old.example", "comment", "12", "40", "h1"});
    tx->save_import_origin({"wordpress https://other.example", "post", "12", "8", "h1"});
    EXPECT_EQ(tx->imported_as("wordpress https://old.example", "post", "12")->target, "7") << "its own writes";
    tx->commit();
  }
  auto tx = this->store->begin_write();
  EXPECT_EQ(tx->imported_as("wordpress https://old.example", "post", "12")->target, "7");
  EXPECT_EQ(tx->imported_as("wordpress https://old.example", "comment", "12")->target, "40") << "kinds apart";
  EXPECT_EQ(tx->imported_as("wordpress https://other.example", "post", "12")->target, "8") << "sites apart";
  tx->save_import_origin({"wordpress https://old.example", "post", "12", "9", "h2"});
  EXPECT_EQ(tx->imported_as("wordpress https://old.example", "post", "12"),
            (ImportOrigin{"wordpress https://old.example", "post", "12", "9", "h2"}));
  // Rolled back with its transaction.
}

TYPED_TEST(RedirectsContract, AnImportsOriginsGoWithARolledBackTransaction) {
  {
    auto tx = this->store->begin_write();
    tx->save_import_origin({"wordpress https://old.example", "post", "12", "7", "h1"});
    tx->save_redirect({"/?p=12", "/articles/x", "wordpress https://old.example", at("2026-01-02T00:00:00Z")});
  }
  auto tx = this->store->begin_write();
  EXPECT_FALSE(tx->imported_as("wordpress https://old.example", "post", "12"));
  EXPECT_FALSE(this->store->redirect("/?p=12"));
}

TYPED_TEST(RedirectsContract, ASectionKeepsItsParent) {
  auto tx = this->store->begin_write();
  tx->save_section({"kpop", "K-pop", "", 3, ""});
  tx->save_section({"comebacks", "Comebacks", "", 4, "kpop"});
  tx->commit();
  auto sections = this->store->sections();
  auto it = std::find_if(sections.begin(), sections.end(), [](const Section& s) { return s.slug == "comebacks"; });
  ASSERT_NE(it, sections.end());
  EXPECT_EQ(it->parent, "kpop");
}

}  // namespace
}  // namespace kpress
