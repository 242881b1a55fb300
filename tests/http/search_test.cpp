// Search over HTTP on the demo site: the page and the API, bad parameters named, hostile queries
// answered cleanly, and the index following the site: a new article, one taken down, one
// scheduled, a renamed person.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "support/http_client.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

namespace json = boost::json;
using testing::http_get;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class SearchHttp : public ::testing::Test {
 protected:
  json::object api(const std::string& query) {
    auto res = http_get(site.port(), "/api/v1/search?" + query);
    EXPECT_EQ(res.status, 200u) << query << " " << res.body;
    EXPECT_EQ(res.header("content-type"), "application/json");
    return res.status == 200 ? json::parse(res.body).as_object() : json::object{};
  }
  static bool lists(const json::object& answer, const std::string& url) {
    for (const auto& item : answer.at("items").as_array()) {
      if (item.as_object().at("url").as_string() == url) return true;
    }
    return false;
  }
  void publish(Article a) {
    auto tx = site.store().begin_write();
    tx->save_article(a, now());
    tx->commit();
  }
  Instant now() const { return Instant(std::chrono::seconds(clock_seconds.load())); }
  std::atomic<std::int64_t> clock_seconds{1795510800};  // 2026-11-24 09:00 UTC
  testing::TestSite site{{.clock = [this] { return now(); }}};
};

TEST_F(SearchHttp, ThePageShowsRankedResultsWithHighlightsAndTheEntityCard) {
  auto res = http_get(site.port(), "/search?q=Im+Siwan");
  ASSERT_EQ(res.status, 200u);
  EXPECT_TRUE(has(res.body, "class=\"search-entity\""));
  EXPECT_TRUE(has(res.body, "href=\"/people/im-siwan\""));
  EXPECT_TRUE(has(res.body, "<mark>"));
  EXPECT_TRUE(has(res.body, " résultat"));  // the count, in the site's language
  EXPECT_TRUE(has(res.body, "value=\"Im Siwan\""));  // the query stays in the box
  EXPECT_TRUE(has(res.body, "<meta name=\"robots\" content=\"noindex\">"));
  auto empty = http_get(site.port(), "/search");
  EXPECT_EQ(empty.status, 200u);
  EXPECT_FALSE(has(empty.body, "class=\"search-count\""));  // no count before a search
}

TEST_F(SearchHttp, TheApiAnswersItemsWithUrlTitleTypeAndSnippet) {
  auto answer = api("q=%EC%9E%84%EC%8B%9C%EC%99%84");  // 임시완
  ASSERT_TRUE(answer.contains("items"));
  auto items = answer.at("items").as_array();
  ASSERT_FALSE(items.empty());
  for (const auto& i : items) {
    for (const char* field : {"url", "title", "type", "snippet"}) EXPECT_TRUE(i.as_object().contains(field)) << field;
  }
  EXPECT_EQ(answer.at("entity").as_object().at("url").as_string(), "/people/im-siwan");
  EXPECT_TRUE(lists(api("q=Im+Siwan&type=article&lang=ko"), "/articles/leon-on-meiking-yeongsang-sinsegyeong-gwa-seutaepeu-imsiwan-saeng-il-kkamjjag-pati"));
}

TEST_F(SearchHttp, BadParametersAreNamed) {
  for (auto [query, word] : {std::pair{"q=bts&type=video", "type"}, {"q=bts&from=yesterday", "from"}, {"q=bts&page=0", "page"}}) {
    auto res = http_get(site.port(), std::string("/api/v1/search?") + query);
    EXPECT_EQ(res.status, 400u) << query;
    EXPECT_TRUE(has(res.body, word)) << res.body;
    EXPECT_EQ(http_get(site.port(), std::string("/search?") + query).status, 400u) << query;
  }
}

TEST_F(SearchHttp, HostileQueriesNeverCauseAServerError) {
  std::string long_query(5000, 'a');
  for (const std::string& q : {std::string("AND"), std::string("%22unclosed"), std::string("((((("), std::string("OR+OR+NOT"),
                               std::string("BTS%00Jin"), std::string("%FF%FE"), long_query, std::string("title%3Abts"),
                               std::string("%3Cscript%3Ealert(1)%3C%2Fscript%3E")}) {
    for (const char* path : {"/search?q=", "/api/v1/search?q="}) {
      auto res = http_get(site.port(), path + q);
      EXPECT_LT(res.status, 500u) << path << q.substr(0, 30);
      EXPECT_FALSE(has(res.body, "<script>alert")) << path << q.substr(0, 30);
    }
  }
}

TEST_F(SearchHttp, TheIndexFollowsTheSite) {
  Article a;
  a.slug = "mot-introuvable-zyxwvut";
  a.title = "Un mot introuvable : zyxwvut";
  a.language = "fr";
  a.body = "Zyxwvut est un mot que seul cet article contient.";
  a.status = ArticleStatus::published;
  a.published_at = now() - std::chrono::hours(1);
  EXPECT_FALSE(lists(api("q=zyxwvut"), "/articles/" + a.slug));
  publish(a);
  EXPECT_TRUE(lists(api("q=zyxwvut"), "/articles/" + a.slug));  // at once, no reindex
  a = *site.store().article_by_slug(a.slug);
  a.status = ArticleStatus::unpublished;
  publish(a);
  EXPECT_FALSE(lists(api("q=zyxwvut"), "/articles/" + a.slug));

  // A scheduled article is found from its time on, with no write at that time.
  Article later = a;
  later.id = 0;
  later.slug = "annonce-programmee-qwertzu";
  later.title = "Annonce programmée qwertzu";
  later.body = "Qwertzu.";
  later.status = ArticleStatus::scheduled;
  later.published_at = now() + std::chrono::hours(2);
  publish(later);
  EXPECT_FALSE(lists(api("q=qwertzu"), "/articles/" + later.slug));
  clock_seconds += 3 * 3600;
  EXPECT_TRUE(lists(api("q=qwertzu"), "/articles/" + later.slug));

  // A new spelling of a person finds them as soon as the catalog has it.
  auto person = *site.store().person("im-siwan");
  person.aliases.push_back("Siwanie");
  {
    auto tx = site.store().begin_write();
    tx->save_person(person);
    tx->commit();
  }
  auto answer = api("q=Siwanie");
  EXPECT_EQ(answer.at("entity").as_object().at("url").as_string(), "/people/im-siwan");
  EXPECT_TRUE(lists(answer, "/people/im-siwan"));
}

// `kpress reindex` on a live site: the server answers from the index it has while a new one is
// made beside it, then from the new one (what changed meanwhile included), and the old index's
// files go.
TEST_F(SearchHttp, ARebuildSwitchesReadersOverWithoutAGap) {
  auto folder = site.data().search();
  auto indexes = [&] {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(folder))
      if (e.is_directory()) names.push_back(e.path().filename().string());
    return names;
  };
  auto before = indexes();
  ASSERT_EQ(before.size(), 1u);
  EXPECT_TRUE(lists(api("q=Im+Siwan"), "/people/im-siwan"));

  Article a = *site.store().article_by_slug(site.store().articles({}).items.front().slug);
  a.id = 0;
  a.slug = "pendant-la-reconstruction";
  a.title = "Pendant la reconstruction";
  a.body = "Qazwsx arrive pendant la reconstruction.";
  a.status = ArticleStatus::published;
  a.published_at = now() - std::chrono::hours(1);
  {
    auto tx = site.store().begin_write();  // saved without the index hearing of it
    tx->save_article(a, now());
    tx->commit();
  }
  std::atomic<bool> rebuilding{true};
  std::atomic<int> answered{0}, failed{0};
  auto read = [&] {
    while (rebuilding) {
      auto res = http_get(site.port(), "/api/v1/search?q=Im+Siwan");
      (res.status == 200 && res.body.find("/people/im-siwan") != std::string::npos ? answered : failed)++;
    }
  };
  std::thread reader(read), other_reader(read);
  std::size_t documents = 0;
  for (int i = 0; i < 4; ++i) documents = site.search().rebuild();  // each removes the index before it
  rebuilding = false;
  reader.join();
  other_reader.join();
  EXPECT_GT(documents, 10u);
  EXPECT_GT(answered.load(), 0);
  EXPECT_EQ(failed.load(), 0);  // never an empty or half-built index
  EXPECT_TRUE(lists(api("q=qazwsx"), "/articles/pendant-la-reconstruction"));
  auto after = indexes();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(after.front(), before.front());
  EXPECT_TRUE(site.search().current());
}

}  // namespace
}  // namespace kpress
