#include "exchange/json_document.hpp"

#include <boost/json/serialize.hpp>
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

namespace {

void write_pretty(std::string& out, const boost::json::value& v, int depth) {
  auto newline = [&](int d) { out += '\n' + std::string(static_cast<std::size_t>(2 * d), ' '); };
  if (const auto* o = v.if_object(); o && !o->empty()) {
    out += '{';
    bool first = true;
    for (const auto& [key, member] : *o) {
      out += first ? "" : ",";
      first = false;
      newline(depth + 1);
      out += boost::json::serialize(boost::json::value(key)) + ": ";
      write_pretty(out, member, depth + 1);
    }
    newline(depth);
    out += '}';
  } else if (const auto* a = v.if_array(); a && !a->empty()) {
    out += '[';
    for (std::size_t i = 0; i < a->size(); ++i) {
      out += i ? "," : "";
      newline(depth + 1);
      write_pretty(out, (*a)[i], depth + 1);
    }
    newline(depth);
    out += ']';
  } else {
    out += boost::json::serialize(v);
  }
}

}  // namespace

std::string pretty_json(const boost::json::value& value) {
  std::string out;
  write_pretty(out, value, 0);
  return out + "\n";
}

}  // namespace kpress
