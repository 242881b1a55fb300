#include "core/schedule.hpp"

#include <gtest/gtest.h>

namespace kpress {
namespace {

using namespace std::chrono;

Date d(int y, unsigned m, unsigned day) { return Date{year{y}, month{m}, std::chrono::day{day}}; }
Instant at(const char* iso) { return parse_iso8601(iso).value(); }

Show run_on() {
  Show s;
  s.slug = "run-on";
  s.episode_count = 16;
  s.first_air_date = d(2020, 12, 16);
  s.slots = {{{Wednesday, Thursday}, minutes(21 * 60), "Asia/Seoul", d(2020, 12, 16)}};
  return s;
}

std::vector<Airing> episodes_only(std::vector<Airing> all) {
  std::erase_if(all, [](const Airing& a) { return a.kind != AiringKind::episode; });
  return all;
}

TEST(Schedule, LaysEpisodesOnTheSlotDaysAcrossTheYearEnd) {
  auto airings = airings_of(run_on());
  ASSERT_EQ(airings.size(), 16u);
  EXPECT_EQ(airings[0].start, at("2020-12-16T12:00:00Z"));
  EXPECT_EQ(airings[5].start, at("2020-12-31T12:00:00Z"));
  EXPECT_EQ(airings[6].start, at("2021-01-06T12:00:00Z"));
  EXPECT_EQ(airings[15].start, at("2021-02-04T12:00:00Z"));
  EXPECT_EQ(airings[15].episode, 16);
  EXPECT_EQ(airings[15].key, "episode-16");
  EXPECT_EQ(format_iso8601_in_zone(airings[0].start, "Europe/Paris"), "2020-12-16T13:00:00+01:00");
  EXPECT_EQ(format_iso8601_in_zone(airings[0].start, "Asia/Seoul"), "2020-12-16T21:00:00+09:00");
}

TEST(Schedule, ReadersSeeTheirOwnDaylightSavingChanges) {
  Show s;
  s.episode_count = 6;
  s.first_air_date = d(2021, 3, 7);  // Sundays at 21:00 in Seoul, which has no summer time
  s.slots = {{{Sunday}, minutes(21 * 60), "Asia/Seoul", std::nullopt}};
  auto a = airings_of(s);
  ASSERT_EQ(a.size(), 6u);
  // New York springs forward on 14 March, Paris on 28 March, Sydney falls back on 4 April.
  EXPECT_EQ(format_iso8601_in_zone(a[0].start, "America/New_York"), "2021-03-07T07:00:00-05:00");
  EXPECT_EQ(format_iso8601_in_zone(a[1].start, "America/New_York"), "2021-03-14T08:00:00-04:00");
  EXPECT_EQ(format_iso8601_in_zone(a[2].start, "Europe/Paris"), "2021-03-21T13:00:00+01:00");
  EXPECT_EQ(format_iso8601_in_zone(a[3].start, "Europe/Paris"), "2021-03-28T14:00:00+02:00");
  EXPECT_EQ(format_iso8601_in_zone(a[3].start, "Australia/Sydney"), "2021-03-28T23:00:00+11:00");
  EXPECT_EQ(format_iso8601_in_zone(a[4].start, "Australia/Sydney"), "2021-04-04T22:00:00+10:00");
}

TEST(Schedule, ASlotInAZoneWithSummerTimeKeepsItsWallClock) {
  Show s;
  s.episode_count = 2;
  s.first_air_date = d(2021, 3, 13);
  s.slots = {{{Saturday, Sunday}, minutes(20 * 60), "America/New_York", std::nullopt}};
  auto a = airings_of(s);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].start, at("2021-03-14T01:00:00Z"));  // 20:00 EST
  EXPECT_EQ(a[1].start, at("2021-03-15T00:00:00Z"));  // 20:00 EDT
}

TEST(Schedule, KnowsTheLeapDay) {
  Show s;
  s.episode_count = 3;
  s.first_air_date = d(2024, 2, 28);
  s.slots = {{{Wednesday, Thursday}, minutes(22 * 60 + 30), "Asia/Seoul", std::nullopt}};
  auto a = airings_of(s);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[1].start, at("2024-02-29T13:30:00Z"));
  EXPECT_EQ(a[2].start, at("2024-03-06T13:30:00Z"));
}

TEST(Schedule, APreemptedSlotPushesEveryLaterEpisodeOneSlotOn) {
  Show s = run_on();
  s.schedule_changes = {{ScheduleChangeKind::preempted, d(2020, 12, 23), std::nullopt, std::nullopt, "", "Football"}};
  auto all = airings_of(s);
  ASSERT_EQ(all.size(), 17u);
  EXPECT_EQ(all[2].kind, AiringKind::preempted);
  EXPECT_EQ(all[2].start, at("2020-12-23T12:00:00Z"));
  EXPECT_EQ(all[2].reason, "Football");
  EXPECT_EQ(all[2].key, "preempted-2020-12-23");
  auto e = episodes_only(all);
  EXPECT_EQ(e[2].episode, 3);
  EXPECT_EQ(e[2].start, at("2020-12-24T12:00:00Z"));
  EXPECT_EQ(e[15].start, at("2021-02-10T12:00:00Z"));
  EXPECT_EQ(e[1].sequence, 0);  // untouched
  EXPECT_EQ(e[2].sequence, 1);  // moved by the change: calendars update the same event
}

TEST(Schedule, AMovedEpisodeLeavesTheOthersWhereTheyWere) {
  Show s = run_on();
  s.schedule_changes = {{ScheduleChangeKind::moved, d(2020, 12, 30), d(2020, 12, 30), minutes(23 * 60), "", "News special"}};
  auto a = airings_of(s);
  ASSERT_EQ(a.size(), 16u);
  EXPECT_EQ(a[4].episode, 5);
  EXPECT_EQ(a[4].start, at("2020-12-30T14:00:00Z"));
  EXPECT_EQ(a[4].original_start, at("2020-12-30T12:00:00Z"));
  EXPECT_EQ(a[4].sequence, 1);
  EXPECT_EQ(a[5].start, at("2020-12-31T12:00:00Z"));
  EXPECT_EQ(a[5].sequence, 0);
  EXPECT_EQ(a[15].start, at("2021-02-04T12:00:00Z"));
}

TEST(Schedule, ADoubleEpisodeBringsTheRestOneSlotEarlier) {
  Show s = run_on();
  s.schedule_changes = {{ScheduleChangeKind::double_episode, d(2020, 12, 17), std::nullopt, std::nullopt, "", ""}};
  auto a = airings_of(s);
  ASSERT_EQ(a.size(), 15u);
  EXPECT_EQ(a[1].episode, 2);
  EXPECT_EQ(a[1].last_episode, 3);
  EXPECT_EQ(a[2].episode, 4);
  EXPECT_EQ(a[2].start, at("2020-12-23T12:00:00Z"));
  EXPECT_EQ(a[14].episode, 16);
  EXPECT_EQ(a[14].start, at("2021-02-03T12:00:00Z"));
}

TEST(Schedule, FollowsASlotChangeAndTwoEpisodesANight) {
  Show s = run_on();
  s.slots.push_back({{Friday}, minutes(22 * 60), "Asia/Seoul", d(2021, 1, 8)});
  auto a = airings_of(s);
  EXPECT_EQ(a[7].start, at("2021-01-07T12:00:00Z"));  // Thursday, old slot
  EXPECT_EQ(a[8].start, at("2021-01-08T13:00:00Z"));  // Friday 22:00, new slot
  EXPECT_EQ(a[9].start, at("2021-01-15T13:00:00Z"));

  Show king;  // MBC aired each episode in two parts: 40 "episodes" on 20 nights
  king.episode_count = 40;
  king.first_air_date = d(2017, 7, 17);
  king.slots = {{{Monday, Tuesday}, minutes(22 * 60), "Asia/Seoul", d(2017, 7, 17), 2}};
  auto k = airings_of(king);
  ASSERT_EQ(k.size(), 20u);
  EXPECT_EQ(k[19].episode, 39);
  EXPECT_EQ(k[19].last_episode, 40);
  EXPECT_EQ(k[19].start, at("2017-09-19T13:00:00Z"));
}

TEST(Schedule, SpecialsAndKnownEpisodeTimesTakeTheirPlace) {
  Show s = run_on();
  s.schedule_changes = {{ScheduleChangeKind::special, d(2020, 12, 25), std::nullopt, minutes(20 * 60), "Making-of", ""}};
  std::vector<Episode> known{{"run-on", 2, at("2020-12-17T12:10:00Z"), "Le départ"}};
  auto a = airings_of(s, known);
  ASSERT_EQ(a.size(), 17u);
  EXPECT_EQ(a[1].title, "Le départ");
  EXPECT_EQ(a[1].start, at("2020-12-17T12:10:00Z"));
  auto special = std::find_if(a.begin(), a.end(), [](const Airing& x) { return x.kind == AiringKind::special; });
  ASSERT_NE(special, a.end());
  EXPECT_EQ(special->start, at("2020-12-25T11:00:00Z"));
  EXPECT_EQ(special->key, "special-2020-12-25-2000");
  EXPECT_EQ(special->title, "Making-of");
  EXPECT_EQ(next_airing(a, at("2021-02-04T11:00:00Z"))->episode, 16);
  EXPECT_FALSE(next_airing(a, at("2021-02-04T12:00:01Z")));
}

TEST(Schedule, NoScheduleWithoutWhatItNeeds) {
  Show s = run_on();
  s.slots[0].local_time.reset();
  EXPECT_TRUE(airings_of(s).empty());
  s = run_on();
  s.first_air_date.reset();
  EXPECT_TRUE(airings_of(s).empty());
}

TEST(TimeZones, OnlyIanaNamesAreZones) {
  EXPECT_TRUE(is_time_zone("Europe/Paris"));
  EXPECT_TRUE(is_time_zone("America/New_York"));
  for (const char* bad : {"", "Mars/Olympus", "../../etc/passwd", "Europe/Paris\n", "KST"}) EXPECT_FALSE(is_time_zone(bad)) << bad;
  EXPECT_EQ(utc_offset(at("2021-07-01T00:00:00Z"), "Europe/Paris"), hours(2));
  EXPECT_THROW(zoned_instant(d(2021, 1, 1), minutes(0), "Mars/Olympus"), std::runtime_error);
}

}  // namespace
}  // namespace kpress
