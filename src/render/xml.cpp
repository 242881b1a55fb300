#include "render/xml.hpp"

#include <array>

namespace kpress {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  // Runs of plain text are copied whole: every page's text goes through here.
  std::size_t plain = 0;
  static constexpr auto special = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = c != '\t' && c != '\n' && c != '\r';
    for (unsigned char c : std::string_view("&<>\"'")) table[c] = true;
    return table;
  }();
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!special[static_cast<unsigned char>(c)]) continue;
    out.append(text.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: break;  // a control character: left out
    }
  }
  out.append(text.substr(plain));
  return out;
}

}  // namespace kpress
