#include "core/validation.hpp"

#include <gtest/gtest.h>

namespace kpress {
namespace {

ValidationContext site() { return {{"fr", "en", "ko"}, {"kdrama", "bts"}, {"camille"}}; }

Article valid_article() {
  Article a;
  a.slug = "run-on";
  a.language = "fr";
  a.title = "Run On";
  a.section = "kdrama";
  a.author = "camille";
  a.status = ArticleStatus::published;
  a.published_at = parse_iso8601("2021-01-15T09:30:00Z");
  return a;
}

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(Validate, AcceptsACompleteArticle) { EXPECT_TRUE(validate(valid_article(), site()).empty()); }

TEST(Validate, NamesEachFieldAtFault) {
  Article a = valid_article();
  a.title = "";
  a.language = "de";
  a.section = "sport";
  a.hero.url = "javascript:alert(1)";
  a.source.url = "ftp://example.org";
  EXPECT_EQ(fields(validate(a, site())),
            (std::vector<std::string>{"title", "language", "section", "hero.url", "hero.alt", "source.url"}));
}

TEST(Validate, RequiresAltTextForAHeroImage) {
  Article a = valid_article();
  a.hero.url = "/media/x.jpg";
  EXPECT_EQ(fields(validate(a, site())), std::vector<std::string>{"hero.alt"});
  a.hero.alt = "Im Siwan";
  EXPECT_TRUE(validate(a, site()).empty());
}

TEST(Validate, RequiresAPublicationTimeToPublishOrSchedule) {
  Article a = valid_article();
  a.published_at.reset();
  EXPECT_EQ(fields(validate(a, site())), std::vector<std::string>{"published_at"});
  a.status = ArticleStatus::draft;
  EXPECT_TRUE(validate(a, site()).empty());
}

TEST(IsVisible, ShowsScheduledArticlesOnceTheirTimeHasCome) {
  auto at = parse_iso8601("2030-01-01T00:00:00Z");
  EXPECT_FALSE(is_visible(ArticleStatus::scheduled, at, *at - std::chrono::seconds(1)));
  EXPECT_TRUE(is_visible(ArticleStatus::scheduled, at, *at));
  EXPECT_FALSE(is_visible(ArticleStatus::draft, at, *at));
  EXPECT_FALSE(is_visible(ArticleStatus::unpublished, at, *at));
  EXPECT_TRUE(is_visible(ArticleStatus::published, at, *at));
}

}  // namespace
}  // namespace kpress
