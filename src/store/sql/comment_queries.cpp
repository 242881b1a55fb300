#include "store/sql/comment_queries.hpp"

#include <algorithm>
#include <cmath>

#include "store/sql/connection.hpp"
#include "store/store.hpp"

namespace kpress::sql::comments {
namespace {

constexpr std::string_view kColumns =
    "c.id, c.article_id, c.parent_id, c.kind, c.status, c.author_name, c.author_url, c.staff_user, c.email, "
    "c.email_key, c.notify_replies, c.browser_key, c.address_key, c.created_at, c.edited_at, c.reports, c.body, "
    "c.spam_score, c.trained_as";

// Scores are stored in millionths: the store binds whole numbers only.
constexpr double kScoreUnit = 1e6;

Comment read_row(const Statement& q) {
  Comment c;
  c.id = q.int64(0);
  c.article_id = q.int64(1);
  c.parent_id = q.int64(2);
  auto kind = q.text(3);
  auto status = q.text(4);
  auto parsed_kind = parse_comment_kind(kind);
  auto parsed_status = parse_comment_status(status);
  if (!parsed_kind || !parsed_status)
    throw StoreError("comment " + std::to_string(c.id) + ": unknown kind or status '" + kind + "', '" + status + "'");
  c.kind = *parsed_kind;
  c.status = *parsed_status;
  c.author_name = q.text(5);
  c.author_url = q.text(6);
  if (!q.is_null(7)) c.staff_user = q.int64(7);
  c.email = q.text(8);
  c.email_key = q.text(9);
  c.notify_replies = q.int64(10) != 0;
  c.browser_key = q.text(11);
  c.address_key = q.text(12);
  c.created_at = Instant(std::chrono::seconds(q.int64(13)));
  c.edited_at = instant_column(q, 14);
  c.reports = static_cast<int>(q.int64(15));
  c.body = q.text(16);
  if (!q.is_null(17)) c.spam_score = static_cast<double>(q.int64(17)) / kScoreUnit;
  auto trained = q.text(18);
  auto parsed_trained = parse_spam_label(trained);
  if (!parsed_trained) throw StoreError("comment " + std::to_string(c.id) + ": unknown spam label '" + trained + "'");
  c.trained_as = *parsed_trained;
  return c;
}

std::vector<Comment> read_all(Statement& q) {
  std::vector<Comment> list;
  while (q.step()) list.push_back(read_row(q));
  return list;
}

}  // namespace

std::int64_t save(Connection& db, const Comment& c) {
  if (c.id) {
    db.prepare(
          "UPDATE comments SET status = ?, author_name = ?, author_url = ?, email = ?, email_key = ?, "
          "notify_replies = ?, address_key = ?, edited_at = ?, reports = ?, body = ?, trained_as = ? WHERE id = ?")
        .bind(1, to_string(c.status))
        .bind(2, c.author_name)
        .bind(3, c.author_url)
        .bind(4, c.email)
        .bind(5, c.email_key)
        .bind(6, c.notify_replies ? 1 : 0)
        .bind(7, c.address_key)
        .bind(8, seconds(c.edited_at))
        .bind(9, c.reports)
        .bind(10, c.body)
        .bind(11, to_string(c.trained_as))
        .bind(12, c.id)
        .run();
    if (db.changes() == 0) throw StoreError("no comment has the id " + std::to_string(c.id));
    return c.id;
  }
  auto q = db.prepare(
      "INSERT INTO comments (article_id, parent_id, kind, status, author_name, author_url, staff_user, email, "
      "email_key, notify_replies, browser_key, address_key, created_at, edited_at, reports, body, spam_score, trained_as) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  q.bind(1, c.article_id).bind(2, c.parent_id).bind(3, to_string(c.kind)).bind(4, to_string(c.status));
  q.bind(5, c.author_name).bind(6, c.author_url).bind(7, c.staff_user).bind(8, c.email).bind(9, c.email_key);
  q.bind(10, c.notify_replies ? 1 : 0).bind(11, c.browser_key).bind(12, c.address_key).bind(13, seconds(c.created_at));
  q.bind(14, seconds(c.edited_at)).bind(15, c.reports).bind(16, c.body);
  if (c.spam_score) q.bind(17, static_cast<std::int64_t>(std::lround(*c.spam_score * kScoreUnit)));
  else q.bind_null(17);
  q.bind(18, to_string(c.trained_as));
  q.step();
  return q.int64(0);
}

void erase(Connection& db, const std::vector<std::int64_t>& ids) {
  for (auto id : ids) db.prepare("DELETE FROM comments WHERE id = ?").bind(1, id).run();
}

std::optional<Comment> by_id(Connection& db, std::int64_t id) {
  auto q = db.prepare("SELECT " + std::string(kColumns) + " FROM comments c WHERE c.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_row(q);
}

std::vector<Comment> of_article(Connection& db, std::int64_t article_id, std::optional<CommentStatus> status) {
  if (status) {
    auto q = db.prepare("SELECT " + std::string(kColumns) + " FROM comments c WHERE c.article_id = ? AND c.status = ? ORDER BY c.id");
    q.bind(1, article_id).bind(2, to_string(*status));
    return read_all(q);
  }
  auto q = db.prepare("SELECT " + std::string(kColumns) + " FROM comments c WHERE c.article_id = ? ORDER BY c.id");
  q.bind(1, article_id);
  return read_all(q);
}

CommentList find(Connection& db, const CommentQuery& query) {
  // Every filter is in the statement, each one a no-op when its value is null: one statement
  // text (one plan) whatever is asked.
  constexpr std::string_view kWhere =
      " WHERE (CAST(?1 AS TEXT) IS NULL OR c.status = ?1) AND (?2 = 0 OR c.reports > 0)"
      " AND (CAST(?3 AS BIGINT) IS NULL OR c.article_id = ?3)"
      " AND (CAST(?4 AS BIGINT) IS NULL OR c.article_id IN (SELECT id FROM articles WHERE created_by = ?4))"
      " AND ((?5 = '' AND ?6 = '') OR (?5 <> '' AND c.email_key = ?5) OR (?6 <> '' AND c.browser_key = ?6))";
  auto bind = [&](Statement& q) {
    if (query.status) q.bind(1, to_string(*query.status));
    else q.bind_null(1);
    q.bind(2, query.reported ? 1 : 0).bind(3, query.article_id).bind(4, query.articles_created_by);
    q.bind(5, query.email_key).bind(6, query.browser_key);
  };
  CommentList out;
  auto count = db.prepare("SELECT count(*) FROM comments c" + std::string(kWhere));
  bind(count);
  if (count.step()) out.total = count.int64(0);
  auto q = db.prepare("SELECT " + std::string(kColumns) + " FROM comments c" + std::string(kWhere) +
                      " ORDER BY c.id DESC LIMIT ?7 OFFSET ?8");
  bind(q);
  q.bind(7, query.limit).bind(8, query.offset);
  out.items = read_all(q);
  return out;
}

std::map<std::int64_t, std::int64_t> counts(Connection& db, const std::vector<std::int64_t>& article_ids) {
  std::map<std::int64_t, std::int64_t> out;
  select_in_groups(db,
                   "SELECT article_id, count(*) FROM comments WHERE article_id IN ({in}) AND status = 'approved' "
                   "AND kind = 'comment' GROUP BY article_id",
                   article_ids, [&](const Statement& q) { out[q.int64(0)] = q.int64(1); });
  for (auto id : article_ids) out.try_emplace(id, 0);
  return out;
}

bool commenter_known(Connection& db, std::string_view email_key, std::string_view browser_key) {
  if (!email_key.empty()) {
    auto q = db.prepare("SELECT 1 FROM comments WHERE email_key = ? AND status = 'approved' LIMIT 1");
    q.bind(1, email_key);
    if (q.step()) return true;
  }
  if (!browser_key.empty()) {
    auto q = db.prepare("SELECT 1 FROM comments WHERE browser_key = ? AND status = 'approved' LIMIT 1");
    q.bind(1, browser_key);
    if (q.step()) return true;
  }
  return false;
}

void unsubscribe(Connection& db, std::string_view email_key, Instant at) {
  db.prepare("INSERT INTO mail_unsubscribed (email_key, at) VALUES (?, ?) ON CONFLICT (email_key) DO NOTHING")
      .bind(1, email_key)
      .bind(2, seconds(at))
      .run();
  db.prepare("UPDATE comments SET email = '', notify_replies = 0 WHERE email_key = ? AND (email <> '' OR notify_replies <> 0)")
      .bind(1, email_key)
      .run();
}

bool unsubscribed(Connection& db, std::string_view email_key) {
  auto q = db.prepare("SELECT 1 FROM mail_unsubscribed WHERE email_key = ?");
  q.bind(1, email_key);
  return q.step();
}

}  // namespace kpress::sql::comments
