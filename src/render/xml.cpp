#include "render/xml.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace kpress {
namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101, kHighs = 0x8080808080808080;

// Whether any byte of `word` is below `limit` (at most 0x80), or equals `c`: exact for the word
// as a whole, which is all the scan below asks.
constexpr bool any_below(std::uint64_t word, std::uint64_t limit) { return ((word - kOnes * limit) & ~word & kHighs) != 0; }
constexpr bool any_equal(std::uint64_t word, unsigned char c) { return any_below(word ^ (kOnes * c), 1); }

// Eight bytes none of which needs a second look: no & < > " ' and no control character.
bool plain_word(const char* at) {
  std::uint64_t word;
  std::memcpy(&word, at, sizeof word);
  return !any_below(word, 0x20) && !any_equal(word, '&') && !any_equal(word, '<') && !any_equal(word, '>') &&
         !any_equal(word, '"') && !any_equal(word, '\'');
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  // Runs of plain text are copied whole, and scanned eight bytes at a time: every page's text
  // goes through here.
  std::size_t plain = 0;
  static constexpr auto special = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = c != '\t' && c != '\n' && c != '\r';
    for (unsigned char c : std::string_view("&<>\"'")) table[c] = true;
    return table;
  }();
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size() && plain_word(text.data() + i)) {
      i += 8;
      continue;
    }
    for (std::size_t end = std::min(text.size(), i + 8); i < end; ++i) {
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
  }
  out.append(text.substr(plain));
  return out;
}

}  // namespace kpress
