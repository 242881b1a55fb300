#include "render/xml.hpp"

namespace kpress {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  // Runs of plain text are copied whole: every page's text goes through here.
  std::size_t plain = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool control = static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
    if (!control && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') continue;
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
