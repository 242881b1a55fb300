#include "store/sqlite/connection.hpp"

#include "store/store.hpp"

namespace kpress::sqlite {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

class SqliteStatement final : public sql::PreparedStatement {
 public:
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void bind_int64(int index, std::int64_t value) override {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(sqlite3_db_handle(stmt_), "bind");
  }
  void bind_text(int index, std::string_view value) override {
    if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK)
      fail(sqlite3_db_handle(stmt_), "bind");
  }
  void bind_null(int index) override {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(sqlite3_db_handle(stmt_), "bind");
  }
  bool step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(sqlite3_db_handle(stmt_), sqlite3_sql(stmt_));
  }
  std::int64_t int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
  }
  bool is_null(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int columns() const override { return sqlite3_column_count(stmt_); }
  void reset() noexcept override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace

Connection::Connection(const std::string& path) {
  // Readers run on several threads; SQLite's memory statistics would make every allocation of
  // every connection take one global lock. Set once, before SQLite starts.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK || true;
  (void)configured;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw StoreError("cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
  // WAL lets readers go on while one writer commits; FULL sync makes an acknowledged commit
  // survive a power cut, not only a crash.
  exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

Connection::~Connection() {
  drop_statements();
  sqlite3_close(db_);
}

std::unique_ptr<sql::PreparedStatement> Connection::make_statement(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
      SQLITE_OK)
    fail(db_, "prepare");
  return std::make_unique<SqliteStatement>(stmt);
}

void Connection::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError(message);
  }
}

std::int64_t Connection::changes() const { return sqlite3_changes64(db_); }

bool Connection::has_table(std::string_view name) {
  auto q = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  q.bind(1, name);
  return q.step();
}

void Connection::begin_write() {
  // A write transaction keeps more pages than SQLite's 2 MB while it runs: a large one (an import
  // of a whole site) then rewrites its pages in memory instead of spilling each to the WAL again
  // and again. It gives them back when it ends (end_write): a server's writer holding 32 MB for
  // good was most of its memory after a crawl that kept bodies.
  exec("PRAGMA cache_size = -32768; BEGIN IMMEDIATE");
}

void Connection::end_write() { exec("PRAGMA cache_size = -2000"); }  // SQLite's default; lowering it frees the rest

void Connection::give_back_memory() { sqlite3_db_release_memory(db_); }

std::size_t Connection::cached_bytes() const {
  int used = 0, highwater = 0;
  sqlite3_db_status(db_, SQLITE_DBSTATUS_CACHE_USED, &used, &highwater, 0);
  return static_cast<std::size_t>(used);
}

void Connection::empty_tables(const std::string& tables) {
  // The triggers that keep revisions and the audit log refuse row by row: they step aside for
  // this transaction alone (DDL is transactional in SQLite) and come back with it.
  std::vector<std::pair<std::string, std::string>> triggers;
  {
    auto q = prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");
    while (q.step()) triggers.emplace_back(q.text(0), q.text(1));
  }
  for (const auto& [name, sql] : triggers) exec("DROP TRIGGER " + name);
  std::string rest = tables;
  std::vector<std::string> names;
  for (std::size_t at = 0; at <= rest.size();) {
    auto comma = rest.find(',', at);
    auto name = rest.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    name.erase(0, name.find_first_not_of(' '));
    names.push_back(name);
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  for (auto it = names.rbegin(); it != names.rend(); ++it) exec("DELETE FROM " + *it);  // children first
  for (const auto& [name, sql] : triggers) exec(sql);
}

void Connection::begin_snapshot() {
  prepare("BEGIN").run();  // deferred: the first read fixes the state every later read sees
}

// Prepared once, as BEGIN is: every uncached page ends a snapshot, and sqlite3_exec would parse
// "COMMIT" again each time.
void Connection::end_snapshot() { prepare("COMMIT").run(); }

std::int64_t Connection::data_version() {
  auto q = prepare("PRAGMA data_version");
  q.step();
  return q.int64(0);
}

bool Connection::may_have_changed() {
  auto version = data_version();
  if (version == seen_version_) return false;
  seen_version_ = version;
  return true;
}

}  // namespace kpress::sqlite
