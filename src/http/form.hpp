#pragma once
// An application/x-www-form-urlencoded body, as browsers send forms: names and values
// percent-decoded, '+' read as a space.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kpress::http {

class Form {
 public:
  // Nothing when the body is not valid form encoding (a bad %-escape, a NUL byte).
  static std::optional<Form> parse(std::string_view body);
  // The first value of `name`; "" when absent.
  std::string get(std::string_view name) const;
  bool has(std::string_view name) const { return values_.contains(name); }
  const std::vector<std::string>& all(std::string_view name) const;

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

}  // namespace kpress::http
