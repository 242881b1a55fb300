#pragma once
// `kpress catalog import`: networks, shows, people, groups and their links from a real dataset
// (tmdb, mdl, dbkpop) or kpress's own JSON. Rows are merged into what the site has: the same
// person spelled another way, or imported again, updates one entity and never adds a second.
// A row that cannot be used is rejected with its line and reason; the others are imported, all
// in one transaction.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity_matcher.hpp"
#include "core/time.hpp"

namespace kpress {

class Store;

enum class CatalogFormat { tmdb, mdl, dbkpop, csv, json };
std::optional<CatalogFormat> parse_catalog_format(std::string_view name);

struct RejectedRow {
  std::string file;
  int line = 0;        // 0: not known (JSON)
  std::string where;   // JSON: shows[3]
  std::string reason;
  std::string to_string() const;
};

struct CatalogImportReport {
  int imported = 0;  // new entities
  int merged = 0;    // rows that updated an entity the site already had
  std::vector<RejectedRow> rejected;
  std::string error;  // not empty: the import could not run at all, and nothing was written
};

// Called now and then while rows are read: the file, rows done, rows in all.
using ImportProgress = std::function<void(std::string_view file, std::size_t done, std::size_t total)>;

// `path` is the dataset's folder (tmdb, dbkpop) or file (mdl, json).
CatalogImportReport import_catalog(Store& store, CatalogFormat format, const std::filesystem::path& path,
                                   const ImportProgress& progress = {});
// The whole catalog in the JSON format import_catalog_json reads, one entity a line.
std::string write_catalog_json(const Store& store);

// The same from JSON text already in memory (the demo catalog).
// `strict`: a single rejected row and nothing is written (what `kpress import` wants).
CatalogImportReport import_catalog_json(Store& store, const std::string& file_name, std::string_view text,
                                        bool strict = false);

// The admin's catalog editor: entities in the same JSON, each given with its slug replacing the
// one the site has whole (what it lists is all it has: an alias, slot, cast member or episode
// left out is gone), a new slug making a new entity. All or nothing: any rejected row and
// nothing is written.
CatalogImportReport save_catalog_entry(Store& store, std::string_view text);
// One entity in that JSON, laid out for editing; "" when the site has no such entity.
std::string catalog_entry_json(const Store& store, EntityKind kind, std::string_view slug);

}  // namespace kpress
