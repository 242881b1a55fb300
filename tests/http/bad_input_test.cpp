// Bad input at the HTTP edge: a clear error, a server still up, and a database unchanged.
#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::http_get;
using testing::http_request;
using testing::raw_exchange;

// Everything a reader could change, summed up.
std::string fingerprint(const Store& store) {
  std::string s;
  for (const auto& a : store.all_articles())
    s += a.slug + ":" + std::to_string(a.revision) + ":" + std::to_string(store.revisions(a.id).size()) + ";";
  return s + std::to_string(store.tags().size());
}

TEST(BadInput, HostileRequestsChangeNothingAndTheServerStaysUp) {
  http::ServerConfig limits;
  limits.header_limit = 8192;
  limits.body_limit = 64 * 1024;
  testing::TestSite site({true, system_now, limits});
  auto before = fingerprint(site.store());

  EXPECT_TRUE(raw_exchange(site.port(), "NOT HTTP AT ALL\r\n\r\n").starts_with("HTTP/1.1 400"));
  EXPECT_TRUE(raw_exchange(site.port(), "GET /articles/x\x01y HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 400"));
  EXPECT_TRUE(raw_exchange(site.port(), "GET / HTTP/1.1\r\nHost: x\r\nCookie: " + std::string(20000, 'c') + "\r\n\r\n")
                  .starts_with("HTTP/1.1 431"));
  EXPECT_TRUE(raw_exchange(site.port(), "POST /api/v1/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n")
                  .starts_with("HTTP/1.1 413"));
  EXPECT_TRUE(raw_exchange(site.port(), "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")
                  .starts_with("HTTP/1.1 400"));
  EXPECT_TRUE(raw_exchange(site.port(),
                           "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nxx\r\n0\r\n\r\n")
                  .starts_with("HTTP/1.1 400"));
  EXPECT_EQ(http_request(site.port(), http::Verb::post, "/articles/x", "title=hacked").status, 405u);
  EXPECT_EQ(http_request(site.port(), http::Verb::delete_, "/api/v1/articles/1").status, 405u);
  EXPECT_EQ(http_get(site.port(), "/articles/%00").status, 400u);
  EXPECT_EQ(http_get(site.port(), "/articles/" + std::string(4000, 'a')).status, 404u);
  EXPECT_EQ(http_get(site.port(), "/articles/x'%20OR%201=1--").status, 404u);
  EXPECT_EQ(http_get(site.port(), "/api/v1/articles?section=x'%20OR%20'1'='1").status, 400u);

  EXPECT_EQ(http_get(site.port(), "/healthz").status, 200u);
  EXPECT_EQ(http_get(site.port(), "/").status, 200u);
  EXPECT_EQ(fingerprint(site.store()), before);
}

}  // namespace
}  // namespace kpress
