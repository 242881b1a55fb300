#include "cli/site_setup.hpp"

#include <spdlog/spdlog.h>

#include <fstream>

#include "exchange/catalog_import.hpp"
#include "exchange/importer.hpp"
#include "resources/embedded.hpp"
#include "site/reader_id.hpp"
#include "site/reader_site.hpp"
#include "store/memoized_store.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace kpress {

namespace fs = std::filesystem;

namespace {

void create_bare_site(Store& store) {
  auto tx = store.begin_write();
  tx->save_site(Site{});
  tx->save_language({"fr", "Français"});
  tx->save_language({"en", "English"});
  tx->save_language({"ko", "한국어"});
  tx->commit();
}

void create_demo_site(Store& store, const DataDir& dir) {
  std::vector<ImportFile> files;
  for (const auto& f : resources::demo()) {
    if (f.path == "catalog.json") {
      // The catalog goes in first, so the articles find the people and shows they mention.
      auto catalog = import_catalog_json(store, "demo/catalog.json", f.data);
      if (!catalog.error.empty() || !catalog.rejected.empty())
        throw std::runtime_error("the built-in demo catalog does not import: " +
                                 (catalog.error.empty() ? catalog.rejected.front().to_string() : catalog.error));
    } else if (f.path.starts_with("media/")) {
      auto target = dir.media() / "demo" / fs::path(std::string(f.path.substr(6)));
      fs::create_directories(target.parent_path());
      std::ofstream(target, std::ios::binary) << f.data;
    } else {
      files.push_back({"demo/" + std::string(f.path), std::string(f.data)});
    }
  }
  auto report = import_files(store, files, system_now());
  if (!report.ok()) {
    std::string message = "the built-in demo content does not import:";
    for (const auto& e : report.errors) message += "\n  " + e.to_string();
    throw std::runtime_error(message);
  }
  spdlog::info("created the demo site: {} articles", report.created);
}

}  // namespace

std::string site_secret(Store& store, const DataDir& dir) {
  // A site made before the key moved to the database proposes the key of its folder, so the
  // readers' and editors' cookies it signed stay good.
  std::string proposed;
  std::error_code ec;
  if (fs::exists(dir.secret(), ec)) {
    std::ifstream in(dir.secret(), std::ios::binary);
    proposed.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad() || proposed.size() != 32)
      throw std::runtime_error(dir.secret().string() + " is not a 32-byte key: move it away to use the database's");
  } else {
    proposed = random_secret();
  }
  auto tx = store.begin_write();
  auto key = tx->adopt_signing_key(proposed);
  tx->commit();
  return key;
}

std::unique_ptr<Store> open_store(const DataDir& dir, bool create) {
  const auto& url = dir.database_url;
  if (url.empty()) {
    std::error_code ec;
    if (!create && !fs::exists(dir.database(), ec))
      throw std::runtime_error("no site in " + dir.root.string() + " (no kpress.db there)");
    fs::create_directories(dir.root, ec);
    return std::make_unique<sqlite::SqliteStore>(dir.database());
  }
  if (!url.starts_with("postgresql://") && !url.starts_with("postgres://"))
    throw std::runtime_error("the database URL '" + postgres::redacted(url) +
                             "' is not a PostgreSQL one (postgresql://USER@HOST/DB); leave it out for SQLite in the data folder");
  return std::make_unique<postgres::PostgresStore>(url, postgres::PostgresOptions{.statement_timeout = dir.statement_timeout});
}

std::unique_ptr<Store> open_site(const DataDir& dir, bool create, bool with_demo, bool* created) {
  std::error_code ec;
  auto store = open_store(dir, create);
  fs::create_directories(dir.media(), ec);
  if (ec) throw std::runtime_error("cannot create " + dir.media().string() + ": " + ec.message());
  if (int applied = store->migrate(system_now()); applied > 0) spdlog::info("applied {} migration(s)", applied);
  if (!store->has_site()) {
    if (!create && !dir.database_url.empty())
      throw std::runtime_error("no site in the database " + postgres::redacted(dir.database_url));
    if (with_demo) create_demo_site(*store, dir);
    else create_bare_site(*store);
    if (created) *created = true;
  }
  // What every page asks, kept in memory and kept current from the change log.
  return std::make_unique<MemoizedStore>(std::move(store));
}

}  // namespace kpress
