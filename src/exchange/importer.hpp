#pragma once
// `kpress import`: reads site.toml, Markdown and JSON article files, checks all of them, and
// writes everything in one transaction, or nothing when any file is at fault.
#include <filesystem>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "exchange/import_error.hpp"

namespace kpress {

class Store;

struct ImportFile {
  std::string name;     // shown in errors
  std::string content;
};

struct ImportReport {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<ImportError> errors;  // not empty: nothing was written
  bool ok() const { return errors.empty(); }
};

// The files of PATH: the file itself, or every site.toml, *.md and *.json below the folder, in
// name order. Errors (unreadable path) are reported in `errors`.
std::vector<ImportFile> read_import_path(const std::filesystem::path& path, std::vector<ImportError>& errors);

ImportReport import_files(Store& store, const std::vector<ImportFile>& files, Instant now);

}  // namespace kpress
