#pragma once
// Limits what one client (an IP address) may do: a token bucket per key that holds `burst`
// tokens and gains `per_minute` of them a minute. Memory stays bounded: buckets full again are
// forgotten when the table grows.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kpress::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  // per_minute 0: no limit.
  RateLimiter(unsigned per_minute, unsigned burst);
  // Takes a token for `key` when it has one; false: the client must wait (429).
  bool allow(const std::string& key, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  double per_second_;
  double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace kpress::http
