// The change log contract: what each kind of write says it changed, delivered to this process
// before its commit returns and to every other process sharing the database, in commit order.
#include <gtest/gtest.h>

#include <mutex>

#include "contract/store_factories.hpp"
#include "store/sqlite/connection.hpp"
#include "support/eventually.hpp"

namespace kpress {
namespace {

using testing::eventually;

// What one store's listeners were given, in order.
class Collected {
 public:
  void listen(Store& store) {
    store.on_change([this](const ChangeSet& c) {
      std::lock_guard lock(mutex_);
      sets_.push_back(c);
    });
  }
  std::vector<ChangeSet> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(sets_, {});
  }
  std::size_t size() {
    std::lock_guard lock(mutex_);
    return sets_.size();
  }

 private:
  std::mutex mutex_;
  std::vector<ChangeSet> sets_;
};

template <typename Factory>
class ChangeLogContract : public ::testing::Test {
 protected:
  void SetUp() override {
    store = factory.make();
    save_test_site(*store);
    auto tx = store->begin_write();
    tx->save_network({"jtbc", "JTBC", {}});
    tx->save_network({"tvn", "tvN", {}});
    tx->commit();
    collected.listen(*store);
  }

  Article article(const std::string& slug) { return test_article(slug); }

  // The one change set a transaction's commit delivered: there by the time commit returns.
  template <typename Write>
  ChangeSet change_of(Write&& write) {
    collected.take();
    auto tx = store->begin_write();
    write(*tx);
    tx->commit();
    auto sets = collected.take();
    EXPECT_EQ(sets.size(), 1u) << "one change set per commit, delivered before commit returns";
    return sets.empty() ? ChangeSet{} : sets.front();
  }

  Factory factory;
  std::unique_ptr<Store> store;
  Collected collected;
};

using Implementations = ::testing::Types<SqliteFactory, PostgresFactory, MemoryFactory>;
TYPED_TEST_SUITE(ChangeLogContract, Implementations);

TYPED_TEST(ChangeLogContract, SiteSettingsAndTaxonomiesChangeTheSite) {
  auto c = this->change_of([](WriteTransaction& tx) { tx.save_tag({"run-on", "Run On"}); });
  ChangeSet expected;
  expected.site = true;
  EXPECT_EQ(c, expected);
}

TYPED_TEST(ChangeLogContract, AnArticleSaveNamesItAndEveryListItLeavesOrJoins) {
  auto a = this->article("run-on");
  a.tags = {"run-on", "im-siwan"};
  SavedArticle saved;
  auto created = this->change_of([&](WriteTransaction& tx) { saved = tx.save_article(a, at("2026-01-01T00:00:00Z")); });
  EXPECT_EQ(created.articles, (std::set<std::int64_t>{saved.id}));
  EXPECT_TRUE(created.home);
  EXPECT_EQ(created.sections, (std::set<std::string>{"kdrama"}));
  EXPECT_EQ(created.tags, (std::set<std::string>{"im-siwan", "run-on"}));
  EXPECT_EQ(created.authors, (std::set<std::string>{"camille"}));
  EXPECT_EQ(created.editions, (std::set<std::string>{"run-on"}));
  EXPECT_FALSE(created.site);
  EXPECT_FALSE(created.catalog);

  // Moved to another section with other tags: the lists it left change too.
  a.id = saved.id;
  a.section = "bts";
  a.tags = {"im-siwan", "bts"};
  auto moved = this->change_of([&](WriteTransaction& tx) { tx.save_article(a, at("2026-01-01T00:00:00Z")); });
  EXPECT_EQ(moved.sections, (std::set<std::string>{"bts", "kdrama"}));
  EXPECT_EQ(moved.tags, (std::set<std::string>{"bts", "im-siwan", "run-on"}));

  // A translation changes its story's editions, named by the story's first slug.
  auto t = this->article("run-on-en");
  t.language = "fr";
  t.translation_of = "run-on";
  auto translated = this->change_of([&](WriteTransaction& tx) { tx.save_article(t, at("2026-01-01T00:00:00Z")); });
  EXPECT_EQ(translated.editions, (std::set<std::string>{"run-on"}));

  auto trashed = this->change_of([&](WriteTransaction& tx) { tx.trash_article(saved.id, at("2026-01-02T00:00:00Z")); });
  EXPECT_EQ(trashed.articles, (std::set<std::int64_t>{saved.id}));
  EXPECT_EQ(trashed.sections, (std::set<std::string>{"bts"}));
  EXPECT_TRUE(trashed.home);
}

TYPED_TEST(ChangeLogContract, CatalogWritesNameTheirEntitiesAndNetworks) {
  Show show;
  show.slug = "run-on";
  show.title = "Run On";
  show.network = "jtbc";
  auto saved = this->change_of([&](WriteTransaction& tx) { tx.save_show(show); });
  EXPECT_TRUE(saved.catalog);
  EXPECT_EQ(saved.entities, (std::set<EntityKey>{{EntityKind::show, "run-on"}}));
  EXPECT_EQ(saved.networks, (std::set<std::string>{"jtbc"}));

  show.network = "tvn";  // both networks' pages list it, before and after
  auto moved = this->change_of([&](WriteTransaction& tx) { tx.save_show(show); });
  EXPECT_EQ(moved.networks, (std::set<std::string>{"jtbc", "tvn"}));

  Person person;
  person.slug = "im-siwan";
  person.name = "Im Siwan";
  Group group;
  group.slug = "zea";
  group.name = "ZE:A";
  this->change_of([&](WriteTransaction& tx) {
    tx.save_person(person);
    tx.save_group(group);
  });
  auto cast = this->change_of([&](WriteTransaction& tx) {
    tx.save_credit({"run-on", "im-siwan", "Ki Sun Kyum", CreditRole::main, 1});
    tx.save_membership({"zea", "im-siwan", "Siwan", std::nullopt, std::nullopt});
  });
  EXPECT_FALSE(cast.catalog);
  EXPECT_EQ(cast.entities, (std::set<EntityKey>{{EntityKind::person, "im-siwan"}, {EntityKind::group, "zea"},
                                                {EntityKind::show, "run-on"}}));

  // Clearing a cast names the people it had, who no longer play in the show.
  auto cleared = this->change_of([&](WriteTransaction& tx) {
    tx.clear_show_cast_and_episodes("run-on");
    tx.clear_group_members("zea");
  });
  EXPECT_EQ(cleared.entities, (std::set<EntityKey>{{EntityKind::person, "im-siwan"}, {EntityKind::group, "zea"},
                                                   {EntityKind::show, "run-on"}}));

  // What an article is about: the entities it was about and those it now is.
  SavedArticle a;
  this->change_of([&](WriteTransaction& tx) { a = tx.save_article(this->article("about"), at("2026-01-01T00:00:00Z")); });
  auto linked = this->change_of([&](WriteTransaction& tx) {
    tx.set_article_entities(a.id, {EntityRef{EntityKind::show, "run-on", "Run On"}});
  });
  EXPECT_EQ(linked.about, (std::set<EntityKey>{{EntityKind::show, "run-on"}}));
  EXPECT_EQ(linked.articles, (std::set<std::int64_t>{a.id}));
  auto relinked = this->change_of([&](WriteTransaction& tx) {
    tx.set_article_entities(a.id, {EntityRef{EntityKind::person, "im-siwan", "Im Siwan"}});
  });
  EXPECT_EQ(relinked.about, (std::set<EntityKey>{{EntityKind::person, "im-siwan"}, {EntityKind::show, "run-on"}}));
}

TYPED_TEST(ChangeLogContract, WritesNoPageShowsAndRollbacksDeliverNothing) {
  this->collected.take();
  {
    auto tx = this->store->begin_write();
    User u;
    u.email = "chief@example.org";
    u.name = "Chief";
    u.role = Role::owner;
    u.password_hash = "x";
    tx->save_user(u);
    tx->commit();
  }
  {
    auto tx = this->store->begin_write();
    tx->save_article(this->article("rolled-back"), at("2026-01-01T00:00:00Z"));
  }  // not committed
  this->store->record_reactions({{1, "reader", Reaction::like, true}}, at("2026-01-01T00:00:00Z"));
  auto a = this->store->begin_write();
  a->save_tag({"later", "Later"});
  a->commit();
  auto sets = this->collected.take();
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_TRUE(sets.front().site);
}

// Older builds' bodies dropped are told to every process (what it kept of them goes); a build of
// kpress new to the site, or dropping where nothing is left, changes nothing.
TYPED_TEST(ChangeLogContract, DroppedBodiesAreToldToEveryProcess) {
  auto write = [&](auto&& what) {
    auto tx = this->store->begin_write();
    what(*tx);
    tx->commit();
  };
  SavedArticle saved;
  write([&](WriteTransaction& tx) { saved = tx.save_article(this->article("kept"), at("2026-01-01T00:00:00Z")); });
  auto body_by = [&](const char* renderer) {
    return RenderedBody{saved.id, saved.revision, this->store->links_version(), "<p>kept</p>", {}, {}, renderer};
  };
  this->collected.take();
  for (const char* renderer : {"build 1", "build 2", "build 3"})
    write([&](WriteTransaction& tx) { EXPECT_TRUE(tx.adopt_body_renderer(renderer)); });
  write([&](WriteTransaction& tx) { EXPECT_EQ(tx.drop_bodies_of_old_renderers(0, 1'000'000).count, 0); });
  EXPECT_EQ(this->collected.size(), 0u) << "nothing dropped, nothing told";

  write([&](WriteTransaction& tx) { EXPECT_TRUE(tx.adopt_body_renderer("build 4")); });
  write([&](WriteTransaction& tx) { EXPECT_TRUE(tx.keep_rendered_body(body_by("build 2"))); });
  this->collected.take();
  ChangeSet bodies;
  bodies.bodies = true;
  EXPECT_EQ(this->change_of([](WriteTransaction& tx) { EXPECT_EQ(tx.drop_bodies_of_old_renderers(0, 1'000'000).count, 1); }), bodies);
}

// An owner about to destroy what its listeners use stops the changes: no listener runs after.
TYPED_TEST(ChangeLogContract, NothingIsDeliveredOnceChangesAreStopped) {
  EXPECT_FALSE(this->store->article_by_slug("after"));
  this->store->stop_changes();
  this->collected.take();
  auto tx = this->store->begin_write();
  tx->save_article(this->article("after"), at("2026-01-01T00:00:00Z"));
  tx->commit();
  EXPECT_EQ(this->collected.size(), 0u);
  // Reads go on, and what is kept in memory is not trusted any more without the log.
  EXPECT_TRUE(this->store->article_by_slug("after"));
}

TYPED_TEST(ChangeLogContract, AnotherProcessLearnsOfEveryWriteInCommitOrder) {
  auto other = this->factory.another();
  Collected theirs;
  theirs.listen(*other);
  std::vector<std::int64_t> ids;
  for (const char* slug : {"first", "second", "third"}) {
    auto tx = this->store->begin_write();
    ids.push_back(tx->save_article(this->article(slug), at("2026-01-01T00:00:00Z")).id);
    tx->commit();
  }
  ASSERT_TRUE(eventually([&] { return theirs.size() >= 3; })) << "the other process never heard of the writes";
  auto sets = theirs.take();
  ASSERT_EQ(sets.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(sets[i].articles, (std::set<std::int64_t>{ids[i]})) << i;
  // And the other way round: what the other process writes reaches this one.
  this->collected.take();
  {
    auto tx = other->begin_write();
    tx->save_section({"kpop", "K-pop", "", 3});
    tx->commit();
  }
  ASSERT_TRUE(eventually([&] { return this->collected.size() >= 1; }));
  EXPECT_TRUE(this->collected.take().front().site);
  EXPECT_EQ(other->article_by_slug("third")->id, ids[2]);
}

TYPED_TEST(ChangeLogContract, AListenerThatThrowsFailsNoSaveAndStopsNoOtherListener) {
  auto other = this->factory.another();
  other->on_change([](const ChangeSet&) { throw std::runtime_error("a listener's bug"); });
  Collected after;
  after.listen(*other);
  {
    auto tx = other->begin_write();
    auto saved = tx->save_article(this->article("durable"), at("2026-01-01T00:00:00Z"));
    EXPECT_NO_THROW(tx->commit());
    EXPECT_EQ(other->article_by_id(saved.id)->slug, "durable");
  }
  EXPECT_EQ(after.size(), 1u) << "the listener after the one that threw still ran, before commit returned";
  EXPECT_TRUE(this->store->article_by_slug("durable"));
}

TYPED_TEST(ChangeLogContract, AProcessThatMissedEntriesDropsEverything) {
  // A process that looks at the log only when it writes itself.
  auto other = this->factory.another(std::chrono::hours(1), false);
  Collected theirs;
  theirs.listen(*other);
  for (const char* slug : {"missed-1", "missed-2"}) {
    auto tx = this->store->begin_write();
    tx->save_article(this->article(slug), at("2026-01-01T00:00:00Z"));
    tx->commit();
  }
  this->factory.drop_change_log();  // the log's retention passed them before it read them
  {
    auto tx = other->begin_write();
    tx->save_tag({"own", "Own"});
    tx->commit();
  }
  auto sets = theirs.take();
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_TRUE(sets[0].everything);
  EXPECT_TRUE(sets[1].site);
  EXPECT_FALSE(sets[1].everything);
}

// On PostgreSQL a commit's NOTIFY brings it to another process at once: here one that would look
// at the log by itself only once an hour.
TEST(PostgresChangeNotices, AnotherProcessHearsOfAWriteWithoutPolling) {
  PostgresFactory factory;
  auto store = factory.make();
  save_test_site(*store);
  auto other = factory.another(std::chrono::hours(1));
  Collected theirs;
  theirs.listen(*other);
  auto tx = store->begin_write();
  tx->save_tag({"noticed", "Noticed"});
  tx->commit();
  ASSERT_TRUE(eventually([&] { return theirs.size() >= 1; })) << "no notice reached the other process";
  EXPECT_TRUE(theirs.take().front().site);
}

}  // namespace
}  // namespace kpress
