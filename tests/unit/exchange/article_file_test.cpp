#include "exchange/article_file.hpp"

#include <gtest/gtest.h>

namespace kpress {
namespace {

constexpr const char* kArticle = R"(+++
title = "Regardez : «Run On»"
language = "fr"
section = "kdrama"
tags = ["Run On", "im-siwan"]
status = "published"
published_at = 2021-01-15T18:30:00+09:00

[hero]
url = "/media/a.svg"
alt = "Un gâteau"
+++

Le **corps**, tel quel.
+++ pas une clôture
)";

TEST(MarkdownArticle, ReadsFrontMatterAndKeepsTheBodyAsWritten) {
  std::vector<ImportError> errors;
  auto parsed = parse_markdown_article("a.md", kArticle, errors);
  ASSERT_TRUE(errors.empty()) << errors.front().to_string();
  ASSERT_EQ(parsed.size(), 1u);
  const Article& a = parsed[0].article;
  EXPECT_EQ(a.title, "Regardez : «Run On»");
  EXPECT_EQ(a.status, ArticleStatus::published);
  EXPECT_EQ(format_iso8601(*a.published_at), "2021-01-15T09:30:00Z");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"run-on", "im-siwan"}));
  EXPECT_EQ(parsed[0].tag_names.size(), 1u);
  EXPECT_EQ(parsed[0].tag_names[0].name, "Run On");
  EXPECT_EQ(a.hero.alt, "Un gâteau");
  EXPECT_EQ(a.body, "Le **corps**, tel quel.\n+++ pas une clôture\n");
}

TEST(MarkdownArticle, WritesWhatItReadsBack) {
  std::vector<ImportError> errors;
  auto first = parse_markdown_article("a.md", kArticle, errors);
  first[0].article.slug = "regardez-run-on";
  auto written = write_markdown_article(first[0].article);
  auto second = parse_markdown_article("b.md", written, errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(write_markdown_article(second[0].article), written);
  EXPECT_EQ(second[0].article.body, first[0].article.body);
}

TEST(MarkdownArticle, NamesTheLineAndFieldOfAWrongValue) {
  std::vector<ImportError> errors;
  parse_markdown_article("bad.md", "+++\ntitle = \"x\"\nlanguage = \"fr\"\nstatus = \"live\"\n+++\nbody\n", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].file, "bad.md");
  EXPECT_EQ(errors[0].line, 4);
  EXPECT_EQ(errors[0].field, "status");
  EXPECT_EQ(errors[0].to_string(), "bad.md:4: status: must be draft, scheduled, published or unpublished");
}

TEST(MarkdownArticle, NamesTheLineOfATomlSyntaxError) {
  std::vector<ImportError> errors;
  parse_markdown_article("bad.md", "+++\ntitle = \"x\"\nlanguage = fr\n+++\n", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3);
}

TEST(MarkdownArticle, RefusesAFileWithoutFrontMatter) {
  std::vector<ImportError> errors;
  parse_markdown_article("plain.md", "# Just markdown\n", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("+++"), std::string::npos);
  errors.clear();
  parse_markdown_article("open.md", "+++\ntitle = \"x\"\n", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("never closed"), std::string::npos);
}

TEST(JsonArticles, ReadsAListAndNamesTheArticleAtFault) {
  std::vector<ImportError> errors;
  auto parsed = parse_json_articles("a.json", R"({"articles": [
      {"title": "One", "language": "en", "body": "x"},
      {"title": "Two", "language": "en", "tags": "not-a-list"}]})",
                                    errors);
  EXPECT_EQ(parsed.size(), 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].to_string(), "a.json: articles[1]: tags: must be a list of tag slugs");
}

TEST(JsonArticles, NamesTheLineOfASyntaxError) {
  std::vector<ImportError> errors;
  parse_json_articles("a.json", "[\n{\"title\": \"One\"},\n{\"title\": }\n]", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3);
}

}  // namespace
}  // namespace kpress
