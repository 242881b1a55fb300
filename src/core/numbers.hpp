#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace kpress {

// The whole of `text` as a base-10 integer, or nothing (empty, signs aside from '-', spaces,
// trailing characters, overflow).
std::optional<std::int64_t> parse_whole_number(std::string_view text);

}  // namespace kpress
