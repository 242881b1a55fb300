#pragma once
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace kpress {

struct JsonSyntaxError {
  int line = 0;
  std::string message;  // "not valid JSON: ..."
};

// Parses JSON text; on a syntax error, `error` says what and on which line.
std::optional<boost::json::value> parse_json_document(std::string_view text, JsonSyntaxError& error);

// JSON text for people to read and edit: one member or element a line, indented by two.
std::string pretty_json(const boost::json::value& value);

}  // namespace kpress
