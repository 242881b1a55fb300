#pragma once
// iCalendar (RFC 5545) documents for calendar subscriptions: timed events written in their
// zone's wall-clock time with a VTIMEZONE for every TZID used (so calendar applications follow
// the zone's rules), and all-day events that come back every year.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/time.hpp"

namespace kpress {

struct CalendarEvent {
  std::string uid;   // stable: a change updates the same event
  int sequence = 0;  // raised by each change to the event
  std::string summary;
  std::string description;
  std::string location;
  std::string url;
  // A timed event: its start, length and the IANA zone its times are written in...
  std::optional<Instant> start;
  std::chrono::minutes duration{60};
  std::string time_zone = "UTC";
  // ...or an all-day event on `date`, every year from it when `yearly` (a 29 February comes back
  // on 1 March in common years).
  std::optional<Date> date;
  bool yearly = false;
};

struct Calendar {
  std::string name;         // X-WR-CALNAME, what calendar applications title it
  std::string description;
  Instant stamp;            // DTSTAMP of every event: when this document was made
  std::vector<CalendarEvent> events;
};

// CRLF line ends, lines folded at 75 octets, text escaped. Throws std::runtime_error for an
// unknown zone.
std::string render_icalendar(const Calendar& calendar);

}  // namespace kpress
