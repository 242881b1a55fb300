#include "render/icalendar.hpp"

#include <date/tz.h>

#include <algorithm>
#include <map>

namespace kpress {
namespace {

using namespace std::chrono;

// RFC 5545 3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values.
std::string escape_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

// RFC 5545 3.1: lines of at most 75 octets, continued after CRLF and a space, never inside a
// UTF-8 sequence.
void add_line(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;  // the leading space counts
  }
  out.append(line);
  out += "\r\n";
}

std::string basic_date(const Date& d) {
  return date::format("%Y%m%d", date::sys_days{date::year_month_day{date::year{static_cast<int>(d.year())},
                                                                    date::month{static_cast<unsigned>(d.month())},
                                                                    date::day{static_cast<unsigned>(d.day())}}});
}

std::string utc_stamp(Instant t) { return date::format("%Y%m%dT%H%M%SZ", t); }

std::string local_stamp(date::local_seconds t) { return date::format("%Y%m%dT%H%M%S", t); }

std::string offset_text(seconds offset) {
  auto minutes_east = static_cast<int>(offset.count() / 60);
  char sign = minutes_east < 0 ? '-' : '+';
  minutes_east = minutes_east < 0 ? -minutes_east : minutes_east;
  char text[16];
  std::snprintf(text, sizeof text, "%c%02d%02d", sign, (minutes_east / 60) % 100, minutes_east % 60);
  return text;
}

// The zone's observances from a year before `from` to a year after `to`: one STANDARD or
// DAYLIGHT part for each offset change, dated in the local time it replaced.
void add_time_zone(std::string& out, const std::string& name, Instant from, Instant to) {
  const date::time_zone* zone = date::locate_zone(name);
  Instant begin = from - days(366), end = to + days(366);
  add_line(out, "BEGIN:VTIMEZONE");
  add_line(out, "TZID:" + name);
  auto info = zone->get_info(begin);
  Instant onset = std::max(info.begin, Instant(seconds(0)));  // 1970 at the earliest
  seconds previous = onset == info.begin ? zone->get_info(info.begin - seconds(1)).offset : info.offset;
  for (;;) {
    const char* kind = info.save == minutes(0) ? "STANDARD" : "DAYLIGHT";
    add_line(out, std::string("BEGIN:") + kind);
    add_line(out, "DTSTART:" + local_stamp(date::local_seconds{onset.time_since_epoch() + previous}));
    add_line(out, "TZOFFSETFROM:" + offset_text(previous));
    add_line(out, "TZOFFSETTO:" + offset_text(info.offset));
    if (!info.abbrev.empty()) add_line(out, "TZNAME:" + escape_text(info.abbrev));
    add_line(out, std::string("END:") + kind);
    if (info.end > end) break;
    previous = info.offset;
    onset = info.end;
    info = zone->get_info(info.end);
  }
  add_line(out, "END:VTIMEZONE");
}

}  // namespace

std::string render_icalendar(const Calendar& calendar) {
  std::string out;
  add_line(out, "BEGIN:VCALENDAR");
  add_line(out, "VERSION:2.0");
  add_line(out, "PRODID:-//kpress//kpress//FR");
  add_line(out, "CALSCALE:GREGORIAN");
  add_line(out, "METHOD:PUBLISH");
  add_line(out, "X-WR-CALNAME:" + escape_text(calendar.name));
  if (!calendar.description.empty()) add_line(out, "X-WR-CALDESC:" + escape_text(calendar.description));
  // Calendar applications poll subscriptions; once an hour is enough for schedule changes.
  add_line(out, "REFRESH-INTERVAL;VALUE=DURATION:PT1H");
  add_line(out, "X-PUBLISHED-TTL:PT1H");

  std::map<std::string, std::pair<Instant, Instant>> zones;  // each TZID used, with its span
  for (const auto& e : calendar.events) {
    if (!e.start || e.time_zone == "UTC") continue;
    auto [it, added] = zones.try_emplace(e.time_zone, *e.start, *e.start);
    it->second.first = std::min(it->second.first, *e.start);
    it->second.second = std::max(it->second.second, *e.start);
  }
  for (const auto& [name, span] : zones) add_time_zone(out, name, span.first, span.second);

  for (const auto& e : calendar.events) {
    add_line(out, "BEGIN:VEVENT");
    add_line(out, "UID:" + e.uid);
    add_line(out, "DTSTAMP:" + utc_stamp(calendar.stamp));
    add_line(out, "SEQUENCE:" + std::to_string(e.sequence));
    if (e.start) {
      if (e.time_zone == "UTC") {
        add_line(out, "DTSTART:" + utc_stamp(*e.start));
      } else {
        auto local = date::locate_zone(e.time_zone)->to_local(*e.start);
        add_line(out, "DTSTART;TZID=" + e.time_zone + ":" + local_stamp(local));
      }
      add_line(out, "DURATION:PT" + std::to_string(e.duration.count()) + "M");
    } else if (e.date) {
      add_line(out, "DTSTART;VALUE=DATE:" + basic_date(*e.date));
      if (e.yearly) {
        bool leap_day = e.date->month() == February && e.date->day() == day(29);
        // Day 60 of the year is 29 February in leap years and 1 March in the others.
        add_line(out, leap_day ? "RRULE:FREQ=YEARLY;BYYEARDAY=60" : "RRULE:FREQ=YEARLY");
      }
      add_line(out, "TRANSP:TRANSPARENT");
    }
    add_line(out, "SUMMARY:" + escape_text(e.summary));
    if (!e.description.empty()) add_line(out, "DESCRIPTION:" + escape_text(e.description));
    if (!e.location.empty()) add_line(out, "LOCATION:" + escape_text(e.location));
    if (!e.url.empty()) add_line(out, "URL:" + e.url);
    add_line(out, "END:VEVENT");
  }
  add_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace kpress
