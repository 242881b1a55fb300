#pragma once
// A site's data folder: DIR/kpress.db (the SQLite store, unless the site is in PostgreSQL),
// DIR/media/ (files served under /media/), DIR/theme/ (optional overrides of the default theme).
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "store/store.hpp"

namespace kpress {

struct DataDir {
  std::filesystem::path root;
  // postgresql://USER@HOST/DB: the site's database; empty: SQLite, in database().
  std::string database_url;
  // PostgreSQL: the longest a statement may run (waiting on a lock, a server too busy): past
  // it, the request gets a 503 rather than hold a thread.
  std::chrono::milliseconds statement_timeout{5000};
  std::filesystem::path database() const { return root / "kpress.db"; }
  std::filesystem::path media() const { return root / "media"; }
  std::filesystem::path theme() const { return root / "theme"; }
  std::filesystem::path secret() const { return root / "secret.key"; }
  std::filesystem::path search() const { return root / "search"; }  // the Xapian index
};

// The site's database, as it is: SQLite in the data folder, or PostgreSQL at its URL (a URL of
// another kind is refused). Migrations are not applied. Throws std::runtime_error (no database
// to open and `create` false) or StoreError (a server that cannot be reached).
std::unique_ptr<Store> open_store(const DataDir& dir, bool create);

// Opens the store and applies pending migrations. When it holds no site yet, creates one: with
// the demo content, or with bare defaults when `with_demo` is false. What every page asks is
// kept in memory over it (MemoizedStore). Throws std::runtime_error with a message for the user.
std::unique_ptr<Store> open_site(const DataDir& dir, bool create, bool with_demo);

// The site's secret key (signs readers' cookies): DIR/secret.key, made on first use, readable
// by its owner only. Throws std::runtime_error when it cannot be read or written.
std::string site_secret(const DataDir& dir);

}  // namespace kpress
