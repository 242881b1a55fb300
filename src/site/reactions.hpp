#pragma once
// Readers' reactions with group commit: votes from every request in flight are written in one
// transaction by one writer thread, so a spike costs one disk flush per batch rather than one
// per vote, and each request is answered once its vote is durable. Counts are kept in memory,
// read once from the store and then updated by each batch, exactly.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/reactions.hpp"
#include "core/time.hpp"
#include "core/batch_worker.hpp"

namespace kpress {

class Store;

class Reactions {
 public:
  Reactions(Store& store, std::function<Instant()> clock, std::size_t max_batch = 4096);
  ~Reactions() = default;  // writes what is queued, then stops
  Reactions(const Reactions&) = delete;
  Reactions& operator=(const Reactions&) = delete;

  // Records `vote` (replacing the reader's earlier one on the article) and calls `done` from the
  // writer thread once it is on disk: with the article's counts, or the store's error.
  using VoteDone = std::function<void(const ReactionCounts& counts, std::exception_ptr error)>;
  void vote(ReactionVote vote, VoteDone done);
  ReactionCounts counts(std::int64_t article_id);
  // Votes were recorded elsewhere (another node, read from the change log; this one's own come
  // back too): the counts of those articles are read again from the store when next asked.
  void forget_counts(const std::set<std::int64_t>& articles, bool all);

 private:
  struct Pending {
    ReactionVote vote;
    VoteDone done;
  };
  void write_batch(std::vector<Pending>& batch);
  const ReactionCounts& counts_locked(std::int64_t article_id);

  Store& store_;
  std::function<Instant()> clock_;
  // Held while a batch commits and its counts are applied, so a count read from the store is
  // never applied twice.
  std::mutex counts_mutex_;
  std::unordered_map<std::int64_t, ReactionCounts> counts_;
  // This process's own batches, by article, whose change-log entries are still to come back:
  // their counts were applied exactly as the batch committed, so those entries change nothing
  // here (reading a popular article's counts again costs a count of all its votes).
  std::unordered_map<std::int64_t, int> own_entries_coming_;
  BatchWorker<Pending> batches_;  // last: stopped (what is queued written) before the rest goes
};

}  // namespace kpress
