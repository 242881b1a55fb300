#pragma once
// What every page needs to know about the site (settings, languages, sections, tags, authors),
// read from the store once and kept until a change touches it, rather than five queries a page.
#include <cstdint>
#include <memory>
#include <mutex>

#include "site/views.hpp"

namespace kpress {

class Store;

class SiteContextCache {
 public:
  // Listens to `store`'s changes: build it before the store is shared between threads, and
  // before the page cache listens, so pages rendered after an invalidation see the new context.
  explicit SiteContextCache(Store& store);
  SiteContextCache(const SiteContextCache&) = delete;
  SiteContextCache& operator=(const SiteContextCache&) = delete;

  // The current context; a page keeps the pointer it got for the whole of its rendering.
  std::shared_ptr<const SiteContext> get() const;

 private:
  const Store& store_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const SiteContext> current_;  // null: read it again
  std::uint64_t generation_ = 0;                        // changes seen
};

}  // namespace kpress
