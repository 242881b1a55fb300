// Reactions on a real server: without JavaScript (a form that redirects back), as JSON, one per
// reader and changeable, refused when unknown, cross-site or too many, and exact when many
// readers react at once.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/http_client.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::http_get;
using testing::http_request;
namespace json = boost::json;

constexpr const char* kArticle =
    "/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Reactions : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = site.store().article_by_slug(std::string(kArticle).substr(10));
    ASSERT_TRUE(a);
    url = "/api/v1/articles/" + std::to_string(a->id) + "/reactions";
  }
  // The reader's cookie, as a browser would send it back: "kpress_reader=...".
  static std::string cookie_of(const testing::ClientResponse& res) {
    auto set = res.header("set-cookie");
    return set.substr(0, set.find(';'));
  }
  testing::ClientResponse react_json(const std::string& reaction, const std::string& cookie = {}) {
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
    if (!cookie.empty()) headers["Cookie"] = cookie;
    return http_request(site.port(), http::Verb::post, url, "{\"reaction\":\"" + reaction + "\"}", headers);
  }
  json::value counts(const std::string& cookie = {}) {
    std::map<std::string, std::string> headers;
    if (!cookie.empty()) headers["Cookie"] = cookie;
    auto res = http_get(site.port(), url, headers);
    EXPECT_EQ(res.status, 200u) << res.body;
    return json::parse(res.body);
  }
  testing::TestSite site{testing::TestSiteOptions{.reactions = {.per_address_per_minute = 0}}};
  std::string url;
};

TEST_F(Reactions, TheArticlePageCarriesTheFormAndStaysCached) {
  http_get(site.port(), kArticle);
  auto page = http_get(site.port(), kArticle);  // asked for again: kept
  EXPECT_TRUE(has(page.body, "<form method=\"post\" action=\"" + url + "\">"));
  EXPECT_TRUE(has(page.body, "name=\"reaction\" value=\"cant_wait\""));
  EXPECT_TRUE(has(page.body, "J’ai hâte"));
  react_json("like");
  EXPECT_EQ(http_get(site.port(), kArticle).header("x-cache"), "HIT");  // counts are not in the page
}

TEST_F(Reactions, AFormWithoutJavaScriptRedirectsBackToTheArticle) {
  auto res = http_request(site.port(), http::Verb::post, url, "reaction=congrats",
                          {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "http://127.0.0.1:" + std::to_string(site.port())}});
  EXPECT_EQ(res.status, 303u) << res.body;
  EXPECT_EQ(res.header("location"), std::string(kArticle) + "#reactions");
  auto cookie = res.header("set-cookie");
  EXPECT_TRUE(has(cookie, "HttpOnly")) << cookie;
  EXPECT_TRUE(has(cookie, "SameSite=Lax")) << cookie;
  auto after = counts(cookie_of(res));
  EXPECT_EQ(after.at("counts").at("congrats"), 1);
  EXPECT_EQ(after.at("mine"), "congrats");
  EXPECT_EQ(counts().at("mine"), nullptr);  // another reader
}

TEST_F(Reactions, OneReactionPerReaderThatTheyCanChange) {
  auto first = react_json("like");
  ASSERT_EQ(first.status, 200u) << first.body;
  auto cookie = cookie_of(first);
  EXPECT_EQ(json::parse(first.body).at("counts").at("like"), 1);
  auto again = react_json("like", cookie);
  EXPECT_EQ(json::parse(again.body).at("counts").at("like"), 1);  // the same reader twice: once
  EXPECT_TRUE(again.header("set-cookie").empty());
  auto changed = json::parse(react_json("sad", cookie).body);
  EXPECT_EQ(changed.at("counts").at("like"), 0);
  EXPECT_EQ(changed.at("counts").at("sad"), 1);
  EXPECT_EQ(changed.at("mine"), "sad");
  react_json("sad");  // a second reader
  EXPECT_EQ(counts(cookie).at("counts").at("sad"), 2);
  // A forged cookie is a new reader, not the one it names.
  auto forged = cookie.substr(0, cookie.size() - 3) + "AAA";
  auto res = react_json("like", forged);
  EXPECT_FALSE(res.header("set-cookie").empty());
  EXPECT_EQ(counts(cookie).at("counts").at("sad"), 2);
}

TEST_F(Reactions, BadReactionsAreRefusedAndChangeNothing) {
  auto unknown = react_json("angry");
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(json::parse(unknown.body).at("error"),
            "unknown reaction 'angry': one of like, support, congrats, cant_wait, surprised, sad");
  EXPECT_EQ(http_request(site.port(), http::Verb::post, url, "{\"reaction\": 3}", {{"Content-Type", "application/json"}}).status,
            400u);
  EXPECT_EQ(http_request(site.port(), http::Verb::post, url, "not json", {{"Content-Type", "application/json"}}).status, 400u);
  EXPECT_EQ(http_request(site.port(), http::Verb::post, url, "like", {{"Content-Type", "text/plain"}}).status, 415u);
  EXPECT_EQ(http_request(site.port(), http::Verb::post, "/api/v1/articles/999999/reactions", "{\"reaction\":\"like\"}",
                         {{"Content-Type", "application/json"}}).status,
            404u);
  // A page of another site may not react for its visitors.
  auto cross = http_request(site.port(), http::Verb::post, url, "reaction=like",
                            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "https://evil.example"}});
  EXPECT_EQ(cross.status, 403u);
  auto fetch = http_request(site.port(), http::Verb::post, url, "{\"reaction\":\"like\"}",
                            {{"Content-Type", "application/json"}, {"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(fetch.status, 403u);
  auto after = counts();
  for (const auto& [name, n] : after.at("counts").as_object()) EXPECT_EQ(n, 0) << name;
}

TEST(ReactionLimits, AFloodFromOneAddressMeets429AndChangesNothing) {
  testing::TestSite site{testing::TestSiteOptions{.reactions = {.per_address_per_minute = 30, .burst = 5}}};
  auto a = site.store().article_by_slug(std::string(kArticle).substr(10));
  std::string url = "/api/v1/articles/" + std::to_string(a->id) + "/reactions";
  int accepted = 0, refused = 0;
  for (int i = 0; i < 20; ++i) {
    auto res = http_request(site.port(), http::Verb::post, url, "{\"reaction\":\"support\"}",
                            {{"Content-Type", "application/json"}});
    if (res.status == 200) ++accepted;
    if (res.status == 429) {
      ++refused;
      EXPECT_EQ(res.header("retry-after"), "60");
    }
  }
  EXPECT_EQ(accepted, 5);
  EXPECT_EQ(refused, 15);
  auto body = json::parse(http_get(site.port(), url).body);
  EXPECT_EQ(body.at("counts").at("support"), 5);  // each accepted one a new reader
}

// Behind a trusted reverse proxy each reader has their own allowance, by the address the proxy
// forwarded for; what a reader writes to the left of it changes nothing.
TEST(ReactionLimits, BehindATrustedProxyEachReaderHasTheirOwnLimit) {
  testing::TestSiteOptions options{.reactions = {.per_address_per_minute = 30, .burst = 5}};
  options.server.trusted_proxies = {"127.0.0.1"};
  testing::TestSite site{options};
  auto a = site.store().article_by_slug(std::string(kArticle).substr(10));
  std::string url = "/api/v1/articles/" + std::to_string(a->id) + "/reactions";
  auto react = [&](const std::string& forwarded_for) {
    return http_request(site.port(), http::Verb::post, url, "{\"reaction\":\"support\"}",
                        {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded_for}})
        .status;
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(react("203.0.113.1"), 200u);
  EXPECT_EQ(react("203.0.113.1"), 429u);
  EXPECT_EQ(react("198.51.100.77, 203.0.113.1"), 429u);  // a forged hop to the left is not believed
  EXPECT_EQ(react("203.0.113.2"), 200u);                 // another reader behind the same proxy
}

// The standard Forwarded header is believed as X-Forwarded-For is, and a proxy that received
// the request over HTTPS (proto=https, X-Forwarded-Proto) makes the answer's cookies Secure and
// adds HSTS; from a client that is not a trusted proxy those headers change nothing.
TEST(ReactionLimits, BehindATrustedTlsProxyCookiesAreSecureAndHstsIsSent) {
  for (bool trusted : {true, false}) {
    testing::TestSiteOptions options{.reactions = {.per_address_per_minute = 30, .burst = 2}};
    options.server.trusted_proxies = {trusted ? "127.0.0.1" : "127.0.0.2"};
    testing::TestSite site{options};
    auto a = site.store().article_by_slug(std::string(kArticle).substr(10));
    std::string url = "/api/v1/articles/" + std::to_string(a->id) + "/reactions";
    auto react = [&](std::map<std::string, std::string> headers) {
      headers.emplace("Content-Type", "application/json");
      return http_request(site.port(), http::Verb::post, url, "{\"reaction\":\"like\"}", headers);
    };
    auto res = react({{"Forwarded", "for=203.0.113.9;proto=https"}});
    ASSERT_EQ(res.status, 200u);
    EXPECT_EQ(res.header("set-cookie").find("Secure") != std::string::npos, trusted) << res.header("set-cookie");
    EXPECT_EQ(res.header("strict-transport-security"), trusted ? "max-age=31536000" : "");
    res = react({{"X-Forwarded-For", "203.0.113.10"}, {"X-Forwarded-Proto", "https"}});
    EXPECT_EQ(res.header("strict-transport-security"), trusted ? "max-age=31536000" : "");
    // The second of 203.0.113.9's two; without trust, the proxy's third.
    EXPECT_EQ(react({{"Forwarded", "for=203.0.113.9"}}).status, trusted ? 200u : 429u);
    // Behind the trusted proxy 203.0.113.9 has spent its allowance and .11 has its own; without
    // trust every request is the proxy's own address, whose allowance is spent.
    EXPECT_EQ(react({{"Forwarded", "for=203.0.113.9"}}).status, 429u);
    EXPECT_EQ(react({{"Forwarded", "for=\"203.0.113.11:5000\""}}).status, trusted ? 200u : 429u);
    EXPECT_TRUE(http_get(site.port(), "/").header("strict-transport-security").empty());  // plain HTTP: none
  }
}

TEST_F(Reactions, CountsAreExactWhenManyReadersReactAtOnce) {
  // 16 clients, 25 readers each, every reader reacts then changes their mind once.
  constexpr int kClients = 16, kReaders = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int r = 0; r < kReaders; ++r) {
        auto first = react_json(r % 2 ? "like" : "support");
        auto cookie = cookie_of(first);
        auto second = react_json((c + r) % 3 == 0 ? "cant_wait" : "congrats", cookie);
        if (first.status != 200 || second.status != 200) ++failures;
      }
    });
  }
  for (auto& t : clients) t.join();
  ASSERT_EQ(failures, 0);
  int cant_wait = 0;
  for (int c = 0; c < kClients; ++c)
    for (int r = 0; r < kReaders; ++r) cant_wait += (c + r) % 3 == 0;
  auto body = counts();
  EXPECT_EQ(body.at("counts").at("like"), 0);
  EXPECT_EQ(body.at("counts").at("support"), 0);
  EXPECT_EQ(body.at("counts").at("cant_wait"), cant_wait);
  EXPECT_EQ(body.at("counts").at("congrats"), kClients * kReaders - cant_wait);
  // The store agrees with what was counted in memory.
  auto stored = site.store().reaction_counts(std::stoll(url.substr(17)));
  EXPECT_EQ(stored[Reaction::congrats] + stored[Reaction::cant_wait], kClients * kReaders);
  EXPECT_EQ(stored[Reaction::cant_wait], cant_wait);
}

}  // namespace
}  // namespace kpress
