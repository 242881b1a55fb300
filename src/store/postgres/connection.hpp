#pragma once
// A libpq connection to PostgreSQL behind sql::Connection. Statements are prepared once per
// connection (their `?` and `?N` placeholders numbered $1, $2… in order of first use), values are
// sent as text and typed by the server from where they are used, rows come back as text.
// Each connection sets a statement_timeout: no query holds a request longer than that.
#include <libpq-fe.h>

#include <chrono>
#include <string>
#include <vector>

#include "store/sql/connection.hpp"

namespace kpress::postgres {

class Connection final : public sql::Connection {
 public:
  // Throws StoreError naming the server (never the password) and libpq's reason.
  Connection(const std::string& url, std::chrono::milliseconds statement_timeout);
  ~Connection() override;

  void exec(const std::string& sql) override;
  std::int64_t changes() const override { return changes_; }
  bool has_table(std::string_view name) override;
  void begin_write() override;
  void begin_snapshot() override;
  void end_snapshot() override;  // sent, not waited for
  // Reads the answer to what was sent without waiting (a snapshot's end); before any other use.
  void settle();
  bool may_have_changed() override { return true; }  // a query of the log is the question
  bool broken() const override;
  void ids_taken(std::string_view table) override;
  void announce_change() override;
  // The channel change notices are sent on (NOTIFY), for a listener's LISTEN.
  static constexpr const char* kChannel = "kpress_changes";
  void empty_tables(const std::string& tables) override;
  void gather_statistics() override { exec("ANALYZE"); }

  PGconn* handle() const { return conn_; }
  void set_changes(std::int64_t n) { changes_ = n; }
  // Runs a prepared statement; a snapshot's BEGIN still to send goes with it, pipelined, in the
  // same round trip.
  PGresult* exec_prepared(const std::string& name, const std::vector<const char*>& values);

 protected:
  std::unique_ptr<sql::PreparedStatement> make_statement(std::string_view sql) override;

 private:
  PGconn* conn_ = nullptr;
  int statements_ = 0;  // names made so far: s1, s2…
  bool unsettled_ = false;  // an answer is still to be read (end_snapshot)
  bool begin_pending_ = false;  // a snapshot begun, its BEGIN not sent yet (begin_snapshot)
  std::int64_t changes_ = 0;
};

// The URL as it may be shown: without its password.
std::string redacted(const std::string& url);

}  // namespace kpress::postgres
