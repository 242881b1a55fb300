#include "exchange/json_document.hpp"

#include <boost/json/stream_parser.hpp>

#include <algorithm>

namespace kpress {

std::optional<boost::json::value> parse_json_document(std::string_view text, JsonSyntaxError& error) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    auto before = text.substr(0, consumed);
    error.line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    error.message = "not valid JSON: " + ec.message();
    return std::nullopt;
  }
  return parser.release();
}

}  // namespace kpress
