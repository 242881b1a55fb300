#pragma once
// The Store on PostgreSQL, for a site that outgrows one machine: several kpress processes share
// one database and learn of each other's writes through its change log.
#include <chrono>
#include <string>

#include "store/sql/sql_store.hpp"

namespace kpress::postgres {

struct PostgresOptions {
  // No query may hold a request longer: past it the query fails and the request gets a 503.
  std::chrono::milliseconds statement_timeout = std::chrono::seconds(5);
  std::chrono::steady_clock::duration newest_read_again_after = std::chrono::minutes(10);
  std::chrono::milliseconds poll_interval = std::chrono::milliseconds(250);
};

class PostgresStore final : public sql::SqlStore {
 public:
  // `url`: postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?options]. Connects at once: a server
  // that cannot be reached is a StoreError naming it.
  explicit PostgresStore(const std::string& url, PostgresOptions options = {});
};

}  // namespace kpress::postgres
