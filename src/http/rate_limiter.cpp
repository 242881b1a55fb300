#include "http/rate_limiter.hpp"

#include <algorithm>
#include <iterator>

namespace kpress::http {

RateLimiter::RateLimiter(double per_minute, unsigned burst)
    : per_second_(per_minute / 60.0), burst_(std::max(1u, burst)) {}

RateLimiter::Bucket& RateLimiter::bucket(const std::string& key, Clock::time_point now) {
  auto refill = [&](Bucket& b) {
    double seconds = std::chrono::duration<double>(now - b.updated).count();
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, seconds) * per_second_);
    b.updated = now;
  };
  if (buckets_.size() > 100'000) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      refill(it->second);
      it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, added] = buckets_.try_emplace(key, Bucket{burst_, now});
  refill(it->second);
  return it->second;
}

bool RateLimiter::allow(const std::string& key, Clock::time_point now) {
  if (per_second_ <= 0) return true;
  std::lock_guard lock(mutex_);
  Bucket& b = bucket(key, now);
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

bool RateLimiter::exhausted(const std::string& key, Clock::time_point now) {
  if (per_second_ <= 0) return false;
  std::lock_guard lock(mutex_);
  return bucket(key, now).tokens < 1.0;
}

void RateLimiter::reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  buckets_.erase(key);
}

}  // namespace kpress::http
