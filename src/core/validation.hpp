#pragma once
// Rules an article must follow before it is stored, whoever saves it (import, admin).
#include <string>
#include <string_view>
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

// A page or an image of this site (a path, not "//host"), or a web address.
bool is_path_or_http_url(const std::string& url);

// Whether a page may not have this slug: its address ("/SLUG") is an edition's (a language code)
// or one of the site's own ("/search", "/shows"...).
bool page_slug_taken(std::string_view slug, const std::vector<std::string>& languages);

}  // namespace kpress
