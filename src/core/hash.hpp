#pragma once
// FNV-1a, 64 bits: tells versions of a text apart for ETags and asset versions. Not a
// security hash.
#include <cstdint>
#include <string>
#include <string_view>

namespace kpress {

inline constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;

constexpr std::uint64_t fnv1a(std::string_view data, std::uint64_t h = kFnvOffset) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string hex64(std::uint64_t value);  // 16 lower-case hex digits

}  // namespace kpress
