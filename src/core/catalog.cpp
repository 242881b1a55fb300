#include "core/catalog.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/numbers.hpp"

namespace kpress {

using namespace std::chrono;

std::string format_date_iso(const Date& d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buffer;
}

namespace {

std::optional<int> number(std::string_view text) {
  auto n = parse_whole_number(text);
  if (!n || *n < 0 || *n > 100000) return std::nullopt;
  return static_cast<int>(*n);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<Date> make_date(int y, int m, int d) {
  Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  text = trim(text);
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    auto y = number(text.substr(0, 4)), m = number(text.substr(5, 2)), d = number(text.substr(8, 2));
    if (y && m && d) return make_date(*y, *m, *d);
    return std::nullopt;
  }
  auto first = text.find('/'), second = text.rfind('/');
  if (first == std::string_view::npos || first == second) return std::nullopt;
  auto m = number(text.substr(0, first)), d = number(text.substr(first + 1, second - first - 1));
  auto y = number(text.substr(second + 1));
  if (!m || !d || !y) return std::nullopt;
  int full_year = *y;
  if (text.size() - second - 1 == 2) full_year += *y < 30 ? 2000 : 1900;
  return make_date(full_year, *m, *d);
}

std::string_view to_string(ShowStatus status) {
  switch (status) {
    case ShowStatus::upcoming: return "upcoming";
    case ShowStatus::airing: return "airing";
    case ShowStatus::ended: return "ended";
  }
  return "ended";
}

std::optional<ShowStatus> parse_show_status(std::string_view text) {
  for (auto s : {ShowStatus::upcoming, ShowStatus::airing, ShowStatus::ended}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

std::optional<std::chrono::minutes> parse_time_of_day(std::string_view t) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (t.size() != 5 || t[2] != ':' || !digit(t[0]) || !digit(t[1]) || !digit(t[3]) || !digit(t[4])) return std::nullopt;
  int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return std::chrono::minutes(h * 60 + m);
}

std::string format_time_of_day(std::chrono::minutes time) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(time.count() / 60), static_cast<int>(time.count() % 60));
  return text;
}

std::string_view to_string(ScheduleChangeKind kind) {
  switch (kind) {
    case ScheduleChangeKind::preempted: return "preempted";
    case ScheduleChangeKind::moved: return "moved";
    case ScheduleChangeKind::double_episode: return "double";
    case ScheduleChangeKind::special: return "special";
  }
  return "preempted";
}

std::optional<ScheduleChangeKind> parse_schedule_change_kind(std::string_view text) {
  for (auto k : {ScheduleChangeKind::preempted, ScheduleChangeKind::moved, ScheduleChangeKind::double_episode,
                 ScheduleChangeKind::special}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

const BroadcastSlot* slot_in_force(const Show& show, const Date& day) {
  const BroadcastSlot* current = nullptr;
  for (const auto& slot : show.slots) {
    if (!slot.from || sys_days{*slot.from} <= sys_days{day} || !current) current = &slot;
  }
  return current;
}

bool airs_on(const BroadcastSlot& slot, const Date& day) {
  return std::find(slot.weekdays.begin(), slot.weekdays.end(), weekday{sys_days{day}}) != slot.weekdays.end();
}

const std::string& title_in(const Show& show, const std::string& language) {
  auto it = show.titles.find(language);
  if (it != show.titles.end() && !it->second.empty()) return it->second;
  return language == "ko" && !show.original_title.empty() ? show.original_title : show.title;
}

const std::string& name_in(const Person& person, const std::string& language) {
  return language == "ko" && !person.hangul_name.empty() ? person.hangul_name : person.name;
}

const std::string& name_in(const Group& group, const std::string& language) {
  return language == "ko" && !group.hangul_name.empty() ? group.hangul_name : group.name;
}

std::string_view to_string(CreditRole role) {
  switch (role) {
    case CreditRole::main: return "main";
    case CreditRole::support: return "support";
    case CreditRole::guest: return "guest";
  }
  return "main";
}

std::optional<CreditRole> parse_credit_role(std::string_view text) {
  for (auto r : {CreditRole::main, CreditRole::support, CreditRole::guest}) {
    if (to_string(r) == text) return r;
  }
  return std::nullopt;
}

namespace {

struct DayName {
  std::string_view name;
  unsigned weekday;  // 0 = Sunday
};

// English names and their usual abbreviations, and Korean day names.
constexpr std::array<DayName, 28> kDayNames{{
    {"sunday", 0},   {"sun", 0},    {"일요일", 0}, {"일", 0},
    {"monday", 1},   {"mon", 1},    {"월요일", 1}, {"월", 1},
    {"tuesday", 2},  {"tue", 2},    {"화요일", 2}, {"화", 2},
    {"wednesday", 3}, {"wed", 3},   {"수요일", 3}, {"수", 3},
    {"thursday", 4}, {"thu", 4},    {"목요일", 4}, {"목", 4},
    {"friday", 5},   {"fri", 5},    {"금요일", 5}, {"금", 5},
    {"saturday", 6}, {"sat", 6},    {"토요일", 6}, {"토", 6},
}};

std::optional<unsigned> day_number(std::string_view word) {
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return c < 128 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c); });
  if (lower.ends_with('s') && lower.size() > 3 && lower.back() == 's' && lower.find("day") != std::string::npos)
    lower.pop_back();  // "Wednesdays"
  for (const auto& d : kDayNames) {
    if (d.name == lower) return d.weekday;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<weekday>> parse_weekdays(std::string_view text) {
  std::vector<weekday> days;
  // Separators: comma, '&', '/', "and", "et", and '-' for a range (Mon-Fri).
  std::string normalized;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ',' || c == '&' || c == '/' || c == '+') normalized += ' ';
    else if (c == '-') normalized += " - ";
    else normalized += c;
  }
  std::vector<std::string_view> words;
  std::string_view rest = normalized;
  while (!rest.empty()) {
    auto start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    auto end = rest.find(' ');
    words.push_back(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  }
  bool range = false;
  for (auto word : words) {
    if (word == "and" || word == "et" || word == "및") continue;
    if (word == "-") {
      if (days.empty()) return std::nullopt;
      range = true;
      continue;
    }
    auto n = day_number(word);
    if (!n) return std::nullopt;
    if (range) {
      for (unsigned d = (days.back().c_encoding() + 1) % 7; d != *n; d = (d + 1) % 7) days.push_back(weekday{d});
      range = false;
    }
    days.push_back(weekday{*n});
  }
  if (days.empty() || range) return std::nullopt;
  std::vector<weekday> unique;
  for (auto d : days) {
    if (std::find(unique.begin(), unique.end(), d) == unique.end()) unique.push_back(d);
  }
  return unique;
}

std::string weekday_name(weekday day) {
  static constexpr std::array<std::string_view, 7> names{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                         "Thursday", "Friday", "Saturday"};
  return std::string(names[day.c_encoding()]);
}

int age_on(const Date& birth, const Date& today) {
  int age = static_cast<int>(today.year()) - static_cast<int>(birth.year());
  // Compare (month, day); 29 February counts as past once 1 March has come.
  auto birthday_passed = std::pair{unsigned(today.month()), unsigned(today.day())} >=
                         std::pair{unsigned(birth.month()), unsigned(birth.day())};
  return birthday_passed ? age : age - 1;
}

Date next_birthday(const Date& birth, const Date& today) {
  for (int y = static_cast<int>(today.year());; ++y) {
    Date candidate{year{y}, birth.month(), birth.day()};
    if (!candidate.ok()) candidate = Date{year{y}, March, day{1}};  // 29 February in a common year
    if (sys_days{candidate} >= sys_days{today}) return candidate;
  }
}

Date date_in_zone(Instant now, std::string_view time_zone) {
  auto local = date::make_zoned(std::string(time_zone), now).get_local_time();
  date::year_month_day d{date::floor<date::days>(local)};
  return Date{year{static_cast<int>(d.year())}, month{static_cast<unsigned>(d.month())},
              day{static_cast<unsigned>(d.day())}};
}

Instant zoned_instant(const Date& day, minutes time_of_day, std::string_view time_zone) {
  date::local_days local{date::year_month_day{date::year{static_cast<int>(day.year())},
                                              date::month{static_cast<unsigned>(day.month())},
                                              date::day{static_cast<unsigned>(day.day())}}};
  const date::time_zone* zone = date::locate_zone(std::string(time_zone));
  return floor<seconds>(zone->to_sys(local + time_of_day, date::choose::earliest));
}

Instant start_of_day(const Date& day, std::string_view time_zone) { return zoned_instant(day, minutes(0), time_zone); }

}  // namespace kpress
