#pragma once
// A multipart/form-data body (a form with a file), read by GMime's MIME parser.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kpress::http {

struct FormPart {
  std::string name;          // the form field
  std::string filename;      // for a file; empty otherwise
  std::string content_type;  // as the browser labelled it
  std::string data;
};

// Nothing when `content_type` is not multipart/form-data with a boundary, or the body does not
// parse as one.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace kpress::http
