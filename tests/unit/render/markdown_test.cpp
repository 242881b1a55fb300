#include "render/markdown.hpp"

#include <gtest/gtest.h>

namespace kpress {
namespace {

TEST(Markdown, RendersGithubFlavour) {
  auto html = render_markdown("# Titre\n\n**gras** ~~barré~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_NE(html.find("<h2>Titre</h2>"), std::string::npos) << "under the page's own h1";
  EXPECT_NE(html.find("<strong>gras</strong>"), std::string::npos);
  EXPECT_NE(html.find("<del>barré</del>"), std::string::npos);
  EXPECT_NE(html.find("<table>"), std::string::npos);
}

TEST(Markdown, NeverLetsAScriptThrough) {
  auto html = render_markdown("Bonjour <script>alert(1)</script>\n\n<script>\nalert(2)\n</script>\n");
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(Markdown, DropsRawHtmlWithEventAttributes) {
  auto html = render_markdown("<img src=x onerror=alert(1)>\n\ntexte <b onclick=\"alert(1)\">b</b>\n\n"
                              "<div onmouseover=alert(1)>x</div>\n");
  EXPECT_EQ(html.find("onerror"), std::string::npos);
  EXPECT_EQ(html.find("onclick"), std::string::npos);
  EXPECT_EQ(html.find("onmouseover"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
}

TEST(Markdown, DropsJavascriptLinks) {
  auto html = render_markdown("[clic](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) "
                              "[c](vbscript:x) ![i](javascript:alert(1)) <javascript:alert(1)>\n");
  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  // Link text may read "javascript:..."; no address may.
  for (const char* attribute : {"href=\"javascript", "src=\"javascript", "href=\"vbscript"})
    EXPECT_EQ(lower.find(attribute), std::string::npos) << html;
  EXPECT_EQ(lower.find("alert(1)\""), std::string::npos) << html;
}

TEST(Markdown, EscapesTextThatLooksLikeHtmlInCode) {
  auto html = render_markdown("`<script>`\n");
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
}

TEST(Markdown, KeepsOrdinaryLinks) {
  auto html = render_markdown("[Soompi](https://www.soompi.com/)\n");
  EXPECT_NE(html.find("<a href=\"https://www.soompi.com/\">Soompi</a>"), std::string::npos);
}

}  // namespace
}  // namespace kpress

namespace kpress {
namespace {

// Under the page's h1, an article's headings start at h2 and never skip a level, whatever
// levels the text was written with (a WordPress post often starts at h3).
TEST(Markdown, HeadingsFallUnderThePageTitleWithNoLevelSkipped) {
  EXPECT_EQ(render_markdown("### Tour\n\ntext\n\n#### Dates\n\n###### Seoul\n"),
            "<h2>Tour</h2>\n<p>text</p>\n<h3>Dates</h3>\n<h4>Seoul</h4>\n");
  EXPECT_EQ(render_markdown("# Part\n\n## Section\n\n# Part two\n"), "<h2>Part</h2>\n<h3>Section</h3>\n<h2>Part two</h2>\n");
  EXPECT_EQ(render_markdown("## One\n\n### Two\n"), "<h2>One</h2>\n<h3>Two</h3>\n") << "already right: unchanged";
  EXPECT_EQ(render_markdown("#### Alone\n"), "<h2>Alone</h2>\n");
}

}  // namespace
}  // namespace kpress
