#include "support/interface_text.hpp"

#include "render/theme.hpp"

namespace kpress::testing {

std::vector<std::string> interface_text_in(const std::string& page, std::string_view language) {
  static const Theme theme;
  // Every English id: a piece of a translation that English also writes ("Publication" of
  // "Publication date") tells nothing about the page's language.
  static const std::string english = [] {
    std::string all;
    for (const auto& id : theme.messages().ids("en")) all += id + "\n";
    return all;
  }();
  std::vector<std::string> found;
  for (const auto& id : theme.messages().ids(language)) {
    std::string translated(theme.messages().text(language, id));
    if (translated == id) continue;
    std::string piece;
    auto flush = [&] {
      while (!piece.empty() && (piece.back() == ' ' || piece.back() == ':')) piece.pop_back();
      while (!piece.empty() && (piece.front() == ' ' || piece.front() == ',')) piece.erase(0, 1);
      if (piece.size() >= 6 && english.find(piece) == std::string::npos && page.find(piece) != std::string::npos)
        found.push_back(piece);
      piece.clear();
    };
    // Markup, {{template values}} and {placeholders} are not interface text.
    for (std::size_t i = 0; i < translated.size(); ++i) {
      std::size_t end;
      if (translated[i] == '<') end = translated.find('>', i);
      else if (translated.compare(i, 2, "{{") == 0) end = translated.find("}}", i) + 1;
      else if (translated[i] == '{') end = translated.find('}', i);
      else {
        piece += translated[i];
        continue;
      }
      flush();
      if (end == std::string::npos || end < i) break;
      i = end;
    }
    flush();
  }
  return found;
}

}  // namespace kpress::testing
