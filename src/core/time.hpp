#pragma once
// Instants are UTC seconds; text forms are RFC 3339 / ISO 8601 with a 'Z'.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kpress {

using Instant = std::chrono::sys_seconds;
// What "now" is: the system clock, or a fixed or moving one in tests.
using Clock = std::function<Instant()>;
Instant system_now();

std::string format_iso8601(Instant t);  // 2020-12-16T12:00:00Z
// The HTTP date (RFC 9110's IMF-fixdate), which RSS takes too: Wed, 16 Dec 2020 12:00:00 GMT.
std::string format_http_date(Instant t);
// Accepts 2020-12-16T12:00:00Z, 2020-12-16T21:00:00+09:00, 2020-12-16 12:00:00 (UTC) and
// 2020-12-16 (midnight UTC). Returns nothing when the text is not such a time.
std::optional<Instant> parse_iso8601(std::string_view text);

}  // namespace kpress
