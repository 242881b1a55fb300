#include "http/blocking_pool.hpp"

#include <chrono>

namespace kpress::http {

BlockingPool::BlockingPool(unsigned threads, std::function<void()> when_idle) : when_idle_(std::move(when_idle)) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) {
    threads_.emplace_back([this] {
      bool worked = false;  // since this thread last ran when_idle_
      for (;;) {
        std::function<void()> work;
        {
          std::unique_lock lock(mutex_);
          auto ready = [&] { return stopping_ || !queue_.empty(); };
          if (worked && when_idle_ && !posted_.wait_for(lock, std::chrono::seconds(1), ready)) {
            lock.unlock();
            when_idle_();
            worked = false;
            continue;
          }
          posted_.wait(lock, ready);
          if (queue_.empty()) return;  // stopping, and nothing left
          work = std::move(queue_.front());
          queue_.pop_front();
        }
        work();
        worked = true;
      }
    });
  }
}

BlockingPool::~BlockingPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  posted_.notify_all();
  for (auto& t : threads_) t.join();
}

void BlockingPool::post(std::function<void()> work) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(work));
  }
  posted_.notify_one();
}

AsyncRouteHandler BlockingPool::run_here(RouteHandler handler) {
  return [this, handler = std::move(handler)](const Request& request, const RouteParams& params, Respond respond) {
    // Copies: the work may outlive the caller's frame (a server stopping).
    post([handler, request = Request(request), params = RouteParams(params), respond = std::move(respond)] {
      try {
        respond(handler(request, params));
      } catch (...) {
        respond(failed_request(request, std::current_exception()));
      }
    });
  };
}

}  // namespace kpress::http
