#pragma once
// The page cache: a handler in front of the site that keeps the pages readers come back to in
// memory, each encoding a reader asked for (identity, gzip, brotli) kept as the whole answer sent
// on a hit, with an ETag of its own, and answers conditional requests with 304.
//
// A page is kept from its second request: one asked for once (a crawler reading the archive, an
// old story shared once) is rendered, compressed quickly for its reader and forgotten, so it
// costs what an uncached page costs and pushes no page out. A page many readers wait for at once
// is kept at its first rendering.
//
// A handler makes a response cacheable by tagging it with every entity it shows
// (X-Kpress-Tags: "site list:home article:42 entity:show/run-on"); invalidate(tags) drops exactly
// the pages that carry one of them. A page may also say until when it holds
// (X-Kpress-Cache-Until: unix seconds), for what changes with time alone, such as a scheduled
// article going live. Memory is bounded: the least recently used pages go first, and the bytes
// counted are the bytes kept.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "http/message.hpp"

namespace kpress::http {

inline constexpr std::string_view kTagsHeader = "X-Kpress-Tags";
inline constexpr std::string_view kCacheUntilHeader = "X-Kpress-Cache-Until";

struct PageCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::size_t pages = 0;
  std::size_t bytes = 0;
  std::size_t encoded = 0;  // compressed answers kept (gzip, brotli), made as readers ask for them
};

class PageCache {
 public:
  // `max_bytes` 0 turns the cache off (pages are still compressed and validated).
  PageCache(std::size_t max_bytes, std::function<Instant()> clock);
  ~PageCache();

  // A handler that serves from the cache, or asks `inner` and keeps what it may.
  Handler wrap(Handler inner);
  // For the server: the kept bytes of a cached page for a plain GET (no validators), or null.
  FastPath fast_path() const;
  // Drops the pages tagged with any of `tags`, and keeps a page rendering meanwhile that carries
  // one from being kept. No tags: nothing changes.
  void invalidate(const std::vector<std::string>& tags);
  void clear();
  PageCacheStats stats() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace kpress::http
