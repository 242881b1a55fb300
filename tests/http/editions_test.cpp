// Language editions: the default language at "/", the others under their prefix, each with its
// own lists of its own articles, its catalog pages speaking its language and naming people as it
// does, hreflang links between them all and a language switcher on every page.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>
#include <regex>
#include <set>

#include "support/eventually.hpp"
#include "support/http_client.hpp"
#include "support/interface_text.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::http_get;
using testing::interface_text_in;

constexpr const char* kRunOn =
    "/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Editions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { site = new testing::TestSite(); }
  static void TearDownTestSuite() { delete site; }
  static testing::TestSite* site;
  std::uint16_t port() const { return site->port(); }

  // The paths of the articles of `language` that readers may see, from the API.
  std::set<std::string> articles_in(const std::string& language) {
    auto body = boost::json::parse(http_get(port(), "/api/v1/articles?limit=100&lang=" + language).body).as_object();
    std::set<std::string> paths;
    for (const auto& item : body["items"].as_array()) {
      std::string url(item.as_object().at("url").as_string());
      paths.insert(url.substr(url.find("/articles/")));
    }
    return paths;
  }
  // hreflang -> href of a page's <link rel="alternate"> elements.
  static std::map<std::string, std::string> alternates(const std::string& page) {
    static const std::regex link(R"re(<link rel="alternate" hreflang="([^"]+)" href="http://127\.0\.0\.1:8080([^"]*)">)re");
    std::map<std::string, std::string> out;
    for (std::sregex_iterator it(page.begin(), page.end(), link), end; it != end; ++it) out[(*it)[1]] = (*it)[2];
    return out;
  }
  // lang -> href of the language switcher's links.
  static std::map<std::string, std::string> switcher(const std::string& page) {
    static const std::regex link(R"re(<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+"( aria-current="true")?>)re");
    auto from = page.find("class=\"language-switcher\"");
    std::map<std::string, std::string> out;
    if (from == std::string::npos) return out;
    std::string nav = page.substr(from, page.find("</nav>", from) - from);
    for (std::sregex_iterator it(nav.begin(), nav.end(), link), end; it != end; ++it) out[(*it)[2]] = (*it)[1];
    return out;
  }
};
testing::TestSite* Editions::site = nullptr;

TEST_F(Editions, EachEditionsHomeListsItsLanguagesArticlesOnlyAndSpeaksIt) {
  for (auto [home, language] : {std::pair{"/", "fr"}, {"/en/", "en"}, {"/ko/", "ko"}}) {
    auto page = http_get(port(), home);
    ASSERT_EQ(page.status, 200u) << home;
    EXPECT_TRUE(has(page.body, std::string("<html lang=\"") + language + "\" dir=\"ltr\">")) << home;
    auto own = articles_in(language);
    ASSERT_FALSE(own.empty()) << language;
    static const std::regex card(R"re(href="(/articles/[^"]+)")re");
    int listed = 0;
    for (std::sregex_iterator it(page.body.begin(), page.body.end(), card), end; it != end; ++it, ++listed)
      EXPECT_TRUE(own.contains((*it)[1])) << home << " lists " << (*it)[1] << ", not in " << language;
    EXPECT_GT(listed, 0) << home;
    for (const char* other : {"fr", "en", "ko"}) {
      if (other == std::string(language)) continue;
      EXPECT_EQ(interface_text_in(page.body, other), std::vector<std::string>{}) << home << " speaks " << other;
    }
  }
  EXPECT_TRUE(has(http_get(port(), "/en/").body, "<a href=\"/en/section/bts\""));  // its links stay in it
  EXPECT_TRUE(has(http_get(port(), "/ko/").body, "<a href=\"/ko/shows\""));
}

TEST_F(Editions, ArchivesAndCatalogPagesAreInEveryEditionWithSymmetricHreflang) {
  for (const char* path : {"/section/kdrama", "/tag/im-siwan", "/author/camille-moreau", "/shows", "/shows/run-on",
                           "/people/im-siwan", "/groups/bts", "/schedule", "/birthdays"}) {
    std::map<std::string, std::string> expected{{"fr", path}, {"en", std::string("/en") + path},
                                                {"ko", std::string("/ko") + path}, {"x-default", path}};
    for (const auto& [language, at] : expected) {
      if (language == "x-default") continue;
      auto page = http_get(port(), at);
      ASSERT_EQ(page.status, 200u) << at;
      EXPECT_TRUE(has(page.body, "<html lang=\"" + language + "\"")) << at;
      EXPECT_EQ(alternates(page.body), expected) << at;  // each names all, itself included
      auto links = switcher(page.body);
      EXPECT_EQ(links.size(), 3u) << at;
      for (const auto& [l, href] : links) EXPECT_EQ(href, expected[l]) << at << " switches to " << l;
    }
  }
  // An English section lists English articles only, and its feed is the English edition's.
  auto english = articles_in("en");
  auto section = http_get(port(), "/en/section/kdrama").body;
  static const std::regex card(R"re(href="(/articles/[^"]+)")re");
  for (std::sregex_iterator it(section.begin(), section.end(), card), end; it != end; ++it)
    EXPECT_TRUE(english.contains((*it)[1])) << (*it)[1];
  EXPECT_TRUE(has(section, "href=\"/en/section/kdrama/feed.atom\""));
}

TEST_F(Editions, TheSwitcherOfAnArticleLeadsToItsEditionsElseToThatLanguagesHome) {
  auto french = http_get(port(), kRunOn).body;
  auto links = switcher(french);
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links["fr"], kRunOn);
  EXPECT_TRUE(links["ko"].starts_with("/articles/")) << links["ko"];  // its Korean edition
  auto korean = http_get(port(), links["ko"]);
  ASSERT_EQ(korean.status, 200u);
  EXPECT_TRUE(has(korean.body, "<html lang=\"ko\""));
  EXPECT_EQ(switcher(korean.body)["fr"], kRunOn);
  // An article's links lead into its language's edition: its text's mentions, its show box, its tags.
  auto english = http_get(port(), "/articles/five-things-to-know-about-run-on").body;
  EXPECT_TRUE(has(english, "href=\"/en/shows/run-on\""));
  EXPECT_FALSE(has(english, "href=\"/shows/run-on\""));
  EXPECT_TRUE(has(english, "href=\"/en/tag/"));
  EXPECT_FALSE(has(english, "href=\"/tag/"));
  EXPECT_TRUE(has(french, "href=\"/shows/run-on\""));
  // An article with no edition in a language leads to that language's home.
  auto lone = http_get(port(), "/articles/bts-les-sept-membres-et-leurs-noms-de-scene");
  ASSERT_EQ(lone.status, 200u);
  EXPECT_EQ(switcher(lone.body)["en"], "/en/");
  EXPECT_EQ(switcher(lone.body)["ko"], "/ko/");
  // Its hreflang names itself, for its language and for everyone else.
  std::map<std::string, std::string> itself{{"fr", "/articles/bts-les-sept-membres-et-leurs-noms-de-scene"},
                                            {"x-default", "/articles/bts-les-sept-membres-et-leurs-noms-de-scene"}};
  EXPECT_EQ(alternates(lone.body), itself);
}

TEST_F(Editions, PeopleAndShowsAreNamedAsEachLanguageNamesThem) {
  auto french = http_get(port(), "/people/im-siwan").body;
  EXPECT_TRUE(has(french, "<h1>Im Siwan <span class=\"original\" lang=\"ko\">임시완</span></h1>"));
  auto korean = http_get(port(), "/ko/people/im-siwan").body;
  EXPECT_TRUE(has(korean, "<h1>임시완 <span class=\"original\" lang=\"ko-Latn\">Im Siwan</span></h1>"));
  EXPECT_TRUE(has(korean, "<title>임시완 | K-Actu</title>"));
  EXPECT_TRUE(has(http_get(port(), "/ko/shows/run-on").body, "<h1>런 온"));
  EXPECT_TRUE(has(http_get(port(), "/ko/groups/bts").body, "<h1>방탄소년단"));
  EXPECT_TRUE(has(http_get(port(), "/ko/people").body, ">임시완</a>"));
}

TEST_F(Editions, AnUnknownPrefixIsA404InTheSitesLanguage) {
  for (const char* path : {"/xx/", "/xx/shows", "/de/section/bts", "/xx"}) {
    auto res = http_get(port(), path);
    EXPECT_EQ(res.status, 404u) << path;
    EXPECT_TRUE(has(res.body, "<html lang=\"fr\"")) << path;
    EXPECT_TRUE(has(res.body, "Page introuvable")) << path;
  }
  // The default language's own prefix, an edition's home without its slash and the language
  // lists of before the editions lead to the one address of each.
  for (auto [from, to] : {std::pair{"/fr/shows", "/shows"}, {"/fr/", "/"}, {"/fr", "/"}, {"/ko", "/ko/"}, {"/lang/ko", "/ko/"},
                          {"/lang/fr", "/"}}) {
    auto res = http_get(port(), from);
    EXPECT_EQ(res.status, 301u) << from;
    EXPECT_TRUE(res.header("location").ends_with(to)) << from << " -> " << res.header("location");
  }
  // No redirect by Accept-Language: every edition stays reachable as it is.
  auto res = http_get(port(), "/", {{"Accept-Language", "ko-KR,ko;q=0.9"}});
  EXPECT_EQ(res.status, 200u);
  EXPECT_TRUE(has(res.body, "<html lang=\"fr\""));
}

TEST(EditionsOfOtherScripts, ARightToLeftLanguagesPagesAreLaidOutRightToLeft) {
  testing::TestSite site;
  {
    auto tx = site.store().begin_write();
    tx->save_language({"ar", "العربية"});
    tx->commit();
  }
  testing::ClientResponse home;
  ASSERT_TRUE(testing::eventually([&] {
    home = http_get(site.port(), "/ar/");
    return home.status == 200;
  }));
  EXPECT_TRUE(has(home.body, "<html lang=\"ar\" dir=\"rtl\">"));
  EXPECT_TRUE(has(http_get(site.port(), "/ar/shows/run-on").body, "<html lang=\"ar\" dir=\"rtl\">"));
  EXPECT_TRUE(has(http_get(site.port(), "/").body, "<html lang=\"fr\" dir=\"ltr\">"));
  EXPECT_TRUE(has(http_get(site.port(), "/").body, "hreflang=\"ar\" lang=\"ar\">العربية</a>"));
}

}  // namespace
}  // namespace kpress
