#include "core/article_json.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace kpress {
namespace {

TEST(ArticleJson, ReadsBackWhatItWrites) {
  Article a;
  a.id = 7;
  a.slug = "run-on";
  a.language = "fr";
  a.title = "«Run On»";
  a.body = "# Titre\n\nTexte\n";
  a.tags = {"run-on", "im-siwan"};
  a.hero = {"/media/a.jpg", "alt", "credit"};
  a.source = {"Soompi", "https://example.org/a", "Writer"};
  a.status = ArticleStatus::scheduled;
  a.published_at = parse_iso8601("2030-01-01T00:00:00Z");
  a.translation_of = "source";
  Article b;
  std::vector<FieldError> errors;
  article_from_json(article_to_json(a), b, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(boost::json::serialize(article_to_json(a)), boost::json::serialize(article_to_json(b)));
}

TEST(ArticleJson, NamesFieldsOfTheWrongTypeAndUnknownFields) {
  Article a;
  std::vector<FieldError> errors;
  article_from_json(boost::json::parse(R"({"title": 3, "status": "live", "hero": {"link": "x"}, "colour": "red",
                                           "published_at": "soon"})")
                        .as_object(),
                    a, errors);
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"colour", "hero.link", "published_at", "status", "title"}));
}

}  // namespace
}  // namespace kpress
