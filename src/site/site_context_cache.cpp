#include "site/site_context_cache.hpp"

#include "store/store.hpp"

namespace kpress {

SiteContextCache::SiteContextCache(Store& store) : store_(store) {
  store.on_change([this](const ChangeSet& changes) {
    if (!changes.site && !changes.everything) return;
    // Read again at once, here, after the commit: a page being rendered meanwhile reads from a
    // snapshot that may predate it, and must not be the one to fill the cache.
    std::shared_ptr<const SiteContext> fresh;
    try {
      fresh = std::make_shared<const SiteContext>(SiteContext::load(store_));
    } catch (...) {  // left empty: the next page reads it
    }
    std::lock_guard lock(mutex_);
    current_ = std::move(fresh);
    ++generation_;
  });
}

std::shared_ptr<const SiteContext> SiteContextCache::get() const {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    if (current_) return current_;
    generation = generation_;
  }
  auto context = std::make_shared<const SiteContext>(SiteContext::load(store_));
  std::lock_guard lock(mutex_);
  if (generation == generation_ && !current_) current_ = context;  // no change landed meanwhile
  return context;
}

}  // namespace kpress
