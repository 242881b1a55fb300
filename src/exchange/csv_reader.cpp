#include "exchange/csv_reader.hpp"

#include <algorithm>

namespace kpress {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
}

std::optional<std::vector<std::string>> CsvReader::next() {
  if (pos_ >= text_.size()) return std::nullopt;
  record_line_ = current_line_;
  std::vector<std::string> fields(1);
  bool quoted = false;
  while (pos_ < text_.size()) {
    char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          fields.back() += '"';
          ++pos_;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++current_line_;
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      ++current_line_;
      break;
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  if (quoted) malformed_ = true;
  return fields;
}

std::string_view CsvHeader::get(const std::vector<std::string>& row, std::string_view name) const {
  auto it = std::find(names_.begin(), names_.end(), name);
  if (it == names_.end()) return {};
  auto index = static_cast<std::size_t>(it - names_.begin());
  return index < row.size() ? std::string_view(row[index]) : std::string_view();
}

bool CsvHeader::has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

}  // namespace kpress
