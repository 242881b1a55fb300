#include "store/change_feed.hpp"

#include <spdlog/spdlog.h>

#include "core/errors.hpp"

namespace kpress {

namespace {
thread_local const ChangeFeed* delivering = nullptr;  // the feed whose thread this is
constexpr int kBatch = 256;
constexpr int kAttempts = 5;
constexpr auto kRetryAfter = std::chrono::milliseconds(200);
}  // namespace

ChangeFeed::ChangeFeed(ChangeLogSource& source, std::chrono::milliseconds poll_interval)
    : source_(source), poll_interval_(poll_interval) {}

ChangeFeed::~ChangeFeed() { stop(); }

void ChangeFeed::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    current_ = false;
  }
  wake_.notify_all();
  delivered_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void ChangeFeed::subscribe(ChangeListener listener) {
  std::lock_guard lock(mutex_);
  listeners_.push_back(std::move(listener));
}

void ChangeFeed::start() {
  std::lock_guard lock(mutex_);
  if (started_ || stopping_) return;
  delivered_id_ = source_.newest_change();
  started_ = true;
  current_ = true;
  thread_ = std::thread([this] { run(); });
}

bool ChangeFeed::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

bool ChangeFeed::started() const {
  std::lock_guard lock(mutex_);
  return started_;
}

std::int64_t ChangeFeed::delivered() const {
  std::lock_guard lock(mutex_);
  return delivered_id_;
}

void ChangeFeed::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

bool ChangeFeed::committed(std::int64_t id, std::chrono::milliseconds deadline) {
  if (delivering == this) return true;  // a listener's own write: delivered after this one
  std::unique_lock lock(mutex_);
  if (!started_ || stopping_ || delivered_id_ >= id) return true;
  poked_ = true;
  wake_.notify_all();
  // A log that cannot be read now must not hold every save for the whole deadline: one read
  // after this commit that fails is enough to go on.
  const auto reads = reads_;
  delivered_.wait_for(lock, deadline, [&] { return delivered_id_ >= id || stopping_ || (failing_ && reads_ > reads); });
  return delivered_id_ >= id;
}

void ChangeFeed::deliver(const ChangeSet& changes) {
  std::vector<ChangeListener> listeners;
  {
    std::lock_guard lock(mutex_);
    listeners = listeners_;
  }
  for (const auto& listener : listeners) {
    // A listener that reads the store may find it away for a moment (a restart): asked again.
    for (int attempt = 1;; ++attempt) {
      try {
        listener(changes);
      } catch (const Unavailable& e) {
        if (attempt < kAttempts && !stopping()) {
          std::this_thread::sleep_for(kRetryAfter * attempt);
          continue;
        }
        spdlog::error("a change listener failed ({}): what it keeps may be out of date for {}", e.what(), changes.to_log());
      } catch (const std::exception& e) {
        spdlog::error("a change listener failed ({}): what it keeps may be out of date for {}", e.what(), changes.to_log());
      } catch (...) {
        spdlog::error("a change listener failed: what it keeps may be out of date for {}", changes.to_log());
      }
      break;
    }
  }
}

void ChangeFeed::run() {
  delivering = this;
  std::int64_t after = 0;
  {
    std::lock_guard lock(mutex_);
    after = delivered_id_;
  }
  bool failing = false;
  auto set_failing = [&](bool now) {
    failing = now;
    {
      std::lock_guard lock(mutex_);
      failing_ = now;
      current_ = !now && !stopping_;
      ++reads_;
    }
    delivered_.notify_all();
  };
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, poll_interval_, [&] { return stopping_ || poked_; });
      if (stopping_) return;
      poked_ = false;
    }
    std::vector<ChangeLogEntry> entries;
    try {
      entries = source_.changes_after(after, kBatch);
      if (failing) spdlog::info("the change log is read again");
    } catch (const std::exception& e) {
      // The database is away (or the log unreadable): asked again at the next poll.
      if (!failing) spdlog::warn("cannot read the change log: {}", e.what());
      set_failing(true);
      continue;
    }
    for (auto& entry : entries) {
      if (entry.id != after + 1) {
        // Entries this process never read are gone: what it keeps may be wrong anywhere.
        spdlog::warn("the change log moved past entries {}-{} unread: everything kept is dropped", after + 1, entry.id - 1);
        ChangeSet everything;
        everything.everything = true;
        deliver(everything);
      }
      deliver(entry.changes);
      after = entry.id;
      {
        std::lock_guard lock(mutex_);
        delivered_id_ = after;
      }
      delivered_.notify_all();
    }
    set_failing(false);  // after what was missed is delivered: only then is all kept current
    if (entries.size() == static_cast<std::size_t>(kBatch)) {
      std::lock_guard lock(mutex_);
      poked_ = true;  // more may follow: read on without waiting
    }
  }
}

}  // namespace kpress
