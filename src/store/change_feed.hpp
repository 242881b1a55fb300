#pragma once
// Delivers the change log to this process's listeners (the page cache, the search index, the
// memos), in commit order, on a thread of its own: every write of every process that shares the
// database, this one's included. The writer of a commit waits until its own change has been
// delivered, so what it answers next shows it; a listener that throws is logged and the others
// still run, and the save stays what it is: durable.
//
// The backend says where the log is (ChangeLogSource); the feed asks it for what follows the
// last entry it delivered whenever this process commits, and every `poll_interval` for other
// processes' commits (the backend makes that ask cheap: SQLite's data_version, PostgreSQL's
// NOTIFY). An entry missing from the sequence (the log's retention passed it while this process
// was not reading) is delivered as a change of everything.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/change_set.hpp"

namespace kpress {

using ChangeListener = std::function<void(const ChangeSet& changes)>;

struct ChangeLogEntry {
  std::int64_t id = 0;  // ids follow commit order, one apart
  ChangeSet changes;
};

class ChangeLogSource {
 public:
  virtual ~ChangeLogSource() = default;
  // The id of the newest entry, 0 when the log is empty.
  virtual std::int64_t newest_change() = 0;
  // The entries after `after`, oldest first, at most `limit`; nothing new may be answered
  // cheaply. Called from the feed's thread only.
  virtual std::vector<ChangeLogEntry> changes_after(std::int64_t after, int limit) = 0;
};

class ChangeFeed {
 public:
  explicit ChangeFeed(ChangeLogSource& source,
                      std::chrono::milliseconds poll_interval = std::chrono::milliseconds(250));
  ~ChangeFeed();
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Listeners run in the order they were added, each change set in turn.
  void subscribe(ChangeListener listener);
  // Starts delivering what is committed from now on (idempotent). Until then nothing is read.
  void start();
  bool started() const;
  // Stops delivering, for good (idempotent); the destructor does too.
  void stop();
  // This process committed the log entry `id`: delivers it (and what precedes it) now and waits
  // until it has been, at most `deadline`. False when the deadline passed first, or at once when
  // the log could not be read the last time (the entry is delivered once it can be). From a
  // listener (the feed's own thread), it returns at once.
  bool committed(std::int64_t id, std::chrono::milliseconds deadline = std::chrono::seconds(10));
  // The log may have grown (the server said so): read it now rather than at the next poll.
  void poke();
  // The id of the last entry delivered.
  std::int64_t delivered() const;
  // Delivering, and the last look at the log found it readable: what listeners keep is current
  // but for the moment a change takes to arrive. False before start, after stop, and while the
  // log cannot be read (then this process may not even have heard of its own commits).
  bool current() const { return current_.load(std::memory_order_acquire); }

 private:
  void run();
  void deliver(const ChangeSet& changes);
  bool stopping() const;

  ChangeLogSource& source_;
  const std::chrono::milliseconds poll_interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;       // a commit to deliver, or stop
  std::condition_variable delivered_;  // delivered_id_ moved
  std::vector<ChangeListener> listeners_;
  std::int64_t delivered_id_ = 0;
  bool poked_ = false;   // a commit of this process waits: read the log now
  bool failing_ = false; // the last read of the log failed
  std::uint64_t reads_ = 0;  // reads of the log done, failed or not
  std::atomic<bool> current_{false};
  bool started_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kpress
