#pragma once
// Airings as pages and calendars show them, and the reader's time zone.
#include <optional>
#include <string>
#include <vector>

#include "core/schedule.hpp"
#include "core/wording.hpp"
#include "render/icalendar.hpp"
#include "render/theme.hpp"

namespace kpress {

class Store;
struct SiteContext;
struct Speech;

// The zone times are shown in: ?tz=ZONE when the reader asked for one, the site's otherwise.
struct ReaderZone {
  std::string zone;
  bool asked = false;   // from ?tz=: pages then show server-rendered times, not the script's
  Wording error;        // set when ?tz= names no IANA zone
};
ReaderZone reader_zone(std::string_view target, const SiteContext& context);

// Every airing of `show`: its slots and changes, with the episodes the store knows.
std::vector<Airing> show_airings(const Show& show, const Store& store);

// "Episode 5", "Episodes 5 and 6", a special's title, or "No airing", as `speech` says them.
std::string airing_label(const Airing& airing, const Speech& speech);

// {label, is_preempted, is_special, moved (time or false), reason, time {iso, date_time, clock,
// local}} in `zone`.
TemplateData airing_view(const Airing& airing, const SiteContext& context, const ReaderZone& zone, const Speech& speech);

// The calendar event of an episode or a special (a pre-empted slot has none).
std::optional<CalendarEvent> airing_event(const Airing& airing, const Show& show, const std::string& network_name,
                                          const SiteContext& context, const Speech& speech);

// example.org, from the site's address: what makes event UIDs unique to this site.
std::string uid_domain(const SiteContext& context);

}  // namespace kpress
