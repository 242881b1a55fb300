#include "render/icalendar.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace kpress {
namespace {

using namespace std::chrono;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Calendar one(CalendarEvent e) {
  Calendar c;
  c.name = "Run On";
  c.stamp = *parse_iso8601("2020-12-01T00:00:00Z");
  c.events.push_back(std::move(e));
  return c;
}

TEST(ICalendar, WritesTimesInTheirZoneWithItsRules) {
  CalendarEvent e;
  e.uid = "run-on-episode-1@example.org";
  e.summary = "Run On, épisode 1; sur JTBC";
  e.start = *parse_iso8601("2021-03-28T12:00:00Z");
  e.time_zone = "Europe/Paris";
  auto text = render_icalendar(one(e));
  EXPECT_TRUE(has(text, "DTSTART;TZID=Europe/Paris:20210328T140000\r\n"));
  EXPECT_TRUE(has(text, "SUMMARY:Run On\\, épisode 1\\; sur JTBC\r\n"));
  // Paris changed to summer time that morning at 02:00 local, and back on 31 October 2021.
  EXPECT_TRUE(has(text, "BEGIN:DAYLIGHT\r\nDTSTART:20210328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"));
  EXPECT_TRUE(has(text, "BEGIN:STANDARD\r\nDTSTART:20211031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"));
  EXPECT_EQ(text.find("BEGIN:VTIMEZONE"), text.rfind("BEGIN:VTIMEZONE"));  // one per zone
}

TEST(ICalendar, FoldsLongLinesWithoutCuttingACharacter) {
  CalendarEvent e;
  e.uid = "x@example.org";
  e.start = *parse_iso8601("2021-03-28T12:00:00Z");
  e.description = std::string(70, 'a') + "é" + std::string(200, 'b') + "\nfin";
  auto text = render_icalendar(one(e));
  std::istringstream lines(text);
  std::string unfolded, line;
  while (std::getline(lines, line)) {
    ASSERT_FALSE(line.empty());
    ASSERT_EQ(line.back(), '\r');
    EXPECT_LE(line.size(), 76u);  // 75 octets and the CR
    line.pop_back();
    if (line.front() == ' ') unfolded += line.substr(1);
    else unfolded += "\n" + line;
  }
  EXPECT_TRUE(has(unfolded, "\nDESCRIPTION:" + std::string(70, 'a') + "é" + std::string(200, 'b') + "\\nfin"));
}

TEST(ICalendar, BirthdaysComeBackEveryYearAndTheLeapDayOnTheFirstOfMarch) {
  CalendarEvent e;
  e.uid = "b@example.org";
  e.date = Date{year{1988}, month{12}, day{1}};
  e.yearly = true;
  auto text = render_icalendar(one(e));
  EXPECT_TRUE(has(text, "DTSTART;VALUE=DATE:19881201\r\nRRULE:FREQ=YEARLY\r\n"));
  EXPECT_FALSE(has(text, "VTIMEZONE"));
  e.date = Date{year{1992}, month{2}, day{29}};
  EXPECT_TRUE(has(render_icalendar(one(e)), "RRULE:FREQ=YEARLY;BYYEARDAY=60\r\n"));
}

}  // namespace
}  // namespace kpress
