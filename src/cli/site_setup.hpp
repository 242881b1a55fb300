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
  // Where media/ and media-originals/ are: the data folder, unless the nodes of a site share
  // another (`[media] dir`, a mount every node has).
  std::filesystem::path shared_media;
  std::filesystem::path database() const { return root / "kpress.db"; }
  std::filesystem::path media() const { return (shared_media.empty() ? root : shared_media) / "media"; }
  std::filesystem::path media_originals() const { return (shared_media.empty() ? root : shared_media) / "media-originals"; }
  std::filesystem::path theme() const { return root / "theme"; }
  std::filesystem::path secret() const { return root / "secret.key"; }  // where sites kept their key before
  std::filesystem::path search() const { return root / "search"; }  // the Xapian index
};

// The site's database, as it is: SQLite in the data folder, or PostgreSQL at its URL (a URL of
// another kind is refused). Migrations are not applied. Throws std::runtime_error (no database
// to open and `create` false) or StoreError (a server that cannot be reached).
std::unique_ptr<Store> open_store(const DataDir& dir, bool create);

// Opens the store and applies pending migrations. When it holds no site yet, creates one: with
// the demo content, or with bare defaults when `with_demo` is false. What every page asks is
// kept in memory over it (MemoizedStore). Throws std::runtime_error with a message for the user.
// `created`, when given, tells whether this call created the site.
std::unique_ptr<Store> open_site(const DataDir& dir, bool create, bool with_demo, bool* created = nullptr);

// The site's secret key (signs cookies, CSRF tokens and reader ids), kept in the database so
// that every node of a site has the same: made by the first to start (or taken from
// DIR/secret.key, where sites kept it before). Throws std::runtime_error when that file is not a
// key, StoreError when the database cannot be written.
std::string site_secret(Store& store, const DataDir& dir);

}  // namespace kpress
