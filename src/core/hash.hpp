#pragma once
// XXH3, 64 bits: tells versions of a text apart for ETags and asset versions. An 11 KB page is
// hashed in half a microsecond (FNV-1a, a byte at a time, took 15). Not a security hash.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kpress {

// `seed` chains hashes: content_hash(b, content_hash(a)) tells (a, b) pairs apart.
std::uint64_t content_hash(std::string_view data, std::uint64_t seed = 0);

std::string hex64(std::uint64_t value);  // 16 lower-case hex digits

// Bytes as lower-case hex digits, and back (nullopt: not an even count of hex digits).
std::string to_hex(std::string_view bytes);
std::optional<std::string> from_hex(std::string_view hex);

}  // namespace kpress
