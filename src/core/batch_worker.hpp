#pragma once
// One worker thread that takes what others queue, in batches: what requests in flight ask to
// write is written a batch a transaction (group commit: one disk flush for the batch, not one
// per item, each request answered from the worker once its batch is durable, by the
// continuation its item carries), and e-mail goes out without holding up whoever sent it.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kpress {

template <typename Item>
class BatchWorker {
 public:
  using Work = std::function<void(std::vector<Item>& batch)>;

  // `max_queued`: beyond it, push refuses.
  BatchWorker(std::size_t max_batch, Work work, std::size_t max_queued = SIZE_MAX)
      : max_batch_(max_batch), max_queued_(max_queued), work_(std::move(work)), worker_([this] { work_loop(); }) {}
  ~BatchWorker() { stop(); }
  BatchWorker(const BatchWorker&) = delete;
  BatchWorker& operator=(const BatchWorker&) = delete;

  // Queued for the next batch; false once stopping, or when max_queued wait (nothing is queued then).
  bool push(Item item) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_ || queue_.size() >= max_queued_) return false;
      queue_.push_back(std::move(item));
    }
    queued_.notify_one();
    return true;
  }

  // Does what is queued, then stops the worker.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    queued_.notify_all();
    if (worker_.joinable()) worker_.join();
  }

 private:
  void work_loop() {
    for (;;) {
      std::vector<Item> batch;
      {
        std::unique_lock lock(mutex_);
        queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and everything is done
        while (!queue_.empty() && batch.size() < max_batch_) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      work_(batch);
    }
  }

  std::size_t max_batch_;
  std::size_t max_queued_;
  Work work_;
  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::thread worker_;  // last: it starts once everything it uses is made
};

}  // namespace kpress
