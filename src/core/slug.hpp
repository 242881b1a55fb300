#pragma once
#include <string>
#include <string_view>

namespace kpress {

// A URL slug from a title in any script: transliterated to Latin with ICU, accents folded,
// lower case, runs of anything else turned into one '-', at most `max_length` bytes, cut at a
// word boundary. "L'équipe de «Run On»" gives "l-equipe-de-run-on"; 임시완 gives "imsiwan".
std::string slugify(std::string_view text, std::size_t max_length = 96);

// True when `slug` is what slugify could produce: [a-z0-9] runs joined by single '-'.
bool is_valid_slug(std::string_view slug);

}  // namespace kpress
