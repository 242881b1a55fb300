#include "core/entity_matcher.hpp"

#include <gtest/gtest.h>

namespace kpress {
namespace {

class EntityMatcherTest : public ::testing::Test {
 protected:
  EntityMatcherTest() {
    for (const char* alias : {"Im Siwan", "Yim Si-wan", "Yim Si Wan", "임시완", "Siwan"}) matcher.add(siwan, alias);
    for (const char* alias : {"Shin Se Kyung", "Shin Se-kyung", "신세경"}) matcher.add(sekyung, alias);
    for (const char* alias : {"Run On", "런 온"}) matcher.add(run_on, alias);
    for (const char* alias : {"Run On Season 2"}) matcher.add(run_on_2, alias);
    for (const char* alias : {"BTS", "방탄소년단", "Bangtan Boys"}) matcher.add(bts, alias);
    matcher.add(v, "V");  // too short to link safely
  }
  std::vector<std::string> found(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& m : matcher.find(text))
      out.push_back(m.entity->slug + "=" + std::string(text.substr(m.begin, m.end - m.begin)));
    return out;
  }
  EntityRef siwan{EntityKind::person, "im-siwan", "Im Siwan"};
  EntityRef sekyung{EntityKind::person, "shin-se-kyung", "Shin Se Kyung"};
  EntityRef run_on{EntityKind::show, "run-on", "Run On"};
  EntityRef run_on_2{EntityKind::show, "run-on-2", "Run On Season 2"};
  EntityRef bts{EntityKind::group, "bts", "BTS"};
  EntityRef v{EntityKind::person, "v", "V"};
  EntityMatcher matcher;
};

TEST_F(EntityMatcherTest, FindsEverySpellingAndScript) {
  EXPECT_EQ(found("Im Siwan"), std::vector<std::string>{"im-siwan=Im Siwan"});
  EXPECT_EQ(found("YIM SI-WAN smiles"), std::vector<std::string>{"im-siwan=YIM SI-WAN"});
  EXPECT_EQ(found("with Yim Si Wan."), std::vector<std::string>{"im-siwan=Yim Si Wan"});
  EXPECT_EQ(found("배우 임시완"), std::vector<std::string>{"im-siwan=임시완"});
  EXPECT_EQ(found("Shin Sé-Kyung"), std::vector<std::string>{"shin-se-kyung=Shin Sé-Kyung"});
}

TEST_F(EntityMatcherTest, LinksAHangulNameWithItsParticle) {
  EXPECT_EQ(found("임시완이 웃었다"), std::vector<std::string>{"im-siwan=임시완"});
  EXPECT_EQ(found("신세경과 스태프"), std::vector<std::string>{"shin-se-kyung=신세경"});
  EXPECT_TRUE(found("임시완이라는이름의").empty());  // not a short particle: another word
}

TEST_F(EntityMatcherTest, TheLongestMatchWins) {
  EXPECT_EQ(found("Run On Season 2 is coming"), std::vector<std::string>{"run-on-2=Run On Season 2"});
  EXPECT_EQ(found("Run On ends"), std::vector<std::string>{"run-on=Run On"});
  EXPECT_EQ(found("Im Siwan"), std::vector<std::string>{"im-siwan=Im Siwan"});  // not "Siwan" alone
}

TEST_F(EntityMatcherTest, NeverMatchesInsideAWord) {
  EXPECT_TRUE(found("BTSfans and ABTS").empty());
  EXPECT_TRUE(found("Rerun Once").empty());
  EXPECT_EQ(found("(BTS)"), std::vector<std::string>{"bts=BTS"});
}

TEST_F(EntityMatcherTest, IgnoresAliasesTooShortOrShared) {
  EXPECT_TRUE(found("V sings").empty());
  EntityRef other{EntityKind::person, "other-siwan", "Another Siwan"};
  matcher.add(other, "Siwan");
  EXPECT_TRUE(found("Siwan said").empty());                                       // ambiguous now
  EXPECT_EQ(found("Im Siwan said"), std::vector<std::string>{"im-siwan=Im Siwan"});  // still unique
}

TEST_F(EntityMatcherTest, FindsSeveralMentionsInOrder) {
  EXPECT_EQ(found("Im Siwan et Shin Se Kyung dans «Run On» (JTBC), avec BTS"),
            (std::vector<std::string>{"im-siwan=Im Siwan", "shin-se-kyung=Shin Se Kyung", "run-on=Run On", "bts=BTS"}));
}

TEST(FoldName, MakesSpellingsCompareEqual) {
  EXPECT_EQ(fold_name("Yim Si-wan"), "yim si wan");
  EXPECT_EQ(fold_name("YIM  SI WAN"), "yim si wan");
  EXPECT_EQ(fold_name("Shin Sé-kyung"), "shin se kyung");
  EXPECT_EQ(fold_name("임시완"), "임시완");
}

}  // namespace
}  // namespace kpress
