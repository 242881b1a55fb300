#include "render/dates.hpp"

#include <unicode/datefmt.h>
#include <unicode/dtfmtsym.h>
#include <unicode/listformatter.h>
#include <unicode/timezone.h>

#include <map>
#include <memory>

namespace kpress {
namespace {

// ICU formatters are costly to build and not safe to share between threads: each thread keeps
// one per (style, language, zone).
std::string format(Instant t, std::string_view language, std::string_view time_zone, bool with_time) {
  thread_local std::map<std::string, std::unique_ptr<icu::DateFormat>> formatters;
  std::string key = std::string(with_time ? "t:" : "d:") + std::string(language) + "|" + std::string(time_zone);
  auto it = formatters.find(key);
  if (it == formatters.end()) {
    icu::Locale locale(std::string(language).c_str());
    std::unique_ptr<icu::DateFormat> f(
        with_time ? icu::DateFormat::createDateTimeInstance(icu::DateFormat::kLong, icu::DateFormat::kShort, locale)
                  : icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
    if (!f) return format_iso8601(t);
    f->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(std::string(time_zone))));
    it = formatters.emplace(key, std::move(f)).first;
  }
  icu::UnicodeString out;
  it->second->format(static_cast<UDate>(t.time_since_epoch().count()) * 1000.0, out);
  std::string text;
  out.toUTF8String(text);
  if (with_time) {
    icu::UnicodeString zone_name;
    it->second->getTimeZone().getDisplayName(false, icu::TimeZone::SHORT, icu::Locale(std::string(language).c_str()),
                                            zone_name);
    std::string zone;
    zone_name.toUTF8String(zone);
    text += " " + zone;
  }
  return text;
}

}  // namespace

std::string format_calendar_date(const std::chrono::year_month_day& date, std::string_view language) {
  // Noon UTC shown in UTC: the same calendar day whatever the zone rules.
  Instant noon = std::chrono::sys_days{date} + std::chrono::hours(12);
  return format(noon, language, "UTC", false);
}

std::string format_weekdays(const std::vector<std::chrono::weekday>& days, std::string_view language) {
  icu::Locale locale(std::string(language).c_str());
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(locale, status);
  int32_t count = 0;
  const icu::UnicodeString* names =
      symbols.getWeekdays(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
  std::vector<icu::UnicodeString> items;
  for (auto d : days) {
    auto index = static_cast<int32_t>(d.c_encoding()) + 1;  // ICU: 1 = Sunday
    if (U_SUCCESS(status) && index < count) items.push_back(names[index]);
  }
  std::unique_ptr<icu::ListFormatter> list(icu::ListFormatter::createInstance(locale, status));
  icu::UnicodeString joined;
  if (U_FAILURE(status) || !list) return {};
  list->format(items.data(), static_cast<int32_t>(items.size()), joined, status);
  std::string out;
  joined.toUTF8String(out);
  return out;
}

std::string format_date_time(Instant t, std::string_view language, std::string_view time_zone) {
  return format(t, language, time_zone, true);
}

std::string format_date(Instant t, std::string_view language, std::string_view time_zone) {
  return format(t, language, time_zone, false);
}

}  // namespace kpress
