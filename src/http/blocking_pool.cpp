#include "http/blocking_pool.hpp"

namespace kpress::http {

BlockingPool::BlockingPool(unsigned threads) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) {
    threads_.emplace_back([this] {
      for (;;) {
        std::function<void()> work;
        {
          std::unique_lock lock(mutex_);
          posted_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
          if (queue_.empty()) return;  // stopping, and nothing left
          work = std::move(queue_.front());
          queue_.pop_front();
        }
        work();
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
