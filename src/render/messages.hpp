#pragma once
// Interface text per language, from GNU gettext catalogs: a theme's locale/LANG.po, the files
// translators already edit with Poedit or Weblate. Message ids are the English text; a language
// without a catalog, or a message its catalog leaves untranslated, shows the English.
// The .po text is read by GNU's own parser (libgettextpo), which names the line of a malformed
// entry; lookups and plural rules (each catalog's own Plural-Forms) are Boost.Locale's.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kpress {

class Messages {
 public:
  Messages();
  ~Messages();
  Messages(Messages&&) noexcept;
  Messages& operator=(Messages&&) noexcept;

  // Reads `po` (the text of a .po file, named `where` in errors) as the catalog of `language`,
  // replacing any read before. Throws std::runtime_error naming `where` and the line of the first
  // malformed entry.
  void add(const std::string& language, std::string_view po, const std::string& where);

  // `id` in `language`: its translation, else `id` itself.
  std::string_view text(std::string_view language, std::string_view id) const;
  // The form for `n` of a message with a singular and a plural id, by the language's rules.
  std::string_view plural(std::string_view language, std::string_view singular, std::string_view plural,
                          long long n) const;

  // That form with "{n}" replaced by `n` written as `language` writes numbers ("1 234", "1,234").
  std::string counted(std::string_view language, std::string_view singular, std::string_view plural,
                      long long n) const;

  // `share` (0 to 1) as a whole percentage written as `language` writes one ("95 %", "95%").
  std::string percent(std::string_view language, double share) const;

  // The languages with a catalog, and the message ids each catalog lists (translated or not).
  std::vector<std::string> languages() const;
  bool has(std::string_view language) const { return catalogs_.find(language) != catalogs_.end(); }
  std::vector<std::string> ids(std::string_view language) const;

 private:
  struct Catalog;
  std::map<std::string, std::unique_ptr<Catalog>, std::less<>> catalogs_;
};

// A language's name in itself, as ICU's locale data writes it: "français", "English", "한국어".
std::string language_own_name(std::string_view code);
// Whether `code` is written right to left (Arabic, Persian, Hebrew), as ICU's data says.
bool is_right_to_left(std::string_view code);

}  // namespace kpress
