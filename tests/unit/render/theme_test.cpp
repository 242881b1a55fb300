#include "render/theme.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace kpress {
namespace {

// The built-in error page with this heading and message.
std::string error_page(const std::string& heading, const std::string& message) {
  TemplateData data;
  data.set("heading", heading);
  data.set("status", "404");
  data.set("message", message);
  return Theme().render("error", data, "fr");
}

TEST(Theme, EscapesValuesByDefault) {
  auto html = error_page("<script>alert('x')</script>", "\"quoted\" & <b>");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;quoted&quot; &amp; &lt;b&gt;"), std::string::npos);
}

TEST(Theme, LeavesOutControlCharactersHtmlForbidsAndKeepsTheRest) {
  auto html = error_page("Run\x01 On\x1b", "ligne 1\nligne 2\ttab, 임시완 & « BTS »");
  EXPECT_NE(html.find("Run On"), std::string::npos) << html;
  EXPECT_EQ(html.find('\x01'), std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
  EXPECT_NE(html.find("ligne 1\nligne 2\ttab, 임시완 &amp; « BTS »"), std::string::npos) << html;
}

TEST(Theme, ServesBuiltInAssetsWithTypeAndEtag) {
  Theme theme;
  const Asset* css = theme.asset("style.css");
  ASSERT_NE(css, nullptr);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(css->etag.front(), '"');
  EXPECT_EQ(theme.asset("nope.css"), nullptr);
}

TEST(Theme, AFolderOverridesAnyTemplateOrAsset) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "templates");
  std::filesystem::create_directories(dir.path() / "assets");
  std::ofstream(dir.path() / "templates" / "error.mustache") << "custom {{heading}}";
  std::ofstream(dir.path() / "assets" / "style.css") << "body{}";
  Theme base;
  Theme theme(dir.path());
  TemplateData data;
  data.set("heading", "x");
  EXPECT_EQ(theme.render("error", data, "fr"), "custom x");
  EXPECT_EQ(theme.asset("style.css")->content, "body{}");
  EXPECT_NE(theme.asset_version(), base.asset_version());
  EXPECT_NE(theme.asset("site.js"), nullptr);  // what is not overridden stays
  // Its address changes with its content.
  EXPECT_NE(theme.asset("style.css")->hashed_name, base.asset("style.css")->hashed_name);
  bool hashed = false;
  EXPECT_EQ(theme.asset(theme.asset("style.css")->hashed_name, &hashed)->content, "body{}");
  EXPECT_TRUE(hashed);
}

TEST(Theme, ListsKeepEveryItemInOrderHoweverLong) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "templates");
  std::ofstream(dir.path() / "templates" / "error.mustache") << "{{#items}}[{{name}}{{#tags}}/{{.}}{{/tags}}]{{/items}}";
  Theme theme(dir.path());
  TemplateData items{TemplateData::type::list};
  std::string expected;
  for (int i = 0; i < 100; ++i) {
    TemplateData item;
    item.set("name", "n" + std::to_string(i));
    TemplateData tags{TemplateData::type::list};
    for (int t = 0; t < i % 7; ++t) tags.push_back(TemplateData("t" + std::to_string(t)));
    item.set("tags", std::move(tags));
    items.push_back(std::move(item));
    expected += "[n" + std::to_string(i);
    for (int t = 0; t < i % 7; ++t) expected += "/t" + std::to_string(t);
    expected += "]";
  }
  TemplateData data;
  data.set("items", std::move(items));
  EXPECT_EQ(theme.render("error", data, "fr"), expected);
}

TEST(Theme, RefusesATemplateThatDoesNotParse) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "templates");
  std::ofstream(dir.path() / "templates" / "home.mustache") << "{{#open}} never closed";
  EXPECT_THROW(Theme{dir.path()}, std::runtime_error);
}

TEST(Theme, PartialsAreOverriddenAndMayUseOtherPartials) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "templates" / "partials");
  std::ofstream(dir.path() / "templates" / "error.mustache") << "<{{#items}}{{> item}}{{/items}}>";
  std::ofstream(dir.path() / "templates" / "partials" / "item.mustache") << "[{{> label }}]";
  std::ofstream(dir.path() / "templates" / "partials" / "label.mustache") << "{{name}}";
  Theme theme(dir.path());
  TemplateData items{TemplateData::type::list};
  for (const char* name : {"a", "<b>"}) {
    TemplateData item;
    item.set("name", name);
    items.push_back(item);
  }
  TemplateData data;
  data.set("items", items);
  EXPECT_EQ(theme.render("error", data, "fr"), "<[a][&lt;b&gt;]>");
}

TEST(Theme, RefusesATemplateUsingAPartialItLacks) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "templates");
  std::ofstream(dir.path() / "templates" / "home.mustache") << "{{> nowhere}}";
  try {
    Theme theme(dir.path());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("nowhere"), std::string::npos) << e.what();
  }
}

// Interface text is in the language asked: French and Korean from the theme's catalogs, the
// English of the template itself for a language without one; a site's folder may bring its own
// catalog, and a malformed one is refused naming its file and line.
TEST(Theme, SpeaksTheLanguageAskedFromItsCatalogs) {
  TemplateData data;
  data.set("heading", "x");
  data.set("status", "404");
  data.set("message", "y");
  Theme theme;
  EXPECT_NE(theme.render("error", data, "fr").find("Revenir à l’accueil"), std::string::npos);
  EXPECT_NE(theme.render("error", data, "ko").find("홈으로 돌아가기"), std::string::npos);
  EXPECT_NE(theme.render("error", data, "en").find("Back to the home page"), std::string::npos);
  EXPECT_NE(theme.render("error", data, "ja").find("Back to the home page"), std::string::npos);
  EXPECT_EQ(theme.render("error", data, "en").find("Revenir"), std::string::npos);

  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "locale");
  std::ofstream(dir.path() / "locale" / "fr.po") << "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                                                   "msgid \"Back to the home page\"\nmsgstr \"Accueil\"\n";
  Theme overridden(dir.path());
  EXPECT_NE(overridden.render("error", data, "fr").find(">Accueil</a>"), std::string::npos);
  // What the site's catalog leaves out shows in English, not in the default theme's French.
  EXPECT_NE(overridden.render("error", data, "fr").find("Error 404"), std::string::npos);

  std::ofstream(dir.path() / "locale" / "ko.po") << "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\nbogus \"d\"\nmsgstr \"e\"\n";
  try {
    Theme broken(dir.path());
    FAIL() << "a malformed catalog was read";
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("ko.po"), std::string::npos) << what;
    EXPECT_NE(what.find("line 5"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace kpress
