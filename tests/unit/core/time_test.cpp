#include "core/time.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

namespace kpress {
namespace {

using namespace std::chrono;

TEST(Iso8601, FormatsUtcWithZ) {
  Instant t = sys_days{2020y / December / 16} + 12h;
  EXPECT_EQ(format_iso8601(t), "2020-12-16T12:00:00Z");
  EXPECT_EQ(format_iso8601(sys_days{2024y / February / 29} + 23h + 59min + 59s), "2024-02-29T23:59:59Z");
  EXPECT_EQ(format_iso8601(Instant{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(sys_days{1969y / December / 31} + 1h + 2min + 3s), "1969-12-31T01:02:03Z");
  // Every form it writes reads back as the same instant.
  for (Instant at = sys_days{1999y / December / 31}; at < sys_days{2000y / January / 2}; at += 3599s)
    EXPECT_EQ(parse_iso8601(format_iso8601(at)), at);
}

TEST(HttpDate, IsTheImfFixdateInGmt) {
  EXPECT_EQ(format_http_date(sys_days{2020y / December / 16} + 12h), "Wed, 16 Dec 2020 12:00:00 GMT");
  EXPECT_EQ(format_http_date(Instant{}), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(format_http_date(sys_days{2024y / February / 29} + 23h + 59min + 59s), "Thu, 29 Feb 2024 23:59:59 GMT");
  // Every day of a year, each month's name and weekday: the same text as the date library writes.
  for (Instant at = sys_days{2023y / December / 31} + 7h + 8min + 9s; at < sys_days{2025y / January / 2}; at += 24h)
    EXPECT_EQ(format_http_date(at), date::format("%a, %d %b %Y %H:%M:%S GMT", at));
}

TEST(Iso8601, ParsesOffsetsToTheSameInstant) {
  auto utc = parse_iso8601("2020-12-16T12:00:00Z");
  auto kst = parse_iso8601("2020-12-16T21:00:00+09:00");
  ASSERT_TRUE(utc);
  ASSERT_TRUE(kst);
  EXPECT_EQ(*utc, *kst);
  EXPECT_EQ(parse_iso8601("2020-12-16"), Instant(sys_days{2020y / December / 16}));
}

TEST(Iso8601, RefusesWhatIsNotATime) {
  EXPECT_FALSE(parse_iso8601(""));
  EXPECT_FALSE(parse_iso8601("yesterday"));
  EXPECT_FALSE(parse_iso8601("2020-13-01"));
  EXPECT_FALSE(parse_iso8601("2020-12-16T12:00:00Z trailing"));
}

}  // namespace
}  // namespace kpress
