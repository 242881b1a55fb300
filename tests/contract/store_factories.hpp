#pragma once
// The Store implementations the contract suites run against, each with the memos a site keeps
// over it (MemoizedStore). Each factory makes the store under test (`make`, migrated) and, for what crosses processes, `another`: a second store on the same
// database, as another process would open it, with its own connections, memos and change feed.
#include <chrono>
#include <memory>

#include "store/memoized_store.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/testing/memory_store.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"

namespace kpress {

inline Instant at(const char* iso) { return *parse_iso8601(iso); }

struct SqliteFactory {
  testing::TempDir dir;
  std::unique_ptr<Store> make() {
    auto s = std::make_unique<sqlite::SqliteStore>(dir.path() / "kpress.db");
    s->migrate(at("2026-01-01T00:00:00Z"));
    return std::make_unique<MemoizedStore>(std::move(s));
  }
  // `poll_interval`: how often it looks for the other's writes; `notices`: whether the server may
  // also tell it (PostgreSQL's NOTIFY; SQLite has none).
  std::unique_ptr<Store> another(std::chrono::milliseconds poll_interval = std::chrono::milliseconds(250),
                                 bool notices = true) {
    (void)notices;
    auto s = std::make_unique<sqlite::SqliteStore>(dir.path() / "kpress.db", std::chrono::minutes(10), poll_interval);
    s->migrate(at("2026-01-01T00:00:00Z"));
    return std::make_unique<MemoizedStore>(std::move(s));
  }
  // Empties the change log, as its retention does with entries older than it keeps.
  void drop_change_log() { sqlite::Connection(dir.path() / "kpress.db").exec("DELETE FROM change_log"); }
};

// A schema of its own in the test run's PostgreSQL server.
struct PostgresFactory {
  testing::PostgresSchema schema;
  std::unique_ptr<Store> make() { return another(); }
  std::unique_ptr<Store> another(std::chrono::milliseconds poll_interval = std::chrono::milliseconds(250),
                                 bool notices = true) {
    auto s = std::make_unique<postgres::PostgresStore>(
        schema.url(), postgres::PostgresOptions{.poll_interval = poll_interval, .listen = notices});
    s->migrate(at("2026-01-01T00:00:00Z"));
    return std::make_unique<MemoizedStore>(std::move(s));
  }
  void drop_change_log() { schema.exec("DELETE FROM change_log"); }
};

// The in-memory store (store/testing): `another` opens a second store on the same memory, as
// another process opens the same database, with its own memos and change feed.
struct MemoryFactory {
  std::shared_ptr<testing::MemoryDatabase> database = testing::memory_database();
  std::unique_ptr<Store> make() { return another(); }
  std::unique_ptr<Store> another(std::chrono::milliseconds poll_interval = std::chrono::milliseconds(250), bool = true) {
    auto s = std::make_unique<testing::MemoryStore>(database, poll_interval);
    s->migrate(at("2026-01-01T00:00:00Z"));
    return std::make_unique<MemoizedStore>(std::move(s));
  }
  void drop_change_log() { testing::drop_change_log(*database); }
};

// The site every contract test starts from: French and English, two sections, one author.
inline void save_test_site(Store& store) {
  auto tx = store.begin_write();
  tx->save_site({"Test", "", "http://localhost", "fr", "Asia/Seoul"});
  tx->save_language({"fr", "Français"});
  tx->save_language({"en", "English"});
  tx->save_section({"kdrama", "K-drama", "", 1});
  tx->save_section({"bts", "BTS", "", 2});
  tx->save_author({"camille", "Camille", ""});
  tx->commit();
}

// A published French article of the test site, in `section`, by camille.
inline Article test_article(const std::string& slug, const char* published = "2021-01-15T09:30:00Z",
                            const std::string& section = "kdrama") {
  Article a;
  a.slug = slug;
  a.language = "fr";
  a.title = "Title " + slug;
  a.section = section;
  a.author = "camille";
  a.status = ArticleStatus::published;
  a.published_at = at(published);
  return a;
}

// The same store, reading its newest articles again whole at every question (every ten minutes
// in a running site): what it holds of them must stay right through each reading.
struct SqliteReadingNewestAgainFactory : SqliteFactory {
  std::unique_ptr<Store> make() {
    auto s = std::make_unique<sqlite::SqliteStore>(dir.path() / "kpress.db", std::chrono::seconds(0));
    s->migrate(at("2026-01-01T00:00:00Z"));
    return std::make_unique<MemoizedStore>(std::move(s));
  }
};

}  // namespace kpress
