#pragma once
// The entertainment catalog: networks, shows and their broadcast slots, episodes and streaming
// links, people, groups and their members, and credits. Entities refer to each other by slug.
#include <chrono>
#include <map>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace kpress {

using Date = std::chrono::year_month_day;

std::string format_date_iso(const Date& d);  // 2020-12-16
// 2020-12-16, and the M/D/YY of some datasets (8/28/92: years 00-29 are 2000s, 30-99 1900s).
std::optional<Date> parse_date(std::string_view text);

struct Network {
  std::string slug;
  std::string name;                  // MBC
  std::vector<std::string> aliases;  // 문화방송, MBC TV
};

enum class ShowStatus { upcoming, airing, ended };
std::string_view to_string(ShowStatus status);
std::optional<ShowStatus> parse_show_status(std::string_view text);

// "Wednesdays and Thursdays at 21:00 in Asia/Seoul", from a date on (a show's slot may change
// during its run: the slot in force is the last one that has begun).
struct BroadcastSlot {
  std::vector<std::chrono::weekday> weekdays;
  std::optional<std::chrono::minutes> local_time;  // since midnight; unknown in some sources
  std::string time_zone = "Asia/Seoul";
  std::optional<Date> from;
  int episodes = 1;  // shown each slot day: 2 where a network airs an episode in two parts
  bool operator==(const BroadcastSlot&) const = default;
};

// A change to a show's regular schedule, announced by the network. Each names the slot day it
// concerns, a date in the slot's zone.
enum class ScheduleChangeKind {
  preempted,       // nothing airs that day (sports, news); this and later episodes move one slot on
  moved,           // the episode of that slot airs at `new_date` / `new_time` instead; later ones stay
  double_episode,  // that slot shows one episode more than usual; later ones move one slot earlier
  special,         // an extra airing that is not an episode, at `date` / `new_time`
};
std::string_view to_string(ScheduleChangeKind kind);
std::optional<ScheduleChangeKind> parse_schedule_change_kind(std::string_view text);

struct ScheduleChange {
  ScheduleChangeKind kind = ScheduleChangeKind::preempted;
  Date date;
  std::optional<Date> new_date;                   // moved: the day it airs instead (default: the same)
  std::optional<std::chrono::minutes> new_time;   // moved, special: local time (default: the slot's)
  std::string title;                              // special
  std::string reason;
  bool operator==(const ScheduleChange&) const = default;
};

// "21:00" <-> 21 * 60 minutes since midnight.
std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text);
std::string format_time_of_day(std::chrono::minutes time);

// Reads "Wednesday, Thursday", "Wed & Thu", "수요일, 목요일" or "Mon-Tue"; nothing when a part is
// not a day.
std::optional<std::vector<std::chrono::weekday>> parse_weekdays(std::string_view text);
std::string weekday_name(std::chrono::weekday day);  // "Wednesday"

struct StreamingLink {
  std::string provider;               // Netflix
  std::string url;
  std::vector<std::string> regions;   // ISO 3166 codes; empty: everywhere
  bool operator==(const StreamingLink&) const = default;
};

struct Show {
  std::int64_t id = 0;
  std::string slug;
  std::string title;                  // the usual title: Run On
  std::string original_title;         // in Hangul: 런 온
  std::map<std::string, std::string> titles;  // by language, where it differs: {"fr": "..."}
  std::vector<std::string> aliases;   // other known titles, in any script
  std::string network;                // network slug
  std::vector<std::string> genres;
  int episode_count = 0;
  std::optional<Date> first_air_date;
  std::optional<Date> last_air_date;
  std::string synopsis;
  std::string poster_url;
  ShowStatus status = ShowStatus::ended;
  std::vector<BroadcastSlot> slots;
  std::vector<ScheduleChange> schedule_changes;
  std::vector<StreamingLink> streaming;
};

// The slot in force on `day`: the last listed one that has begun (a slot without a `from` date
// applies from the start); null when the show has no slot.
const BroadcastSlot* slot_in_force(const Show& show, const Date& day);
// Is `day` one of the slot's weekdays?
bool airs_on(const BroadcastSlot& slot, const Date& day);

// The title readers of `language` know the show by: its title in that language, for Korean its
// original title, else its title.
const std::string& title_in(const Show& show, const std::string& language);

struct Episode {
  std::string show;  // show slug
  int number = 0;
  std::optional<Instant> airs_at;
  std::string title;
  bool operator==(const Episode&) const = default;
};

struct Person {
  std::int64_t id = 0;
  std::string slug;
  std::string name;                   // Im Siwan
  std::string hangul_name;            // 임시완
  std::vector<std::string> aliases;   // Yim Si-wan, Yim Si Wan
  std::optional<Date> birth_date;
  std::vector<std::string> occupations;
  std::string bio;
};

struct Group {
  std::int64_t id = 0;
  std::string slug;
  std::string name;                   // BTS
  std::string hangul_name;            // 방탄소년단
  std::vector<std::string> aliases;   // Bangtan Boys
  std::optional<Date> debut_date;
  std::string company;
  std::string fandom;
};

// The name readers of `language` know a person or a group by: the Hangul name for Korean (임시완,
// 방탄소년단), else the romanized one (Im Siwan, BTS).
const std::string& name_in(const Person& person, const std::string& language);
const std::string& name_in(const Group& group, const std::string& language);

struct Membership {
  std::string group;   // group slug
  std::string person;  // person slug
  std::string stage_name;
  std::optional<Date> from;
  std::optional<Date> to;
};

enum class CreditRole { main, support, guest };
std::string_view to_string(CreditRole role);
std::optional<CreditRole> parse_credit_role(std::string_view text);

struct Credit {
  std::string show;    // show slug
  std::string person;  // person slug
  std::string character;
  CreditRole role = CreditRole::main;
  int billing = 0;     // order in the cast list, from 1
};

// Age in international years on `today`. Someone born on 29 February turns a year older on
// 1 March in common years.
int age_on(const Date& birth, const Date& today);
// The date of the next birthday on or after `today`.
Date next_birthday(const Date& birth, const Date& today);
// Today's date in an IANA zone at instant `now`: a birthday can be today in Seoul and not yet
// in Paris.
Date date_in_zone(Instant now, std::string_view time_zone);
// A wall-clock time on a date in an IANA zone, as an instant (the earlier one when the clock
// goes back, the first valid one when it skips ahead). Throws std::runtime_error for an unknown
// zone.
Instant zoned_instant(const Date& date, std::chrono::minutes time_of_day, std::string_view time_zone);
// The instant a day begins in an IANA zone (midnight there, or the first instant after a gap).
Instant start_of_day(const Date& day, std::string_view time_zone);

}  // namespace kpress
