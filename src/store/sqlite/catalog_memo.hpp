#pragma once
// Catalog entities as last read, in memory, each with the catalog version it was read at: an
// article's show box reads its show, the show's episodes and its network at every view, while
// a fan site's articles are about a few dozen shows and the catalog changes a few times a day.
// A reader checks the version in its own read snapshot (one small query, where reading a show
// takes six), so what it gets is exactly what the store holds in that snapshot.
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace kpress::sqlite {

template <typename Value>
class CatalogMemo {
 public:
  // The value of `key` at catalog `version`: the one kept, or `read()`'s, then kept.
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
