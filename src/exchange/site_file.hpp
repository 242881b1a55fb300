#pragma once
// site.toml: the site's settings, languages, sections, authors and tags, as import reads them
// and export writes them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/content.hpp"
#include "exchange/import_error.hpp"

namespace kpress {

// A story pinned to a language edition's front page ([[featured]]), in the file's order.
struct FeaturedEntry {
  std::string language;
  std::string article;  // its slug
  std::optional<Instant> until;
  int line = 0;
};

struct SiteFile {
  std::optional<Site> site;
  std::vector<Language> languages;
  std::vector<Section> sections;
  std::vector<Author> authors;
  std::vector<Tag> tags;
  std::vector<FeaturedEntry> featured;
};

SiteFile parse_site_file(const std::string& file_name, std::string_view text, std::vector<ImportError>& errors);
std::string write_site_file(const SiteFile& site);

}  // namespace kpress
