#include "render/dates.hpp"

#include <unicode/datefmt.h>
#include <unicode/dtfmtsym.h>
#include <unicode/listformatter.h>
#include <unicode/timezone.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <tuple>
#include <memory>
#include <unordered_map>

#include "core/lru_map.hpp"

namespace kpress {
namespace {

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

// ICU formatters are costly to build and not safe to share between threads: each thread keeps
// one per (style, language, zone), with the zone's short names and a number naming it in the
// texts it made.
struct Formatter {
  int number = 0;
  Style style = Style::date;
  std::unique_ptr<icu::DateFormat> format;
  std::string standard_zone, daylight_zone;  // "UTC+1", "UTC+2"
};

Formatter& formatter(std::string_view language, std::string_view time_zone, Style style) {
  thread_local std::map<std::tuple<Style, std::string, std::string>, Formatter, std::less<>> formatters;
  auto key = std::tuple{style, language, time_zone};
  auto it = formatters.find(key);
  if (it != formatters.end()) return it->second;
  icu::Locale locale(std::string(language).c_str());
  Formatter f;
  f.number = static_cast<int>(formatters.size());
  f.style = style;
  f.format = create(style, locale);
  if (f.format) {
    f.format->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(std::string(time_zone))));
    for (bool daylight : {false, true}) {
      icu::UnicodeString name;
      f.format->getTimeZone().getDisplayName(daylight, icu::TimeZone::SHORT, locale, name);
      name.toUTF8String(daylight ? f.daylight_zone : f.standard_zone);
    }
  }
  return formatters.emplace(std::tuple{style, std::string(language), std::string(time_zone)}, std::move(f)).first->second;
}

std::string format_with_icu(const Formatter& f, UDate when) {
  icu::UnicodeString out;
  f.format->format(when, out);
  std::string text;
  out.toUTF8String(text);
  if (f.style == Style::date_time) {
    UErrorCode status = U_ZERO_ERROR;
    bool daylight = f.format->getTimeZone().inDaylightTime(when, status) && U_SUCCESS(status);
    text += " " + (daylight ? f.daylight_zone : f.standard_zone);
  }
  return text;
}

// What a text shows, as one number: every instant of the same local day has the same date text
// (a crawl of a year's articles meets each day many times); clocks show minutes, not seconds.
std::int64_t shown(const Formatter& f, UDate when) {
  constexpr double kMinute = 60'000, kDay = 86'400'000;
  if (f.style == Style::date_time || f.style == Style::time) return static_cast<std::int64_t>(std::floor(when / kMinute));
  UErrorCode status = U_ZERO_ERROR;
  std::int32_t raw = 0, daylight = 0;
  f.format->getTimeZone().getOffset(when, false, raw, daylight, status);
  if (U_FAILURE(status)) return static_cast<std::int64_t>(std::floor(when / kMinute));
  return static_cast<std::int64_t>(std::floor((when + raw + daylight) / kDay));
}

struct ShownHash {
  std::size_t operator()(const std::pair<int, std::int64_t>& k) const noexcept {
    return std::hash<std::int64_t>{}(k.second * 1024 + k.first);
  }
};

// The same dates are shown again and again (every card of a list, every page a card is on) and
// ICU takes microseconds for each: each thread keeps the texts it made, a few thousand at most.
std::string format(Instant t, std::string_view language, std::string_view time_zone, Style style) {
  const Formatter& f = formatter(language, time_zone, style);
  if (!f.format) return format_iso8601(t);
  UDate when = static_cast<UDate>(t.time_since_epoch().count()) * 1000.0;
  thread_local LruMap<std::pair<int, std::int64_t>, std::string, ShownHash> made(4096);
  std::pair key{f.number, shown(f, when)};
  if (auto* kept = made.find(key)) return *kept;
  return made.put(key, format_with_icu(f, when));
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
