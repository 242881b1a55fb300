#pragma once
// A site's data folder: DIR/kpress.db (the SQLite store), DIR/media/ (files served under
// /media/), DIR/theme/ (optional overrides of the default theme).
#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite/sqlite_store.hpp"

namespace kpress {

struct DataDir {
  std::filesystem::path root;
  std::filesystem::path database() const { return root / "kpress.db"; }
  std::filesystem::path media() const { return root / "media"; }
  std::filesystem::path theme() const { return root / "theme"; }
  std::filesystem::path secret() const { return root / "secret.key"; }
  std::filesystem::path search() const { return root / "search"; }  // the Xapian index
};

// Opens the store in `dir` and applies pending migrations. When the folder holds no site yet,
// creates one: with the demo content, or with bare defaults when `with_demo` is false.
// Throws std::runtime_error with a message for the user.
std::unique_ptr<sqlite::SqliteStore> open_site(const DataDir& dir, bool create, bool with_demo);

// The site's secret key (signs readers' cookies): DIR/secret.key, made on first use, readable
// by its owner only. Throws std::runtime_error when it cannot be read or written.
std::string site_secret(const DataDir& dir);

}  // namespace kpress
