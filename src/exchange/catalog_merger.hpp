#pragma once
// What every catalog format shares: entities go into the site through here, merged with what it
// already has, and counted.
#include <map>
#include <string>

#include "core/catalog.hpp"
#include "exchange/catalog_import.hpp"
#include "store/store.hpp"

namespace kpress {

class CatalogMerger {
 public:
  // `exact`: an entity given with the slug of one the site has replaces it whole (its names,
  // slots, links, cast, episodes, members are then exactly those given), as the admin's
  // catalog editor wants; otherwise rows are merged in.
  CatalogMerger(WriteTransaction& tx, CatalogImportReport& report, bool exact = false)
      : tx_(tx), report_(report), exact_(exact) {}

  // Each writes the entity, new or merged into one the site has, and returns its slug.
  // A person is the same as one the site has when a name or alias is the same (compared
  // folded) and their birth dates do not differ; a show likewise with its first air year.
  std::string person(Person p);
  std::string show(Show s);
  std::string group(Group g);
  // The network that `name` is a spelling of, created when the site has none.
  std::string network(std::string_view name);
  // Finds networks in a string that may name several ("jTBC Netflix"); nothing when a word
  // belongs to none the site or the reference list knows.
  std::vector<std::string> networks_in(std::string_view text);

  void reject(std::string file, int line, std::string where, std::string reason);

  WriteTransaction& tx() { return tx_; }

 private:
  std::string unique_slug(const std::string& base, EntityKind kind);
  // Entities of this kind that have one of these names, in the order the names come.
  std::vector<std::string> candidates(EntityKind kind, const std::vector<std::string>& names);
  std::optional<std::string> known_network(std::string_view name);

  WriteTransaction& tx_;
  CatalogImportReport& report_;
  bool exact_;
};

// Per format; each reads its files and sends entities through the merger.
void read_tmdb(CatalogMerger& merger, const std::filesystem::path& folder, const ImportProgress& progress);
void read_mdl(CatalogMerger& merger, const std::filesystem::path& file, const ImportProgress& progress);
void read_dbkpop(CatalogMerger& merger, const std::filesystem::path& folder, const ImportProgress& progress);
void read_catalog_json(CatalogMerger& merger, const std::string& file_name, std::string_view text);
// kpress's catalog CSV: one kind a file, told by its columns (see the README).
void read_generic_csv(CatalogMerger& merger, const std::filesystem::path& file, const ImportProgress& progress);

std::string read_text_file(const std::filesystem::path& path);  // throws std::runtime_error naming it

}  // namespace kpress
