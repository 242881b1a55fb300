#pragma once
// A sentence a person reads about what went wrong, kept as a message of the interface's
// catalogs: the newsroom shows it in its editor's language, while logs, the command line and
// the API read its English. `id` is the English text, "{value}" standing where `value` goes.
#include <string>

namespace kpress {

// Marks a message id where it is written (gettext's N_), so scripts/extract-messages lists it
// although it is translated elsewhere.
constexpr const char* N_(const char* id) { return id; }

struct Wording {
  std::string id;
  std::string value;

  bool empty() const { return id.empty(); }
  std::string english() const;
};

}  // namespace kpress
