#include "exchange/importer.hpp"

#include "exchange/site_file.hpp"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace kpress {
namespace {

const std::string kSite = R"([site]
name = "Test"
base_url = "http://127.0.0.1:8080"
default_language = "fr"

[[languages]]
code = "fr"
name = "Français"

[[sections]]
slug = "kdrama"
name = "K-drama"

[[authors]]
slug = "camille"
name = "Camille"
)";

std::string article(const std::string& title, const std::string& extra = "") {
  return "+++\ntitle = \"" + title + "\"\nlanguage = \"fr\"\nsection = \"kdrama\"\nstatus = \"published\"\n" +
         "published_at = 2021-01-15T09:30:00Z\n" + extra + "+++\n\nTexte.\n";
}

class ImportTest : public ::testing::Test {
 protected:
  ImportTest() : store(dir.path() / "kpress.db") { store.migrate(now); }
  testing::TempDir dir;
  sqlite::SqliteStore store;
  Instant now = *parse_iso8601("2026-01-01T00:00:00Z");
};

TEST_F(ImportTest, ImportsASiteAndItsArticles) {
  auto report = import_files(store, {{"site.toml", kSite}, {"a.md", article("Premier article")}}, now);
  ASSERT_TRUE(report.ok()) << report.errors.front().to_string();
  EXPECT_EQ(report.created, 1);
  EXPECT_EQ(store.site().name, "Test");
  auto a = store.article_by_slug("premier-article");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->section, "kdrama");
}

// [comments] sets what the site decides about readers' comments; a bad value is named with its
// line and imports nothing; an export writes them back.
TEST_F(ImportTest, TheSitesCommentRulesAreImportedAndExported) {
  const std::string rules = R"(
[comments]
open = true
close_after_days = 30
depth = 3
order = "newest"
moderation = "links"
max_links = 1
hold_words = ["casino"]
refuse_words = ["insulte", "spam link"]
)";
  auto report = import_files(store, {{"site.toml", kSite + rules}, {"a.md", article("Premier article")}}, now);
  ASSERT_TRUE(report.ok()) << report.errors.front().to_string();
  auto c = store.site().comments;
  EXPECT_TRUE(c.open);
  EXPECT_EQ(c.close_after_days, 30);
  EXPECT_EQ(c.depth, 3);
  EXPECT_TRUE(c.newest_first);
  EXPECT_EQ(c.moderation, CommentModeration::links);
  EXPECT_EQ(c.max_links, 1);
  EXPECT_EQ(c.hold_words, std::vector<std::string>{"casino"});
  EXPECT_EQ(c.refuse_words, (std::vector<std::string>{"insulte", "spam link"}));
  SiteFile exported{store.site(), {}, {}, {}, {}, {}};
  std::vector<ImportError> errors;
  auto again = parse_site_file("site.toml", write_site_file(exported), errors);
  ASSERT_TRUE(errors.empty()) << errors.front().to_string();
  EXPECT_EQ(again.site->comments.refuse_words, c.refuse_words);
  EXPECT_EQ(again.site->comments.moderation, CommentModeration::links);

  testing::TempDir other_dir;
  sqlite::SqliteStore other(other_dir.path() / "kpress.db");
  other.migrate(now);
  auto bad = import_files(other, {{"site.toml", kSite + "\n[comments]\ndepth = 0\nmoderation = \"never\"\n"}}, now);
  ASSERT_EQ(bad.errors.size(), 2u);
  EXPECT_EQ(bad.errors[0].field, "comments.depth");
  EXPECT_EQ(bad.errors[0].line, 19);
  EXPECT_EQ(bad.errors[1].message, "must be \"all\", \"first\" or \"links\"");
  EXPECT_FALSE(other.has_site());
}

TEST_F(ImportTest, OneBadFileImportsNothingAtAll) {
  auto report = import_files(store,
                             {{"site.toml", kSite},
                              {"a.md", article("Bon article")},
                              {"b.md", article("Mauvais article", "author = \"nobody\"\n")}},
                             now);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].file, "b.md");
  EXPECT_EQ(report.errors[0].field, "author");
  EXPECT_FALSE(store.has_site());
  EXPECT_FALSE(store.article_by_slug("bon-article"));
}

TEST_F(ImportTest, ImportingAgainUpdatesWithoutDuplicating) {
  ASSERT_TRUE(import_files(store, {{"site.toml", kSite}, {"a.md", article("Un article")}}, now).ok());
  auto again = import_files(store, {{"a.md", article("Un article")}}, now);
  EXPECT_EQ(again.unchanged, 1);
  EXPECT_EQ(again.created, 0);
  auto changed = import_files(store, {{"a.md", article("Un article", "standfirst = \"Nouveau\"\n")}}, now);
  EXPECT_EQ(changed.updated, 1);
  auto list = store.articles({});
  EXPECT_EQ(list.total, 1);
  EXPECT_EQ(store.revisions(list.items[0].id).size(), 2u);
}

TEST_F(ImportTest, RefusesTwoArticlesWithOneSlug) {
  auto report = import_files(store,
                             {{"site.toml", kSite},
                              {"a.md", article("A", "slug = \"same\"\n")},
                              {"b.md", article("B", "slug = \"same\"\n")}},
                             now);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].field, "slug");
}

TEST_F(ImportTest, GivesSameTitledArticlesDistinctSlugs) {
  auto report = import_files(store, {{"site.toml", kSite}, {"a.md", article("Même titre")}, {"b.md", article("Même titre")}},
                             now);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(store.article_by_slug("meme-titre"));
  EXPECT_TRUE(store.article_by_slug("meme-titre-2"));
}

// site.toml pins stories to front pages, in the file's order; a pin naming no article of the
// import or the site, or one of another language, refuses the whole import.
TEST_F(ImportTest, PinsFeaturedStoriesAndRefusesPinsOfNothing) {
  const std::string pins = "\n[[featured]]\nlanguage = \"fr\"\narticle = \"second\"\nuntil = \"2026-02-01T00:00:00Z\"\n"
                           "\n[[featured]]\nlanguage = \"fr\"\narticle = \"premier\"\n";
  auto report = import_files(store, {{"site.toml", kSite + pins}, {"a.md", article("Premier")}, {"b.md", article("Second")}}, now);
  ASSERT_TRUE(report.ok()) << report.errors.front().to_string();
  auto featured = store.featured("fr");
  ASSERT_EQ(featured.size(), 2u);
  EXPECT_EQ(featured[0].article_id, store.article_by_slug("second")->id);
  EXPECT_EQ(featured[0].until, parse_iso8601("2026-02-01T00:00:00Z"));
  EXPECT_EQ(featured[1].article_id, store.article_by_slug("premier")->id);
  EXPECT_FALSE(featured[1].until);

  testing::TempDir other_dir;
  sqlite::SqliteStore other(other_dir.path() / "kpress.db");
  other.migrate(now);
  const std::string bad = "\n[[featured]]\nlanguage = \"fr\"\narticle = \"nowhere\"\n";
  auto refused = import_files(other, {{"site.toml", kSite + bad}, {"a.md", article("Premier")}}, now);
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].file, "site.toml");
  EXPECT_EQ(refused.errors[0].line, 18);  // its [[featured]] table
  EXPECT_NE(refused.errors[0].message.find("nowhere"), std::string::npos);
  EXPECT_FALSE(other.article_by_slug("premier"));  // nothing imported
  EXPECT_TRUE(other.featured("fr").empty());
}

// site.toml's [[navigation]]: the menu's links in order, written back by the export; a link that
// leads to a script or off the site's scheme is refused with its line.
TEST_F(ImportTest, KeepsTheMenuAndRefusesALinkThatLeadsNowhereSafe) {
  const std::string menu = "\n[[navigation]]\nlabel = \"Séries\"\nurl = \"/shows\"\n"
                           "\n[[navigation]]\nlabel = \"Chaîne\"\nurl = \"https://www.youtube.com/@kfans\"\nlanguage = \"fr\"\n";
  auto report = import_files(store, {{"site.toml", kSite + menu}}, now);
  ASSERT_TRUE(report.ok()) << report.errors.front().to_string();
  const std::vector<NavigationLink> expected{{"Séries", "/shows", ""}, {"Chaîne", "https://www.youtube.com/@kfans", "fr"}};
  EXPECT_EQ(store.site().navigation, expected);
  std::vector<ImportError> errors;
  auto again = parse_site_file("site.toml", write_site_file({store.site(), {}, {}, {}, {}, {}}), errors);
  ASSERT_TRUE(errors.empty()) << errors.front().to_string();
  EXPECT_EQ(again.site->navigation, expected);

  testing::TempDir other_dir;
  sqlite::SqliteStore other(other_dir.path() / "kpress.db");
  other.migrate(now);
  auto refused = import_files(other, {{"site.toml", kSite + "\n[[navigation]]\nlabel = \"Piège\"\nurl = \"javascript:alert(1)\"\n"}}, now);
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].field, "navigation.url");
  EXPECT_EQ(refused.errors[0].line, 20);
  EXPECT_FALSE(other.has_site());
}

TEST_F(ImportTest, RefusesATranslationOfNothing) {
  auto report =
      import_files(store, {{"site.toml", kSite}, {"a.md", article("T", "translation_of = \"missing\"\n")}}, now);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].field, "translation_of");
}

TEST_F(ImportTest, ReportsAMissingPath) {
  std::vector<ImportError> errors;
  read_import_path(dir.path() / "nothing-here", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("no such file"), std::string::npos);
}

}  // namespace
}  // namespace kpress
