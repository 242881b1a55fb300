#pragma once
// The Store on PostgreSQL, for a site that outgrows one machine: several kpress processes share
// one database and learn of each other's writes through its change log. Each write's commit
// sends a NOTIFY; a thread of this store LISTENs on a connection of its own and has the log read
// at once, after every reconnect too, while the feed's polling stays the safety net for notices
// lost while a connection was down.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "store/sql/sql_store.hpp"

namespace kpress::postgres {

struct PostgresOptions {
  // No query may hold a request longer: past it the query fails and the request gets a 503.
  std::chrono::milliseconds statement_timeout = std::chrono::seconds(5);
  std::chrono::steady_clock::duration newest_read_again_after = std::chrono::minutes(10);
  std::chrono::milliseconds poll_interval = std::chrono::milliseconds(250);
  bool listen = true;  // false: other processes' writes are found by polling alone (tests)
};

class PostgresStore final : public sql::SqlStore {
 public:
  // `url`: postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?options]. Connects at once: a server
  // that cannot be reached is a StoreError naming it.
  explicit PostgresStore(const std::string& url, PostgresOptions options = {});
  ~PostgresStore() override;

 private:
  void listen();

  std::string url_;
  std::chrono::milliseconds timeout_;
  std::atomic<bool> stopping_{false};
  std::thread listener_;
};

}  // namespace kpress::postgres
