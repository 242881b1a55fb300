// Every reader page type, served by a real server on a loopback port from the demo site.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <regex>

#include "exchange/importer.hpp"
#include "render/theme.hpp"
#include "support/http_client.hpp"
#include "support/interface_text.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {
using testing::interface_text_in;

using testing::http_get;

constexpr const char* kRunOn =
    "/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Pages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { site = new testing::TestSite(); }
  static void TearDownTestSuite() { delete site; }
  static testing::TestSite* site;
  std::uint16_t port() const { return site->port(); }
};
testing::TestSite* Pages::site = nullptr;

void expect_html_page(const testing::ClientResponse& res) {
  EXPECT_EQ(res.header("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(res.body.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(has(res.body, "<html lang=\"fr\" dir=\"ltr\">"));
  // Landmarks for assistive technology, and a way to skip to the content by keyboard.
  for (const char* part : {"<header", "<nav", "<main id=\"content\"", "<footer", "href=\"#content\""})
    EXPECT_TRUE(has(res.body, part)) << part;
  EXPECT_FALSE(res.header("content-security-policy").empty());
}

TEST_F(Pages, HomeShowsTheLatestArticlesAndABlockPerSection) {
  auto res = http_get(port(), "/");
  ASSERT_EQ(res.status, 200u);
  expect_html_page(res);
  EXPECT_TRUE(has(res.body, "<title>K-Actu</title>"));
  EXPECT_TRUE(has(res.body, "À la une"));
  for (const char* section : {"id=\"section-bts\"", "id=\"section-kpop\"", "id=\"section-kdrama\"", "id=\"section-tele\""})
    EXPECT_TRUE(has(res.body, section)) << section;
  EXPECT_TRUE(has(res.body, "<link rel=\"next\" href=\"/?page=2\">"));
  EXPECT_TRUE(has(res.body, "Page 1 sur 2"));
  // Drafts, scheduled and withdrawn articles are not listed.
  EXPECT_FALSE(has(res.body, "Brouillon"));
  EXPECT_FALSE(has(res.body, "hiver 2030"));
  EXPECT_FALSE(has(res.body, "Rumeur"));
}

TEST_F(Pages, HomePagesThroughEveryArticle) {
  auto second = http_get(port(), "/?page=2");
  ASSERT_EQ(second.status, 200u);
  EXPECT_TRUE(has(second.body, "Page 2 sur 2"));
  EXPECT_TRUE(has(second.body, "<link rel=\"prev\" href=\"/\">"));
  // The oldest French articles are here (the home is the French edition's).
  auto french = boost::json::parse(http_get(port(), "/api/v1/articles?lang=fr&limit=100").body).as_object();
  auto& items = french["items"].as_array();
  ASSERT_GT(items.size(), 12u);
  std::string oldest(items.back().as_object()["url"].as_string());
  EXPECT_TRUE(has(second.body, "href=\"" + oldest.substr(oldest.find("/articles/")) + "\"")) << oldest;
  EXPECT_FALSE(has(second.body, "Five things to know about Run On"));  // English: /en/'s
  EXPECT_EQ(http_get(port(), "/?page=3").status, 404u);
  EXPECT_EQ(http_get(port(), "/?page=0").status, 400u);
  EXPECT_EQ(http_get(port(), "/?page=abc").status, 400u);
}

TEST_F(Pages, ArticleShowsEverythingAboutIt) {
  auto res = http_get(port(), kRunOn);
  ASSERT_EQ(res.status, 200u);
  expect_html_page(res);
  const auto& b = res.body;
  EXPECT_TRUE(has(b, "<h1>Regardez : Shin Se Kyung et l’équipe de «Run On» surprennent Im Siwan pour son anniversaire</h1>"));
  EXPECT_TRUE(has(b, "<article class=\"article\" lang=\"fr\">"));
  EXPECT_TRUE(has(b, "<h2>Une surprise préparée entre deux prises</h2>"));  // Markdown rendered
  EXPECT_TRUE(has(b, "<strong>Ki Sun Kyum</strong>"));
  EXPECT_TRUE(has(b, "alt=\"Illustration : un gâteau d’anniversaire"));
  EXPECT_TRUE(has(b, "Crédit : Illustration K-Actu"));
  EXPECT_TRUE(has(b, "<time datetime=\"2021-01-15T09:30:00Z\""));
  EXPECT_TRUE(has(b, "href=\"https://www.youtube.com/@JTBCDrama\""));  // source attribution
  EXPECT_TRUE(has(b, "Traduction : Camille Moreau."));
  EXPECT_TRUE(has(b, "href=\"/author/camille-moreau\" rel=\"author\""));
  EXPECT_TRUE(has(b, "href=\"/section/kdrama\""));
  EXPECT_TRUE(has(b, "<a href=\"/tag/im-siwan\" rel=\"tag\">Im Siwan</a>"));
  EXPECT_TRUE(has(b, "hreflang=\"ko\""));  // the Korean edition
  EXPECT_TRUE(has(b, "<link rel=\"canonical\" href=\"http://127.0.0.1:8080" + std::string(kRunOn) + "\">"));
}

TEST_F(Pages, ArticlesEndWithRelatedArticlesInTheirLanguageNewestFirst) {
  auto b = http_get(port(), kRunOn).body;
  auto start = b.find("<section class=\"related\"");
  ASSERT_NE(start, std::string::npos);
  std::string related = b.substr(start, b.find("</section>", start) - start);
  // Sharing Run On, Im Siwan or Shin Se Kyung, in French, newest first, four at most.
  std::vector<std::string> expected{"/articles/pourquoi-les-k-dramas-passent-deux-soirs-par-semaine",
                                    "/articles/the-king-loves-la-fresque-historique-ou-im-siwan-joue-un-prince",
                                    "/articles/im-siwan-de-la-scene-k-pop-aux-premiers-roles",
                                    "/articles/shin-se-kyung-une-carriere-commencee-devant-l-objectif"};
  std::size_t at = 0;
  for (const auto& url : expected) {
    auto found = related.find("href=\"" + url + "\"", at);
    EXPECT_NE(found, std::string::npos) << url;
    at = found == std::string::npos ? at : found;
  }
  EXPECT_FALSE(has(related, kRunOn));                     // not itself
  EXPECT_FALSE(has(related, "five-things-to-know"));     // not the English edition
  EXPECT_FALSE(has(related, "/articles/bts-"));           // nothing shared with BTS articles
}

TEST_F(Pages, ArticlesCarrySocialCardsAndHreflangBetweenEditions) {
  auto b = http_get(port(), kRunOn).body;
  EXPECT_TRUE(has(b, "<meta property=\"og:type\" content=\"article\">"));
  EXPECT_TRUE(has(b, "<meta property=\"og:title\" content=\"Regardez : Shin Se Kyung"));
  EXPECT_TRUE(has(b, "<meta property=\"og:image\" content=\"http://127.0.0.1:8080/media/demo/birthday-cake.svg\">"));
  EXPECT_TRUE(has(b, "<meta property=\"og:locale\" content=\"fr_FR\">"));
  EXPECT_TRUE(has(b, "<meta name=\"twitter:card\" content=\"summary_large_image\">"));
  EXPECT_TRUE(has(b, "<meta property=\"article:published_time\" content=\"2021-01-15T09:30:00Z\">"));
  EXPECT_TRUE(has(b, "<link rel=\"alternate\" hreflang=\"fr\" href=\"http://127.0.0.1:8080" + std::string(kRunOn) + "\">"));
  EXPECT_TRUE(has(b, "<link rel=\"alternate\" hreflang=\"ko\" href=\"http://127.0.0.1:8080/articles/leon-on-"));
  // x-default: the edition in the site's language (French), named by every edition.
  std::string x_default = "<link rel=\"alternate\" hreflang=\"x-default\" href=\"http://127.0.0.1:8080" + std::string(kRunOn) + "\">";
  EXPECT_TRUE(has(b, x_default));
  auto at = b.find("hreflang=\"ko\" href=\"http://127.0.0.1:8080");
  auto start = b.find("/articles/", at);
  EXPECT_TRUE(has(http_get(port(), b.substr(start, b.find('"', start) - start)).body, x_default));
  EXPECT_EQ(b.find("hreflang=\"x-default\""), b.rfind("hreflang=\"x-default\""));  // once
  auto home = http_get(port(), "/").body;
  EXPECT_TRUE(has(home, "<meta property=\"og:type\" content=\"website\">"));
  EXPECT_TRUE(has(home, "<meta name=\"twitter:card\" content=\"summary\">"));
  // The home exists in every edition: each names them all, the site's language as x-default.
  for (const char* link : {"hreflang=\"fr\" href=\"http://127.0.0.1:8080/\"", "hreflang=\"en\" href=\"http://127.0.0.1:8080/en/\"",
                           "hreflang=\"ko\" href=\"http://127.0.0.1:8080/ko/\"",
                           "hreflang=\"x-default\" href=\"http://127.0.0.1:8080/\""})
    EXPECT_TRUE(has(home, std::string("<link rel=\"alternate\" ") + link + ">")) << link;
}

// An article's page speaks the article's language: its frame, not only its text.
TEST_F(Pages, AnArticlePageSpeaksItsArticlesLanguage) {
  auto english = http_get(port(), "/articles/five-things-to-know-about-run-on");
  ASSERT_EQ(english.status, 200u);
  EXPECT_TRUE(has(english.body, "<html lang=\"en\" dir=\"ltr\">"));
  EXPECT_TRUE(has(english.body, "This article is also available in:"));
  EXPECT_TRUE(has(english.body, "Skip to content"));
  EXPECT_EQ(interface_text_in(english.body, "fr"), std::vector<std::string>{});

  auto french = http_get(port(), kRunOn).body;
  EXPECT_TRUE(has(french, "Cet article existe aussi en"));
  EXPECT_FALSE(interface_text_in(french, "fr").empty());  // the check finds French where it is
  auto at = french.find("hreflang=\"ko\" href=\"http://127.0.0.1:8080");
  ASSERT_NE(at, std::string::npos);
  auto start = french.find("/articles/", at);
  auto korean = http_get(port(), french.substr(start, french.find('"', start) - start));
  ASSERT_EQ(korean.status, 200u);
  EXPECT_TRUE(has(korean.body, "<html lang=\"ko\" dir=\"ltr\">"));
  EXPECT_TRUE(has(korean.body, "본문으로 건너뛰기"));
  EXPECT_TRUE(has(korean.body, "관련 기사"));
  EXPECT_EQ(interface_text_in(korean.body, "fr"), std::vector<std::string>{});
}

TEST_F(Pages, TranslationsLinkToTheirSourceAndBack) {
  auto source = http_get(port(), "/articles/five-things-to-know-about-run-on");
  ASSERT_EQ(source.status, 200u);
  EXPECT_TRUE(has(source.body, "href=\"/articles/cinq-choses-a-savoir-sur-run-on\" hreflang=\"fr\""));
  auto translation = http_get(port(), "/articles/cinq-choses-a-savoir-sur-run-on");
  EXPECT_TRUE(has(translation.body, "href=\"/articles/five-things-to-know-about-run-on\" hreflang=\"en\""));
}

TEST_F(Pages, HangulArticlesHaveTransliteratedSlugs) {
  auto res = http_get(port(), "/articles/wang-eun-salanghanda-dasi-bogi");
  ASSERT_EQ(res.status, 200u);
  EXPECT_TRUE(has(res.body, "<article class=\"article\" lang=\"ko\">"));
  EXPECT_TRUE(has(res.body, "왕은 사랑한다 다시 보기"));
}

TEST_F(Pages, SectionTagAndAuthorArchivesListTheirArticles) {
  auto section = http_get(port(), "/section/bts");
  ASSERT_EQ(section.status, 200u);
  expect_html_page(section);
  EXPECT_TRUE(has(section.body, "<h1>BTS</h1>"));
  EXPECT_TRUE(has(section.body, "les sept membres"));
  EXPECT_FALSE(has(section.body, "Run On"));
  EXPECT_TRUE(has(section.body, "aria-current=\"page\">BTS<"));

  auto tag = http_get(port(), "/tag/im-siwan");
  ASSERT_EQ(tag.status, 200u);
  EXPECT_TRUE(has(tag.body, "<h1>Im Siwan</h1>"));
  EXPECT_TRUE(has(tag.body, "The King Loves"));

  auto author = http_get(port(), "/author/lea-martin");
  ASSERT_EQ(author.status, 200u);
  EXPECT_TRUE(has(author.body, "<h1>Léa Martin</h1>"));
  EXPECT_TRUE(has(author.body, "lightstick"));
  EXPECT_FALSE(has(author.body, "Run On"));
}

TEST_F(Pages, UnknownThingsAre404PagesAndWithdrawnArticles410) {
  for (const char* path : {"/articles/nothing-here", "/section/sport", "/tag/nope", "/author/nobody", "/no/such/page",
                           "/articles/brouillon-les-ost-les-plus-ecoutees", "/articles/calendrier-des-dramas-de-l-hiver-2030"}) {
    auto res = http_get(port(), path);
    EXPECT_EQ(res.status, 404u) << path;
    EXPECT_TRUE(has(res.body, "Page introuvable")) << path;
    EXPECT_TRUE(has(res.body, "<meta name=\"robots\" content=\"noindex\">"));
  }
  auto gone = http_get(port(), "/articles/rumeur-tournage-annule");
  EXPECT_EQ(gone.status, 410u);
  EXPECT_TRUE(has(gone.body, "Article retiré"));
  expect_html_page(gone);
}

TEST_F(Pages, AssetsAreServedWithValidators) {
  auto css = http_get(port(), "/assets/style.css");
  ASSERT_EQ(css.status, 200u);
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  ASSERT_FALSE(css.header("etag").empty());
  EXPECT_EQ(http_get(port(), "/assets/style.css", {{"If-None-Match", css.header("etag")}}).status, 304u);
  EXPECT_EQ(css.header("cache-control"), "public, max-age=300");
  // Pages link assets by their content's hash: kept a year, never asked again.
  auto home = http_get(port(), "/").body;
  auto at = home.find("<link rel=\"stylesheet\" href=\"/assets/style.");
  ASSERT_NE(at, std::string::npos);
  std::string hashed = home.substr(at + 29, home.find('"', at + 29) - at - 29);
  EXPECT_TRUE(std::regex_match(hashed, std::regex(R"(/assets/style\.[0-9a-f]{10}\.css)"))) << hashed;
  auto kept = http_get(port(), hashed);
  EXPECT_EQ(kept.status, 200u);
  EXPECT_EQ(kept.body, css.body);
  EXPECT_EQ(kept.header("cache-control"), "public, max-age=31536000, immutable");
  // Another build's hash (a page of a node not yet upgraded) still gets today's style, briefly.
  auto other = http_get(port(), "/assets/style.0123456789.css");
  EXPECT_EQ(other.status, 200u);
  EXPECT_EQ(other.header("cache-control"), "public, max-age=300");
  auto versioned = http_get(port(), "/assets/site.js?v=1");
  EXPECT_NE(versioned.header("cache-control").find("immutable"), std::string::npos);
  EXPECT_EQ(http_get(port(), "/assets/missing.css").status, 404u);
  EXPECT_EQ(http_get(port(), "/assets/missing.0123456789.css").status, 404u);
}

TEST_F(Pages, MediaIsServedAndPathsCannotEscapeTheFolder) {
  auto svg = http_get(port(), "/media/demo/birthday-cake.svg");
  ASSERT_EQ(svg.status, 200u);
  EXPECT_EQ(svg.header("content-type"), "image/svg+xml");
  for (const char* path : {"/media/../kpress.db", "/media/..%2Fkpress.db", "/media/%2e%2e/kpress.db",
                           "/media/demo/../../kpress.db", "/media/.hidden", "/media//etc/passwd"}) {
    auto res = http_get(port(), path);
    EXPECT_EQ(res.status, 404u) << path;
    EXPECT_EQ(res.body.find("SQLite"), std::string::npos) << path;
  }
}

// What a load balancer asks: the database reached, the change log applied.
TEST_F(Pages, HealthCheckAnswersJson) {
  auto res = http_get(port(), "/healthz");
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.header("cache-control"), "no-store");
  auto body = boost::json::parse(res.body).as_object();
  EXPECT_EQ(body.at("status"), "ok");
  EXPECT_EQ(body.at("database"), "reachable");
  EXPECT_EQ(body.at("changes_current"), true);
  EXPECT_EQ(body.at("changes_behind"), 0);
}

TEST(PagesWithAClock, AScheduledArticleAppearsWhenItsTimeComes) {
  Instant now = *parse_iso8601("2029-12-31T23:59:00Z");
  testing::TestSite site({true, [&now] { return now; }, {}});
  const std::string path = "/articles/calendrier-des-dramas-de-l-hiver-2030";
  EXPECT_EQ(http_get(site.port(), path).status, 404u);
  now = *parse_iso8601("2030-01-01T00:00:00Z");
  EXPECT_EQ(http_get(site.port(), path).status, 200u);
  EXPECT_TRUE(has(http_get(site.port(), "/").body, "Calendrier des dramas"));
}

TEST(PagesEscaping, TitlesAndFieldsCannotInjectMarkup) {
  testing::TestSite site;
  auto report = import_files(site.store(),
                             {{"x.md", "+++\ntitle = \"<script>alert(1)</script> \\\"quoted\\\"\"\nlanguage = \"fr\"\n"
                                       "slug = \"xss\"\nstatus = \"published\"\npublished_at = 2026-11-01T00:00:00Z\n"
                                       "standfirst = \"<img src=x onerror=alert(1)>\"\n+++\n\n<script>alert(2)</script>\n"
                                       "[x](javascript:alert(3))\n"}},
                             system_now());
  ASSERT_TRUE(report.ok()) << report.errors.front().to_string();
  for (const char* path : {"/articles/xss", "/"}) {
    auto res = http_get(site.port(), path);
    ASSERT_EQ(res.status, 200u);
    EXPECT_FALSE(has(res.body, "<script>alert")) << path;
    EXPECT_FALSE(has(res.body, "<img src=x")) << path;
    EXPECT_FALSE(has(res.body, "javascript:")) << path;
    EXPECT_TRUE(has(res.body, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;")) << path;
  }
}

}  // namespace
}  // namespace kpress
