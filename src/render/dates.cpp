#include "render/dates.hpp"

#include <unicode/datefmt.h>
#include <unicode/dtfmtsym.h>
#include <unicode/listformatter.h>
#include <unicode/timezone.h>

#include <map>
#include <memory>
#include <unordered_map>

#include "core/lru_map.hpp"

namespace kpress {
namespace {

// ICU formatters are costly to build and not safe to share between threads: each thread keeps
// one per (style, language, zone), with the zone's short names.
struct Formatter {
  std::unique_ptr<icu::DateFormat> format;
  std::string standard_zone, daylight_zone;  // "UTC+1", "UTC+2"
};

enum class Style { date, date_time, time, weekday_day, month };

std::unique_ptr<icu::DateFormat> create(Style style, const icu::Locale& locale) {
  UErrorCode status = U_ZERO_ERROR;
  switch (style) {
    case Style::date: return std::unique_ptr<icu::DateFormat>(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
    case Style::date_time:
      return std::unique_ptr<icu::DateFormat>(
          icu::DateFormat::createDateTimeInstance(icu::DateFormat::kLong, icu::DateFormat::kShort, locale));
    case Style::time: return std::unique_ptr<icu::DateFormat>(icu::DateFormat::createInstanceForSkeleton("Hm", locale, status));
    case Style::weekday_day:
      return std::unique_ptr<icu::DateFormat>(icu::DateFormat::createInstanceForSkeleton("EEEEdMMMM", locale, status));
    case Style::month: return std::unique_ptr<icu::DateFormat>(icu::DateFormat::createInstanceForSkeleton("LLLL", locale, status));
  }
  return nullptr;
}

std::string format_with_icu(Instant t, const std::string& key, std::string_view language, std::string_view time_zone,
                            Style style) {
  thread_local std::map<std::string, Formatter, std::less<>> formatters;
  auto it = formatters.find(key);
  if (it == formatters.end()) {
    icu::Locale locale(std::string(language).c_str());
    Formatter f;
    f.format = create(style, locale);
    if (!f.format) return format_iso8601(t);
    f.format->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(std::string(time_zone))));
    for (bool daylight : {false, true}) {
      icu::UnicodeString name;
      f.format->getTimeZone().getDisplayName(daylight, icu::TimeZone::SHORT, locale, name);
      name.toUTF8String(daylight ? f.daylight_zone : f.standard_zone);
    }
    it = formatters.emplace(key, std::move(f)).first;
  }
  UDate when = static_cast<UDate>(t.time_since_epoch().count()) * 1000.0;
  icu::UnicodeString out;
  it->second.format->format(when, out);
  std::string text;
  out.toUTF8String(text);
  if (style == Style::date_time) {
    UErrorCode status = U_ZERO_ERROR;
    bool daylight = it->second.format->getTimeZone().inDaylightTime(when, status) && U_SUCCESS(status);
    text += " " + (daylight ? it->second.daylight_zone : it->second.standard_zone);
  }
  return text;
}

// The same dates are shown again and again (every card of a list, every page a card is on) and
// ICU takes microseconds for each: each thread keeps the texts it made, a few thousand at most.
std::string format(Instant t, std::string_view language, std::string_view time_zone, Style style) {
  thread_local LruMap<std::string, std::string> made(4096);
  std::string key = std::to_string(static_cast<int>(style)) + ":" + std::string(language) + "|" + std::string(time_zone);
  std::string text_key = key + "@" + std::to_string(t.time_since_epoch().count());
  if (auto* kept = made.find(text_key)) return *kept;
  return made.put(text_key, format_with_icu(t, key, language, time_zone, style));
}

}  // namespace

std::string format_calendar_date(const std::chrono::year_month_day& date, std::string_view language) {
  // Noon UTC shown in UTC: the same calendar day whatever the zone rules.
  Instant noon = std::chrono::sys_days{date} + std::chrono::hours(12);
  return format(noon, language, "UTC", Style::date);
}

std::string format_weekday_day(const std::chrono::year_month_day& date, std::string_view language) {
  Instant noon = std::chrono::sys_days{date} + std::chrono::hours(12);
  return format(noon, language, "UTC", Style::weekday_day);
}

std::string format_month_name(unsigned month, std::string_view language) {
  Instant mid_month = std::chrono::sys_days{std::chrono::year{2001} / std::chrono::month{month} / 15};
  return format(mid_month, language, "UTC", Style::month);
}

std::string format_time(Instant t, std::string_view language, std::string_view time_zone) {
  return format(t, language, time_zone, Style::time);
}

std::string format_weekdays(const std::vector<std::chrono::weekday>& days, std::string_view language) {
  // Per thread and language: the weekday names and the list formatter, built once.
  struct Words {
    std::vector<icu::UnicodeString> weekdays;  // ICU's order: [1] = Sunday
    std::unique_ptr<icu::ListFormatter> list;
    // Lists already made, by their days ("25": Tuesday, Friday): a show box makes one a view.
    std::unordered_map<std::string, std::string> made;
  };
  thread_local std::map<std::string, Words, std::less<>> by_language;
  auto it = by_language.find(language);
  if (it == by_language.end()) {
    icu::Locale locale(std::string(language).c_str());
    UErrorCode status = U_ZERO_ERROR;
    Words words;
    icu::DateFormatSymbols symbols(locale, status);
    int32_t count = 0;
    const icu::UnicodeString* names =
        symbols.getWeekdays(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
    if (U_SUCCESS(status)) words.weekdays.assign(names, names + count);
    words.list.reset(icu::ListFormatter::createInstance(locale, status));
    if (U_FAILURE(status)) words.list.reset();
    it = by_language.emplace(std::string(language), std::move(words)).first;
  }
  Words& words = it->second;
  if (!words.list) return {};
  std::string key;
  for (auto d : days) key += static_cast<char>('0' + d.c_encoding());
  if (auto made = words.made.find(key); made != words.made.end()) return made->second;
  std::vector<icu::UnicodeString> items;
  for (auto d : days) {
    auto index = static_cast<std::size_t>(d.c_encoding()) + 1;
    if (index < words.weekdays.size()) items.push_back(words.weekdays[index]);
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString joined;
  words.list->format(items.data(), static_cast<int32_t>(items.size()), joined, status);
  std::string out;
  joined.toUTF8String(out);
  if (words.made.size() < 1024) words.made.emplace(std::move(key), out);  // 7 days: a few lists in use
  return out;
}

std::string format_date_time(Instant t, std::string_view language, std::string_view time_zone) {
  return format(t, language, time_zone, Style::date_time);
}

std::string format_date(Instant t, std::string_view language, std::string_view time_zone) {
  return format(t, language, time_zone, Style::date);
}

}  // namespace kpress
