#pragma once
// Threads for request handlers that block for long (an image upload is processed for a second
// or more): run on one of these, such a handler leaves the event loops free to answer every
// other request meanwhile, as userver gives blocking work its own task processor.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "http/router.hpp"

namespace kpress::http {

class BlockingPool {
 public:
  // `when_idle`, if given, is run by a thread that has had nothing to do for a second after
  // doing some work (once each time): what the allocator kept for that work can go back.
  explicit BlockingPool(unsigned threads = 1, std::function<void()> when_idle = {});
  ~BlockingPool();  // finishes what was posted, then joins
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  void post(std::function<void()> work);
  // The route's handler, run on this pool; its answer goes back to the connection's event loop.
  AsyncRouteHandler run_here(RouteHandler handler);

 private:
  std::mutex mutex_;
  std::condition_variable posted_;
  std::deque<std::function<void()>> queue_;
  std::function<void()> when_idle_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kpress::http
