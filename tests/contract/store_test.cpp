// The Store contract: every implementation passes the same suite (SQLite today; PostgreSQL
// joins the list when it exists).
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <thread>

#include "contract/store_factories.hpp"
#include "support/eventually.hpp"
#include "store/sqlite/connection.hpp"

namespace kpress {
namespace {

using testing::eventually;
// Another process's write reaches this one when it reads the change log: within a second (a
// poll every 250 ms, at once on PostgreSQL's notice), given slack for a loaded machine.
constexpr auto kFromTheLog = std::chrono::seconds(2);

template <typename Factory>
class StoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    store = factory.make();
    save_test_site(*store);
  }

  // The French articles related to `id` that a reader sees on 1 January 2026, at most `limit`.
  std::vector<ArticleSummary> related_to(std::int64_t id, int limit) {
    ArticleQuery q;
    q.related_to = id;
    q.language = "fr";
    q.visible_at = at("2026-01-01T00:00:00Z");
    q.limit = limit;
    q.count = false;
    return store->articles(q).items;
  }

  Article article(const std::string& slug, const char* published, const std::string& section = "kdrama") {
    return test_article(slug, published, section);
  }

  SavedArticle save(const Article& a) {
    auto tx = store->begin_write();
    auto saved = tx->save_article(a, at("2026-01-01T00:00:00Z"));
    tx->commit();
    return saved;
  }

  // An article tagged run-on, older than the 3,100 newer ones saved after it (more than a store
  // may hold in memory): one newer article in 100 shares its tag, another one in 100 is tagged bts.
  std::int64_t old_article_behind_newer_ones() {
    auto old = article("old", "2020-01-01T00:00:00Z");
    old.tags = {"run-on"};
    auto tx = store->begin_write();
    auto id = tx->save_article(old, at("2026-01-01T00:00:00Z")).id;
    for (int i = 0; i < 3100; ++i) {
      auto a = article("newer-" + std::to_string(i), "2021-01-01T00:00:00Z");
      a.published_at = *a.published_at + std::chrono::minutes(i);
      a.tags = {i % 100 == 0 ? "run-on" : i % 100 == 50 ? "bts" : "filler"};
      tx->save_article(a, at("2026-01-01T00:00:00Z"));
    }
    tx->commit();
    return id;
  }

  std::vector<std::string> related_slugs(std::int64_t id, int limit) {
    std::vector<std::string> slugs;
    for (const auto& a : related_to(id, limit)) slugs.push_back(a.slug);
    return slugs;
  }

  Factory factory;
  std::unique_ptr<Store> store;
};

using Implementations = ::testing::Types<SqliteFactory, SqliteReadingNewestAgainFactory, PostgresFactory, MemoryFactory>;
TYPED_TEST_SUITE(StoreContract, Implementations);

TYPED_TEST(StoreContract, EverySaveIsANewRevisionAndNoneIsOverwritten) {
  auto a = this->article("run-on", "2021-01-15T09:30:00Z");
  a.tags = {"run-on", "im-siwan"};
  auto first = this->save(a);
  EXPECT_EQ(first.revision, 1);
  a.id = first.id;
  a.title = "Second title";
  auto second = this->save(a);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.revision, 2);

  auto revisions = this->store->revisions(first.id);
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[0].number, 1);
  EXPECT_EQ(revisions[0].article.title, "Title run-on");
  EXPECT_EQ(revisions[0].article.tags, (std::vector<std::string>{"run-on", "im-siwan"}));
  EXPECT_EQ(revisions[1].article.title, "Second title");
  auto current = this->store->article_by_id(first.id);
  ASSERT_TRUE(current);
  EXPECT_EQ(current->title, "Second title");
  EXPECT_EQ(current->revision, 2);
}

// Each language's front page keeps its own pinned stories, in the order given, with their end
// time; a new list replaces the old one, and pinning changes the front pages' lists.
TYPED_TEST(StoreContract, FeaturedStoriesArePinnedPerLanguageInOrder) {
  auto first = this->save(this->article("premiere", "2025-12-01T10:00:00Z")).id;
  auto second = this->save(this->article("seconde", "2025-12-02T10:00:00Z")).id;
  Article english = this->article("english-one", "2025-12-03T10:00:00Z");
  english.language = "en";
  auto third = this->save(english).id;
  EXPECT_TRUE(this->store->featured("fr").empty());
  std::mutex mutex;
  std::vector<ChangeSet> seen;
  this->store->on_change([&](const ChangeSet& c) {
    std::lock_guard lock(mutex);
    seen.push_back(c);
  });
  {
    auto tx = this->store->begin_write();
    tx->set_featured("fr", {{second, 0, at("2026-02-01T00:00:00Z")}, {first, 1, std::nullopt}});
    tx->set_featured("en", {{third, 0, std::nullopt}});
    tx->commit();
  }
  std::vector<FeaturedStory> french{{second, 0, at("2026-02-01T00:00:00Z")}, {first, 1, std::nullopt}};
  EXPECT_EQ(this->store->featured("fr"), french);
  EXPECT_EQ(this->store->featured("en"), (std::vector<FeaturedStory>{{third, 0, std::nullopt}}));
  EXPECT_TRUE(this->store->featured("ko").empty());
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(mutex);
    return std::any_of(seen.begin(), seen.end(), [](const ChangeSet& c) { return c.home && c.articles.empty(); });
  }, kFromTheLog));  // the front pages are dropped from caches
  {
    auto tx = this->store->begin_write();
    tx->set_featured("fr", {{first, 0, std::nullopt}});
    tx->commit();
  }
  EXPECT_EQ(this->store->featured("fr"), (std::vector<FeaturedStory>{{first, 0, std::nullopt}}));
  EXPECT_EQ(this->store->featured("en").size(), 1u);  // another language's list is its own
  {
    auto tx = this->store->begin_write();
    tx->set_featured("fr", {});
    tx->commit();
  }
  EXPECT_TRUE(this->store->featured("fr").empty());
  this->store->stop_changes();  // `seen` goes with this test
}

TYPED_TEST(StoreContract, ATransactionNotCommittedLeavesNothing) {
  {
    auto tx = this->store->begin_write();
    tx->save_article(this->article("lost", "2021-01-15T09:30:00Z"), at("2026-01-01T00:00:00Z"));
    EXPECT_TRUE(tx->article_by_slug("lost"));  // seen inside the transaction
  }
  EXPECT_FALSE(this->store->article_by_slug("lost"));
  EXPECT_EQ(this->store->articles({}).total, 0);
}

TYPED_TEST(StoreContract, AReadSnapshotSeesOneStateWhateverCommitsMeanwhile) {
  this->save(this->article("before", "2021-01-15T09:30:00Z"));
  {
    auto snapshot = this->store->read_snapshot();
    EXPECT_EQ(this->store->articles({}).total, 1);
    // Another thread publishes while this one is rendering a page.
    std::thread writer([&] { this->save(this->article("during", "2021-01-16T09:30:00Z")); });
    writer.join();
    EXPECT_FALSE(this->store->article_by_slug("during"));
    EXPECT_EQ(this->store->articles({}).total, 1);
    auto nested = this->store->read_snapshot();  // shares the outer one
    EXPECT_FALSE(this->store->article_by_slug("during"));
    // Writing from inside a snapshot would read a past the write is about to change.
    EXPECT_THROW(this->store->begin_write(), std::logic_error);
  }
  EXPECT_TRUE(this->store->article_by_slug("during"));
  EXPECT_EQ(this->store->articles({}).total, 2);
}

TYPED_TEST(StoreContract, ReactionsKeepOnePerReaderAndSayWhatTheyReplaced) {
  auto a = this->save(this->article("news", "2021-01-15T09:30:00Z"));
  Instant now = at("2026-01-01T00:00:00Z");
  auto recorded = this->store->record_reactions(
      {{a.id, "reader-1", Reaction::like}, {a.id, "reader-2", Reaction::like}, {a.id, "reader-1", Reaction::sad},
       {999, "reader-1", Reaction::like}},
      now);
  ASSERT_EQ(recorded.size(), 4u);
  EXPECT_TRUE(recorded[0].recorded);
  EXPECT_FALSE(recorded[0].previous);
  EXPECT_EQ(recorded[2].previous, Reaction::like);  // in the same batch, the first vote is replaced
  EXPECT_FALSE(recorded[3].recorded);               // no article 999
  auto counts = this->store->reaction_counts(a.id);
  EXPECT_EQ(counts[Reaction::like], 1);
  EXPECT_EQ(counts[Reaction::sad], 1);
  EXPECT_EQ(counts[Reaction::congrats], 0);
  EXPECT_EQ(this->store->reaction_of(a.id, "reader-1"), Reaction::sad);
  EXPECT_FALSE(this->store->reaction_of(a.id, "reader-3"));
}

TYPED_TEST(StoreContract, ABatchOfNewReadersIsWrittenWhole) {
  auto a = this->save(this->article("news", "2021-01-15T09:30:00Z"));
  std::vector<ReactionVote> votes;
  for (int i = 0; i < 70; ++i) votes.push_back({a.id, "new-" + std::to_string(i), kReactions[i % 6], true});
  votes.push_back({a.id, "new-0", Reaction::sad, false});  // then changes their mind, in the same batch
  votes.push_back({999, "new-x", Reaction::like, true});   // no such article
  auto recorded = this->store->record_reactions(votes, at("2026-01-01T00:00:00Z"));
  EXPECT_TRUE(recorded[69].recorded);
  EXPECT_FALSE(recorded[71].recorded);
  auto counts = this->store->reaction_counts(a.id);
  std::int64_t total = 0;
  for (const auto& [r, n] : counts) total += n;
  EXPECT_EQ(total, 70);
  EXPECT_EQ(this->store->reaction_of(a.id, "new-69"), kReactions[69 % 6]);
}

TYPED_TEST(StoreContract, ATakenSlugIsAConflictAndWritesNothing) {
  auto first = this->save(this->article("run-on", "2021-01-15T09:30:00Z"));
  auto other = this->article("run-on", "2021-01-16T09:30:00Z");
  {
    auto tx = this->store->begin_write();
    auto refused = tx->save_article(other, at("2026-01-01T00:00:00Z"));
    ASSERT_TRUE(refused.conflict);
    EXPECT_EQ(refused.conflict->kind, Conflict::Kind::slug);
    EXPECT_EQ(refused.conflict->other_article, first.id);
    EXPECT_EQ(refused.id, 0);
    tx->commit();
  }
  EXPECT_EQ(this->store->articles({}).total, 1);
  EXPECT_EQ(this->store->article_by_slug("run-on")->published_at, at("2021-01-15T09:30:00Z"));
}

TYPED_TEST(StoreContract, ASaveFromARevisionNoLongerCurrentIsAConflict) {
  auto a = this->article("run-on", "2021-01-15T09:30:00Z");
  a.id = this->save(a).id;
  a.title = "Mine";
  auto tx = this->store->begin_write();
  auto second = tx->save_article(a, at("2026-01-01T00:00:00Z"), 1);
  ASSERT_FALSE(second.conflict);
  EXPECT_EQ(second.revision, 2);
  a.title = "Theirs, started from revision 1";
  auto late = tx->save_article(a, at("2026-01-01T00:00:00Z"), 1);
  ASSERT_TRUE(late.conflict);
  EXPECT_EQ(late.conflict->kind, Conflict::Kind::revision);
  EXPECT_EQ(late.conflict->current_revision, 2);
  tx->commit();
  EXPECT_EQ(this->store->revisions(a.id).size(), 2u);
  EXPECT_EQ(this->store->article_by_id(a.id)->title, "Mine");
}

// Two processes save the same article from the same revision at once: one wins, the other is
// told; nothing is lost and revisions stay one apart.
TYPED_TEST(StoreContract, ConcurrentSavesFromTwoProcessesGiveOneConflict) {
  auto other = this->factory.another();
  auto a = this->article("run-on", "2021-01-15T09:30:00Z");
  a.id = this->save(a).id;
  std::vector<SavedArticle> outcomes(2);
  std::vector<std::thread> writers;
  Store* stores[] = {this->store.get(), other.get()};
  for (int i = 0; i < 2; ++i) {
    writers.emplace_back([&, i] {
      Article mine = a;
      mine.title = "Edit " + std::to_string(i);
      auto tx = stores[i]->begin_write();
      outcomes[i] = tx->save_article(mine, at("2026-01-01T00:00:00Z"), 1);
      tx->commit();
    });
  }
  for (auto& w : writers) w.join();
  int conflicts = (outcomes[0].conflict ? 1 : 0) + (outcomes[1].conflict ? 1 : 0);
  ASSERT_EQ(conflicts, 1);
  const auto& winner = outcomes[0].conflict ? outcomes[1] : outcomes[0];
  const auto& loser = outcomes[0].conflict ? outcomes[0] : outcomes[1];
  EXPECT_EQ(winner.revision, 2);
  EXPECT_EQ(loser.conflict->current_revision, 2);
  auto revisions = this->store->revisions(a.id);
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(this->store->article_by_id(a.id)->title, revisions.back().article.title);
}

TYPED_TEST(StoreContract, RevisionsStayUniqueAndGapFreeUnderConcurrentWriters) {
  auto other = this->factory.another();
  auto a = this->article("run-on", "2021-01-15T09:30:00Z");
  a.id = this->save(a).id;
  constexpr int kSaves = 10;
  std::vector<std::thread> writers;
  Store* stores[] = {this->store.get(), other.get(), this->store.get(), other.get()};
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kSaves; ++i) {
        Article mine = a;
        mine.title = "Writer " + std::to_string(w) + " save " + std::to_string(i);
        auto tx = stores[w]->begin_write();
        EXPECT_FALSE(tx->save_article(mine, at("2026-01-01T00:00:00Z")).conflict);
        tx->commit();
      }
    });
  }
  for (auto& w : writers) w.join();
  auto revisions = this->store->revisions(a.id);
  ASSERT_EQ(revisions.size(), 4u * kSaves + 1);
  for (std::size_t i = 0; i < revisions.size(); ++i) EXPECT_EQ(revisions[i].number, static_cast<int>(i) + 1);
  EXPECT_EQ(this->store->article_by_id(a.id)->revision, 4 * kSaves + 1);
}

// Hangul, emoji and accents come back as they went in, names sort by code point on every backend
// (whatever the PostgreSQL server's locale), and emails are one whatever their case.
TYPED_TEST(StoreContract, TextIsKeptAndOrderedAlikeOnEveryBackend) {
  auto a = this->article("bts", "2021-01-15T09:30:00Z");
  a.title = "방탄소년단 💜 «Run On» : l’été";
  a.body = "Texte avec 임시완 et 🎉.";
  a.id = this->save(a).id;
  auto back = this->store->article_by_id(a.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->title, a.title);
  EXPECT_EQ(back->body, a.body);

  {
    auto tx = this->store->begin_write();
    int n = 0;
    for (const char* name : {"Zoé", "임시완", "abc", "💜 Army", "Émilie", "Abc"}) {
      Person p;
      p.slug = "p" + std::to_string(++n);
      p.name = name;
      tx->save_person(p);
    }
    tx->commit();
  }
  CatalogQuery all;
  all.limit = 10;
  std::vector<std::string> names;
  for (const auto& p : this->store->people(all).items) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Abc", "Zoé", "abc", "Émilie", "임시완", "💜 Army"}));

  User u;
  u.email = "Chief@Example.org";
  u.role = Role::owner;
  u.password_hash = "x";
  {
    auto tx = this->store->begin_write();
    u.id = tx->save_user(u);
    tx->commit();
  }
  auto found = this->store->user_by_email("chief@EXAMPLE.ORG");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, u.id);
  EXPECT_EQ(found->email, "Chief@Example.org");
  User other = u;
  other.id = 0;
  other.email = "CHIEF@example.org";
  auto tx = this->store->begin_write();
  EXPECT_THROW(tx->save_user(other), StoreError);
}

TYPED_TEST(StoreContract, KeepsTheIdAnImportAsksFor) {
  auto a = this->article("kept", "2021-01-15T09:30:00Z");
  a.id = 42;
  EXPECT_EQ(this->save(a).id, 42);
  EXPECT_TRUE(this->store->article_by_id(42));
}

TYPED_TEST(StoreContract, ListsNewestFirstWithFiltersAndPaging) {
  this->save(this->article("a", "2021-01-01T00:00:00Z"));
  this->save(this->article("b", "2021-01-03T00:00:00Z", "bts"));
  auto c = this->article("c", "2021-01-02T00:00:00Z");
  c.tags = {"im-siwan"};
  c.language = "en";
  this->save(c);

  ArticleQuery all;
  all.visible_at = at("2026-01-01T00:00:00Z");
  auto list = this->store->articles(all);
  ASSERT_EQ(list.total, 3);
  EXPECT_EQ(list.items[0].slug, "b");
  EXPECT_EQ(list.items[1].slug, "c");
  EXPECT_EQ(list.items[2].slug, "a");

  ArticleQuery page = all;
  page.limit = 1;
  page.offset = 1;
  list = this->store->articles(page);
  EXPECT_EQ(list.total, 3);
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.items[0].slug, "c");

  ArticleQuery by_section = all;
  by_section.section = "kdrama";
  EXPECT_EQ(this->store->articles(by_section).total, 2);
  ArticleQuery by_tag = all;
  by_tag.tag = "im-siwan";
  EXPECT_EQ(this->store->articles(by_tag).total, 1);
  ArticleQuery by_language = all;
  by_language.language = "en";
  EXPECT_EQ(this->store->articles(by_language).total, 1);
  ArticleQuery by_author = all;
  by_author.author = "camille";
  EXPECT_EQ(this->store->articles(by_author).total, 3);
}

TYPED_TEST(StoreContract, ReadersSeeOnlyWhatIsPublishedAtTheTime) {
  auto draft = this->article("draft", "2021-01-01T00:00:00Z");
  draft.status = ArticleStatus::draft;
  auto scheduled = this->article("scheduled", "2030-01-01T00:00:00Z");
  scheduled.status = ArticleStatus::scheduled;
  auto withdrawn = this->article("withdrawn", "2021-01-01T00:00:00Z");
  withdrawn.status = ArticleStatus::unpublished;
  this->save(draft);
  this->save(scheduled);
  this->save(withdrawn);
  this->save(this->article("live", "2021-01-01T00:00:00Z"));

  ArticleQuery before;
  before.visible_at = at("2029-12-31T23:59:59Z");
  EXPECT_EQ(this->store->articles(before).total, 1);
  ArticleQuery after;
  after.visible_at = at("2030-01-01T00:00:00Z");
  EXPECT_EQ(this->store->articles(after).total, 2);
  EXPECT_EQ(this->store->articles({}).total, 4);  // unfiltered: every article
}

// Counts are kept between reads (they read every match): each change must still show in the
// next count, whoever made it.
TYPED_TEST(StoreContract, CountsFollowEveryChange) {
  ArticleQuery visible;
  visible.visible_at = at("2026-01-01T00:00:00Z");
  ArticleQuery kdrama = visible;
  kdrama.section = "kdrama";
  this->save(this->article("a", "2021-01-01T00:00:00Z"));
  EXPECT_EQ(this->store->articles(visible).total, 1);
  EXPECT_EQ(this->store->articles(kdrama).total, 1);
  auto b = this->article("b", "2021-01-02T00:00:00Z");
  b.id = this->save(b).id;
  EXPECT_EQ(this->store->articles(visible).total, 2);
  EXPECT_EQ(this->store->articles(kdrama).total, 2);
  b.section = "bts";
  this->save(b);
  EXPECT_EQ(this->store->articles(visible).total, 2);
  EXPECT_EQ(this->store->articles(kdrama).total, 1);
  {
    auto tx = this->store->begin_write();
    tx->trash_article(b.id, at("2026-01-01T00:00:00Z"));
    tx->commit();
  }
  EXPECT_EQ(this->store->articles(visible).total, 1);
  EXPECT_EQ(this->store->articles({}).total, 2);  // the trash still holds it
  // Another process writing to the same site (kpress import while kpress serve runs): counted
  // once this one reads the change log.
  auto other = this->factory.make();
  {
    auto tx = other->begin_write();
    tx->save_article(this->article("c", "2021-01-03T00:00:00Z"), at("2026-01-01T00:00:00Z"));
    tx->commit();
  }
  EXPECT_TRUE(eventually([&] { return this->store->articles(visible).total == 2; }, kFromTheLog));
  EXPECT_EQ(this->store->articles(kdrama).total, 2);
}

// A tag or a person with thousands of articles is listed the same, newest first, page after
// page, as one with a few (the store may find them another way).
TYPED_TEST(StoreContract, PopularTagsAndPeopleListLikeRareOnes) {
  Person person;
  person.slug = "jimin";
  person.name = "Jimin";
  std::vector<std::string> expected;  // newest first
  {
    auto tx = this->store->begin_write();
    tx->save_person(person);
    for (int i = 0; i < 3100; ++i) {
      char when[32];
      std::snprintf(when, sizeof when, "2021-01-01T%02d:%02d:00Z", i / 60 % 24, i % 60);
      auto a = this->article("a" + std::to_string(i), when);
      a.published_at = *a.published_at + std::chrono::hours(24 * (i / 1440));
      bool member = i % 3 != 0;
      if (member) a.tags = {"bts"};
      auto saved = tx->save_article(a, at("2026-01-01T00:00:00Z"));
      if (member) {
        tx->set_article_entities(saved.id, {EntityRef{EntityKind::person, "jimin", "Jimin"}});
        expected.insert(expected.begin(), a.slug);
      }
    }
    tx->commit();
  }
  ASSERT_GE(expected.size(), 2000u);
  ArticleQuery by_tag;
  by_tag.visible_at = at("2026-01-01T00:00:00Z");
  by_tag.tag = "bts";
  ArticleQuery about = by_tag;
  about.tag.reset();
  about.about = EntityRef{EntityKind::person, "jimin", "Jimin"};
  for (const auto& query : {by_tag, about}) {
    for (int offset : {0, 20, 2000}) {
      ArticleQuery page = query;
      page.limit = 20;
      page.offset = offset;
      auto list = this->store->articles(page);
      EXPECT_EQ(list.total, static_cast<std::int64_t>(expected.size()));
      ASSERT_EQ(list.items.size(), std::min<std::size_t>(20, expected.size() - static_cast<std::size_t>(offset)));
      for (std::size_t i = 0; i < list.items.size(); ++i)
        EXPECT_EQ(list.items[i].slug, expected[static_cast<std::size_t>(offset) + i]) << offset << " " << i;
    }
  }
}

// What the search index reads when it is built again: every article of a range of ids, drafts
// and trash too, each with its own tags (in order) and the entities it is about.
TYPED_TEST(StoreContract, ArticlesAreReadByRangesOfIdsWithTagsAndEntities) {
  Person person;
  person.slug = "jimin";
  person.name = "Jimin";
  std::vector<std::int64_t> ids;
  {
    auto tx = this->store->begin_write();
    tx->save_person(person);
    for (int i = 0; i < 5; ++i) {
      auto a = this->article("r" + std::to_string(i), "2021-01-01T00:00:00Z");
      if (i == 1) a.tags = {"zeta", "alpha"};
      if (i == 3) a.status = ArticleStatus::draft;
      auto saved = tx->save_article(a, at("2026-01-01T00:00:00Z"));
      if (i == 2) tx->set_article_entities(saved.id, {EntityRef{EntityKind::person, "jimin", "Jimin"}});
      if (i == 4) tx->trash_article(saved.id, at("2026-01-02T00:00:00Z"));
      ids.push_back(saved.id);
    }
    tx->commit();
  }
  EXPECT_EQ(this->store->article_ids(), ids);
  EXPECT_EQ(this->store->all_articles().size(), ids.size());  // an export's: drafts and trash too
  auto summary = this->store->article_summary(ids[3]);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->slug, "r3");
  EXPECT_EQ(summary->status, ArticleStatus::draft);
  EXPECT_FALSE(this->store->article_summary(ids.back() + 1));
  {
    auto tx = this->store->begin_write();
    EXPECT_TRUE(tx->article_id_in_use(ids[4]));  // trashed, still taken
    EXPECT_FALSE(tx->article_id_in_use(ids.back() + 1));
  }
  auto range = this->store->articles_between(ids[1], ids[4]);
  ASSERT_EQ(range.size(), 4u);
  for (std::size_t i = 0; i < range.size(); ++i) {
    const auto& one = this->store->article_by_id(ids[i + 1]);
    EXPECT_EQ(range[i].article.slug, one->slug);
    EXPECT_EQ(range[i].article.tags, one->tags);
    EXPECT_EQ(range[i].article.trashed_at, one->trashed_at);
    EXPECT_EQ(range[i].entities.size(), this->store->article_entities(ids[i + 1]).size());
  }
  EXPECT_EQ(range[0].article.tags, (std::vector<std::string>{"zeta", "alpha"}));
  ASSERT_EQ(range[1].entities.size(), 1u);
  EXPECT_EQ(range[1].entities[0].entity.slug, "jimin");
  EXPECT_EQ(range[1].entities[0].entity.name, "Jimin");
  EXPECT_TRUE(range[0].entities.empty());
  EXPECT_EQ(range[2].article.status, ArticleStatus::draft);
  EXPECT_TRUE(range[3].article.trashed_at);
  EXPECT_TRUE(this->store->articles_between(ids.back() + 1, ids.back() + 100).empty());
}

TYPED_TEST(StoreContract, ShowsEpisodesAndNetworksReadAreTheOnesOfTheReadersSnapshot) {
  Network tvn;
  tvn.slug = "tvn";
  tvn.name = "tvN";
  Show show;
  show.slug = "run-on";
  show.title = "Run On";
  show.network = "tvn";
  auto write = [&](const Show& s, const Network& n, int episodes) {
    auto tx = this->store->begin_write();
    tx->save_network(n);
    tx->save_show(s);
    for (int i = 1; i <= episodes; ++i) tx->save_episode({"run-on", i, std::nullopt, "Episode " + std::to_string(i)});
    tx->commit();
  };
  write(show, tvn, 1);
  // Read twice: the second may come from memory, and is the same.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(this->store->show("run-on")->title, "Run On");
    EXPECT_EQ(this->store->episodes("run-on").size(), 1u);
    EXPECT_EQ(this->store->network("tvn")->name, "tvN");
  }
  {
    auto snapshot = this->store->read_snapshot();
    EXPECT_EQ(this->store->show("run-on")->title, "Run On");
    std::thread writer([&] {
      show.title = "Run On (2020)";
      tvn.name = "tvN HD";
      write(show, tvn, 2);
    });
    writer.join();
    // This reader's snapshot is from before: so is what it reads, memory or not.
    EXPECT_EQ(this->store->show("run-on")->title, "Run On");
    EXPECT_EQ(this->store->episodes("run-on").size(), 1u);
    EXPECT_EQ(this->store->network("tvn")->name, "tvN");
  }
  EXPECT_EQ(this->store->show("run-on")->title, "Run On (2020)");
  EXPECT_EQ(this->store->episodes("run-on").size(), 2u);
  EXPECT_EQ(this->store->network("tvn")->name, "tvN HD");
  EXPECT_FALSE(this->store->show("no-such-show"));
}

TYPED_TEST(StoreContract, RelatedArticlesFollowEveryChangeAndTheClock) {
  auto tagged = [&](const std::string& slug, const char* published, std::vector<std::string> tags) {
    auto a = this->article(slug, published);
    a.tags = std::move(tags);
    return a;
  };
  auto self = this->save(tagged("self", "2021-01-01T00:00:00Z", {"run-on"}));
  for (int day = 2; day <= 6; ++day)
    this->save(tagged("old-" + std::to_string(day), ("2021-01-0" + std::to_string(day) + "T00:00:00Z").c_str(), {"run-on"}));
  this->save(tagged("other-topic", "2021-02-01T00:00:00Z", {"bts"}));
  auto english = tagged("english", "2021-02-01T00:00:00Z", {"run-on"});
  english.language = "en";
  this->save(english);
  auto related = [&](const char* when) {
    ArticleQuery q;
    q.related_to = self.id;
    q.language = "fr";
    q.visible_at = at(when);
    q.limit = 4;
    q.count = false;
    std::vector<std::string> slugs;
    for (const auto& a : this->store->articles(q).items) slugs.push_back(a.slug);
    return slugs;
  };
  EXPECT_EQ(related("2021-03-01T00:00:00Z"), (std::vector<std::string>{"old-6", "old-5", "old-4", "old-3"}));

  // A newer article joins at once; in the trash, it leaves at once.
  auto newer = this->save(tagged("newer", "2021-02-10T00:00:00Z", {"run-on"}));
  EXPECT_EQ(related("2021-03-01T00:00:00Z"), (std::vector<std::string>{"newer", "old-6", "old-5", "old-4"}));
  {
    auto tx = this->store->begin_write();
    tx->trash_article(newer.id, at("2021-03-01T00:00:00Z"));
    tx->commit();
  }
  EXPECT_EQ(related("2021-03-01T00:00:00Z"), (std::vector<std::string>{"old-6", "old-5", "old-4", "old-3"}));

  // Moved to an older date, an article takes its place by that date; with other tags, it leaves.
  auto six = *this->store->article_by_slug("old-6");
  six.published_at = at("2021-01-01T12:00:00Z");
  this->save(six);
  EXPECT_EQ(related("2021-03-01T00:00:00Z"), (std::vector<std::string>{"old-5", "old-4", "old-3", "old-2"}));
  auto five = *this->store->article_by_slug("old-5");
  five.tags = {"bts"};
  this->save(five);
  EXPECT_EQ(related("2021-03-01T00:00:00Z"), (std::vector<std::string>{"old-4", "old-3", "old-2", "old-6"}));
  // Put into English, it leaves the French list.
  auto four = *this->store->article_by_slug("old-4");
  four.language = "en";
  this->save(four);
  auto french = related("2021-03-01T00:00:00Z");
  EXPECT_EQ(std::count(french.begin(), french.end(), "old-4"), 0) << french.size();

  // A scheduled one shows once its time has come, with no write.
  auto scheduled = tagged("scheduled", "2021-04-01T00:00:00Z", {"run-on"});
  scheduled.status = ArticleStatus::scheduled;
  this->save(scheduled);
  EXPECT_EQ(related("2021-03-01T00:00:00Z").front(), "old-3");
  EXPECT_EQ(related("2021-04-02T00:00:00Z").front(), "scheduled");

  // Linked to an entity, an article is related through it too; with fewer than asked for, all come.
  Person jimin;
  jimin.slug = "jimin";
  jimin.name = "Jimin";
  auto loner = this->save(tagged("loner", "2021-01-15T00:00:00Z", {}));
  auto friend_of = this->save(tagged("friend", "2021-01-16T00:00:00Z", {"bts"}));
  {
    auto tx = this->store->begin_write();
    tx->save_person(jimin);
    tx->set_article_entities(loner.id, {EntityRef{EntityKind::person, "jimin", "Jimin"}});
    tx->set_article_entities(friend_of.id, {EntityRef{EntityKind::person, "jimin", "Jimin"}});
    tx->commit();
  }
  ArticleQuery q;
  q.related_to = loner.id;
  q.language = "fr";
  q.visible_at = at("2021-03-01T00:00:00Z");
  q.limit = 4;
  auto items = this->store->articles(q).items;
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].slug, "friend");
  // A link its editor dropped relates nothing.
  {
    auto tx = this->store->begin_write();
    auto a = *tx->article_by_slug("friend");
    a.unlink = {"person/jimin"};
    tx->save_article(a, at("2026-01-03T00:00:00Z"));
    tx->set_article_entities(friend_of.id, {EntityRef{EntityKind::person, "jimin", "Jimin"}});
    tx->commit();
  }
  EXPECT_TRUE(this->store->articles(q).items.empty());
  q.related_to = friend_of.id;
  for (const auto& a : this->store->articles(q).items) EXPECT_NE(a.slug, "loner");
}

// What a reader sees changes with no write when a scheduled article's time comes: pages are kept
// until then. Every scheduling change shows at once, however often it was asked before.
TYPED_TEST(StoreContract, TheNextPublicationFollowsEveryScheduleChange) {
  auto scheduled = [&](const std::string& slug, const char* when) {
    auto a = this->article(slug, when);
    a.status = ArticleStatus::scheduled;
    return a;
  };
  auto next = [&](const char* now) { return this->store->next_publication_after(at(now)); };
  EXPECT_EQ(next("2026-01-01T00:00:00Z"), std::nullopt);
  auto later = this->save(scheduled("later", "2026-03-01T00:00:00Z"));
  EXPECT_EQ(next("2026-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z"));
  auto sooner = scheduled("sooner", "2026-02-01T00:00:00Z");
  sooner.id = this->save(sooner).id;
  EXPECT_EQ(next("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));
  EXPECT_EQ(next("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z"));  // its instant has come
  EXPECT_EQ(next("2026-01-15T00:00:00Z"), at("2026-02-01T00:00:00Z"));  // asked for an earlier instant
  sooner.published_at = at("2026-04-01T00:00:00Z");
  this->save(sooner);
  EXPECT_EQ(next("2026-01-01T00:00:00Z"), at("2026-03-01T00:00:00Z"));
  {
    auto tx = this->store->begin_write();
    tx->trash_article(later.id, at("2026-01-02T00:00:00Z"));
    tx->commit();
  }
  EXPECT_EQ(next("2026-01-01T00:00:00Z"), at("2026-04-01T00:00:00Z"));
  EXPECT_EQ(next("2026-04-01T00:00:00Z"), std::nullopt);
  // Another process scheduling one sooner (kpress import while kpress serve runs): as soon as
  // this one reads the change log.
  EXPECT_EQ(next("2026-01-01T00:00:00Z"), at("2026-04-01T00:00:00Z"));
  auto other = this->factory.make();
  {
    auto tx = other->begin_write();
    tx->save_article(scheduled("soonest", "2026-01-10T00:00:00Z"), at("2026-01-01T00:00:00Z"));
    tx->commit();
  }
  EXPECT_TRUE(eventually([&] { return next("2026-01-01T00:00:00Z") == at("2026-01-10T00:00:00Z"); }, kFromTheLog));
}

// An article is read as it is now: this process's writes at once, another's as soon as this one
// reads the change log; and as it was in a read snapshot for as long as the snapshot lasts.
TYPED_TEST(StoreContract, AnArticleIsReadAsItIsNowWhoeverWroteIt) {
  auto title = [&](const std::string& slug) {
    auto a = this->store->article_by_slug(slug);
    return a ? a->title + " [" + (a->tags.empty() ? "" : a->tags.front()) + "]" : "none";
  };
  EXPECT_EQ(title("run-on"), "none");
  auto a = this->article("run-on", "2021-01-01T00:00:00Z");
  a.tags = {"kdrama"};
  a.id = this->save(a).id;
  EXPECT_EQ(title("run-on"), "Title run-on [kdrama]");
  a.title = "Run On";
  a.tags = {"im-siwan"};
  this->save(a);
  EXPECT_EQ(title("run-on"), "Run On [im-siwan]");
  auto other = this->factory.make();
  auto written_by_other = [&](const std::string& new_title) {
    auto tx = other->begin_write();
    auto changed = *tx->article_by_slug("run-on");
    changed.title = new_title;
    tx->save_article(changed, at("2026-01-01T00:00:00Z"));
    tx->commit();
  };
  written_by_other("Run On, the series");
  EXPECT_TRUE(eventually([&] { return title("run-on") == "Run On, the series [im-siwan]"; }, kFromTheLog));
  {
    auto snapshot = this->store->read_snapshot();
    EXPECT_EQ(title("run-on"), "Run On, the series [im-siwan]");
    written_by_other("Run On, the finale");
    EXPECT_EQ(title("run-on"), "Run On, the series [im-siwan]");
  }
  EXPECT_TRUE(eventually([&] { return title("run-on") == "Run On, the finale [im-siwan]"; }, kFromTheLog));
  {
    auto tx = other->begin_write();
    tx->trash_article(a.id, at("2026-01-02T00:00:00Z"));
    tx->commit();
  }
  EXPECT_TRUE(eventually([&] { return this->store->article_by_slug("run-on")->trashed_at.has_value(); }, kFromTheLog));
}

// A story's other editions, listed on each of its pages: as they are now, whoever wrote them.
TYPED_TEST(StoreContract, TranslationsFollowEveryChangeOfTheirStory) {
  auto shown = [&](const char* now) {
    std::vector<std::string> slugs;
    for (const auto& t : this->store->translations("story", at(now))) slugs.push_back(t.slug + " " + t.title);
    return slugs;
  };
  auto translation = [&](const std::string& slug, const std::string& language, const char* published) {
    auto a = this->article(slug, published);
    a.language = language;
    a.translation_of = "story";
    return a;
  };
  {
    auto tx = this->store->begin_write();
    tx->save_language({"ko", "한국어"});
    tx->save_language({"es", "Español"});
    tx->commit();
  }
  this->save(this->article("story", "2026-01-01T00:00:00Z"));
  EXPECT_EQ(shown("2026-02-01T00:00:00Z"), std::vector<std::string>{});
  auto en = translation("story-en", "en", "2026-01-02T00:00:00Z");
  en.id = this->save(en).id;
  EXPECT_EQ(shown("2026-02-01T00:00:00Z"), std::vector<std::string>{"story-en Title story-en"});
  // Scheduled: listed once its time has come, with nothing written at that time.
  auto ko = translation("story-ko", "ko", "2026-01-10T00:00:00Z");
  ko.status = ArticleStatus::scheduled;
  ko.id = this->save(ko).id;
  EXPECT_EQ(shown("2026-01-05T00:00:00Z"), std::vector<std::string>{"story-en Title story-en"});
  EXPECT_EQ(shown("2026-02-01T00:00:00Z"), (std::vector<std::string>{"story-ko Title story-ko", "story-en Title story-en"}));
  // Retitled, then taken back to a draft.
  en.title = "Story, in English";
  this->save(en);
  EXPECT_EQ(shown("2026-02-01T00:00:00Z"), (std::vector<std::string>{"story-ko Title story-ko", "story-en Story, in English"}));
  en.status = ArticleStatus::draft;
  this->save(en);
  EXPECT_EQ(shown("2026-02-01T00:00:00Z"), std::vector<std::string>{"story-ko Title story-ko"});
  {
    auto tx = this->store->begin_write();
    tx->trash_article(ko.id, at("2026-01-20T00:00:00Z"));
    tx->commit();
  }
  EXPECT_EQ(shown("2026-02-01T00:00:00Z"), std::vector<std::string>{});
  // Another process translating the story (kpress import while kpress serve runs): read as
  // soon as this one reads the change log.
  auto other = this->factory.make();
  {
    auto tx = other->begin_write();
    tx->save_article(translation("story-es", "es", "2026-01-03T00:00:00Z"), at("2026-01-01T00:00:00Z"));
    tx->commit();
  }
  EXPECT_TRUE(eventually([&] { return shown("2026-02-01T00:00:00Z") == std::vector<std::string>{"story-es Title story-es"}; },
                         kFromTheLog));
  // Inside one read snapshot, the story stays as the snapshot found it.
  auto snapshot = this->store->read_snapshot();
  EXPECT_EQ(shown("2026-02-01T00:00:00Z"), std::vector<std::string>{"story-es Title story-es"});
  {
    auto tx = other->begin_write();
    tx->save_article(translation("story-ko-2", "ko", "2026-01-04T00:00:00Z"), at("2026-01-01T00:00:00Z"));
    tx->commit();
  }
  EXPECT_EQ(shown("2026-02-01T00:00:00Z"), std::vector<std::string>{"story-es Title story-es"});
  snapshot.reset();
  EXPECT_TRUE(eventually(
      [&] { return shown("2026-02-01T00:00:00Z") == std::vector<std::string>{"story-ko-2 Title story-ko-2", "story-es Title story-es"}; },
      kFromTheLog));
}

// The related articles of a page are the same few again and again; each is shown as it is now.
TYPED_TEST(StoreContract, ARelatedArticleIsShownAsItIsNow) {
  auto tagged = [&](const std::string& slug, const char* published) {
    auto a = this->article(slug, published);
    a.tags = {"run-on"};
    return this->save(a);
  };
  auto self = tagged("self", "2021-01-01T00:00:00Z");
  tagged("first", "2021-01-02T00:00:00Z");
  tagged("second", "2021-01-03T00:00:00Z");
  auto related = [&] {
    std::vector<std::string> shown;
    for (const auto& a : this->related_to(self.id, 2)) shown.push_back(a.slug + ": " + a.title + " " + a.hero.url);
    return shown;
  };
  EXPECT_EQ(related(), (std::vector<std::string>{"second: Title second ", "first: Title first "}));
  auto first = *this->store->article_by_slug("first");
  first.title = "Run On, the finale";
  first.hero.url = "/media/finale.jpg";
  this->save(first);
  EXPECT_EQ(related(), (std::vector<std::string>{"second: Title second ", "first: Run On, the finale /media/finale.jpg"}));
}

// An article older than the thousands of newest ones (those a store may hold in memory): what
// it relates to follows its own topics as they are now.
TYPED_TEST(StoreContract, AnOldArticleRelatesByItsTopicsAsTheyAreNow) {
  const auto old = this->old_article_behind_newer_ones();
  auto related = [&] { return this->related_slugs(old, 2); };
  EXPECT_EQ(related(), (std::vector<std::string>{"newer-3000", "newer-2900"}));
  auto retagged = *this->store->article_by_slug("old");
  retagged.tags = {"bts"};
  this->save(retagged);
  EXPECT_EQ(related(), (std::vector<std::string>{"newer-3050", "newer-2950"}));
  retagged.tags = {"run-on"};
  this->save(retagged);
  EXPECT_EQ(related(), (std::vector<std::string>{"newer-3000", "newer-2900"}));
}

// A page's snapshot older than a retagging reads the old topics: right for that page, but not to
// be kept for the pages after it.
TYPED_TEST(StoreContract, AnOldArticlesTopicsReadInAnOlderSnapshotAreNotKept) {
  const auto old = this->old_article_behind_newer_ones();
  auto related = [&] { return this->related_slugs(old, 2); };
  const std::vector<std::string> by_run_on{"newer-3000", "newer-2900"}, by_bts{"newer-3050", "newer-2950"};
  {
    auto snapshot = this->store->read_snapshot();
    EXPECT_EQ(related(), by_run_on);  // fixes the snapshot
    // Retagged by another thread, and the change told to this process, while the snapshot lasts.
    std::thread([&] {
      auto retagged = *this->store->article_by_slug("old");
      retagged.tags = {"bts"};
      this->save(retagged);
      EXPECT_TRUE(eventually([&] { return this->store->article_by_slug("old")->tags == std::vector<std::string>{"bts"}; }));
    }).join();
    EXPECT_EQ(related(), by_run_on) << "the snapshot shows the article as it was";
  }
  EXPECT_EQ(related(), by_bts);
}

TYPED_TEST(StoreContract, ALinkAnEditorDroppedRelatesNothing) {
  Person jimin;
  jimin.slug = "jimin";
  jimin.name = "Jimin";
  auto dropped = this->article("dropped", "2021-01-03T00:00:00Z");  // the newest
  dropped.unlink = {"person/jimin"};
  SavedArticle mine, theirs, other;
  {
    auto tx = this->store->begin_write();
    tx->save_person(jimin);
    mine = tx->save_article(this->article("mine", "2021-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"));
    theirs = tx->save_article(dropped, at("2026-01-01T00:00:00Z"));
    other = tx->save_article(this->article("other", "2021-01-02T00:00:00Z"), at("2026-01-01T00:00:00Z"));
    for (auto id : {mine.id, theirs.id, other.id})
      tx->set_article_entities(id, {EntityRef{EntityKind::person, "jimin", "Jimin"}});
    tx->commit();
  }
  ArticleQuery q;
  q.related_to = mine.id;
  q.language = "fr";
  q.visible_at = at("2021-03-01T00:00:00Z");
  q.limit = 1;  // found among the newest articles, not by reading every sharing one
  auto items = this->store->articles(q).items;
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].slug, "other");
}

TYPED_TEST(StoreContract, ARenderedBodyIsKeptOnlyWhileWhatItWasMadeFromStays) {
  Person jimin;
  jimin.slug = "jimin";
  jimin.name = "Jimin";
  jimin.aliases = {"Park Jimin"};
  Person rm;
  rm.slug = "rm";
  rm.name = "RM";
  SavedArticle saved, other;
  {
    auto tx = this->store->begin_write();
    tx->save_person(jimin);
    tx->save_person(rm);
    saved = tx->save_article(this->article("kept", "2021-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"));
    other = tx->save_article(this->article("other", "2021-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"));
    tx->set_article_entities(saved.id, {EntityRef{EntityKind::person, "jimin", "Jimin"}});
    tx->set_article_entities(other.id, {EntityRef{EntityKind::person, "rm", "RM"}});
    tx->commit();
  }
  auto keep = [&](std::int64_t id, int revision, std::int64_t links_version, std::string renderer = "") {
    auto tx = this->store->begin_write();
    bool kept = tx->keep_rendered_body({id, revision, links_version, "<p>Jimin</p>",
                                        {EntityRef{EntityKind::person, "jimin", "Jimin"},
                                         EntityRef{EntityKind::show, "run-on", "Run On / \"런 온\""}},
                                        {EntityRef{EntityKind::person, "jimin", ""}},
                                        renderer});
    tx->commit();
    return kept;
  };
  auto version = this->store->links_version();
  EXPECT_FALSE(keep(saved.id, saved.revision, version)) << "kept by a build the site does not know";
  {
    auto tx = this->store->begin_write();
    EXPECT_TRUE(tx->adopt_body_renderer(""));
    tx->commit();
  }
  ASSERT_TRUE(keep(saved.id, saved.revision, version));
  ASSERT_TRUE(keep(other.id, other.revision, version));
  auto body = this->store->rendered_body(saved.id, saved.revision, "");
  ASSERT_TRUE(body);
  EXPECT_EQ(body->html, "<p>Jimin</p>");
  ASSERT_EQ(body->about.size(), 1u);
  EXPECT_EQ(body->about[0].kind, EntityKind::person);
  EXPECT_EQ(body->about[0].slug, "jimin");
  ASSERT_EQ(body->entities.size(), 2u);
  EXPECT_EQ(body->entities[0], (EntityRef{EntityKind::person, "jimin", "Jimin"}));
  EXPECT_EQ(body->entities[1], (EntityRef{EntityKind::show, "run-on", "Run On / \"런 온\""}));
  EXPECT_FALSE(this->store->rendered_body(saved.id, saved.revision + 1, ""));

  // Saving an entity with the same names changes no body; a new alias changes those about it.
  {
    auto tx = this->store->begin_write();
    jimin.birth_date = std::chrono::year{1995} / 10 / 13;
    tx->save_person(jimin);
    tx->commit();
  }
  EXPECT_EQ(this->store->links_version(), version);
  EXPECT_TRUE(this->store->rendered_body(saved.id, saved.revision, ""));
  {
    auto tx = this->store->begin_write();
    jimin.aliases.push_back("지민");
    tx->save_person(jimin);
    tx->commit();
  }
  EXPECT_FALSE(this->store->rendered_body(saved.id, saved.revision, ""));
  EXPECT_TRUE(this->store->rendered_body(other.id, other.revision, ""));  // about RM alone
  // A body rendered before that change is refused: it links the old names.
  EXPECT_FALSE(keep(saved.id, saved.revision, version));
  EXPECT_NE(this->store->links_version(), version);
  version = this->store->links_version();
  EXPECT_TRUE(keep(saved.id, saved.revision, version));

  // A new revision of the article, or new entities for it, leave the kept body behind.
  {
    auto tx = this->store->begin_write();
    tx->set_article_entities(other.id, {});
    tx->commit();
  }
  EXPECT_FALSE(this->store->rendered_body(other.id, other.revision, ""));
  version = this->store->links_version();
  SavedArticle edited;
  {
    auto tx = this->store->begin_write();
    auto a = *this->store->article_by_id(saved.id);
    a.body = "Jimin et RM.";
    edited = tx->save_article(a, at("2026-01-02T00:00:00Z"));
    tx->commit();
  }
  EXPECT_FALSE(this->store->rendered_body(saved.id, edited.revision, ""));
  EXPECT_FALSE(keep(saved.id, saved.revision, version));  // of the revision before
  EXPECT_TRUE(keep(saved.id, edited.revision, version));
  EXPECT_TRUE(this->store->rendered_body(saved.id, edited.revision, ""));

  // Bodies are kept per build of kpress: two builds running side by side (a rolling upgrade)
  // each read their own and drop none of the other's; a third build drops the oldest's.
  auto adopt = [&](std::string_view renderer) {
    auto tx = this->store->begin_write();
    bool adopted = tx->adopt_body_renderer(renderer);
    for (std::optional<std::int64_t> after = 0; after;) after = tx->drop_bodies_of_old_renderers(*after, 1000).go_on_after;
    tx->commit();
    return adopted;
  };
  auto kept_by = [&](const char* renderer) { return this->store->rendered_body(saved.id, edited.revision, renderer).has_value(); };
  EXPECT_TRUE(adopt("build 1"));
  EXPECT_FALSE(kept_by("build 1"));
  EXPECT_TRUE(keep(saved.id, edited.revision, version, "build 1"));
  EXPECT_FALSE(adopt("build 1"));
  EXPECT_TRUE(kept_by("build 1"));
  EXPECT_TRUE(adopt("build 2"));
  EXPECT_TRUE(kept_by("build 1"));
  EXPECT_FALSE(kept_by("build 2"));
  EXPECT_TRUE(keep(saved.id, edited.revision, version, "build 2"));
  EXPECT_EQ(this->store->rendered_body(saved.id, edited.revision, "build 2")->renderer, "build 2");
  EXPECT_TRUE(adopt("build 3"));
  EXPECT_FALSE(kept_by("build 1"));
  EXPECT_TRUE(kept_by("build 2"));
  EXPECT_FALSE(keep(saved.id, edited.revision, version, "build 1")) << "a build the site has forgotten keeps nothing";
  EXPECT_FALSE(adopt("build 2"));  // a build coming back is not new
  EXPECT_TRUE(kept_by("build 2"));
}

// A third build drops the oldest build's bodies a range of articles at a time, each range in a
// transaction of its own, and none of the two newest builds' bodies.
TYPED_TEST(StoreContract, TheOldestBuildsBodiesAreDroppedARangeOfArticlesAtATime) {
  std::vector<std::int64_t> ids;
  {
    auto tx = this->store->begin_write();
    for (int i = 0; i < 5; ++i)
      ids.push_back(tx->save_article(this->article("a" + std::to_string(i), "2021-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z")).id);
    tx->commit();
  }
  std::sort(ids.begin(), ids.end());
  auto write = [&](auto&& what) {
    auto tx = this->store->begin_write();
    auto result = what(*tx);
    tx->commit();
    return result;
  };
  auto drop = [&](std::int64_t after, std::int64_t articles) {
    return write([&](WriteTransaction& tx) { return tx.drop_bodies_of_old_renderers(after, articles).go_on_after; });
  };
  auto kept_by = [&](std::int64_t id, const char* renderer) { return this->store->rendered_body(id, 1, renderer).has_value(); };
  const auto version = this->store->links_version();
  for (const char* renderer : {"build 1", "build 2"}) {
    write([&](WriteTransaction& tx) { return tx.adopt_body_renderer(renderer); });
    for (auto id : ids) ASSERT_TRUE(write([&](WriteTransaction& tx) { return tx.keep_rendered_body({id, 1, version, "<p>kept</p>", {}, {}, renderer}); }));
  }
  EXPECT_EQ(drop(0, 1000), std::nullopt) << "two builds: nothing to drop";
  EXPECT_TRUE(write([](WriteTransaction& tx) { return tx.adopt_body_renderer("build 3"); }));
  for (auto id : ids) EXPECT_TRUE(kept_by(id, "build 1")) << "adopting drops nothing by itself";

  auto after = drop(ids[0] - 1, 2);  // ids[0] and ids[1]
  ASSERT_EQ(after, ids[0] + 1);
  EXPECT_FALSE(kept_by(ids[0], "build 1"));
  EXPECT_FALSE(kept_by(ids[1], "build 1"));
  EXPECT_TRUE(kept_by(ids[2], "build 1")) << "past the range";
  int transactions = 1;
  while (after) {
    after = drop(*after, 2);
    ASSERT_LT(++transactions, 10);
  }
  for (auto id : ids) {
    EXPECT_FALSE(kept_by(id, "build 1"));
    EXPECT_TRUE(kept_by(id, "build 2"));
  }
  EXPECT_EQ(drop(0, 1000), std::nullopt) << "once done, nothing is left to drop";
  EXPECT_FALSE(write([](WriteTransaction& tx) { return tx.adopt_body_renderer("build 2"); })) << "a build coming back is not new";
}

// Scheduled articles whose time has come are turned published once: a second try (another
// node's, at the same moment) finds nothing left; those not yet due and those in the trash stay.
TYPED_TEST(StoreContract, DueScheduledArticlesArePublishedOnce) {
  auto scheduled = [&](const char* slug, const char* when) {
    auto a = this->article(slug, when);
    a.status = ArticleStatus::scheduled;
    return this->save(a).id;
  };
  auto due = scheduled("due", "2026-03-01T10:00:00Z");
  auto later = scheduled("later", "2026-03-01T12:00:00Z");
  auto trashed = scheduled("trashed", "2026-03-01T09:00:00Z");
  {
    auto tx = this->store->begin_write();
    tx->trash_article(trashed, at("2026-02-01T00:00:00Z"));
    tx->commit();
  }
  auto publish_due = [&](const char* now) {
    auto tx = this->store->begin_write();
    auto ids = tx->publish_due(at(now));
    tx->commit();
    return ids;
  };
  EXPECT_TRUE(publish_due("2026-03-01T09:59:59Z").empty());
  EXPECT_EQ(publish_due("2026-03-01T10:00:00Z"), std::vector<std::int64_t>{due});
  EXPECT_TRUE(publish_due("2026-03-01T10:00:00Z").empty());
  EXPECT_EQ(this->store->article_by_id(due)->status, ArticleStatus::published);
  EXPECT_EQ(this->store->article_by_id(later)->status, ArticleStatus::scheduled);
  EXPECT_EQ(this->store->article_by_id(trashed)->status, ArticleStatus::scheduled);
  EXPECT_EQ(publish_due("2026-03-02T00:00:00Z"), std::vector<std::int64_t>{later});
}

TYPED_TEST(StoreContract, SavesSiteSettingsAndTaxonomies) {
  EXPECT_TRUE(this->store->has_site());
  EXPECT_EQ(this->store->site().name, "Test");
  EXPECT_EQ(this->store->languages().size(), 2u);
  EXPECT_EQ(this->store->sections().front().slug, "kdrama");
  ASSERT_EQ(this->store->authors().size(), 1u);
  EXPECT_EQ(this->store->authors().front().name, "Camille");
  auto tx = this->store->begin_write();
  tx->save_section({"kdrama", "Dramas", "new", 1});
  tx->save_tag({"run-on", "Run On"});
  tx->commit();
  EXPECT_EQ(this->store->sections().front().name, "Dramas");
  EXPECT_EQ(this->store->tags().front().name, "Run On");
  auto health = this->store->health(system_now());
  EXPECT_TRUE(health.reachable);
  EXPECT_EQ(health.changes_behind, 0);  // its own commits are applied before commit returns
}

// SQLite-specific: the database itself refuses to change a revision.
TEST(SqliteStore, RevisionsCannotBeChangedEvenBySql) {
  testing::TempDir dir;
  sqlite::SqliteStore store(dir.path() / "kpress.db");
  store.migrate(at("2026-01-01T00:00:00Z"));
  sqlite::Connection db((dir.path() / "kpress.db").string());
  db.exec("INSERT INTO languages (code, name, position) VALUES ('fr', 'Français', 0)");
  db.exec("INSERT INTO articles (slug, language, title, status, revision) VALUES ('a', 'fr', 'A', 'draft', 1)");
  db.exec("INSERT INTO article_revisions (article_id, number, saved_at, snapshot) VALUES (1, 1, 0, '{}')");
  EXPECT_THROW(db.exec("UPDATE article_revisions SET snapshot = 'x'"), StoreError);
  EXPECT_THROW(db.exec("DELETE FROM article_revisions"), StoreError);
}

TEST(SqliteStore, ReportsMigrationStatus) {
  testing::TempDir dir;
  sqlite::SqliteStore store(dir.path() / "kpress.db");
  auto before = store.migration_status();
  ASSERT_FALSE(before.empty());
  EXPECT_FALSE(before[0].applied_at);
  EXPECT_EQ(store.migrate(at("2026-01-01T00:00:00Z")), static_cast<int>(before.size()));
  EXPECT_EQ(store.migrate(at("2026-01-01T00:00:00Z")), 0);
  for (const auto& m : store.migration_status()) EXPECT_TRUE(m.applied_at);
}

}  // namespace
}  // namespace kpress
