#include "support/test_database.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

namespace kpress::testing {
namespace {

std::string server_url() {
  const char* file = std::getenv("KPRESS_TEST_POSTGRES");
  if (!file || !*file) file = KPRESS_TEST_POSTGRES_FILE;  // the ctest run's server
  if (!std::ifstream(file))
    throw std::runtime_error(
        std::string("this test runs on PostgreSQL but no server is running (no ") + file +
        "): run it through ctest, or start one with scripts/test-postgres start DIR and set KPRESS_TEST_POSTGRES=DIR/url");
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty()) throw std::runtime_error(std::string("no database URL in ") + file);
  return url;
}

void run(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // DROP ... CASCADE lists what it drops
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* r = PQexec(conn, sql.c_str());
    auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(conn);
  if (!error.empty()) throw std::runtime_error("test database: " + error + " (" + sql + ")");
}

}  // namespace

std::string test_backend() {
  const char* backend = std::getenv("KPRESS_TEST_BACKEND");
  return backend && std::string(backend) == "postgres" ? "postgres" : "sqlite";
}

PostgresSchema::PostgresSchema() : server_(server_url()) {
  std::random_device random;
  name_ = "test_" + std::to_string(random()) + std::to_string(random());
  run(server_, "CREATE SCHEMA " + name_);
  url_ = server_ + "?options=-csearch_path%3D" + name_;
}

PostgresSchema::~PostgresSchema() {
  try {
    run(server_, "DROP SCHEMA " + name_ + " CASCADE");
  } catch (...) {  // the server already stopped: its folder goes with it
  }
}

void PostgresSchema::exec(const std::string& sql) const { run(url_, sql); }

}  // namespace kpress::testing
