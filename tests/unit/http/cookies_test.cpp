// Cookies: reading one among several, and what every cookie kpress sets says.
#include <gtest/gtest.h>

#include "http/cookies.hpp"

namespace kpress::http {
namespace {

TEST(Cookies, OneIsReadAmongSeveral) {
  Request req{Verb::get, "/", 11};
  req.set(Field::cookie, "a=1; kpress_session=tok-en_1; kpress_sessionx=no");
  EXPECT_EQ(cookie_value(req, "kpress_session"), "tok-en_1");
  EXPECT_EQ(cookie_value(req, "a"), "1");
  EXPECT_FALSE(cookie_value(req, "kpress"));
  EXPECT_FALSE(cookie_value(Request{Verb::get, "/", 11}, "a"));
}

TEST(Cookies, EveryCookieIsHttpOnlyAndSameSiteAndSecureOverHttps) {
  auto plain = set_cookie_value("kpress_session", "abc", {.path = "/admin"});
  EXPECT_EQ(plain, "kpress_session=abc; Path=/admin; HttpOnly; SameSite=Lax");
  auto secure = set_cookie_value("kpress_reader", "id", {.max_age_seconds = 60, .secure = true});
  EXPECT_EQ(secure, "kpress_reader=id; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure");
  EXPECT_NE(set_cookie_value("x", "", {.max_age_seconds = 0}).find("Max-Age=0"), std::string::npos);  // removes it
}

}  // namespace
}  // namespace kpress::http
