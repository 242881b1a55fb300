#include "core/schedule.hpp"

#include <date/tz.h>

#include <algorithm>
#include <map>

namespace kpress {

using namespace std::chrono;

std::string_view to_string(AiringKind kind) {
  switch (kind) {
    case AiringKind::episode: return "episode";
    case AiringKind::preempted: return "preempted";
    case AiringKind::special: return "special";
  }
  return "episode";
}

bool is_time_zone(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  try {
    date::locate_zone(std::string(name));
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

seconds utc_offset(Instant t, std::string_view time_zone) {
  return date::locate_zone(std::string(time_zone))->get_info(t).offset;
}

std::string format_iso8601_in_zone(Instant t, std::string_view time_zone) {
  return date::format("%FT%T%Ez", date::make_zoned(date::locate_zone(std::string(time_zone)), t));
}

std::vector<Airing> airings_of(const Show& show, const std::vector<Episode>& known) {
  std::vector<Airing> out;
  std::multimap<sys_days, const ScheduleChange*> changes;
  for (const auto& c : show.schedule_changes) changes.emplace(sys_days{c.date}, &c);

  if (show.first_air_date && show.episode_count > 0) {
    int next = 1;
    int shifts = 0;     // changes so far that moved every later episode
    int idle_days = 0;  // a year without a slot day ends the search: the slots cannot place the rest
    for (sys_days day{*show.first_air_date}; next <= show.episode_count && idle_days < 366; day += days{1}) {
      Date date{day};
      const BroadcastSlot* slot = slot_in_force(show, date);
      if (!slot || !slot->local_time || !airs_on(*slot, date)) {
        ++idle_days;
        continue;
      }
      idle_days = 0;
      Instant at = zoned_instant(date, *slot->local_time, slot->time_zone);
      int count = std::max(1, slot->episodes);
      const ScheduleChange* moved = nullptr;
      const ScheduleChange* preempted = nullptr;
      int extra = 0;
      for (auto [it, end] = changes.equal_range(day); it != end; ++it) {
        switch (it->second->kind) {
          case ScheduleChangeKind::preempted: preempted = it->second; break;
          case ScheduleChangeKind::moved: moved = it->second; break;
          case ScheduleChangeKind::double_episode: ++extra; break;
          case ScheduleChangeKind::special: break;
        }
      }
      if (preempted) {
        out.push_back({AiringKind::preempted, 0, 0, at, slot->time_zone, std::nullopt, "", preempted->reason, 1,
                       "preempted-" + format_date_iso(date)});
        ++shifts;
        continue;
      }
      Airing a{AiringKind::episode, next, std::min(show.episode_count, next + count + extra - 1), at, slot->time_zone,
               std::nullopt, "", "", shifts, ""};
      a.key = "episode-" + std::to_string(a.episode);
      if (extra) {
        ++a.sequence;  // it shows more than before
        shifts += extra;
      }
      if (moved) {
        a.original_start = at;
        a.start = zoned_instant(moved->new_date.value_or(date), moved->new_time.value_or(*slot->local_time),
                                slot->time_zone);
        a.reason = moved->reason;
        ++a.sequence;
      }
      next = a.last_episode + 1;
      out.push_back(std::move(a));
    }
  }

  for (auto& a : out) {
    if (a.kind != AiringKind::episode) continue;
    for (const auto& e : known) {
      if (e.number != a.episode) continue;
      a.title = e.title;
      if (e.airs_at && *e.airs_at != a.start) {
        if (!a.original_start) a.original_start = a.start;
        a.start = *e.airs_at;
      }
    }
  }

  for (const auto& c : show.schedule_changes) {
    if (c.kind != ScheduleChangeKind::special) continue;
    const BroadcastSlot* slot = slot_in_force(show, c.date);
    std::string zone = slot ? slot->time_zone : "Asia/Seoul";
    minutes time = c.new_time.value_or(slot && slot->local_time ? *slot->local_time : minutes(0));
    std::string key = "special-" + format_date_iso(c.date) + "-" + format_time_of_day(time).erase(2, 1);
    out.push_back({AiringKind::special, 0, 0, zoned_instant(c.date, time, zone), zone, std::nullopt, c.title, c.reason, 0,
                   key});
  }
  std::stable_sort(out.begin(), out.end(), [](const Airing& a, const Airing& b) { return a.start < b.start; });
  return out;
}

std::optional<Airing> next_airing(const std::vector<Airing>& airings, Instant now) {
  for (const auto& a : airings) {
    if (a.kind == AiringKind::episode && a.start >= now) return a;
  }
  return std::nullopt;
}

}  // namespace kpress
