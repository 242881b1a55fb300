#pragma once
#include <string>
#include <string_view>

namespace kpress {

// Text for XML content or attributes: & < > " ' escaped, and the control characters XML 1.0
// forbids left out.
std::string xml_escape(std::string_view text);

}  // namespace kpress
