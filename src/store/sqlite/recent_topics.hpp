#pragma once
// The newest articles of each language, each with the tags and entities it is about, held in
// memory: an article's related articles are looked for among them with no query per article
// looked at. Walking the same articles in SQL, two subqueries each, was the largest part of an
// uncached article page (50 us of its queries). Read again after any article is saved, trashed
// or linked, and at least once a minute (other processes' writes).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/time.hpp"

namespace kpress::sqlite {

class Connection;

class RecentTopics {
 public:
  static constexpr int kPerLanguage = 3000;

  // What is held is out of date: read it again at the next question.
  void invalidate() { version_.fetch_add(1); }
  // The ids of the newest articles in `language` (visible at `visible_at`, when set) sharing a
  // tag or an entity with the article `id`, newest first, at most `limit`; `db` is read when
  // what is held is out of date. Fewer than `limit`: the newest articles hold no more of them.
  std::vector<std::int64_t> related(Connection& db, std::int64_t id, const std::string& language,
                                    std::optional<Instant> visible_at, int limit);

 private:
  struct Article {
    std::int64_t id = 0;
    std::int64_t published_at = 0;
    bool published = false;  // else scheduled, a draft or taken down
    bool scheduled = false;
    bool trashed = false;
    std::vector<std::uint64_t> topics;  // sorted
  };
  struct Newest {
    std::vector<Article> articles;  // newest first
    std::unordered_map<std::int64_t, std::size_t> position;  // id -> index in articles
  };
  struct State {
    std::unordered_map<std::string, Newest> languages;
    std::chrono::steady_clock::time_point read_at;
    std::uint64_t version = 0;
  };
  std::shared_ptr<const State> current(Connection& db);
  static std::shared_ptr<const State> read(Connection& db, std::uint64_t version);

  std::atomic<std::uint64_t> version_{0};
  std::mutex mutex_;
  std::shared_ptr<const State> state_;
};

}  // namespace kpress::sqlite
