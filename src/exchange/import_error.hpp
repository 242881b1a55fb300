#pragma once
#include <string>

namespace kpress {

// One reason an import was refused, located as precisely as the format allows.
struct ImportError {
  std::string file;
  int line = 0;        // 1-based; 0 when the format gives no line (a field of a JSON article)
  std::string where;   // for JSON: articles[2]; otherwise empty
  std::string field;   // the field at fault, if any
  std::string message;

  std::string to_string() const;  // file:line: field: message
};

}  // namespace kpress
