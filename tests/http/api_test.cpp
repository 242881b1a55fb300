// The read-only JSON API over the demo site.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

namespace json = boost::json;
using testing::http_get;

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { site = new testing::TestSite(); }
  static void TearDownTestSuite() { delete site; }
  static testing::TestSite* site;

  json::value get_json(const std::string& target, unsigned expected_status = 200) {
    auto res = http_get(site->port(), target);
    EXPECT_EQ(res.status, expected_status) << target << " " << res.body;
    EXPECT_EQ(res.header("content-type"), "application/json");
    return json::parse(res.body);
  }
};
testing::TestSite* Api::site = nullptr;

TEST_F(Api, ListsPublishedArticlesNewestFirstWithTheirFields) {
  auto v = get_json("/api/v1/articles");
  const auto& items = v.at("items").as_array();
  EXPECT_EQ(v.at("total").as_int64(), 24);  // the demo's published articles
  ASSERT_EQ(items.size(), 20u);             // the default limit
  for (const auto& item : items) {
    const auto& o = item.as_object();
    for (const char* key : {"id", "slug", "url", "title", "language", "section", "published_at", "updated_at"})
      EXPECT_TRUE(o.contains(key)) << key;
    EXPECT_TRUE(o.at("url").as_string().starts_with("http://127.0.0.1:8080/articles/"));
  }
  EXPECT_GE(items[0].at("published_at").as_string(), items[1].at("published_at").as_string());
}

TEST_F(Api, PagesWithLimitAndOffset) {
  auto first = get_json("/api/v1/articles?limit=5");
  auto second = get_json("/api/v1/articles?limit=5&offset=5");
  EXPECT_EQ(first.at("items").as_array().size(), 5u);
  EXPECT_NE(first.at("items").as_array()[0].at("id"), second.at("items").as_array()[0].at("id"));
  auto last = get_json("/api/v1/articles?limit=100&offset=20");
  EXPECT_EQ(last.at("items").as_array().size(), 4u);
  EXPECT_EQ(last.at("total").as_int64(), 24);
}

TEST_F(Api, FiltersByLanguageSectionAndTag) {
  auto ko = get_json("/api/v1/articles?lang=ko");
  EXPECT_EQ(ko.at("total").as_int64(), 4);
  for (const auto& item : ko.at("items").as_array()) EXPECT_EQ(item.at("language").as_string(), "ko");
  auto bts = get_json("/api/v1/articles?section=bts");
  for (const auto& item : bts.at("items").as_array()) EXPECT_EQ(item.at("section").as_string(), "bts");
  EXPECT_EQ(bts.at("total").as_int64(), 4);
  auto tagged = get_json("/api/v1/articles?tag=run-on&lang=fr");
  EXPECT_EQ(tagged.at("total").as_int64(), 3);
}

TEST_F(Api, RefusesBadParametersNamingThem) {
  auto check = [&](const std::string& target, const std::string& mention) {
    auto v = get_json(target, 400);
    EXPECT_NE(std::string(v.at("error").as_string()).find(mention), std::string::npos) << target;
  };
  check("/api/v1/articles?limit=0", "limit");
  check("/api/v1/articles?limit=1000", "limit");
  check("/api/v1/articles?limit=abc", "limit");
  check("/api/v1/articles?offset=-1", "offset");
  check("/api/v1/articles?lang=xx", "'xx'");
  check("/api/v1/articles?section=sport", "'sport'");
  check("/api/v1/articles?tag=nope", "'nope'");
  check("/api/v1/articles?colour=red", "'colour'");
}

TEST_F(Api, ReturnsOneArticleWithItsRenderedBody) {
  auto list = get_json("/api/v1/articles?tag=run-on&lang=fr&limit=100");
  std::int64_t id = 0;
  for (const auto& item : list.at("items").as_array()) {
    if (item.at("slug").as_string().starts_with("regardez-")) id = item.at("id").as_int64();
  }
  ASSERT_NE(id, 0);
  auto a = get_json("/api/v1/articles/" + std::to_string(id));
  EXPECT_EQ(a.at("id").as_int64(), id);
  EXPECT_EQ(a.at("language").as_string(), "fr");
  EXPECT_EQ(a.at("section").as_string(), "kdrama");
  EXPECT_NE(std::string(a.at("body_html").as_string()).find("<h2>Les personnages</h2>"), std::string::npos);
  EXPECT_EQ(a.at("source").at("site").as_string(), "JTBC Drama");
  EXPECT_EQ(a.at("hero").at("credit").as_string(), "Illustration K-Actu");
  EXPECT_EQ(a.at("tags").as_array().size(), 4u);
}

TEST_F(Api, AnswersMissingAndWithdrawnArticlesInJson) {
  get_json("/api/v1/articles/999999", 404);
  get_json("/api/v1/articles/abc", 400);
  auto withdrawn = site->store().article_by_slug("rumeur-tournage-annule");
  ASSERT_TRUE(withdrawn);
  get_json("/api/v1/articles/" + std::to_string(withdrawn->id), 410);
  auto draft = site->store().article_by_slug("brouillon-les-ost-les-plus-ecoutees");
  ASSERT_TRUE(draft);
  get_json("/api/v1/articles/" + std::to_string(draft->id), 404);
}

}  // namespace
}  // namespace kpress
