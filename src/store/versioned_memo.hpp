#pragma once
// A value per key, kept with the version it was read at, and read again once the version moves
// (see MemoizedStore, which keys its memos with versions counted from the change log).
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace kpress {

template <typename Value>
class VersionedMemo {
 public:
  // Keys come from URLs: at most `max_kept` values are kept, all dropped when it is reached.
  explicit VersionedMemo(std::size_t max_kept = 4096) : max_kept_(max_kept) {}

  // The value of `key` at `version`: the one kept, or `read()`'s, then kept if `worth_keeping`
  // says so (a value that may come later without a new version must not be kept missing).
  template <typename Read, typename WorthKeeping = bool (*)(const Value&)>
  Value get(std::string_view key, std::int64_t version, Read&& read,
            WorthKeeping worth_keeping = [](const Value&) { return true; }) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = kept_.find(std::string(key)); it != kept_.end() && it->second.first == version) return it->second.second;
    }
    Value value = read();
    if (!worth_keeping(value)) return value;
    std::lock_guard lock(mutex_);
    if (kept_.size() >= max_kept_) kept_.clear();
    auto& slot = kept_[std::string(key)];
    if (slot.first <= version) slot = {version, value};
    return value;
  }

 private:
  const std::size_t max_kept_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::pair<std::int64_t, Value>> kept_;
};

}  // namespace kpress
