#include "store/postgres/connection.hpp"

#include <charconv>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "store/store.hpp"

namespace kpress::postgres {
namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// A read snapshot: its state is taken at its first query.
constexpr const char* kBeginSnapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

std::string first_line(const char* message) {
  std::string text = message ? message : "";
  if (auto end = text.find('\n'); end != std::string::npos) text.resize(end);
  return text;
}

// The server is away, restarting, full, or did not answer within statement_timeout: the request
// may be tried again (503), unlike a statement the server refused.
bool unavailable(PGconn* conn, const PGresult* r) {
  if (PQstatus(conn) != CONNECTION_OK) return true;
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (!state) return r == nullptr;
  std::string_view code(state);
  return code.starts_with("08") || code == "57P01" || code == "57P02" || code == "57P03" || code == "57014" ||
         code == "53300";
}

void check(PGconn* conn, const Result& r, std::string_view what) {
  auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  std::string message = r ? first_line(PQresultErrorMessage(r.get())) : first_line(PQerrorMessage(conn));
  if (message.starts_with("ERROR:  ")) message.erase(0, 8);
  if (message.empty()) message = first_line(PQerrorMessage(conn));
  if (unavailable(conn, r.get())) throw StoreUnavailable("the database is unavailable: " + message);
  throw StoreError(message + " (" + std::string(what.substr(0, 300)) + ")");
}

// SQLite's placeholders as PostgreSQL's: `?N` and `?` (the largest so far plus one) become $1,
// $2… in order of first use, so an index no statement uses leaves no gap the server cannot type.
struct Translated {
  std::string sql;
  std::map<int, int> position;  // SQLite's index -> PostgreSQL's
};

Translated translate(std::string_view sql) {
  Translated t;
  int largest = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      t.sql += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      t.sql += c;
      continue;
    }
    if (c != '?') {
      t.sql += c;
      continue;
    }
    int index = 0;
    std::size_t end = i + 1;
    while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') index = index * 10 + (sql[end++] - '0');
    if (end == i + 1) index = largest + 1;
    largest = std::max(largest, index);
    auto [it, added] = t.position.try_emplace(index, static_cast<int>(t.position.size()) + 1);
    t.sql += "$" + std::to_string(it->second);
    i = end - 1;
  }
  return t;
}

class PostgresStatement final : public sql::PreparedStatement {
 public:
  PostgresStatement(Connection& connection, std::string name, Translated translated)
      : connection_(connection), name_(std::move(name)), translated_(std::move(translated)),
        values_(translated_.position.size()) {}

  void bind_int64(int index, std::int64_t value) override { set(index, std::to_string(value)); }
  void bind_text(int index, std::string_view value) override { set(index, std::string(value)); }
  void bind_null(int index) override { set(index, std::nullopt); }

  bool step() override {
    if (!result_) {
      connection_.settle();
      std::vector<const char*> values;
      for (const auto& v : values_) values.push_back(v ? v->c_str() : nullptr);
      result_.reset(connection_.exec_prepared(name_, values));
      check(connection_.handle(), result_, translated_.sql);
      rows_ = PQntuples(result_.get());
      row_ = -1;
      const char* affected = PQcmdTuples(result_.get());
      std::int64_t n = 0;
      std::from_chars(affected, affected + std::char_traits<char>::length(affected), n);
      connection_.set_changes(n);
    }
    return ++row_ < rows_;
  }
  std::int64_t int64(int column) const override {
    const char* v = PQgetvalue(result_.get(), row_, column);
    if (v[0] == 't' && v[1] == 0) return 1;  // a boolean
    if (v[0] == 'f' && v[1] == 0) return 0;
    std::int64_t n = 0;
    std::from_chars(v, v + PQgetlength(result_.get(), row_, column), n);
    return n;
  }
  std::string text(int column) const override {
    return std::string(PQgetvalue(result_.get(), row_, column), static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
  }
  bool is_null(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }
  int columns() const override { return PQnfields(result_.get()); }
  void reset() noexcept override {
    result_.reset();
    for (auto& v : values_) v.reset();
  }

 private:
  void set(int index, std::optional<std::string> value) {
    auto it = translated_.position.find(index);
    if (it != translated_.position.end()) values_[static_cast<std::size_t>(it->second - 1)] = std::move(value);
  }

  Connection& connection_;
  std::string name_;
  Translated translated_;
  std::vector<std::optional<std::string>> values_;
  Result result_;
  int rows_ = 0;
  int row_ = -1;
};

}  // namespace

std::string redacted(const std::string& url) {
  // postgresql://user:password@host/db -> postgresql://user@host/db
  auto scheme = url.find("://");
  auto at = url.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme == std::string::npos || at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

Connection::Connection(const std::string& url, std::chrono::milliseconds statement_timeout) {
  // A server that does not answer is given up on after a few seconds (the URL may say otherwise).
  const char* keys[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"5", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = first_line(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreUnavailable("cannot connect to the database " + redacted(url) + ": " + message);
  }
  // Notices (a table that already exists...) are not the operator's business.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  // No JIT: it compiled a popular tag's page for 200 ms to run it in 0.5 ms. Plans stay the
  // server's choice: forced generic plans saved 0.2-0.45 ms of planning a statement, but planned
  // an article's editions (translation_of = $1, nearly always '') as a scan of every article.
  exec("SET statement_timeout = " + std::to_string(statement_timeout.count()) +
       "; SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET jit = off");
}

Connection::~Connection() {
  drop_statements();
  PQfinish(conn_);
}

bool Connection::broken() const { return PQstatus(conn_) != CONNECTION_OK; }

std::unique_ptr<sql::PreparedStatement> Connection::make_statement(std::string_view sql) {
  settle();
  auto translated = translate(sql);
  std::string name = "s" + std::to_string(++statements_);
  Result r(PQprepare(conn_, name.c_str(), translated.sql.c_str(), 0, nullptr));
  check(conn_, r, translated.sql);
  return std::make_unique<PostgresStatement>(*this, std::move(name), std::move(translated));
}

void Connection::exec(const std::string& sql) {
  settle();
  // A snapshot's BEGIN still to send goes first, in the same round trip.
  std::string script = std::exchange(begin_pending_, false) ? std::string(kBeginSnapshot) + "; " + sql : sql;
  Result r(PQexec(conn_, script.c_str()));
  check(conn_, r, script);
}

bool Connection::has_table(std::string_view name) {
  auto q = prepare("SELECT to_regclass(CAST(? AS TEXT)) IS NOT NULL");
  q.bind(1, name);
  return q.step() && q.int64(0) == 1;
}

void Connection::begin_write() {
  // Writers of this database (and schema) run one after another, whichever process they are in:
  // what a write checks (a revision, a slug) holds until it commits, as on SQLite.
  exec("BEGIN; SELECT pg_advisory_xact_lock(hashtext(current_database() || '/' || current_schema()))");
}

void Connection::ids_taken(std::string_view table) {
  // A table whose ids an identity makes: its sequence goes past the ids the rows came with.
  auto q = prepare(
      "SELECT pg_get_serial_sequence(CAST(? AS TEXT), 'id') FROM information_schema.columns "
      "WHERE table_schema = current_schema() AND table_name = CAST(? AS TEXT) AND column_name = 'id' "
      "AND is_identity = 'YES'");
  q.bind(1, table).bind(2, table);
  if (!q.step()) return;
  std::string sequence = q.text(0);
  auto set = prepare("SELECT setval(CAST(? AS TEXT), (SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(table) + "), false)");
  set.bind(1, sequence);
  set.run();
}

void Connection::announce_change() {
  // Sent when the transaction commits, not before; a hint to look at the log, which holds the rest.
  prepare(std::string("SELECT pg_notify('") + kChannel + "', '')").run();
}

void Connection::empty_tables(const std::string& tables) {
  // TRUNCATE fires no row triggers: revisions and the audit log go with the rest.
  exec("TRUNCATE " + tables + " RESTART IDENTITY CASCADE");
}

void Connection::begin_snapshot() {
  // Sent with the snapshot's first query (which takes the snapshot), saving a round trip; a
  // snapshot that reads nothing sends nothing.
  settle();
  begin_pending_ = true;
}

PGresult* Connection::exec_prepared(const std::string& name, const std::vector<const char*>& values) {
  if (!std::exchange(begin_pending_, false))
    return PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
  // BEGIN and the statement in one pipeline, then a sync: their answers come back in that order.
  if (!PQenterPipelineMode(conn_)) {
    Result begun(PQexec(conn_, kBeginSnapshot));
    check(conn_, begun, kBeginSnapshot);
    return PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
  }
  bool sent = PQsendQueryParams(conn_, kBeginSnapshot, 0, nullptr, nullptr, nullptr, nullptr, 0) &&
              PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0) &&
              PQpipelineSync(conn_);
  Result begun, answer;
  // Every answer up to the sync is read, whatever failed, before leaving pipeline mode.
  for (int query = 0; sent && PQstatus(conn_) == CONNECTION_OK;) {
    PGresult* r = PQgetResult(conn_);
    if (!r) {  // the end of one query's answers
      if (++query > 2) break;
      continue;
    }
    auto status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    (query == 0 ? begun : answer).reset(r);
  }
  PQexitPipelineMode(conn_);
  check(conn_, begun, kBeginSnapshot);
  return answer.release();
}

void Connection::end_snapshot() {
  if (std::exchange(begin_pending_, false)) return;  // never begun on the server
  // A read-only transaction has nothing to make durable: its end is not waited for, which saves
  // a page one round trip to the server; the answer is read before the next statement is sent.
  settle();
  if (PQsendQuery(conn_, "COMMIT")) unsettled_ = true;
}

void Connection::settle() {
  if (!unsettled_) return;
  unsettled_ = false;
  while (PGresult* r = PQgetResult(conn_)) PQclear(r);  // a failed end leaves the session as it was
}

}  // namespace kpress::postgres
