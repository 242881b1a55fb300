#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace kpress {

// "16 décembre 2020 à 21:00 UTC+9", in the words of `language` and the clock of `time_zone`
// (an IANA name). Pages put this inside <time datetime="UTC instant"> so a script can show the
// reader's own time instead.
std::string format_date_time(Instant t, std::string_view language, std::string_view time_zone);
// "16 décembre 2020"
std::string format_date(Instant t, std::string_view language, std::string_view time_zone);

// A calendar date in the words of `language`: "16 décembre 2020".
std::string format_calendar_date(const std::chrono::year_month_day& date, std::string_view language);
// "mercredi 16 décembre", in the words of `language`.
std::string format_weekday_day(const std::chrono::year_month_day& date, std::string_view language);
// "décembre": month 1 to 12, standing alone, in the words of `language`.
std::string format_month_name(unsigned month, std::string_view language);
// "21:00" (or "9:00 PM"), in the clock of `time_zone` and the habits of `language`.
std::string format_time(Instant t, std::string_view language, std::string_view time_zone);
// The name of `time_zone` (an IANA name) in the words of `language`: "heure de la Corée".
std::string format_zone_name(std::string_view time_zone, std::string_view language);
// "mercredi et jeudi", in the words of `language`.
std::string format_weekdays(const std::vector<std::chrono::weekday>& days, std::string_view language);
// The day a week starts on where `language` is read, as ICU's data says: Monday in French,
// Sunday in English (the United States') and Korean.
std::chrono::weekday first_day_of_week(std::string_view language);

}  // namespace kpress
