#pragma once
// When a show airs: every airing as a UTC instant, computed from its broadcast slots, episode
// count and first air date, with the changes announced along the way applied. Slot times are
// wall-clock times in the slot's IANA zone, so daylight-saving rules of that zone (and of the
// reader's, when shown) come from the tz database, never from fixed offsets.
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"

namespace kpress {

// What an airing is: an episode (or two back to back), a slot with no episode, or a special.
enum class AiringKind { episode, preempted, special };
std::string_view to_string(AiringKind kind);

struct Airing {
  AiringKind kind = AiringKind::episode;
  int episode = 0;        // the first episode shown; 0 for a special or a pre-empted slot
  int last_episode = 0;   // the last one: episode + 1 for a double episode
  Instant start;
  std::string time_zone;  // the slot's: the zone the network announces the time in
  std::optional<Instant> original_start;  // a moved episode: when its slot was
  std::string title;      // a special's, or the episode's when known
  std::string reason;     // why it was pre-empted, moved or added: "Coupe du monde"
  // How many announced changes moved this airing: iCalendar's SEQUENCE, so calendars that
  // subscribed update the same event rather than keep a stale one.
  int sequence = 0;
  // Stable across changes: "episode-5", "preempted-2020-12-23", "special-2020-12-25-2100".
  std::string key;
};

// Every airing of `show`, in order of start. Episodes are laid on the slot days from the first
// air date on, in the slot in force each day (a slot applies from its `from` date), until
// `episode_count` are placed; a show without a first air date, a slot time or an episode count
// has no computable schedule. `known` episodes with an `airs_at` of their own keep it.
std::vector<Airing> airings_of(const Show& show, const std::vector<Episode>& known = {});

// The first episode airing that starts at or after `now`.
std::optional<Airing> next_airing(const std::vector<Airing>& airings, Instant now);

// Is `name` a zone of the IANA database ("Europe/Paris")?
bool is_time_zone(std::string_view name);
// The offset from UTC in force in `time_zone` at `t`, such as +01:00 for Paris in winter.
std::chrono::seconds utc_offset(Instant t, std::string_view time_zone);
// 2020-12-16T13:00:00+01:00: the instant in the zone's wall-clock time with its offset.
std::string format_iso8601_in_zone(Instant t, std::string_view time_zone);

}  // namespace kpress
