#pragma once
// A connection to a SQLite file (WAL mode, FULL sync, foreign keys on) behind sql::Connection.
#include <sqlite3.h>

#include <string>

#include "store/sql/connection.hpp"

namespace kpress::sqlite {

class Connection final : public sql::Connection {
 public:
  explicit Connection(const std::string& path);
  ~Connection() override;

  void exec(const std::string& sql) override;
  std::int64_t changes() const override;
  bool has_table(std::string_view name) override;
  void begin_write() override;
  void end_write() override;
  void give_back_memory() override;
  void begin_snapshot() override;
  void end_snapshot() override;
  bool may_have_changed() override;
  bool broken() const override { return false; }  // a file does not go away
  void ids_taken(std::string_view) override {}       // a rowid follows the largest one
  void announce_change() override {}                 // data_version tells the other connections
  void empty_tables(const std::string& tables) override;
  void gather_statistics() override {}
  // What its page cache holds now, in bytes (SQLite's own count).
  std::size_t cached_bytes() const;

 protected:
  std::unique_ptr<sql::PreparedStatement> make_statement(std::string_view sql) override;

 private:
  std::int64_t data_version();

  sqlite3* db_ = nullptr;
  std::int64_t seen_version_ = -1;  // may_have_changed()'s
};

}  // namespace kpress::sqlite
