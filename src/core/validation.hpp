#pragma once
// Rules an article must follow before it is stored, whoever saves it (import, admin).
#include <string>
#include <vector>

#include "core/content.hpp"
#include "core/wording.hpp"

namespace kpress {

struct FieldError {
  std::string field;    // the field as it is named in import files: title, hero.alt, ...
  std::string message;  // for a person: what is wrong and what is expected, in English
  Wording wording = {};  // the same as a message of the catalogs, when it is one

  static FieldError about(std::string field, Wording wording);
};

// What the article needs to know about the site around it.
struct ValidationContext {
  std::vector<std::string> languages;
  std::vector<std::string> sections;
  std::vector<std::string> authors;
};

std::vector<FieldError> validate(const Article& article, const ValidationContext& context);

}  // namespace kpress
