#pragma once
// Scheduled articles go live on their own: every node runs one of these, and at an article's
// time each tries to turn it published (Store's publish_due). The writers take turns, so one
// node turns it and writes the audit entry; the change log then tells every node, whose pages,
// feeds and search show it. Pages already expire at that time by themselves (they are kept
// until the next publication), so nothing waits for the turn to be shown; the turn is what the
// newsroom sees ("Publié") and the one record that it happened.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/time.hpp"

namespace kpress {

class Store;

class ScheduledPublisher {
 public:
  ScheduledPublisher(Store& store, Clock clock);
  ~ScheduledPublisher();  // stops the thread
  ScheduledPublisher(const ScheduledPublisher&) = delete;
  ScheduledPublisher& operator=(const ScheduledPublisher&) = delete;

  // An article was saved here or elsewhere: the next publication may have moved.
  void schedule_changed();

 private:
  void run();
  void publish_due(Instant now);

  Store& store_;
  Clock clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool changed_ = false, stopping_ = false;
  std::thread thread_;
};

}  // namespace kpress
