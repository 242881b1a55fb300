#include "site/reactions.hpp"

#include <stdexcept>

#include "store/store.hpp"

namespace kpress {

namespace {
constexpr std::size_t kCountsKept = 20'000;  // articles whose counts stay in memory
}

Reactions::Reactions(Store& store, std::function<Instant()> clock, std::size_t max_batch)
    : store_(store), clock_(std::move(clock)), batches_(max_batch, [this](std::vector<Pending>& batch) { write_batch(batch); }) {}

void Reactions::vote(ReactionVote vote, VoteDone done) {
  if (!batches_.push({std::move(vote), std::move(done)})) throw std::runtime_error("reactions are closed: the server is stopping");
}

ReactionCounts Reactions::counts(std::int64_t article_id) {
  std::lock_guard lock(counts_mutex_);
  return counts_locked(article_id);
}

void Reactions::forget_counts(const std::set<std::int64_t>& articles, bool all) {
  std::lock_guard lock(counts_mutex_);  // not while a batch is applied: its counts come first
  if (all) {
    counts_.clear();
    own_entries_coming_.clear();
    return;
  }
  for (auto id : articles) {
    if (auto own = own_entries_coming_.find(id); own != own_entries_coming_.end()) {
      if (--own->second == 0) own_entries_coming_.erase(own);
      continue;
    }
    counts_.erase(id);
  }
}

const ReactionCounts& Reactions::counts_locked(std::int64_t article_id) {
  auto it = counts_.find(article_id);
  if (it != counts_.end()) return it->second;
  if (counts_.size() >= kCountsKept) counts_.clear();  // read again from the store when asked
  return counts_.emplace(article_id, store_.reaction_counts(article_id)).first->second;
}

void Reactions::write_batch(std::vector<Pending>& batch) {
  std::vector<ReactionVote> votes;
  votes.reserve(batch.size());
  for (const auto& p : batch) votes.push_back(p.vote);

  std::lock_guard lock(counts_mutex_);
  std::vector<RecordedVote> recorded;
  try {
    recorded = store_.record_reactions(votes, clock_());
  } catch (...) {
    for (auto& p : batch) p.done({}, std::current_exception());
    return;
  }
  std::set<std::int64_t> counted;  // the articles the batch's change-log entry names
  for (std::size_t i = 0; i < batch.size(); ++i)
    if (recorded[i].recorded) counted.insert(batch[i].vote.article_id);
  for (auto id : counted) ++own_entries_coming_[id];
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto& v = batch[i].vote;
    if (!recorded[i].recorded) continue;
    if (auto it = counts_.find(v.article_id); it != counts_.end()) {
      if (recorded[i].previous) --it->second[*recorded[i].previous];
      ++it->second[v.reaction];
    }
  }
  // Answered only now, with every vote of the batch counted.
  for (std::size_t i = 0; i < batch.size(); ++i) {
    try {
      batch[i].done(recorded[i].recorded ? counts_locked(batch[i].vote.article_id) : ReactionCounts{}, nullptr);
    } catch (...) {
      batch[i].done({}, std::current_exception());
    }
  }
}

}  // namespace kpress
