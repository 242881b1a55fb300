#include <gtest/gtest.h>

#include "render/json_ld.hpp"
#include "render/markdown.hpp"

namespace kpress {
namespace {

class EntityLinks : public ::testing::Test {
 protected:
  EntityLinks() {
    for (const char* a : {"Im Siwan", "Yim Si-wan", "임시완"}) matcher.add(siwan, a);
    for (const char* a : {"Run On", "런 온"}) matcher.add(run_on, a);
  }
  std::string render(std::string_view md) { return render_markdown(md, matcher, entity_path); }
  static std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
    return n;
  }
  EntityRef siwan{EntityKind::person, "im-siwan", "Im Siwan"};
  EntityRef run_on{EntityKind::show, "run-on", "Run On"};
  EntityMatcher matcher;
};

TEST_F(EntityLinks, LinksTheFirstMentionInEachParagraph) {
  auto html = render("Im Siwan joue dans «Run On». Yim Si-wan y court.\n\nPlus tard, Im Siwan sourit.\n");
  EXPECT_EQ(count(html, "href=\"/people/im-siwan\""), 2u) << html;
  EXPECT_EQ(count(html, "href=\"/shows/run-on\""), 1u) << html;
  EXPECT_NE(html.find("<a href=\"/people/im-siwan\" title=\"Im Siwan\">Im Siwan</a> joue"), std::string::npos) << html;
  EXPECT_NE(html.find("«<a href=\"/shows/run-on\" title=\"Run On\">Run On</a>»"), std::string::npos) << html;
}

TEST_F(EntityLinks, LinksEachListItemAndHangulWithItsParticle) {
  auto html = render("- 임시완이 웃었다\n- Im Siwan\n");
  EXPECT_EQ(count(html, "href=\"/people/im-siwan\""), 2u) << html;
  EXPECT_NE(html.find(">임시완</a>이"), std::string::npos) << html;
}

TEST_F(EntityLinks, NeverLinksInsideLinksCodeOrHeadings) {
  auto html = render("# Im Siwan\n\n[Im Siwan en vidéo](https://example.org) et `Run On`\n\n    Im Siwan\n");
  EXPECT_EQ(count(html, "/people/im-siwan"), 0u) << html;
  EXPECT_EQ(count(html, "/shows/run-on"), 0u) << html;
}

TEST_F(EntityLinks, FindsTheEntitiesAnArticleMentions) {
  auto found = mentioned_entities("# Titre\n\nAvec 임시완 dans `Run On`.\n", matcher);
  ASSERT_EQ(found.size(), 1u);  // Run On is in code
  EXPECT_EQ(found[0].slug, "im-siwan");
}

TEST_F(EntityLinks, RendersSafelyStill) {
  auto html = render("Im Siwan <script>alert(1)</script>\n");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
}

TEST(JsonLdScript, CannotBeClosedByItsData) {
  auto script = json_ld_script({{"name", "</script><script>alert(1)</script>"}});
  EXPECT_EQ(script.find("</script>"), script.size() - 9);
}

}  // namespace
}  // namespace kpress
