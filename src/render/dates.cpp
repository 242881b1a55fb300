#include "render/dates.hpp"

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/dtfmtsym.h>
#include <unicode/listformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <tuple>
#include <memory>
#include <mutex>
#include <optional>
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
  // A date and time in two parts when the language's pattern allows (see split_date_time): the
  // day's ("16 décembre 2020 à ") and the clock's ("21:00"), with numbers naming their texts.
  std::unique_ptr<icu::DateFormat> day_part, clock_part;
  int day_number = 0, clock_number = 0;
};

// The pattern letters of `pattern` outside its quoted literals ("'at'" holds no field).
std::u16string fields_of(const icu::UnicodeString& pattern) {
  std::u16string fields;
  bool quoted = false;
  for (int32_t i = 0; i < pattern.length(); ++i) {
    char16_t c = pattern.charAt(i);
    if (c == u'\'') quoted = !quoted;
    else if (!quoted && ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'))) fields += c;
  }
  return fields;
}

// ICU glues a long date and a short time with the language's pattern ("d MMMM y 'à' HH:mm",
// "MMMM d, y 'at' h:mm a"). When that pattern ends with the short time's own pattern and what
// comes before names nothing finer than the day, a text is the day's part, made once per local
// day, then the clock's, made once per minute of the day: a crawl of articles published at a
// thousand different minutes formats each day once and each minute once, rather than every
// article. Other patterns are formatted whole.
void split_date_time(Formatter& f, const icu::Locale& locale, int& numbers) {
  auto* whole_format = dynamic_cast<icu::SimpleDateFormat*>(f.format.get());
  std::unique_ptr<icu::DateFormat> clock(icu::DateFormat::createTimeInstance(icu::DateFormat::kShort, locale));
  auto* clock_format = dynamic_cast<icu::SimpleDateFormat*>(clock.get());
  if (!whole_format || !clock_format) return;
  icu::UnicodeString whole, tail;
  whole_format->toPattern(whole);
  clock_format->toPattern(tail);
  if (tail.isEmpty() || whole.length() <= tail.length() || !whole.endsWith(tail)) return;
  icu::UnicodeString head(whole, 0, whole.length() - tail.length());
  if (fields_of(head).find_first_of(u"ahHkKmsSAbBzZvVOXx") != std::u16string::npos) return;
  if (fields_of(tail).find_first_of(u"zZvVOXx") != std::u16string::npos) return;  // a zone ties it to the day
  UErrorCode status = U_ZERO_ERROR;
  auto day = std::make_unique<icu::SimpleDateFormat>(head, locale, status);
  if (U_FAILURE(status)) return;
  day->setTimeZone(f.format->getTimeZone());
  clock->setTimeZone(f.format->getTimeZone());
  f.day_part = std::move(day);
  f.clock_part = std::move(clock);
  f.day_number = numbers++;
  f.clock_number = numbers++;
}

Formatter& formatter(std::string_view language, std::string_view time_zone, Style style) {
  thread_local std::map<std::tuple<Style, std::string, std::string>, Formatter, std::less<>> formatters;
  thread_local int numbers = 0;
  auto key = std::tuple{style, language, time_zone};
  auto it = formatters.find(key);
  if (it != formatters.end()) return it->second;
  icu::Locale locale(std::string(language).c_str());
  Formatter f;
  f.number = numbers++;
  f.style = style;
  f.format = create(style, locale);
  if (f.format) {
    f.format->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(std::string(time_zone))));
    for (bool daylight : {false, true}) {
      icu::UnicodeString name;
      f.format->getTimeZone().getDisplayName(daylight, icu::TimeZone::SHORT, locale, name);
      name.toUTF8String(daylight ? f.daylight_zone : f.standard_zone);
    }
    if (style == Style::date_time) split_date_time(f, locale, numbers);
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

constexpr double kMinute = 60'000, kDay = 86'400'000;

// `when` on the clock of the formatter's zone (milliseconds), and whether summer time is in
// force then; nothing when ICU cannot tell.
struct LocalTime {
  double at;
  bool daylight;
};
std::optional<LocalTime> local_time(const Formatter& f, UDate when) {
  UErrorCode status = U_ZERO_ERROR;
  std::int32_t raw = 0, daylight = 0;
  f.format->getTimeZone().getOffset(when, false, raw, daylight, status);
  if (U_FAILURE(status)) return std::nullopt;
  return LocalTime{when + raw + daylight, daylight != 0};
}

// What a text shows, as one number: every instant of the same local day has the same date text
// (a crawl of a year's articles meets each day many times); clocks show minutes, not seconds.
std::int64_t shown(const Formatter& f, UDate when) {
  auto local = f.style == Style::date_time || f.style == Style::time ? std::nullopt : local_time(f, when);
  return static_cast<std::int64_t>(local ? std::floor(local->at / kDay) : std::floor(when / kMinute));
}

struct ShownHash {
  std::size_t operator()(const std::pair<int, std::int64_t>& k) const noexcept {
    return std::hash<std::int64_t>{}(k.second * 1024 + k.first);
  }
};

// The same dates are shown again and again (every card of a list, every page a card is on) and
// ICU takes microseconds for each: each thread keeps the texts it made, a few thousand at most.
using MadeTexts = LruMap<std::pair<int, std::int64_t>, std::string, ShownHash>;

const std::string& made_by(MadeTexts& made, int number, std::int64_t shown, const icu::DateFormat& format, UDate when) {
  std::pair key{number, shown};
  if (auto* kept = made.find(key)) return *kept;
  icu::UnicodeString out;
  format.format(when, out);
  std::string text;
  out.toUTF8String(text);
  return made.put(key, std::move(text));
}

// A date and time made of its day's part and its clock's, each kept (see split_date_time).
std::string format_in_parts(const Formatter& f, UDate when, MadeTexts& made) {
  auto local = local_time(f, when);
  if (!local) return format_with_icu(f, when);
  double day = std::floor(local->at / kDay);
  auto minute_of_day = static_cast<std::int64_t>(std::floor((local->at - day * kDay) / kMinute));
  std::string text = made_by(made, f.day_number, static_cast<std::int64_t>(day), *f.day_part, when);
  text += made_by(made, f.clock_number, minute_of_day, *f.clock_part, when);
  text += ' ';
  text += local->daylight ? f.daylight_zone : f.standard_zone;
  return text;
}

std::string format(Instant t, std::string_view language, std::string_view time_zone, Style style) {
  const Formatter& f = formatter(language, time_zone, style);
  if (!f.format) return format_iso8601(t);
  UDate when = static_cast<UDate>(t.time_since_epoch().count()) * 1000.0;
  thread_local MadeTexts made(4096);
  if (f.day_part) return format_in_parts(f, when, made);
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

std::string format_zone_name(std::string_view time_zone, std::string_view language) {
  thread_local std::map<std::pair<std::string, std::string>, std::string, std::less<>> names;
  std::pair<std::string, std::string> key{time_zone, language};
  if (auto it = names.find(key); it != names.end()) return it->second;
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(std::string(time_zone))));
  icu::UnicodeString name;
  zone->getDisplayName(false, icu::TimeZone::LONG_GENERIC, icu::Locale(std::string(language).c_str()), name);
  std::string text;
  name.toUTF8String(text);
  return names.emplace(std::move(key), std::move(text)).first->second;
}

std::string format_date_time(Instant t, std::string_view language, std::string_view time_zone) {
  return format(t, language, time_zone, Style::date_time);
}

std::string format_date(Instant t, std::string_view language, std::string_view time_zone) {
  return format(t, language, time_zone, Style::date);
}

std::chrono::weekday first_day_of_week(std::string_view language) {
  // Asked once per language: a calendar is costly to make.
  static std::mutex mutex;
  static std::map<std::string, std::chrono::weekday, std::less<>> known;
  std::lock_guard lock(mutex);
  if (auto it = known.find(language); it != known.end()) return it->second;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> calendar(icu::Calendar::createInstance(icu::Locale(std::string(language).c_str()), status));
  // UCAL_SUNDAY is 1, and so on to UCAL_SATURDAY, 7.
  std::chrono::weekday first = U_SUCCESS(status) ? std::chrono::weekday(static_cast<unsigned>(calendar->getFirstDayOfWeek(status)) - 1)
                                                 : std::chrono::Monday;
  known.emplace(std::string(language), first);
  return first;
}

}  // namespace kpress
