#include "store/sqlite/migrations.hpp"

#include <charconv>

#include "resources/embedded.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace kpress::sqlite {
namespace {

struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

std::vector<Migration> known_migrations() {
  std::vector<Migration> list;
  for (const auto& file : resources::sqlite_migrations()) {
    // NNNN_name.sql
    auto underscore = file.path.find('_');
    int version = 0;
    auto [end, ec] = std::from_chars(file.path.data(), file.path.data() + underscore, version);
    if (ec != std::errc() || underscore == std::string_view::npos || !file.path.ends_with(".sql"))
      throw StoreError("badly named migration " + std::string(file.path));
    std::string name(file.path.substr(underscore + 1, file.path.size() - underscore - 5));
    list.push_back({version, std::move(name), file.data});
  }
  return list;  // the bundle is sorted by path, so by version
}

void ensure_table(Connection& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
}

}  // namespace

std::vector<MigrationStatus> migration_status(Connection& db) {
  ensure_table(db);
  std::vector<MigrationStatus> result;
  for (const auto& m : known_migrations()) {
    MigrationStatus status{m.version, m.name, std::nullopt};
    auto q = db.prepare("SELECT applied_at FROM schema_migrations WHERE version = ?");
    q.bind(1, m.version);
    if (q.step()) status.applied_at = Instant(std::chrono::seconds(q.int64(0)));
    result.push_back(std::move(status));
  }
  return result;
}

int migrate(Connection& db, Instant now) {
  int applied = 0;
  for (const auto& status : migration_status(db)) {
    if (status.applied_at) continue;
    for (const auto& m : known_migrations()) {
      if (m.version != status.version) continue;
      db.exec("BEGIN IMMEDIATE");
      try {
        db.exec(std::string(m.sql));
        db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
            .bind(1, m.version)
            .bind(2, m.name)
            .bind(3, static_cast<std::int64_t>(now.time_since_epoch().count()))
            .run();
        db.exec("COMMIT");
      } catch (...) {
        db.exec("ROLLBACK");
        throw;
      }
      ++applied;
    }
  }
  return applied;
}

}  // namespace kpress::sqlite
