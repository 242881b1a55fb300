// Old addresses as the redirects table keys them, and WordPress's archive pages and feeds.
#include <gtest/gtest.h>

#include "core/redirects.hpp"

namespace kpress {
namespace {

TEST(RedirectKey, OneKeyWhateverWayTheAddressIsWritten) {
  for (const char* address : {"https://old.example/2020/12/16/%ec%bb%b4%eb%b0%b1/", "/2020/12/16/%EC%BB%B4%EB%B0%B1",
                              "/2020/12/16/컴백/", "/2020/12/16/컴백?utm_source=x"})
    EXPECT_EQ(redirect_key(address), "/2020/12/16/컴백") << address;
  EXPECT_EQ(redirect_key("/?utm_source=x&p=12"), "/?p=12") << "only WordPress's id parameters are kept";
  EXPECT_EQ(redirect_key("https://old.example/?page_id=3&p=12"), "/?p=12&page_id=3") << "in one order";
  EXPECT_EQ(redirect_key("https://old.example"), "/");
  EXPECT_FALSE(redirect_key("/a%00b")) << "a NUL byte";
  EXPECT_FALSE(redirect_key("/%zz")) << "not percent-encoding";
}

TEST(ArchiveSuffix, PagesAndFeedsOfAnArchiveOrOfTheHome) {
  auto page = archive_suffix("/category/news/page/3");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->key, "/category/news");
  EXPECT_EQ(page->suffix, "?page=3");
  auto atom = archive_suffix("/tag/bts/feed/atom");
  ASSERT_TRUE(atom);
  EXPECT_EQ(atom->key, "/tag/bts");
  EXPECT_EQ(atom->suffix, "/feed.atom");
  for (const char* home : {"/feed", "/page/2"}) {
    auto h = archive_suffix(home);
    ASSERT_TRUE(h) << home;
    EXPECT_EQ(h->key, "/") << home;
  }
  for (const char* not_one : {"/category/news", "/page/two", "/my-feed", "/?p=12/feed"}) EXPECT_FALSE(archive_suffix(not_one)) << not_one;
}

}  // namespace
}  // namespace kpress
