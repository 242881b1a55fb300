#include "http/forwarded.hpp"

#include <gtest/gtest.h>

namespace kpress::http {
namespace {

using Hops = std::vector<std::string>;

TEST(Forwarded, ReadsTheStandardHeadersHopsAndTheNearestProxysScheme) {
  auto f = read_forwarded(R"(for=192.0.2.60;proto=http;by=203.0.113.43, For="[2001:db8:cafe::17]:4711";PROTO=HTTPS)", "", "");
  EXPECT_EQ(f.hops, (Hops{"192.0.2.60", "2001:db8:cafe::17"}));
  EXPECT_EQ(f.proto, "https");
  // The nearest proxy said nothing of the scheme: it is not known, whatever an earlier hop said.
  EXPECT_EQ(read_forwarded("for=192.0.2.60;proto=https, for=198.51.100.17", "", "").proto, "");
  EXPECT_EQ(read_forwarded("for=192.0.2.60:8080", "", "").hops, (Hops{"192.0.2.60"}));
}

TEST(Forwarded, KeepsWhatIsNotAnAddressSoNothingIsTrustedPastIt) {
  EXPECT_EQ(read_forwarded("for=unknown, for=_hidden, by=10.0.0.1", "", "").hops, (Hops{"unknown", "_hidden", "unknown"}));
  EXPECT_EQ(read_forwarded(R"(for="a,b", for=192.0.2.1)", "", "").hops, (Hops{"a,b", "192.0.2.1"}));
}

TEST(Forwarded, FallsBackOnTheXForwardedHeaders) {
  auto f = read_forwarded("", "203.0.113.7, 10.0.0.2", "http, https");
  EXPECT_EQ(f.hops, (Hops{"203.0.113.7", "10.0.0.2"}));
  EXPECT_EQ(f.proto, "https");
  // Forwarded names hops: it is read, not the older ones.
  f = read_forwarded("for=192.0.2.9;proto=http", "203.0.113.7", "https");
  EXPECT_EQ(f.hops, (Hops{"192.0.2.9"}));
  EXPECT_EQ(f.proto, "http");
  EXPECT_TRUE(read_forwarded("", "", "").hops.empty());
}

}  // namespace
}  // namespace kpress::http
