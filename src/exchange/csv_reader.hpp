#pragma once
// Reads CSV as RFC 4180 writes it: comma-separated fields, double quotes around fields that hold
// commas, quotes ("" inside) or line breaks; CRLF or LF; a UTF-8 byte order mark is skipped.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kpress {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);
  // The next record, or nothing at the end. `line()` is then the line it started on.
  std::optional<std::vector<std::string>> next();
  int line() const { return record_line_; }
  // A quote left open at the end of the text: the record it began is incomplete.
  bool malformed() const { return malformed_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int current_line_ = 1;
  int record_line_ = 0;
  bool malformed_ = false;
};

// Columns by name for the rows of one file.
class CsvHeader {
 public:
  explicit CsvHeader(const std::vector<std::string>& names) : names_(names) {}
  // The field named `name` in `row`, or "" when the row is too short or there is no such column.
  std::string_view get(const std::vector<std::string>& row, std::string_view name) const;
  bool has(std::string_view name) const;

 private:
  std::vector<std::string> names_;
};

}  // namespace kpress
