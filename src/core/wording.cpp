#include "core/wording.hpp"

namespace kpress {

std::string Wording::english() const {
  std::string out = id;
  constexpr std::string_view kPlaceholder = "{value}";
  if (auto at = out.find(kPlaceholder); at != std::string::npos) out.replace(at, kPlaceholder.size(), value);
  return out;
}

}  // namespace kpress
