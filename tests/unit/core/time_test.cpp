#include "core/time.hpp"

#include <gtest/gtest.h>

namespace kpress {
namespace {

using namespace std::chrono;

TEST(Iso8601, FormatsUtcWithZ) {
  Instant t = sys_days{2020y / December / 16} + 12h;
  EXPECT_EQ(format_iso8601(t), "2020-12-16T12:00:00Z");
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
