#include "core/slug.hpp"

#include <gtest/gtest.h>

namespace kpress {
namespace {

TEST(Slugify, FoldsAccentsAndPunctuationOfAFrenchTitle) {
  EXPECT_EQ(slugify("Regardez: Shin Se Kyung et l'équipe de «Run On» surprennent Im Siwan"),
            "regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan");
  EXPECT_EQ(slugify("Regardez : Shin Se Kyung et l’équipe de «Run On»…"), "regardez-shin-se-kyung-et-l-equipe-de-run-on");
}

TEST(Slugify, KeepsPlainLatinWordsAndDigits) {
  EXPECT_EQ(slugify("BTS 2025 World Tour"), "bts-2025-world-tour");
  EXPECT_EQ(slugify("  --Hello,   World!!  "), "hello-world");
}

TEST(Slugify, TransliteratesHangul) {
  EXPECT_EQ(slugify("임시완"), "imsiwan");
  EXPECT_EQ(slugify("방탄소년단"), "bangtansonyeondan");
  EXPECT_EQ(slugify("런 온 메이킹"), "leon-on-meiking");
}

TEST(Slugify, TransliteratesOtherScripts) {
  EXPECT_EQ(slugify("Ça déménage à Séoul"), "ca-demenage-a-seoul");
  EXPECT_FALSE(slugify("東京").empty());
  EXPECT_TRUE(is_valid_slug(slugify("東京")));
}

TEST(Slugify, CutsLongTitlesAtAWordBoundary) {
  std::string title;
  for (int i = 0; i < 30; ++i) title += "episode ";
  auto slug = slugify(title, 40);
  EXPECT_LE(slug.size(), 40u);
  EXPECT_TRUE(slug.ends_with("episode"));
  EXPECT_TRUE(is_valid_slug(slug));
}

TEST(Slugify, GivesNothingForTextWithoutLettersOrDigits) {
  EXPECT_EQ(slugify("«…» !?"), "");
}

TEST(IsValidSlug, AcceptsOnlyLowerCaseWordsJoinedByOneDash) {
  EXPECT_TRUE(is_valid_slug("run-on"));
  EXPECT_TRUE(is_valid_slug("bts"));
  EXPECT_FALSE(is_valid_slug(""));
  EXPECT_FALSE(is_valid_slug("Run-On"));
  EXPECT_FALSE(is_valid_slug("run--on"));
  EXPECT_FALSE(is_valid_slug("-run"));
  EXPECT_FALSE(is_valid_slug("run/on"));
  EXPECT_FALSE(is_valid_slug("../etc"));
}

}  // namespace
}  // namespace kpress
