#include "exchange/catalog_import.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/networks.hpp"
#include "core/slug.hpp"
#include "exchange/catalog_merger.hpp"

namespace kpress {

namespace fs = std::filesystem;

std::optional<CatalogFormat> parse_catalog_format(std::string_view name) {
  if (name == "tmdb") return CatalogFormat::tmdb;
  if (name == "mdl") return CatalogFormat::mdl;
  if (name == "dbkpop") return CatalogFormat::dbkpop;
  if (name == "csv") return CatalogFormat::csv;
  if (name == "json") return CatalogFormat::json;
  return std::nullopt;
}

std::string RejectedRow::to_string() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (!where.empty()) s += ": " + where;
  return s + ": " + reason;
}

std::string read_text_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

namespace {

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (value.empty()) return;
  auto folded = fold_name(value);
  for (const auto& existing : list) {
    if (fold_name(existing) == folded) return;
  }
  list.push_back(value);
}

// Adds to `into` what `from` knows and `into` does not; `from`'s names become aliases.
void merge_names(std::vector<std::string>& aliases, const std::string& into_name, const std::string& from_name,
                 const std::vector<std::string>& from_aliases) {
  if (fold_name(from_name) != fold_name(into_name)) add_unique(aliases, from_name);
  for (const auto& a : from_aliases) {
    if (fold_name(a) != fold_name(into_name)) add_unique(aliases, a);
  }
}

// What a source says of an entity it names by slug replaces what the site had; a source that
// only matched a spelling fills in what the site lacks and changes nothing else.
template <typename T>
void fill(T& into, const T& from, bool replace = false) {
  if (into == T{} || (replace && from != T{})) into = from;
}

}  // namespace

std::string CatalogMerger::unique_slug(const std::string& base_text, EntityKind kind) {
  std::string base = slugify(base_text);
  if (base.empty()) base = std::string(to_string(kind));
  std::string slug = base;
  for (int n = 2;; ++n) {
    bool taken = kind == EntityKind::person ? tx_.person(slug).has_value()
                 : kind == EntityKind::show ? tx_.show(slug).has_value()
                                            : tx_.group(slug).has_value();
    if (!taken) return slug;
    slug = base + "-" + std::to_string(n);
  }
}

std::vector<std::string> CatalogMerger::candidates(EntityKind kind, const std::vector<std::string>& names) {
  std::vector<std::string> slugs;
  for (const auto& name : names) {
    if (name.empty()) continue;
    for (auto& slug : tx_.slugs_by_alias(kind, name)) {
      if (std::find(slugs.begin(), slugs.end(), slug) == slugs.end()) slugs.push_back(std::move(slug));
    }
  }
  return slugs;
}

std::string CatalogMerger::person(Person p) {
  if (exact_ && !p.slug.empty() && tx_.person(p.slug)) {
    tx_.save_person(p);
    ++report_.merged;
    return p.slug;
  }
  std::vector<std::string> names{p.name, p.hangul_name};
  names.insert(names.end(), p.aliases.begin(), p.aliases.end());
  // A slug given by the source names the entity: it is that one, or a new one.
  auto slugs = p.slug.empty() ? candidates(EntityKind::person, names) : std::vector<std::string>{p.slug};
  for (const auto& slug : slugs) {
    auto existing = tx_.person(slug);
    if (!existing) continue;
    if (existing->birth_date && p.birth_date && existing->birth_date != p.birth_date) continue;  // a namesake
    bool replace = !p.slug.empty();
    merge_names(existing->aliases, existing->name, p.name, p.aliases);
    fill(existing->name, p.name, replace);
    fill(existing->hangul_name, p.hangul_name, replace);
    fill(existing->birth_date, p.birth_date, replace);
    fill(existing->bio, p.bio, replace);
    for (const auto& o : p.occupations) add_unique(existing->occupations, o);
    tx_.save_person(*existing);
    ++report_.merged;
    return existing->slug;
  }
  if (p.slug.empty()) p.slug = unique_slug(p.name, EntityKind::person);
  tx_.save_person(p);
  ++report_.imported;
  return p.slug;
}

std::string CatalogMerger::show(Show s) {
  if (exact_ && !s.slug.empty() && tx_.show(s.slug)) {
    tx_.clear_show_cast_and_episodes(s.slug);
    tx_.save_show(s);
    ++report_.merged;
    return s.slug;
  }
  std::vector<std::string> names{s.title, s.original_title};
  names.insert(names.end(), s.aliases.begin(), s.aliases.end());
  for (const auto& [language, title] : s.titles) names.push_back(title);
  auto slugs = s.slug.empty() ? candidates(EntityKind::show, names) : std::vector<std::string>{s.slug};
  for (const auto& slug : slugs) {
    auto existing = tx_.show(slug);
    if (!existing) continue;
    if (existing->first_air_date && s.first_air_date && existing->first_air_date->year() != s.first_air_date->year())
      continue;  // a remake or another show with the same title
    bool replace = !s.slug.empty();
    merge_names(existing->aliases, existing->title, s.title, s.aliases);
    fill(existing->title, s.title, replace);
    fill(existing->original_title, s.original_title, replace);
    for (const auto& [language, title] : s.titles) {
      if (replace) existing->titles[language] = title;
      else existing->titles.emplace(language, title);
    }
    fill(existing->network, s.network, replace);
    fill(existing->episode_count, s.episode_count, replace);
    fill(existing->first_air_date, s.first_air_date, replace);
    fill(existing->last_air_date, s.last_air_date, replace);
    fill(existing->synopsis, s.synopsis, replace);
    fill(existing->poster_url, s.poster_url, replace);
    if (replace) existing->status = s.status;
    for (const auto& g : s.genres) add_unique(existing->genres, g);
    fill(existing->slots, s.slots, replace);
    fill(existing->schedule_changes, s.schedule_changes, replace);
    fill(existing->streaming, s.streaming, replace);
    tx_.save_show(*existing);
    ++report_.merged;
    return existing->slug;
  }
  if (s.slug.empty()) s.slug = unique_slug(s.title, EntityKind::show);
  tx_.save_show(s);
  ++report_.imported;
  return s.slug;
}

std::string CatalogMerger::group(Group g) {
  if (exact_ && !g.slug.empty() && tx_.group(g.slug)) {
    tx_.clear_group_members(g.slug);
    tx_.save_group(g);
    ++report_.merged;
    return g.slug;
  }
  std::vector<std::string> names{g.name, g.hangul_name};
  names.insert(names.end(), g.aliases.begin(), g.aliases.end());
  auto slugs = g.slug.empty() ? candidates(EntityKind::group, names) : std::vector<std::string>{g.slug};
  for (const auto& slug : slugs) {
    auto existing = tx_.group(slug);
    if (!existing) continue;
    bool replace = !g.slug.empty();
    merge_names(existing->aliases, existing->name, g.name, g.aliases);
    fill(existing->name, g.name, replace);
    fill(existing->hangul_name, g.hangul_name, replace);
    fill(existing->debut_date, g.debut_date, replace);
    fill(existing->company, g.company, replace);
    fill(existing->fandom, g.fandom, replace);
    tx_.save_group(*existing);
    ++report_.merged;
    return existing->slug;
  }
  if (g.slug.empty()) g.slug = unique_slug(g.name, EntityKind::group);
  tx_.save_group(g);
  ++report_.imported;
  return g.slug;
}

std::optional<std::string> CatalogMerger::known_network(std::string_view name) {
  if (auto slug = tx_.network_by_alias(name)) return slug;
  std::string folded = fold_name(name);
  for (const auto& k : known_networks()) {
    bool match = fold_name(k.name) == folded;
    for (auto alias : k.aliases) match = match || fold_name(alias) == folded;
    if (!match) continue;
    Network n{std::string(k.slug), std::string(k.name), {}};
    for (auto alias : k.aliases) n.aliases.emplace_back(alias);
    tx_.save_network(n);
    return n.slug;
  }
  return std::nullopt;
}

std::string CatalogMerger::network(std::string_view name) {
  if (auto slug = known_network(name)) return *slug;
  std::string slug = slugify(name);
  tx_.save_network({slug, std::string(name), {}});
  return slug;
}

std::vector<std::string> CatalogMerger::networks_in(std::string_view text) {
  if (auto whole = known_network(text)) return {*whole};
  // Words, longest known run first: "Channel A Netflix" is Channel A and Netflix.
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;) words.push_back(w);
  std::vector<std::string> found;
  for (std::size_t i = 0; i < words.size();) {
    std::size_t taken = 0;
    for (std::size_t n = words.size() - i; n > 0 && !taken; --n) {
      std::string candidate;
      for (std::size_t k = i; k < i + n; ++k) candidate += (k > i ? " " : "") + words[k];
      if (auto slug = known_network(candidate)) {
        if (std::find(found.begin(), found.end(), *slug) == found.end()) found.push_back(*slug);
        taken = n;
      }
    }
    if (!taken) return {};
    i += taken;
  }
  // Broadcasters first: "Netflix tvN" is a tvN show that Netflix streams.
  std::stable_partition(found.begin(), found.end(), [](const std::string& slug) {
    for (const auto& k : known_networks()) {
      if (k.slug == slug) return !k.streaming;
    }
    return true;
  });
  return found;
}

void CatalogMerger::reject(std::string file, int line, std::string where, std::string reason) {
  report_.rejected.push_back({std::move(file), line, std::move(where), std::move(reason)});
}

namespace {

CatalogImportReport run(Store& store, const std::function<void(CatalogMerger&)>& read, bool strict = false,
                        bool exact = false) {
  CatalogImportReport report;
  try {
    auto tx = store.begin_write();
    CatalogMerger merger(*tx, report, exact);
    read(merger);
    if (strict && !report.rejected.empty()) {
      report.imported = report.merged = 0;
      return report;  // rolled back
    }
    tx->commit();
  } catch (const std::exception& e) {
    report = CatalogImportReport{};
    report.error = e.what();
  }
  return report;
}

}  // namespace

CatalogImportReport import_catalog(Store& store, CatalogFormat format, const fs::path& path,
                                   const ImportProgress& progress) {
  return run(store, [&](CatalogMerger& merger) {
    switch (format) {
      case CatalogFormat::tmdb: read_tmdb(merger, path, progress); break;
      case CatalogFormat::mdl: read_mdl(merger, path, progress); break;
      case CatalogFormat::dbkpop: read_dbkpop(merger, path, progress); break;
      case CatalogFormat::csv: read_generic_csv(merger, path, progress); break;
      case CatalogFormat::json: read_catalog_json(merger, path.string(), read_text_file(path)); break;
    }
  });
}

CatalogImportReport import_catalog_json(Store& store, const std::string& file_name, std::string_view text,
                                        bool strict) {
  return run(store, [&](CatalogMerger& merger) { read_catalog_json(merger, file_name, text); }, strict);
}

CatalogImportReport save_catalog_entry(Store& store, std::string_view text) {
  return run(store, [&](CatalogMerger& merger) { read_catalog_json(merger, "catalog entry", text); }, true, true);
}

}  // namespace kpress
