#pragma once
// Where a test's database lives. On SQLite, a file in the test's folder; on PostgreSQL, a schema
// of its own in the server the test run started (scripts/test-postgres, named by the
// KPRESS_TEST_POSTGRES environment variable), dropped at the end. A test asked to run on
// PostgreSQL with no server named fails, saying so: it never passes by running on nothing.
#include <string>

namespace kpress::testing {

// The backend the HTTP suites run on: "postgres" when KPRESS_TEST_BACKEND says so, else "sqlite".
std::string test_backend();

class PostgresSchema {
 public:
  PostgresSchema();  // throws std::runtime_error when no server is named or it cannot be reached
  ~PostgresSchema();
  PostgresSchema(const PostgresSchema&) = delete;
  PostgresSchema& operator=(const PostgresSchema&) = delete;

  // postgresql://…?options=-csearch_path=NAME: a store opened on it sees only this schema.
  const std::string& url() const { return url_; }
  // Runs SQL in the schema (for what a test does behind the store's back).
  void exec(const std::string& sql) const;

 private:
  std::string server_;
  std::string name_;
  std::string url_;
};

}  // namespace kpress::testing
