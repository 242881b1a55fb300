#include "store/sql/redirect_queries.hpp"

#include "store/sql/connection.hpp"
#include "store/store.hpp"

namespace kpress::sql {
namespace redirects {
namespace {

constexpr std::string_view kColumns = "from_key, to_address, origin, created_at";

Redirect read_row(const Statement& q) {
  return {q.text(0), q.text(1), q.text(2), Instant(std::chrono::seconds(q.int64(3)))};
}

}  // namespace

void save(Connection& db, const Redirect& r) {
  db.prepare(
        "INSERT INTO redirects (from_key, to_address, origin, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (from_key) DO UPDATE SET to_address = excluded.to_address, origin = excluded.origin")
      .bind(1, r.from)
      .bind(2, r.to)
      .bind(3, r.origin)
      .bind(4, seconds(r.created_at))
      .run();
}

void erase(Connection& db, std::string_view from) {
  db.prepare("DELETE FROM redirects WHERE from_key = ?").bind(1, from).run();
}

std::optional<Redirect> find(Connection& db, std::string_view from) {
  auto q = db.prepare("SELECT " + std::string(kColumns) + " FROM redirects WHERE from_key = ?");
  q.bind(1, from);
  if (!q.step()) return std::nullopt;
  return read_row(q);
}

RedirectList list(Connection& db, const RedirectQuery& query) {
  // Both sides lowered: the words match in any case.
  std::string pattern = contains_pattern(query.contains);
  constexpr std::string_view kWhere =
      " WHERE (lower(from_key) LIKE lower(?1) ESCAPE '\\' OR lower(to_address) LIKE lower(?1) ESCAPE '\\')";
  RedirectList out;
  auto count = db.prepare("SELECT count(*) FROM redirects" + std::string(kWhere));
  count.bind(1, pattern);
  if (count.step()) out.total = count.int64(0);
  auto q = db.prepare("SELECT " + std::string(kColumns) + " FROM redirects" + std::string(kWhere) +
                      " ORDER BY from_key LIMIT ?2 OFFSET ?3");
  q.bind(1, pattern).bind(2, query.limit).bind(3, query.offset);
  while (q.step()) out.items.push_back(read_row(q));
  return out;
}

}  // namespace redirects

namespace import_origins {

void save(Connection& db, const ImportOrigin& o) {
  db.prepare(
        "INSERT INTO import_origins (origin, kind, source_id, target, fingerprint) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (origin, kind, source_id) DO UPDATE SET target = excluded.target, fingerprint = excluded.fingerprint")
      .bind(1, o.origin)
      .bind(2, o.kind)
      .bind(3, o.source_id)
      .bind(4, o.target)
      .bind(5, o.fingerprint)
      .run();
}

std::optional<ImportOrigin> find(Connection& db, std::string_view origin, std::string_view kind, std::string_view source_id) {
  auto q = db.prepare("SELECT target, fingerprint FROM import_origins WHERE origin = ? AND kind = ? AND source_id = ?");
  q.bind(1, origin).bind(2, kind).bind(3, source_id);
  if (!q.step()) return std::nullopt;
  return ImportOrigin{std::string(origin), std::string(kind), std::string(source_id), q.text(0), q.text(1)};
}

}  // namespace import_origins
}  // namespace kpress::sql
