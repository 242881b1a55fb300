#pragma once
// The newest articles of each language, each with the tags and entities it is about, held in
// memory: an article's related articles are looked for among them with no query per article
// looked at. Walking the same articles in SQL, two subqueries each, was the largest part of an
// uncached article page (50 us of its queries).
//
// Reading a language's takes tens of milliseconds, so it is done when the language is first
// asked for, and an article saved, trashed or linked is read again alone (`changed`); everything
// is read again every ten minutes, which also brings in what other processes wrote: by the reader
// who finds it due, outside the lock, while the others go on with what is held. These reads
// go through a connection of their own, outside any reader's snapshot: the change is committed
// before it is announced, so they see it. The summaries of the articles found are kept too (the
// same few are shown on many pages), read on first need and dropped with their article.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/content.hpp"
#include "core/doorkeeper.hpp"
#include "core/lru_map.hpp"
#include "core/time.hpp"
#include "store/sql/connection.hpp"

namespace kpress::sql {


class RecentTopics {
 public:
  static constexpr int kPerLanguage = 3000;

  // How an article's summary is read (the store's own query); nothing when it is gone.
  using ReadSummary = std::function<std::optional<ArticleSummary>(Connection&, std::int64_t id)>;

  RecentTopics(Connect connect, ReadSummary read_summary,
               std::chrono::steady_clock::duration read_all_again_after = std::chrono::minutes(10));
  ~RecentTopics();

  // The article was saved, trashed or linked, told as the store's change number `change`: read
  // it again before the next question.
  void changed(std::int64_t article_id, std::uint64_t change);
  // The newest articles in `language` (visible at `visible_at`, when set) sharing a tag or an
  // entity with the article `id`, newest first, at most `limit`. Fewer than `limit`: the newest
  // articles hold no more of them. An older article's own topics are read through `db`, the
  // page's connection, which shows every change up to the number `seen` at least.
  std::vector<ArticleSummary> related(Connection& db, std::uint64_t seen, std::int64_t id, const std::string& language,
                                      std::optional<Instant> visible_at, int limit);
  // The older articles' topics and the summaries let go, and its connection's page cache, unless a
  // reader is using them (an event loop fell idle: they are read again when asked).
  void give_back_memory();

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
    std::vector<Article> articles;  // newest first: published_at, then id, descending
    std::unordered_map<std::int64_t, std::size_t> position;  // id -> index in articles
    void index();  // makes position again
  };
  using Languages = std::map<std::string, std::shared_ptr<const Newest>, std::less<>>;

  std::shared_ptr<const Newest> newest(const std::string& language);
  std::vector<std::uint64_t> topics_of_older(Connection& db, std::uint64_t seen, std::int64_t id);
  std::vector<ArticleSummary> summaries(const std::vector<std::int64_t>& ids);
  static std::shared_ptr<const Newest> read_language(Connection& db, const std::string& language);
  void apply_changes(Connection& db);
  void read_all_again(std::unique_lock<std::mutex>& lock);

  Connect connect_;
  ReadSummary read_summary_;
  std::chrono::steady_clock::duration read_all_again_after_;
  std::unique_ptr<Connection> db_;  // opened at the first question; used under mutex_
  std::unique_ptr<Connection> rereading_db_;  // used by the one reader reading everything again
  std::mutex mutex_;
  Languages languages_;
  std::chrono::steady_clock::time_point read_at_;
  bool rereading_ = false;
  std::set<std::int64_t> changed_;
  std::set<std::int64_t> changed_while_rereading_;
  // The topics of older articles asked about (an old article read again and again, from a
  // search or a link), read by the page that asked (no lock held while it reads): kept only when
  // that read shows the last article change told, so a change announced later always drops it.
  // 5,000 of them take about 0.7 MB (20,000 took 2.8 MB, heaptrack). Kept from an article's
  // second asking: a crawl asks once.
  LruMap<std::int64_t, std::vector<std::uint64_t>> older_{5000};
  Doorkeeper older_asked_{10000};
  std::uint64_t last_change_ = 0;  // the number of the last change to an article
  // Of articles found related. A summary names its section and author by slug, which only a save
  // of the article changes (their names are the site's, read at each render).
  LruMap<std::int64_t, ArticleSummary> summaries_{3000};  // about 2 MB
};

}  // namespace kpress::sql
