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
  explicit BlockingPool(unsigned threads = 1);
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
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kpress::http
