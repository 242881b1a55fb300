// The catalog's contract: shows, people, groups and networks are read back whole, found by any
// of their names in any script, listed in pages, linked with their casts and members, and the
// names an article is about are what entity linking reads. The same on every backend.
#include <gtest/gtest.h>

#include <algorithm>

#include "contract/store_factories.hpp"

namespace kpress {
namespace {

using std::chrono::October;
using std::chrono::year;

template <typename Factory>
class CatalogContract : public ::testing::Test {
 protected:
  void SetUp() override {
    store = factory.make();
    save_test_site(*store);
    tvn.slug = "tvn";
    tvn.name = "tvN";
    tvn.aliases = {"티비엔"};
    run_on.slug = "run-on";
    run_on.title = "Run On";
    run_on.original_title = "런 온";
    run_on.titles = {{"fr", "Run On, la série"}};
    run_on.aliases = {"Running On"};
    run_on.network = "tvn";
    run_on.genres = {"romance"};
    run_on.episode_count = 16;
    run_on.first_air_date = year{2020} / 12 / 16;
    run_on.last_air_date = year{2021} / 2 / 4;
    run_on.status = ShowStatus::ended;
    BroadcastSlot slot;
    slot.weekdays = {std::chrono::Wednesday, std::chrono::Thursday};
    slot.local_time = std::chrono::hours(21);
    run_on.slots = {slot};
    run_on.streaming = {{"Netflix", "https://www.netflix.com/title/81364994", {"FR", "KR"}}};
    siwan.slug = "im-siwan";
    siwan.name = "Im Siwan";
    siwan.hangul_name = "임시완";
    siwan.aliases = {"Yim Si-wan"};
    siwan.birth_date = year{1988} / 12 / 1;
    siwan.occupations = {"actor", "singer"};
    jimin.slug = "jimin";
    jimin.name = "Jimin";
    jimin.hangul_name = "지민";
    jimin.aliases = {"Park Jimin"};
    jimin.birth_date = year{1995} / October / 13;
    rm.slug = "rm";
    rm.name = "RM";
    rm.birth_date = year{1994} / 9 / 12;
    bts.slug = "bts";
    bts.name = "BTS";
    bts.hangul_name = "방탄소년단";
    bts.aliases = {"Bangtan Boys"};
    bts.debut_date = year{2013} / 6 / 13;
    bts.company = "Big Hit Music";
    bts.fandom = "ARMY";
    auto tx = store->begin_write();
    tx->save_network(tvn);
    tx->save_show(run_on);
    tx->save_person(siwan);
    tx->save_person(jimin);
    tx->save_person(rm);
    tx->save_group(bts);
    tx->save_credit({"run-on", "im-siwan", "Ki Seon-gyeom", CreditRole::main, 1});
    tx->save_membership({"bts", "jimin", "Jimin", year{2013} / 6 / 13, std::nullopt});
    tx->save_membership({"bts", "rm", "RM", year{2013} / 6 / 13, std::nullopt});
    tx->save_episode({"run-on", 1, at("2020-12-16T12:00:00Z"), "Episode 1"});
    tx->commit();
  }

  static std::vector<std::string> slugs(const auto& items) {
    std::vector<std::string> found;
    for (const auto& i : items) found.push_back(i.slug);
    return found;
  }

  Factory factory;
  std::unique_ptr<Store> store;
  Network tvn;
  Show run_on;
  Person siwan, jimin, rm;
  Group bts;
};

using Implementations = ::testing::Types<SqliteFactory, PostgresFactory, MemoryFactory>;
TYPED_TEST_SUITE(CatalogContract, Implementations);

TYPED_TEST(CatalogContract, EntitiesAreReadBackWhole) {
  auto show = this->store->show("run-on");
  ASSERT_TRUE(show);
  EXPECT_GT(show->id, 0);
  EXPECT_EQ(show->title, "Run On");
  EXPECT_EQ(show->original_title, "런 온");
  EXPECT_EQ(show->titles, this->run_on.titles);
  EXPECT_EQ(show->network, "tvn");
  EXPECT_EQ(show->genres, this->run_on.genres);
  EXPECT_EQ(show->episode_count, 16);
  EXPECT_EQ(show->first_air_date, this->run_on.first_air_date);
  EXPECT_EQ(show->last_air_date, this->run_on.last_air_date);
  EXPECT_EQ(show->slots, this->run_on.slots);
  EXPECT_EQ(show->streaming, this->run_on.streaming);

  auto person = this->store->person("im-siwan");
  ASSERT_TRUE(person);
  EXPECT_EQ(person->name, "Im Siwan");
  EXPECT_EQ(person->hangul_name, "임시완");
  EXPECT_EQ(person->birth_date, this->siwan.birth_date);
  EXPECT_EQ(person->occupations, this->siwan.occupations);
  EXPECT_FALSE(this->store->person("nobody"));

  auto group = this->store->group("bts");
  ASSERT_TRUE(group);
  EXPECT_EQ(group->hangul_name, "방탄소년단");
  EXPECT_EQ(group->debut_date, this->bts.debut_date);
  EXPECT_EQ(group->company, "Big Hit Music");
  EXPECT_EQ(group->fandom, "ARMY");
  EXPECT_FALSE(this->store->group("exo"));

  auto networks = this->store->networks();
  ASSERT_EQ(networks.size(), 1u);
  EXPECT_EQ(networks[0].name, "tvN");
  EXPECT_EQ(this->store->network("tvn")->name, "tvN");
}

TYPED_TEST(CatalogContract, ListsAreFoundByAnyNameAndPaged) {
  // By a name in Hangul, by another title, by a network, by a status.
  EXPECT_EQ(this->slugs(this->store->shows({"런 온"}).items), std::vector<std::string>{"run-on"});
  EXPECT_EQ(this->slugs(this->store->shows({"running on"}).items), std::vector<std::string>{"run-on"});
  CatalogQuery on_tvn;
  on_tvn.network = "tvn";
  EXPECT_EQ(this->store->shows(on_tvn).total, 1);
  on_tvn.network = "mbc";
  EXPECT_EQ(this->store->shows(on_tvn).total, 0);
  CatalogQuery airing;
  airing.status = ShowStatus::airing;
  EXPECT_EQ(this->store->shows(airing).total, 0);

  EXPECT_EQ(this->slugs(this->store->people({"지민"}).items), std::vector<std::string>{"jimin"});
  EXPECT_EQ(this->slugs(this->store->people({"yim si-wan"}).items), std::vector<std::string>{"im-siwan"});
  EXPECT_EQ(this->slugs(this->store->groups({"bangtan"}).items), std::vector<std::string>{"bts"});
  EXPECT_EQ(this->store->groups({"exo"}).total, 0);

  // Pages of one: the total stays, each page holds the next one.
  CatalogQuery page;
  page.limit = 1;
  auto first = this->store->people(page);
  EXPECT_EQ(first.total, 3);
  ASSERT_EQ(first.items.size(), 1u);
  page.offset = 1;
  auto second = this->store->people(page);
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_NE(first.items[0].slug, second.items[0].slug);
  page.offset = 3;
  EXPECT_TRUE(this->store->people(page).items.empty());
}

TYPED_TEST(CatalogContract, SchedulesAndBirthdaysAreFoundByDate) {
  EXPECT_EQ(this->slugs(this->store->shows_on_air(year{2021} / 1 / 1, year{2021} / 1 / 31)),
            std::vector<std::string>{"run-on"});
  EXPECT_TRUE(this->store->shows_on_air(year{2019} / 1 / 1, year{2019} / 12 / 31).empty());  // not begun
  EXPECT_TRUE(this->store->shows_on_air(year{2023} / 1 / 1, year{2023} / 1 / 31).empty());   // ended long before

  EXPECT_EQ(this->slugs(this->store->people_born_on(10, 13)), std::vector<std::string>{"jimin"});
  EXPECT_TRUE(this->store->people_born_on(10, 14).empty());
  EXPECT_EQ(this->slugs(this->store->people_born_on(12, 0)), std::vector<std::string>{"im-siwan"});  // the month
}

TYPED_TEST(CatalogContract, CastsAndMembersAreReadBothWays) {
  auto cast = this->store->credits_of_show("run-on");
  ASSERT_EQ(cast.size(), 1u);
  EXPECT_EQ(cast[0].person, "im-siwan");
  EXPECT_EQ(cast[0].character, "Ki Seon-gyeom");
  EXPECT_EQ(cast[0].role, CreditRole::main);
  auto roles = this->store->credits_of_person("im-siwan");
  ASSERT_EQ(roles.size(), 1u);
  EXPECT_EQ(roles[0].show, "run-on");
  EXPECT_TRUE(this->store->credits_of_person("jimin").empty());

  auto members = this->store->members_of("bts");
  ASSERT_EQ(members.size(), 2u);
  auto of_jimin = this->store->memberships_of("jimin");
  ASSERT_EQ(of_jimin.size(), 1u);
  EXPECT_EQ(of_jimin[0].group, "bts");
  EXPECT_EQ(of_jimin[0].stage_name, "Jimin");
  EXPECT_EQ(of_jimin[0].from, this->bts.debut_date);
  EXPECT_EQ(this->store->episodes("run-on").size(), 1u);

  // The admin's catalog editor writes a cast and a line-up again whole; a transaction reads
  // what it is about to replace.
  {
    auto tx = this->store->begin_write();
    EXPECT_EQ(tx->credits_of_show("run-on").size(), 1u);
    EXPECT_EQ(tx->members_of("bts").size(), 2u);
    EXPECT_EQ(tx->group("bts")->name, "BTS");
    EXPECT_EQ(tx->person("jimin")->hangul_name, "지민");
    tx->clear_show_cast_and_episodes("run-on");
    tx->clear_group_members("bts");
    tx->save_membership({"bts", "rm", "RM", std::nullopt, std::nullopt});
    EXPECT_TRUE(tx->credits_of_show("run-on").empty());
    tx->commit();
  }
  EXPECT_TRUE(this->store->credits_of_show("run-on").empty());
  EXPECT_TRUE(this->store->credits_of_person("im-siwan").empty());
  EXPECT_TRUE(this->store->episodes("run-on").empty());
  ASSERT_EQ(this->store->members_of("bts").size(), 1u);
  EXPECT_EQ(this->store->members_of("bts")[0].person, "rm");
  EXPECT_TRUE(this->store->memberships_of("jimin").empty());
}

TYPED_TEST(CatalogContract, EverySpellingIsKnownToEntityLinking) {
  auto has = [](const std::vector<CatalogAlias>& aliases, EntityKind kind, const std::string& slug, const std::string& alias) {
    return std::any_of(aliases.begin(), aliases.end(), [&](const CatalogAlias& a) {
      return a.entity.kind == kind && a.entity.slug == slug && a.alias == alias;
    });
  };
  auto all = this->store->catalog_aliases();
  EXPECT_TRUE(has(all, EntityKind::person, "jimin", "Park Jimin"));
  EXPECT_TRUE(has(all, EntityKind::person, "jimin", "지민"));
  EXPECT_TRUE(has(all, EntityKind::show, "run-on", "런 온"));
  EXPECT_TRUE(has(all, EntityKind::group, "bts", "Bangtan Boys"));

  // Spellings are compared folded; a network is found by any of its names.
  {
    auto tx = this->store->begin_write();
    EXPECT_EQ(tx->slugs_by_alias(EntityKind::person, "PARK JIMIN"), std::vector<std::string>{"jimin"});
    EXPECT_TRUE(tx->slugs_by_alias(EntityKind::group, "Park Jimin").empty());
    EXPECT_EQ(tx->network_by_alias("티비엔"), std::optional<std::string>("tvn"));
    EXPECT_EQ(tx->network_by_alias("MBC"), std::nullopt);
  }

  // An article about Jimin and Run On: its aliases are theirs, less what its editor dropped.
  auto a = test_article("jimin-run-on");
  a.unlink = {"show/run-on"};
  SavedArticle saved;
  {
    auto tx = this->store->begin_write();
    saved = tx->save_article(a, at("2026-01-01T00:00:00Z"));
    tx->set_article_entities(saved.id, {EntityRef{EntityKind::person, "jimin", "Jimin"}, EntityRef{EntityKind::show, "run-on", "Run On"}});
    tx->commit();
  }
  auto of_article = this->store->article_aliases(saved.id);
  EXPECT_TRUE(has(of_article, EntityKind::person, "jimin", "Park Jimin"));
  EXPECT_FALSE(has(of_article, EntityKind::show, "run-on", "런 온"));
  EXPECT_FALSE(has(of_article, EntityKind::group, "bts", "BTS"));
}

}  // namespace
}  // namespace kpress
