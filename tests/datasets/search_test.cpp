// Search on real text: the 374 Koreaboo and Soompi articles of ../shared/data (read in place)
// imported as English articles, with the dbkpop idols and groups in the catalog, beside the demo
// site's French and Korean articles. Real queries expect named articles at the top; names in
// any spelling or script find the same person; hostile queries are answered cleanly.
#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>
#include <sstream>

#include "cli/site_setup.hpp"
#include "core/slug.hpp"
#include "exchange/catalog_import.hpp"
#include "exchange/csv_reader.hpp"
#include "exchange/importer.hpp"
#include "search/xapian/xapian_index.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace kpress {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

const fs::path kData = KPRESS_SHARED_DATA_DIR;
const fs::path kNews = kData / "kpop-news-koreaboo-soompi" / "label_new_1203.csv";
const fs::path kDbkpop = kData / "kpop-idols-dbkpop";

class Search : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(fs::exists(kNews)) << "the shared datasets are expected at " << kData;
    dir = new testing::TempDir;
    store = open_site(DataDir{dir->path()}, true, true).release();
    auto catalog = import_catalog(*store, CatalogFormat::dbkpop, kDbkpop);
    ASSERT_EQ(catalog.error, "");
    // The news articles as kpress articles: English, in K-pop, with their source.
    std::ifstream in(kNews, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string csv = text.str();
    CsvReader reader(csv);
    CsvHeader header(*reader.next());
    json::array articles;
    while (auto row = reader.next()) {
      auto field = [&](std::string_view name) { return std::string(header.get(*row, name)); };
      std::string url = field("URL");
      std::string site = url.find("koreaboo") != std::string::npos ? "Koreaboo" : "Soompi";
      articles.push_back(json::object{{"title", field("Title")},
                                      {"language", "en"},
                                      {"section", "kpop"},
                                      {"status", "published"},
                                      {"published_at", field("DateISO") + "T09:00:00Z"},
                                      {"body", field("Content")},
                                      {"source", json::object{{"site", site}, {"url", url}, {"author", field("Writer")}}}});
    }
    auto report = import_files(*store, {{"news.json", json::serialize(articles)}}, system_now());
    ASSERT_TRUE(report.ok()) << report.errors.front().to_string();
    ASSERT_EQ(report.created, 374);
    index = new XapianIndex(*store, dir->path() / "search");
    documents = index->rebuild();
  }
  static void TearDownTestSuite() {
    delete index;
    delete store;
    delete dir;
  }
  static SearchResults find(std::string text, std::string type = "", std::string language = "") {
    SearchQuery q;
    q.text = std::move(text);
    q.type = std::move(type);
    q.language = std::move(language);
    q.now = system_now();
    return index->search(q);
  }
  // Where the article with this title comes in the first `n` results, or -1.
  static int rank_of(const SearchResults& results, std::string_view title) {
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
      if (results.hits[i].title == title) return static_cast<int>(i);
    }
    return -1;
  }
  static testing::TempDir* dir;
  static Store* store;
  static XapianIndex* index;
  static std::size_t documents;
};

testing::TempDir* Search::dir = nullptr;
Store* Search::store = nullptr;
XapianIndex* Search::index = nullptr;
std::size_t Search::documents = 0;

TEST_F(Search, EveryVisibleArticleAndEntityIsIndexed) {
  EXPECT_GT(documents, 374u + 1000u);  // the news, the demo's published articles, the idols and groups
}

TEST_F(Search, RealQueriesFindTheArticlesTheyAreAbout) {
  struct Case {
    std::string query;
    std::string title;
    int within;
  };
  for (const auto& c : std::vector<Case>{
           {"Jae hiatus DAY6", "Jae Announces He Will Take A Hiatus From DAY6", 1},
           {"J-Hope donates underprivileged children", "BTS’s J-Hope Donates ₩100 Million KRW To Support Underprivileged Children", 1},
           {"Snowdrop injunction", "Injunction Against The Broadcast Of K-Drama “Snowdrop” Dismissed", 3},
           {"Jay Park steps down CEO AOMG", "Jay Park Announces Step Down From His Position As CEO Of AOMG And H1ghr Music", 1},
           {"Lisa MONEY Spotify streams", "BLACKPINK Lisa’s “MONEY” Becomes Fastest K-Pop Solo Track To Surpass 300M Streams On Spotify", 3},
           {"RM dating rumors", "BIGHIT Music Denies Rumors That BTS’s RM Is Dating A Wealthy Non-Celebrity", 5},
           {"2021 KBS Drama Awards winners", "Here Are All The Winners From The “2021 KBS Drama Awards”", 3},
       }) {
    auto results = find(c.query, "article");
    int rank = rank_of(results, c.title);
    EXPECT_TRUE(rank >= 0 && rank < c.within) << c.query << ": rank " << rank << ", first: "
                                              << (results.hits.empty() ? "-" : results.hits[0].title);
  }
}

TEST_F(Search, AnyNameOfAPersonInAnyScriptFindsThemAndTheirArticles) {
  auto latin = find("J-Hope");
  ASSERT_TRUE(latin.entity);
  EXPECT_EQ(latin.entity->type, "person");
  for (const char* spelling : {"제이홉", "정호석", "Jung Hoseok", "j-hope", "JHOPE"}) {
    auto other = find(spelling);
    ASSERT_TRUE(other.entity) << spelling;
    EXPECT_EQ(other.entity->url, latin.entity->url) << spelling;
    // The articles about him come up though the text spells him "J-Hope".
    EXPECT_GE(rank_of(other, "BTS’s J-Hope Donates ₩100 Million KRW To Support Underprivileged Children"), 0) << spelling;
  }
}

TEST_F(Search, FrenchStemmingAndAccentsFold) {
  // "anniversaires" finds "anniversaire", also where French elides it ("d’anniversaire").
  auto plural = find("anniversaires", "", "fr");
  int birthday = rank_of(plural, "Regardez : Shin Se Kyung et l’équipe de «Run On» surprennent Im Siwan pour son anniversaire");
  ASSERT_TRUE(birthday >= 0 && birthday < 3) << birthday;
  EXPECT_NE(plural.hits[birthday].snippet_html.find("<mark>anniversaire</mark>"), std::string::npos)
      << plural.hits[birthday].snippet_html;
  // Without accents, with them: the same results.
  auto plain = find("scene k-pop premiers roles", "article", "fr");
  auto accented = find("scène K-pop premiers rôles", "article", "fr");
  ASSERT_FALSE(plain.hits.empty());
  EXPECT_EQ(plain.hits[0].title, accented.hits[0].title);
  EXPECT_EQ(plain.hits[0].title, "Im Siwan, de la scène K-pop aux premiers rôles");
}

TEST_F(Search, KoreanTextIsFoundByItsWords) {
  auto results = find("생일", "article", "ko");  // birthday
  ASSERT_FALSE(results.hits.empty());
  EXPECT_EQ(results.hits[0].language, "ko");
  EXPECT_NE(results.hits[0].title.find("생일"), std::string::npos) << results.hits[0].title;
}

TEST_F(Search, AMisspellingGetsADidYouMean) {
  auto results = find("blakpink rose");
  EXPECT_EQ(results.suggestion, "blackpink rose");
}

TEST_F(Search, FiltersByTypeLanguageAndDate) {
  for (const auto& hit : find("BTS", "person").hits) EXPECT_EQ(hit.type, "person");
  for (const auto& hit : find("BTS", "article", "en").hits) EXPECT_EQ(hit.language, "en");
  SearchQuery q;
  q.text = "BTS";
  q.type = "article";
  q.from = Date{std::chrono::year{2021}, std::chrono::month{12}, std::chrono::day{30}};
  q.to = Date{std::chrono::year{2021}, std::chrono::month{12}, std::chrono::day{31}};
  q.now = system_now();
  auto dated = index->search(q);
  ASSERT_FALSE(dated.hits.empty());
  for (const auto& hit : dated.hits) {
    EXPECT_GE(format_iso8601(*hit.published_at), "2021-12-30");
    EXPECT_LT(format_iso8601(*hit.published_at), "2022-01-01");
  }
  // Paging: the second page goes on from the first.
  q.from.reset();
  q.to.reset();
  auto first = index->search(q);
  q.offset = 10;
  auto second = index->search(q);
  ASSERT_EQ(first.hits.size(), 10u);
  ASSERT_FALSE(second.hits.empty());
  EXPECT_NE(first.hits[0].url, second.hits[0].url);
}

// The commonest words (the, of, de, la) are left out of articles' text: a query asked as a
// sentence still finds what it asks for, and a query of nothing else still finds titles.
TEST_F(Search, FunctionWordsNeitherHideNorFlood) {
  auto sentence = find("who are the winners of the 2021 KBS Drama Awards", "article");
  int rank = rank_of(sentence, "Here Are All The Winners From The “2021 KBS Drama Awards”");
  EXPECT_TRUE(rank >= 0 && rank < 3) << rank;
  auto french = find("l’anniversaire de Im Siwan", "article", "fr");
  EXPECT_GE(rank_of(french, "Regardez : Shin Se Kyung et l’équipe de «Run On» surprennent Im Siwan pour son anniversaire"), 0);
  auto only = find("The", "article", "en");
  ASSERT_FALSE(only.hits.empty());
  for (const auto& hit : only.hits) {
    std::string title = hit.title;
    std::transform(title.begin(), title.end(), title.begin(), [](unsigned char c) { return std::tolower(c); });
    EXPECT_NE(title.find("the"), std::string::npos) << hit.title;
  }
}

TEST_F(Search, HostileQueriesAreAnsweredCleanly) {
  std::string nul("BTS\0Jin", 7);
  for (const std::string& q : {std::string("AND"), std::string("OR OR NOT"), std::string("\"unclosed quote"), std::string("(((((("),
                               std::string(")"), std::string("title:bts"), std::string("*"), std::string("-"), std::string("NEAR/3"),
                               nul, std::string(5000, 'a'), std::string(5000, '('), std::string("\xff\xfe\xfd"),
                               std::string("<script>alert(1)</script> BTS")}) {
    EXPECT_NO_THROW(find(q)) << q.substr(0, 40);
  }
  // Escaped snippets: text typed or stored never comes back as markup.
  for (const auto& hit : find("<script>alert(1)</script> BTS").hits) EXPECT_EQ(hit.snippet_html.find("<script"), std::string::npos);
}

// Equally relevant articles (the same words as often) come newest first: news searches want
// the latest, and without a rule their order would change with every rebuild.
TEST(SearchRanking, EquallyRelevantArticlesComeNewestFirst) {
  testing::TempDir site_dir;
  DataDir data{site_dir.path()};
  auto site = open_site(data, true, true);
  json::array articles;
  // Saved in an order that is not their dates' order.
  for (const char* day : {"2024-03-02", "2024-05-09", "2024-01-20", "2024-04-11", "2024-02-15"}) {
    articles.push_back(json::object{{"title", std::string("Showcase recap ") + day},
                                    {"slug", std::string("showcase-") + day},
                                    {"language", "en"},
                                    {"section", "kpop"},
                                    {"status", "published"},
                                    {"published_at", std::string(day) + "T09:00:00Z"},
                                    {"body", "The quartet performed their zebrafinch single live."}});
  }
  auto report = import_files(*site, {{"news.json", json::serialize(articles)}}, system_now());
  ASSERT_TRUE(report.ok()) << report.errors.front().to_string();
  XapianIndex index(*site, data.search());
  index.rebuild();
  SearchQuery q;
  q.text = "zebrafinch";
  q.now = system_now();
  auto results = index.search(q);
  std::vector<std::string> urls;
  for (const auto& hit : results.hits) urls.push_back(hit.url);
  EXPECT_EQ(urls, (std::vector<std::string>{"/articles/showcase-2024-05-09", "/articles/showcase-2024-04-11",
                                            "/articles/showcase-2024-03-02", "/articles/showcase-2024-02-15",
                                            "/articles/showcase-2024-01-20"}));
}

// An index made by an older kpress (before the stub file, or with other terms) is not current:
// `kpress serve` makes it again at start, and the entity cards work once it has.
TEST(SearchIndexFolder, AnIndexFromAnOlderVersionIsMadeAgain) {
  testing::TempDir site_dir;
  DataDir data{site_dir.path()};
  auto site = open_site(data, true, true);
  Xapian::WritableDatabase old(data.search().string(), Xapian::DB_CREATE_OR_OPEN);
  Xapian::Document doc;
  doc.add_term("Qperson:im-siwan");
  old.add_document(doc);
  old.commit();
  old.close();
  XapianIndex index(*site, data.search());
  EXPECT_FALSE(index.current());
  EXPECT_TRUE(fs::exists(data.search() / "XAPIANDB"));
  EXPECT_GT(index.rebuild(), 10u);
  EXPECT_TRUE(index.current());
  SearchQuery q;
  q.text = "Yim Si-wan";
  q.now = system_now();
  auto results = index.search(q);
  ASSERT_TRUE(results.entity);
  EXPECT_EQ(results.entity->url, "/people/im-siwan");
}

}  // namespace
}  // namespace kpress
