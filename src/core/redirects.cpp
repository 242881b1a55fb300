#include "core/redirects.hpp"

#include <array>
#include <boost/url/parse.hpp>

namespace kpress {
namespace {

// The query parameters of WordPress's plain addresses, in the order a key lists them.
constexpr std::array<std::string_view, 7> kIdParameters{"p", "page_id", "attachment_id", "cat", "tag", "author", "lang"};

}  // namespace

std::optional<std::string> redirect_key(std::string_view address) {
  // An address written with its characters ("/2020/12/16/컴백-bts", as an import makes them)
  // is not a URI until they are percent-encoded: they are, and decoded again below.
  std::string encoded;
  for (unsigned char c : address) {
    if (c >= 0x80 || c == ' ' || c < 0x20) {
      constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xF];
    } else {
      encoded += static_cast<char>(c);
    }
  }
  auto parsed = boost::urls::parse_uri_reference(encoded);
  if (!parsed) return std::nullopt;
  std::string key = parsed->path();  // decoded
  if (key.find('\0') != std::string::npos) return std::nullopt;
  if (key.empty() || key.front() != '/') key.insert(key.begin(), '/');
  while (key.size() > 1 && key.back() == '/') key.pop_back();
  std::string query;
  for (auto name : kIdParameters) {
    auto it = parsed->params().find(name);
    if (it == parsed->params().end() || !(*it).has_value) continue;
    std::string value = (*it).value;
    if (value.empty() || value.find('\0') != std::string::npos) continue;
    query += query.empty() ? '?' : '&';
    query += name;
    query += '=';
    query += value;
  }
  return key + query;
}

std::optional<ArchiveSuffix> archive_suffix(std::string_view key) {
  if (key.find('?') != std::string_view::npos) return std::nullopt;
  for (std::string_view feed : {"/feed", "/feed/rss2", "/feed/atom", "/feed/rss"}) {
    if (key.ends_with(feed)) {
      auto base = key.substr(0, key.size() - feed.size());
      return ArchiveSuffix{base.empty() ? std::string("/") : std::string(base), feed == "/feed/atom" ? "/feed.atom" : "/feed.xml"};
    }
  }
  // ".../page/N": N a page number
  auto slash = key.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return std::nullopt;
  auto number = key.substr(slash + 1);
  if (number.empty() || number.size() > 6 || number.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  auto before = key.substr(0, slash);
  if (!before.ends_with("/page")) return std::nullopt;
  auto base = before.substr(0, before.size() - 5);
  return ArchiveSuffix{base.empty() ? std::string("/") : std::string(base), "?page=" + std::string(number)};
}

}  // namespace kpress
