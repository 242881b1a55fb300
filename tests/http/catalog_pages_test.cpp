// The catalog's pages, API and JSON-LD on the demo site, through a real server.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "exchange/catalog_import.hpp"
#include "exchange/entity_links.hpp"
#include "exchange/importer.hpp"
#include "support/http_client.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

namespace json = boost::json;
using testing::http_get;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Every JSON-LD block of a page, parsed.
std::vector<json::object> json_ld(const std::string& html) {
  std::vector<json::object> out;
  const std::string open = "<script type=\"application/ld+json\">";
  for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    auto start = at + open.size();
    auto end = html.find("</script>", start);
    out.push_back(json::parse(html.substr(start, end - start)).as_object());
  }
  return out;
}

class CatalogPages : public ::testing::Test {
 protected:
  // 1 December 2020 at 05:00 in Seoul: Im Siwan's birthday there, not yet in Paris.
  static void SetUpTestSuite() {
    site = new testing::TestSite({true, [] { return *parse_iso8601("2020-11-30T20:00:00Z"); }, {}});
  }
  static void TearDownTestSuite() { delete site; }
  static testing::TestSite* site;
  testing::ClientResponse get(const std::string& path, unsigned status = 200) {
    auto res = http_get(site->port(), path);
    EXPECT_EQ(res.status, status) << path;
    return res;
  }
};
testing::TestSite* CatalogPages::site = nullptr;

TEST_F(CatalogPages, ShowPageHasCastSlotAndWhereToWatch) {
  auto b = get("/shows/run-on").body;
  EXPECT_TRUE(has(b, "<h1>Run On <span class=\"original\" lang=\"ko\">런 온</span></h1>"));
  EXPECT_TRUE(has(b, "<a href=\"/networks/jtbc\">JTBC</a>"));
  EXPECT_TRUE(has(b, "mercredi et jeudi à 21:00 (heure normale de la Corée)"));
  EXPECT_TRUE(has(b, "<td><a href=\"/people/im-siwan\">Im Siwan</a></td><td>Principal</td><td>Ki Sun Kyum</td>"));
  EXPECT_TRUE(has(b, "<td><a href=\"/people/shin-se-kyung\">Shin Se Kyung</a></td><td>Principal</td><td>Oh Mi Joo</td>"));
  EXPECT_TRUE(has(b, "class=\"watch-now\" href=\"https://www.netflix.com/search?q=Run%20On\""));
  EXPECT_TRUE(has(b, "Articles liés"));
  EXPECT_TRUE(has(b, "/articles/cinq-choses-a-savoir-sur-run-on"));
}

TEST_F(CatalogPages, ShowJsonLdIsATvSeriesWithActorsAndTheirCharacters) {
  auto ld = json_ld(get("/shows/run-on").body);
  ASSERT_EQ(ld.size(), 1u);
  EXPECT_EQ(ld[0].at("@type"), "TVSeries");
  EXPECT_EQ(ld[0].at("name"), "Run On");
  EXPECT_EQ(ld[0].at("numberOfEpisodes"), 16);
  EXPECT_EQ(ld[0].at("startDate"), "2020-12-16");
  const auto& actors = ld[0].at("actor").as_array();
  ASSERT_EQ(actors.size(), 4u);
  EXPECT_EQ(actors[0].at("@type"), "PerformanceRole");
  EXPECT_EQ(actors[0].at("characterName"), "Ki Sun Kyum");
  EXPECT_EQ(actors[0].at("actor").at("name"), "Im Siwan");
}

TEST_F(CatalogPages, PersonPageHasAgeBirthdayFilmographyAndGroups) {
  auto b = get("/people/im-siwan").body;
  EXPECT_TRUE(has(b, "<h1>Im Siwan <span class=\"original\" lang=\"ko\">임시완</span></h1>"));
  EXPECT_TRUE(has(b, "Yim Si-wan"));
  EXPECT_TRUE(has(b, "(32 ans)"));                      // in Seoul it is already 1 December 2020
  EXPECT_TRUE(has(b, "Aujourd’hui !"));
  EXPECT_TRUE(has(b, "<a href=\"/shows/run-on\">Run On</a> (2020), rôle de Ki Sun Kyum"));
  EXPECT_TRUE(has(b, "<a href=\"/shows/the-king-loves\">Le roi amoureux</a> (2017), rôle de Wang Won"));
  auto ld = json_ld(b);
  ASSERT_EQ(ld.size(), 1u);
  EXPECT_EQ(ld[0].at("@type"), "Person");
  EXPECT_EQ(ld[0].at("birthDate"), "1988-12-01");
}

TEST_F(CatalogPages, PersonPageShowsTheNextBirthdayWhenItIsNotToday) {
  auto b = get("/people/shin-se-kyung").body;
  EXPECT_TRUE(has(b, "(30 ans)"));
  EXPECT_TRUE(has(b, "<time datetime=\"2021-07-29\">"));
}

TEST_F(CatalogPages, GroupPageListsMembersWithStageAndLegalNames) {
  auto b = get("/groups/bts").body;
  EXPECT_TRUE(has(b, "<h1>BTS <span class=\"original\" lang=\"ko\">방탄소년단</span></h1>"));
  EXPECT_TRUE(has(b, "<a href=\"/people/jeon-jungkook\">Jung Kook</a> <span class=\"legal-name\">(Jeon Jungkook"));
  EXPECT_TRUE(has(b, "ARMY"));
  auto ld = json_ld(b);
  ASSERT_EQ(ld.size(), 1u);
  EXPECT_EQ(ld[0].at("@type"), "MusicGroup");
  EXPECT_EQ(ld[0].at("member").as_array().size(), 7u);
  EXPECT_EQ(ld[0].at("foundingDate"), "2013-06-13");
  auto member = get("/people/kim-taehyung").body;
  EXPECT_TRUE(has(member, "<a href=\"/groups/bts\">BTS</a> (sous le nom de V)"));
}

TEST_F(CatalogPages, NetworkAndIndexPagesFilterAndFindAnySpelling) {
  EXPECT_TRUE(has(get("/networks/jtbc").body, "<a href=\"/shows/run-on\">Run On</a>"));
  EXPECT_FALSE(has(get("/networks/jtbc").body, "The King Loves"));
  auto shows = get("/shows").body;
  EXPECT_TRUE(has(shows, "Run On") && has(shows, "Le roi amoureux"));
  auto filtered = get("/shows?network=mbc").body;
  EXPECT_TRUE(has(filtered, "Le roi amoureux"));
  EXPECT_FALSE(has(filtered, ">Run On<"));
  for (const char* q : {"yim+si-wan", "YIM%20SI%20WAN", "%EC%9E%84%EC%8B%9C%EC%99%84", "imsiwan"}) {
    auto people = get(std::string("/people?q=") + q).body;
    EXPECT_TRUE(has(people, "<a href=\"/people/im-siwan\">Im Siwan</a>")) << q;
    EXPECT_TRUE(has(people, "1 résultat<")) << q;
  }
  EXPECT_TRUE(has(get("/groups?q=bangtan").body, "<a href=\"/groups/bts\">BTS</a>"));
  get("/shows?status=finished", 400);
  get("/shows?page=0", 400);
}

TEST_F(CatalogPages, AShowIsTitledInTheSiteLanguageAndFoundUnderEveryTitle) {
  auto b = get("/shows/the-king-loves").body;
  EXPECT_TRUE(has(b, "<h1>Le roi amoureux <span class=\"original\" lang=\"ko\">왕은 사랑한다</span></h1>"));
  for (const char* q : {"roi+amoureux", "The+King+in+Love", "%EC%99%95%EC%9D%80"}) {
    auto v = json::parse(get(std::string("/api/v1/shows?q=") + q).body);
    ASSERT_EQ(v.at("total"), 1) << q;
    EXPECT_EQ(v.at("items").as_array()[0].at("titles").at("fr"), "Le roi amoureux");
  }
}

TEST_F(CatalogPages, UnknownEntitiesAre404Pages) {
  for (const char* path : {"/shows/nope", "/people/nobody", "/groups/none", "/networks/nothing"})
    EXPECT_TRUE(has(get(path, 404).body, "Page introuvable")) << path;
}

TEST_F(CatalogPages, ArticlesLinkTheirEntitiesAndCarryTheShowBox) {
  auto b = get("/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire").body;
  EXPECT_TRUE(has(b, "<a href=\"/people/im-siwan\" title=\"Im Siwan\">Im Siwan</a>"));
  EXPECT_TRUE(has(b, "<aside class=\"show-box\" aria-label=\"La série Run On\">"));
  EXPECT_TRUE(has(b, "Regarder sur Netflix"));
  auto ld = json_ld(b);
  ASSERT_EQ(ld.size(), 1u);
  EXPECT_EQ(ld[0].at("@type"), "NewsArticle");
  std::set<std::string> about, mentions;
  for (const auto& e : ld[0].at("about").as_array()) about.insert(std::string(e.at("name").as_string()));
  EXPECT_EQ(about, (std::set<std::string>{"Run On", "Im Siwan", "Shin Se Kyung"}));
  EXPECT_FALSE(ld[0].contains("mentions"));  // everything it names is in the title
  auto other = json_ld(get("/articles/cinq-choses-a-savoir-sur-run-on").body);
  for (const auto& e : other[0].at("mentions").as_array()) mentions.insert(std::string(e.at("name").as_string()));
  EXPECT_EQ(mentions, (std::set<std::string>{"Im Siwan", "Shin Se Kyung"}));
  // The Korean edition finds the same people through their Hangul names.
  auto ko = get("/articles/leon-on-meiking-yeongsang-sinsegyeong-gwa-seutaepeu-imsiwan-saeng-il-kkamjjag-pati").body;
  EXPECT_TRUE(has(ko, "<a href=\"/ko/people/shin-se-kyung\" title=\"Shin Se Kyung\">신세경</a>과"));
}

TEST_F(CatalogPages, ApiFindsAnyAliasInAnyScript) {
  auto v = json::parse(get("/api/v1/people?q=%EC%9E%84%EC%8B%9C%EC%99%84").body);
  ASSERT_EQ(v.at("total"), 1);
  const auto& item = v.at("items").as_array()[0].as_object();
  for (const char* key : {"id", "name", "url", "aliases"}) EXPECT_TRUE(item.contains(key)) << key;
  EXPECT_EQ(item.at("name"), "Im Siwan");
  EXPECT_EQ(item.at("url"), "http://127.0.0.1:8080/people/im-siwan");
  auto shows = json::parse(get("/api/v1/shows?q=%EB%9F%B0%20%EC%98%A8").body);  // 런 온
  ASSERT_EQ(shows.at("total"), 1);
  EXPECT_EQ(shows.at("items").as_array()[0].at("name"), "Run On");
  auto groups = json::parse(get("/api/v1/groups?q=Bangtan%20Boys").body);
  EXPECT_EQ(groups.at("items").as_array()[0].at("name"), "BTS");
  EXPECT_EQ(json::parse(get("/api/v1/people?q=nobody-at-all").body).at("total"), 0);
  get("/api/v1/people?limit=0", 400);
}

TEST_F(CatalogPages, RelatedArticlesAppearOnEntityPages) {
  auto b = get("/groups/bts").body;
  EXPECT_TRUE(has(b, "Articles liés"));
  EXPECT_TRUE(has(b, "/articles/bts-les-sept-membres-et-leurs-noms-de-scene"));
}

// A body is rendered once and kept; the page is made from the kept body until the links in it
// change, here the name of a person it mentions.
TEST(KeptBodies, AnArticleIsShownFromItsKeptBodyUntilTheNamesItLinksChange) {
  testing::TestSite site({true, system_now, {}, 0});  // no page cache: every view is made again
  const std::string path = "/articles/cinq-choses-a-savoir-sur-run-on";
  auto article = *site.store().article_by_slug("cinq-choses-a-savoir-sur-run-on");
  ASSERT_FALSE(site.store().rendered_body(article.id, article.revision, site.bodies().renderer()));

  // What is kept is what readers get: a body kept before the first view shows.
  {
    auto tx = site.store().begin_write();
    RenderedBody body{article.id, article.revision, site.store().links_version(), "<p>From the kept body.</p>", {}, {},
                      site.bodies().renderer()};
    ASSERT_TRUE(tx->keep_rendered_body(body));
    tx->commit();
  }
  auto from_kept = http_get(site.port(), path).body;
  EXPECT_TRUE(has(from_kept, "<p>From the kept body.</p>"));
  EXPECT_FALSE(has(from_kept, "title=\"Im Siwan\""));

  // Im Siwan's name changes: the body is made again with it, and kept again.
  auto person = *site.store().person("im-siwan");
  person.name = "Siwan Im";
  person.aliases.push_back("Im Siwan");
  {
    auto tx = site.store().begin_write();
    tx->save_person(person);
    tx->commit();
  }
  auto renamed = http_get(site.port(), path).body;
  EXPECT_FALSE(has(renamed, "From the kept body."));
  EXPECT_TRUE(has(renamed, "title=\"Siwan Im\">Im Siwan</a>"));
  site.bodies().flush();
  auto kept = site.store().rendered_body(article.id, article.revision, site.bodies().renderer());
  ASSERT_TRUE(kept);
  EXPECT_TRUE(has(kept->html, "title=\"Siwan Im\">Im Siwan</a>"));
  EXPECT_TRUE(has(http_get(site.port(), path).body, kept->html));
}

}  // namespace
}  // namespace kpress

namespace kpress {
namespace {

std::string article_file(const std::string& slug, const std::string& extra, const std::string& body) {
  return "+++\nslug = \"" + slug + "\"\ntitle = \"Un article\"\nlanguage = \"fr\"\nstatus = \"published\"\n"
         "published_at = 2026-11-01T00:00:00Z\n" + extra + "+++\n\n" + body;
}

TEST(EditorLinks, AnEditorDropsALinkTheTextWouldMakeAndAddsOneItDoesNot) {
  testing::TestSite site;
  auto report = import_files(site.store(),
                             {{"a.md", article_file("a", "link = [\"group/bts\"]\nunlink = [\"show/run-on\"]\n",
                                                    "Im Siwan revient dans Run On.\n")}},
                             system_now());
  ASSERT_TRUE(report.ok()) << report.errors.front().to_string();
  auto page = http_get(site.port(), "/articles/a").body;
  EXPECT_TRUE(has(page, "href=\"/people/im-siwan\""));
  EXPECT_FALSE(has(page, "href=\"/shows/run-on\""));
  EXPECT_FALSE(has(page, "show-box"));
  EXPECT_TRUE(has(http_get(site.port(), "/groups/bts").body, "/articles/a\""));
  EXPECT_FALSE(has(http_get(site.port(), "/shows/run-on").body, "/articles/a\""));
  // The choice is part of the article: kept in its revision and given back by export.
  auto saved = site.store().article_by_slug("a");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->unlink, std::vector<std::string>{"show/run-on"});
  EXPECT_EQ(site.store().revisions(saved->id).back().article.link, std::vector<std::string>{"group/bts"});
}

TEST(EditorLinks, LinkingToAnEntityTheCatalogDoesNotHaveIsAnError) {
  testing::TestSite site;
  auto report = import_files(site.store(), {{"a.md", article_file("a", "link = [\"person/nobody\"]\n", "x\n")},
                                            {"b.md", article_file("b", "link = [\"planet/mars\"]\n", "x\n")}},
                             system_now());
  std::set<std::string> errors;
  for (const auto& e : report.errors) errors.insert(e.to_string());
  EXPECT_EQ(errors, (std::set<std::string>{"a.md:1: link: the catalog has no person/nobody",
                                           "b.md:1: link: 'planet/mars' is not person/SLUG, group/SLUG or show/SLUG"}));
  EXPECT_FALSE(site.store().article_by_slug("a"));
}

TEST(ShowSlots, AShowPageGivesTheSlotInForceAndItsEpisodes) {
  Instant now = *parse_iso8601("2021-02-01T00:00:00Z");
  testing::TestSite site({false, [&now] { return now; }, {}});
  auto report = import_catalog_json(site.store(), "c.json", R"({"shows": [{"slug": "moved", "title": "Moved",
      "slots": [{"days": "Monday, Tuesday", "time": "22:00", "from": "2021-01-04"},
                {"days": "Wednesday", "time": "21:30", "from": "2021-03-01"}],
      "episodes": [{"number": 1, "airs_at": "2021-01-04T22:00:00+09:00"}, {"number": 2, "title": "Le retour"}]}]})");
  ASSERT_EQ(report.imported, 1) << (report.rejected.empty() ? report.error : report.rejected[0].to_string());
  auto page = http_get(site.port(), "/shows/moved").body;
  EXPECT_TRUE(has(page, "lundi et mardi à 22:00")) << page;
  EXPECT_TRUE(has(page, "<li value=\"1\">Épisode 1 · <time datetime=\"2021-01-04T13:00:00Z\""));
  EXPECT_TRUE(has(page, "Épisode 2 : Le retour"));
  // Cached, the page still changes on the day the new slot begins (1 March, midnight in Seoul).
  now = *parse_iso8601("2021-02-28T14:59:59Z");
  EXPECT_TRUE(has(http_get(site.port(), "/shows/moved").body, "lundi et mardi à 22:00"));
  now = *parse_iso8601("2021-02-28T15:00:00Z");
  EXPECT_TRUE(has(http_get(site.port(), "/shows/moved").body, "mercredi à 21:30 (heure normale de la Corée)"));
}

TEST(Relink, ArticlesWrittenBeforeTheCatalogLinkItOnceItIsImported) {
  testing::TestSite site({false, system_now, {}});
  ASSERT_TRUE(import_files(site.store(), {{"a.md", article_file("a", "", "Im Siwan court.\n")}}, system_now()).ok());
  EXPECT_FALSE(has(http_get(site.port(), "/articles/a").body, "href=\"/people/im-siwan\""));
  auto catalog = import_catalog_json(site.store(), "c.json", R"({"people": [{"name": "Im Siwan", "aliases": ["임시완"]}]})");
  ASSERT_EQ(catalog.imported, 1);
  EXPECT_EQ(relink_articles(site.store()), 1);
  EXPECT_TRUE(has(http_get(site.port(), "/articles/a").body, "href=\"/people/im-siwan\""));
}

}  // namespace
}  // namespace kpress
