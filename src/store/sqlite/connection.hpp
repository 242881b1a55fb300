#pragma once
// A thin RAII layer over the SQLite C API: one connection, its prepared statements cached by SQL
// text, and bindings by position. Every value reaches SQL through a binding, never by splicing.
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace kpress::sqlite {

class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();  // resets the statement so its connection can reuse it

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  bool step();  // true while a row is available
  void run();   // steps a statement that returns no rows

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  explicit Connection(const std::string& path);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // A prepared statement from this connection's cache; one use at a time.
  Statement prepare(std::string_view sql);
  void exec(const std::string& sql);  // runs a script of statements without parameters
  sqlite3* handle() const { return db_; }
  // The count `sql` answers with these text parameters (a count reads every row it counts),
  // kept until another connection commits a change to the database: SQLite's data_version moves
  // then. For read connections, which never write (their own writes would not move it).
  std::int64_t count_until_change(const std::string& sql, const std::vector<std::string>& values);

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>, std::less<>> counts_;  // sql and values: data_version, count
};

// Instants are stored as whole seconds since 1970 (UTC).
inline std::int64_t seconds(Instant t) { return t.time_since_epoch().count(); }
inline std::optional<std::int64_t> seconds(const std::optional<Instant>& t) {
  return t ? std::optional<std::int64_t>(seconds(*t)) : std::nullopt;
}
inline std::optional<Instant> instant_column(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return Instant(std::chrono::seconds(s.int64(column)));
}

}  // namespace kpress::sqlite
