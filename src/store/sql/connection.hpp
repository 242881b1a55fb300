#pragma once
// The one way the SQL store talks to a database, whichever it is: a connection that prepares
// statements (cached by their text), binds every value by position (never spliced into SQL) and
// reads rows. SQL is written once, with `?` and `?N` placeholders, in what SQLite and PostgreSQL
// both understand (ON CONFLICT, RETURNING, TRUE); what differs between them (how a transaction
// starts, how a table is looked for) is a method here that each backend implements.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace kpress::sql {

// A backend's prepared statement. One use at a time; reset() makes it ready for the next.
class PreparedStatement {
 public:
  virtual ~PreparedStatement() = default;
  virtual void bind_int64(int index, std::int64_t value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;  // true while a row is available
  virtual std::int64_t int64(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual bool is_null(int column) const = 0;
  virtual int columns() const = 0;  // of the current row
  virtual void reset() noexcept = 0;  // results and bindings dropped
};

// A prepared statement as the store uses it: bound, stepped, read, and reset when it goes.
class Statement {
 public:
  explicit Statement(PreparedStatement& p) : p_(&p) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { p_->reset(); }

  Statement& bind(int index, std::int64_t value) {
    p_->bind_int64(index, value);
    return *this;
  }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::string_view value) {
    p_->bind_text(index, value);
    return *this;
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index) {
    p_->bind_null(index);
    return *this;
  }
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  bool step() { return p_->step(); }
  void run() {
    while (step()) {
    }
  }
  std::int64_t int64(int column) const { return p_->int64(column); }
  std::string text(int column) const { return p_->text(column); }
  bool is_null(int column) const { return p_->is_null(column); }
  int columns() const { return p_->columns(); }

 private:
  PreparedStatement* p_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A prepared statement from this connection's cache; one use at a time.
  Statement prepare(std::string_view sql) { return Statement(prepared(sql)); }
  PreparedStatement& prepared(std::string_view sql);  // the same, unwrapped (for wrappers)
  virtual void exec(const std::string& sql) = 0;  // a script of statements without parameters
  // Rows changed by the last INSERT, UPDATE or DELETE run.
  virtual std::int64_t changes() const = 0;
  virtual bool has_table(std::string_view name) = 0;

  // A write transaction: writers of every connection and process run one after another (SQLite:
  // BEGIN IMMEDIATE; PostgreSQL: a transaction-wide advisory lock).
  virtual void begin_write() = 0;
  // A write transaction ended, committed or rolled back (what it held for itself is let go).
  virtual void end_write() {}
  // A read transaction whose reads all see one state, fixed by the first of them.
  virtual void begin_snapshot() = 0;
  void commit() { exec("COMMIT"); }
  void rollback() { exec("ROLLBACK"); }
  // Ends a read snapshot. A backend may send it without waiting for the answer (nothing was
  // written): it is read before the connection's next use.
  virtual void end_snapshot() { commit(); }

  // Whether another connection may have committed since the last time this one asked: a cheap
  // question where the backend can tell (SQLite's data_version), else always true.
  virtual bool may_have_changed() = 0;
  // The connection was lost (the server restarted): it is dropped and another one opened.
  virtual bool broken() const = 0;
  // In a write transaction that appended to the change log: tells the other processes when it
  // commits, where the backend can (PostgreSQL's NOTIFY; SQLite's readers poll data_version).
  virtual void announce_change() = 0;
  // Rows were inserted into `table` with their ids (a copy): ids made from now on follow them.
  virtual void ids_taken(std::string_view table) = 0;
  // Empties these tables (a comma-separated list), in a write transaction, whatever refuses a
  // DELETE of their rows (revisions and the audit log are never deleted one by one).
  virtual void empty_tables(const std::string& tables) = 0;
  // After a bulk load: the planner's statistics gathered at once, before a server plans the
  // site's queries without them (PostgreSQL keeps a plan per connection). SQLite plans
  // without statistics: nothing to do there.
  virtual void gather_statistics() = 0;
  // Lets go of what the connection caches for itself and can read again (SQLite's page cache,
  // 2 MiB a connection once a crawl has filled it): called when the process falls idle.
  virtual void give_back_memory() {}

 protected:
  virtual std::unique_ptr<PreparedStatement> make_statement(std::string_view sql) = 0;
  // For a backend's destructor: its statements go before the connection they belong to.
  void drop_statements() { cache_.clear(); }

 private:
  std::map<std::string, std::unique_ptr<PreparedStatement>, std::less<>> cache_;
};

// Opens a new connection to the store's database.
using Connect = std::function<std::unique_ptr<Connection>()>;

// Instants are stored as whole seconds since 1970 (UTC).
inline std::int64_t seconds(Instant t) { return t.time_since_epoch().count(); }

inline std::optional<std::int64_t> seconds(const std::optional<Instant>& t) {
  return t ? std::optional<std::int64_t>(seconds(*t)) : std::nullopt;
}

// A LIKE pattern (with ESCAPE '\\') matching text that holds `words` as typed: its wildcards
// escaped.
inline std::string contains_pattern(std::string_view words) {
  std::string pattern = "%";
  for (char c : words) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}
inline std::optional<Instant> instant_column(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return Instant(std::chrono::seconds(s.int64(column)));
}

// Runs `sql`, in which "{in}" stands for a list of placeholders, for every value of `values`:
// in groups of a fixed size (the last one padded with its first value), so a few statement
// texts, each prepared once, serve lists of any length. `row` reads each row of each group.
template <typename T, typename Row>
void select_in_groups(Connection& db, std::string_view sql, const std::vector<T>& values, Row&& row) {
  constexpr std::size_t kGroup = 16;
  static thread_local std::map<std::string, std::string, std::less<>> texts;
  auto text = texts.find(sql);
  if (text == texts.end()) {
    std::string marks;
    for (std::size_t i = 0; i < kGroup; ++i) marks += i ? ", ?" : "?";
    std::string full(sql);
    full.replace(full.find("{in}"), 4, marks);
    text = texts.emplace(std::string(sql), std::move(full)).first;
  }
  for (std::size_t first = 0; first < values.size(); first += kGroup) {
    auto q = db.prepare(text->second);
    for (std::size_t i = 0; i < kGroup; ++i) q.bind(static_cast<int>(i + 1), values[first + i < values.size() ? first + i : first]);
    while (q.step()) row(q);
  }
}

}  // namespace kpress::sql
