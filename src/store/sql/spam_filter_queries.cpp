#include "store/sql/spam_filter_queries.hpp"

#include <map>

#include "store/sql/connection.hpp"

namespace kpress::sql::spam_filter {

SpamFilterTotals totals(Connection& db) {
  auto q = db.prepare(
      "SELECT spam_trained, ham_trained, caught, wrongly_caught, missed, rightly_passed FROM spam_filter WHERE id = 1");
  SpamFilterTotals t;
  if (!q.step()) return t;
  t.spam_trained = q.int64(0);
  t.ham_trained = q.int64(1);
  t.caught = q.int64(2);
  t.wrongly_caught = q.int64(3);
  t.missed = q.int64(4);
  t.rightly_passed = q.int64(5);
  return t;
}

std::vector<TokenCounts> word_counts(Connection& db, const std::vector<std::string>& tokens) {
  std::map<std::string, TokenCounts, std::less<>> seen;
  select_in_groups(db, "SELECT token, spam, ham FROM spam_words WHERE token IN ({in})", tokens,
                   [&](const Statement& q) { seen[q.text(0)] = {q.int64(1), q.int64(2)}; });
  std::vector<TokenCounts> out;
  out.reserve(tokens.size());
  for (const auto& token : tokens) {
    auto it = seen.find(token);
    out.push_back(it == seen.end() ? TokenCounts{} : it->second);
  }
  return out;
}

void train(Connection& db, const SpamTraining& training) {
  if (training.from == training.to) return;
  for (const auto& token : training.tokens) {
    db.prepare(
          "INSERT INTO spam_words (token, spam, ham) VALUES (?, ?, ?) ON CONFLICT (token) DO UPDATE "
          "SET spam = spam_words.spam + excluded.spam, ham = spam_words.ham + excluded.ham")
        .bind(1, token)
        .bind(2, training.change(SpamLabel::spam))
        .bind(3, training.change(SpamLabel::ham))
        .run();
  }
  auto t = trained_totals(totals(db), training);
  db.prepare(
        "UPDATE spam_filter SET spam_trained = ?, ham_trained = ?, caught = ?, wrongly_caught = ?, missed = ?, "
        "rightly_passed = ? WHERE id = 1")
      .bind(1, t.spam_trained)
      .bind(2, t.ham_trained)
      .bind(3, t.caught)
      .bind(4, t.wrongly_caught)
      .bind(5, t.missed)
      .bind(6, t.rightly_passed)
      .run();
}

}  // namespace kpress::sql::spam_filter
