#include "core/numbers.hpp"

#include <charconv>

namespace kpress {

std::optional<std::int64_t> parse_whole_number(std::string_view text) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

}  // namespace kpress
