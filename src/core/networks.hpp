#pragma once
// Korean broadcasters and streaming services under their usual names, with the other spellings
// found in real data (jTBC, 문화방송, KBS 2TV...). Reference data, used to give a network one
// page whatever a source calls it.
#include <span>
#include <string_view>

namespace kpress {

struct KnownNetwork {
  std::string_view slug;
  std::string_view name;
  std::span<const std::string_view> aliases;
  bool streaming = false;  // a service rather than a broadcaster: not a show's first network
};

std::span<const KnownNetwork> known_networks();

}  // namespace kpress
