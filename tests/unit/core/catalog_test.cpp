#include "core/catalog.hpp"

#include <gtest/gtest.h>

namespace kpress {
namespace {

using namespace std::chrono;

TEST(ParseDate, ReadsIsoAndTheDatasetsMdyy) {
  EXPECT_EQ(parse_date("2020-12-16"), Date(2020y / December / 16));
  EXPECT_EQ(parse_date("8/28/92"), Date(1992y / August / 28));
  EXPECT_EQ(parse_date("12/31/05"), Date(2005y / December / 31));
  EXPECT_EQ(parse_date("2/29/2000"), Date(2000y / February / 29));
  EXPECT_FALSE(parse_date("2/29/01"));  // 2001 had no 29 February
  EXPECT_FALSE(parse_date("13/01/99"));
  EXPECT_FALSE(parse_date("yesterday"));
  EXPECT_FALSE(parse_date(""));
}

TEST(ParseWeekdays, ReadsTheAirDayStringsOfRealData) {
  using W = std::vector<weekday>;
  EXPECT_EQ(parse_weekdays("Wednesday, Thursday"), (W{Wednesday, Thursday}));
  EXPECT_EQ(parse_weekdays("Wednesdays and Thursdays"), (W{Wednesday, Thursday}));
  EXPECT_EQ(parse_weekdays("Wed & Thu"), (W{Wednesday, Thursday}));
  EXPECT_EQ(parse_weekdays("수요일, 목요일"), (W{Wednesday, Thursday}));
  EXPECT_EQ(parse_weekdays("Mon-Wed"), (W{Monday, Tuesday, Wednesday}));
  EXPECT_EQ(parse_weekdays("Friday, Saturday, Sunday"), (W{Friday, Saturday, Sunday}));
  EXPECT_FALSE(parse_weekdays(""));
  EXPECT_FALSE(parse_weekdays("Wednesday, Someday"));
}

TEST(Age, CountsInternationalYears) {
  Date birth = 1988y / December / 1;
  EXPECT_EQ(age_on(birth, 2020y / November / 30), 31);
  EXPECT_EQ(age_on(birth, 2020y / December / 1), 32);
  EXPECT_EQ(age_on(birth, 2021y / January / 1), 32);
}

TEST(Age, BornOn29FebruaryTurnsOlderOn1MarchInCommonYears) {
  Date birth = 2000y / February / 29;
  EXPECT_EQ(age_on(birth, 2023y / February / 28), 22);
  EXPECT_EQ(age_on(birth, 2023y / March / 1), 23);
  EXPECT_EQ(age_on(birth, 2024y / February / 28), 23);
  EXPECT_EQ(age_on(birth, 2024y / February / 29), 24);
  EXPECT_EQ(next_birthday(birth, 2023y / January / 10), Date(2023y / March / 1));
  EXPECT_EQ(next_birthday(birth, 2024y / January / 10), Date(2024y / February / 29));
}

TEST(NextBirthday, IsTodayOnTheDayAndNextYearAfterIt) {
  Date birth = 1988y / December / 1;
  EXPECT_EQ(next_birthday(birth, 2020y / December / 1), Date(2020y / December / 1));
  EXPECT_EQ(next_birthday(birth, 2020y / December / 2), Date(2021y / December / 1));
}

TEST(DateInZone, ABirthdayCanBeTodayInSeoulButNotYetInParis) {
  // 1 December 2020, 05:00 in Seoul is still 30 November, 21:00 in Paris.
  Instant now = sys_days{2020y / November / 30} + 20h;
  Date birth = 1988y / December / 1;
  Date seoul = date_in_zone(now, "Asia/Seoul");
  Date paris = date_in_zone(now, "Europe/Paris");
  EXPECT_EQ(seoul, Date(2020y / December / 1));
  EXPECT_EQ(paris, Date(2020y / November / 30));
  EXPECT_EQ(next_birthday(birth, seoul), seoul);
  EXPECT_NE(next_birthday(birth, paris), paris);
  EXPECT_EQ(age_on(birth, seoul), 32);
  EXPECT_EQ(age_on(birth, paris), 31);
}

}  // namespace
}  // namespace kpress
