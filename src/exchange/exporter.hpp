#pragma once
// `kpress export`: the whole site as site.toml, catalog.json (shows, people, groups...) and
// one Markdown file per article, which `kpress import` reads back to the same site.
#include <filesystem>
#include <string>

namespace kpress {

class Store;

struct ExportReport {
  int articles = 0;
  std::string error;  // not empty: nothing was written
};

ExportReport export_site(const Store& store, const std::filesystem::path& dir);

}  // namespace kpress
