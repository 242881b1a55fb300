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
  RateLimiter(double per_minute, unsigned burst);
  // Takes a token for `key` when it has one; false: the client must wait (429).
  bool allow(const std::string& key, Clock::time_point now = Clock::now());
  // Whether `key` has no token left, taking none: for limits that count only some outcomes
  // (failed sign-ins), checked before and taken after.
  bool exhausted(const std::string& key, Clock::time_point now = Clock::now());
  // Forgets `key`: it has a full bucket again.
  void reset(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  Bucket& bucket(const std::string& key, Clock::time_point now);  // refilled up to now; mutex_ held
  double per_second_;
  double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace kpress::http
