#include "core/time.hpp"

#include <date/date.h>

#include <sstream>

namespace kpress {

Instant system_now() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string format_iso8601(Instant t) { return date::format("%FT%TZ", t); }

std::optional<Instant> parse_iso8601(std::string_view text) {
  // Each form is tried whole: a parse that leaves characters behind does not count.
  static constexpr const char* kForms[] = {"%FT%TZ", "%FT%T%Ez", "%FT%T%z", "%F %T", "%FT%T", "%F"};
  for (const char* form : kForms) {
    std::istringstream in{std::string(text)};
    date::sys_seconds t;
    in >> date::parse(form, t);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return t;
  }
  return std::nullopt;
}

}  // namespace kpress
