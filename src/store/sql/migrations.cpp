#include "store/sql/migrations.hpp"

#include <charconv>

#include "resources/embedded.hpp"
#include "store/sql/connection.hpp"
#include "store/store.hpp"

namespace kpress::sql {
namespace {

struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

std::vector<Migration> known_migrations(MigrationFiles files) {
  std::vector<Migration> list;
  for (const auto& file : files) {
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
  if (db.has_table("schema_migrations")) return;
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
}

}  // namespace

std::vector<MigrationStatus> migration_status(Connection& db, MigrationFiles files) {
  ensure_table(db);
  auto known = known_migrations(files);
  {
    auto newest = db.prepare("SELECT version, name FROM schema_migrations ORDER BY version DESC LIMIT 1");
    if (newest.step() && (known.empty() || newest.int64(0) > known.back().version))
      throw StoreError("the database's schema is newer than this kpress: it has migration " +
                       std::to_string(newest.int64(0)) + " (" + newest.text(1) + "), this kpress knows up to " +
                       std::to_string(known.empty() ? 0 : known.back().version) + "; run a newer kpress");
  }
  std::vector<MigrationStatus> result;
  for (const auto& m : known) {
    MigrationStatus status{m.version, m.name, std::nullopt};
    auto q = db.prepare("SELECT applied_at FROM schema_migrations WHERE version = ?");
    q.bind(1, m.version);
    if (q.step()) status.applied_at = Instant(std::chrono::seconds(q.int64(0)));
    result.push_back(std::move(status));
  }
  return result;
}

int migrate(Connection& db, MigrationFiles files, Instant now) {
  int applied = 0;
  for (const auto& status : migration_status(db, files)) {
    if (status.applied_at) continue;
    for (const auto& m : known_migrations(files)) {
      if (m.version != status.version) continue;
      db.begin_write();
      try {
        // Another process may have applied it while this one waited for the lock.
        bool done = false;
        {
          auto q = db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
          q.bind(1, m.version);
          done = q.step();
        }
        if (done) {
          db.exec("ROLLBACK");
          db.end_write();
          break;
        }
        db.exec(std::string(m.sql));
        db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
            .bind(1, m.version)
            .bind(2, m.name)
            .bind(3, static_cast<std::int64_t>(now.time_since_epoch().count()))
            .run();
        db.exec("COMMIT");
        db.end_write();
      } catch (...) {
        db.exec("ROLLBACK");
        db.end_write();
        throw;
      }
      ++applied;
    }
  }
  return applied;
}

}  // namespace kpress::sql
