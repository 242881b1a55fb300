#include "render/dates.hpp"

#include <gtest/gtest.h>
#include <unicode/datefmt.h>
#include <unicode/timezone.h>

#include <memory>

#include "core/time.hpp"

namespace kpress {
namespace {

Instant at(const char* iso) { return parse_iso8601(iso).value(); }

TEST(Dates, ShowTheZoneOffsetInForceThatDay) {
  // Paris is UTC+1 in winter and UTC+2 in summer; Seoul keeps UTC+9 all year.
  EXPECT_EQ(format_date_time(at("2020-12-16T12:00:00Z"), "fr", "Europe/Paris"), "16 décembre 2020 à 13:00 UTC+1");
  EXPECT_EQ(format_date_time(at("2021-07-14T12:00:00Z"), "fr", "Europe/Paris"), "14 juillet 2021 à 14:00 UTC+2");
  EXPECT_EQ(format_date_time(at("2020-12-16T12:00:00Z"), "fr", "Asia/Seoul"), "16 décembre 2020 à 21:00 UTC+9");
}

// Texts are kept per thread: the same instant asked again in another language, zone or style
// is made for what is asked, and the same question gets the same answer.
TEST(Dates, AKeptTextAnswersOnlyTheSameQuestion) {
  Instant t = at("2020-12-16T12:00:00Z");
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(format_date_time(t, "fr", "Europe/Paris"), "16 décembre 2020 à 13:00 UTC+1");
    EXPECT_EQ(format_date_time(t, "fr", "Asia/Seoul"), "16 décembre 2020 à 21:00 UTC+9");
    EXPECT_EQ(format_date(t, "fr", "Europe/Paris"), "16 décembre 2020");
    EXPECT_NE(format_date(t, "en", "Europe/Paris"), format_date(t, "fr", "Europe/Paris"));
    EXPECT_EQ(format_date(t + std::chrono::hours(24), "fr", "Europe/Paris"), "17 décembre 2020");
  }
}

// A date text is kept for the local day it names: the same text for two instants of one day in
// the zone asked, another once the zone's midnight is past, even while it is the same day in UTC.
TEST(Dates, AKeptDateTextEndsAtTheZonesMidnight) {
  EXPECT_EQ(format_date(at("2020-12-16T10:00:00Z"), "fr", "Asia/Seoul"), "16 décembre 2020");
  EXPECT_EQ(format_date(at("2020-12-16T14:59:59Z"), "fr", "Asia/Seoul"), "16 décembre 2020");
  EXPECT_EQ(format_date(at("2020-12-16T15:00:00Z"), "fr", "Asia/Seoul"), "17 décembre 2020");
  EXPECT_EQ(format_date(at("2020-12-16T15:00:00Z"), "fr", "Europe/Paris"), "16 décembre 2020");
  // A clock changes with the minute, not only with the day.
  EXPECT_EQ(format_time(at("2020-12-16T15:00:59Z"), "fr", "Asia/Seoul"), "00:00");
  EXPECT_EQ(format_time(at("2020-12-16T15:01:00Z"), "fr", "Asia/Seoul"), "00:01");
  // A night the clocks go back (Paris, 25 October 2020): the same local 02:30 twice, an hour apart.
  EXPECT_EQ(format_date_time(at("2020-10-25T00:30:00Z"), "fr", "Europe/Paris"), "25 octobre 2020 à 02:30 UTC+2");
  EXPECT_EQ(format_date_time(at("2020-10-25T01:30:00Z"), "fr", "Europe/Paris"), "25 octobre 2020 à 02:30 UTC+1");
}

// A date and time is made from its day's text and its clock's, each kept: whatever the language
// and zone (half-hour summer time, quarter-hour offsets, nights the clocks change), the text is
// ICU's own for the whole pattern.
TEST(Dates, ADateAndTimeIsIcusOwnText) {
  for (const char* language : {"fr", "en", "ko", "ja", "de", "es", "pt-BR", "zh"}) {
    for (const char* zone : {"Europe/Paris", "America/New_York", "Asia/Seoul", "Australia/Lord_Howe", "Asia/Kathmandu"}) {
      icu::Locale locale(language);
      std::unique_ptr<icu::DateFormat> whole(
          icu::DateFormat::createDateTimeInstance(icu::DateFormat::kLong, icu::DateFormat::kShort, locale));
      whole->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
      // Every 7 h 13 min over two years, and each minute of the nights Paris changes its clocks.
      std::vector<Instant> instants;
      for (Instant t = at("2020-01-01T00:00:00Z"); t < at("2022-01-01T00:00:00Z"); t += std::chrono::minutes(433))
        instants.push_back(t);
      for (const char* night : {"2021-03-28T00:00:00Z", "2021-10-31T00:00:00Z"})
        for (int minute = 0; minute < 180; minute += 7) instants.push_back(at(night) + std::chrono::minutes(minute));
      for (Instant t : instants) {
        UDate when = static_cast<UDate>(t.time_since_epoch().count()) * 1000.0;
        icu::UnicodeString out;
        whole->format(when, out);
        std::string expected;
        out.toUTF8String(expected);
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString zone_name;
        whole->getTimeZone().getDisplayName(whole->getTimeZone().inDaylightTime(when, status), icu::TimeZone::SHORT,
                                            locale, zone_name);
        zone_name.toUTF8String(expected += " ");
        ASSERT_EQ(format_date_time(t, language, zone), expected) << language << " " << zone << " " << format_iso8601(t);
      }
    }
  }
}

TEST(Dates, NameWeekdaysInTheLanguageAsked) {
  using namespace std::chrono;
  EXPECT_EQ(format_weekdays({Wednesday, Thursday}, "fr"), "mercredi et jeudi");
  EXPECT_EQ(format_weekdays({Wednesday, Thursday}, "en"), "Wednesday and Thursday");
  EXPECT_EQ(format_weekdays({Saturday}, "fr"), "samedi");  // a second use takes the kept names
  // Lists already made are given again only for the same days, in the same order and language.
  EXPECT_EQ(format_weekdays({Wednesday, Thursday}, "fr"), "mercredi et jeudi");
  EXPECT_EQ(format_weekdays({Thursday, Wednesday}, "fr"), "jeudi et mercredi");
  EXPECT_EQ(format_weekdays({Wednesday, Thursday, Saturday}, "fr"), "mercredi, jeudi et samedi");
  EXPECT_EQ(format_weekdays({Wednesday, Thursday}, "en"), "Wednesday and Thursday");
}

}  // namespace
}  // namespace kpress
