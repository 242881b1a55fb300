#pragma once
// What readers ask at every view and writers rarely change, in memory, each value with the
// version of its table it was read at. An article's show box reads its show, the show's episodes
// and its network at every view, while a fan site's articles are about a few dozen shows and the
// catalog changes a few times a day; an article's page lists its story's other editions, and
// nearly every story has none. A version counts the commits that changed what it covers
// (catalog_version, articles_version), so a reader checks it in its own read snapshot (one small
// query, read once per snapshot) and gets exactly what the store holds in that snapshot.
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace kpress::sqlite {

// The two versions, as one read snapshot sees them.
struct Versions {
  std::int64_t catalog = 0;
  std::int64_t articles = 0;
};

template <typename Value>
class VersionedMemo {
 public:
  // The value of `key` at `version`: the one kept, or `read()`'s, then kept.
  template <typename Read>
  Value get(std::string_view key, std::int64_t version, Read&& read) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = kept_.find(std::string(key)); it != kept_.end() && it->second.first == version) return it->second.second;
    }
    Value value = read();
    std::lock_guard lock(mutex_);
    if (kept_.size() >= kMaxKept) kept_.clear();  // slugs come from URLs: keep it bounded
    auto& slot = kept_[std::string(key)];
    if (slot.first <= version) slot = {version, value};
    return value;
  }

 private:
  static constexpr std::size_t kMaxKept = 4096;
  std::mutex mutex_;
  std::unordered_map<std::string, std::pair<std::int64_t, Value>> kept_;
};

}  // namespace kpress::sqlite
