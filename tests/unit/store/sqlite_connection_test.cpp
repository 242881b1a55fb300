// A SQLite connection lets its page cache go when told the process is idle, and reads on as
// before: what a server gives back after a crawl has filled every connection's 2 MiB.
#include "store/sqlite/connection.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/temp_dir.hpp"

namespace kpress {
namespace {

TEST(SqliteConnection, GivesItsPageCacheBackAndReadsOn) {
  testing::TempDir dir;
  sqlite::Connection db((dir.path() / "kpress.db").string());
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  db.begin_write();
  for (int i = 0; i < 3000; ++i)
    db.prepare("INSERT INTO t (v) VALUES (?)").bind(1, std::string(1000, static_cast<char>('a' + i % 26))).run();
  db.commit();
  db.end_write();
  auto sum = [&] {
    auto q = db.prepare("SELECT sum(length(v)) FROM t");
    q.step();
    return q.int64(0);
  };
  ASSERT_EQ(sum(), 3'000'000);
  EXPECT_GT(db.cached_bytes(), 1'500'000u) << "a read of 3 MB fills SQLite's default 2 MB cache";
  db.give_back_memory();
  EXPECT_LT(db.cached_bytes(), 100'000u);
  EXPECT_EQ(sum(), 3'000'000);
}

}  // namespace
}  // namespace kpress
