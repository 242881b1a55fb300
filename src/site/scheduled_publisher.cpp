#include "site/scheduled_publisher.hpp"

#include <spdlog/spdlog.h>

#include "core/accounts.hpp"
#include "store/store.hpp"

namespace kpress {

namespace {
// The longest a node sleeps between looks: a clock moved by hand (tests, a corrected server
// clock) is noticed within it.
constexpr auto kLongestWait = std::chrono::seconds(1);
}  // namespace

ScheduledPublisher::ScheduledPublisher(Store& store, Clock clock)
    : store_(store), clock_(std::move(clock)), thread_([this] { run(); }) {}

ScheduledPublisher::~ScheduledPublisher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ScheduledPublisher::schedule_changed() {
  {
    std::lock_guard lock(mutex_);
    changed_ = true;
  }
  wake_.notify_all();
}

void ScheduledPublisher::run() {
  // What came due while no node ran goes live at once; then each publication at its time.
  std::optional<Instant> next = Instant{};
  for (;;) {
    Instant now = clock_();
    try {
      if (next && *next <= now) publish_due(now);
      next = store_.next_publication_after(now);
    } catch (const std::exception& e) {
      // The database is away: looked at again at the next wake, nothing lost (what is due stays due).
      spdlog::warn("scheduled publishing: {}", e.what());
      next = now;
    }
    std::unique_lock lock(mutex_);
    std::chrono::steady_clock::duration wait = kLongestWait;
    if (next && *next > now) wait = std::min<std::chrono::steady_clock::duration>(kLongestWait, *next - now);
    wake_.wait_for(lock, wait, [&] { return stopping_ || changed_; });
    if (stopping_) return;
    changed_ = false;  // the loop reads the next publication again
  }
}

void ScheduledPublisher::publish_due(Instant now) {
  auto tx = store_.begin_write();
  auto ids = tx->publish_due(now);
  for (auto id : ids)
    tx->append_audit({0, now, std::nullopt, "schedule", "article.live", "article:" + std::to_string(id), "", ""});
  tx->commit();
  if (!ids.empty()) spdlog::info("scheduled publishing: {} article(s) went live", ids.size());
}

}  // namespace kpress
