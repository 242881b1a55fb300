#pragma once
// A value per key, kept with the version it was read at, and read again once the version moves
// (see MemoizedStore, which keys its memos with versions counted from the change log). At most
// `max_kept` values are kept: the least recently used goes first.
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace kpress {

template <typename Value>
class VersionedMemo {
 public:
  explicit VersionedMemo(std::size_t max_kept = 4096) : max_kept_(max_kept) {}

  // The value of `key` at `version`: the one kept, or `read()`'s, then kept if `worth_keeping`
  // says so (a value that may come later without a new version must not be kept missing).
  template <typename Read, typename WorthKeeping = bool (*)(const Value&)>
  Value get(std::string_view key, std::int64_t version, Read&& read,
            WorthKeeping worth_keeping = [](const Value&) { return true; }) {
    std::string name(key);
    {
      std::lock_guard lock(mutex_);
      if (auto it = index_.find(name); it != index_.end() && it->second->version == version) {
        used_.splice(used_.begin(), used_, it->second);
        return it->second->value;
      }
    }
    Value value = read();
    if (!worth_keeping(value)) return value;
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(name); it != index_.end()) {
      // Another reader may have kept a newer one meanwhile: an older one does not replace it.
      if (it->second->version <= version) {
        it->second->version = version;
        it->second->value = value;
      }
      used_.splice(used_.begin(), used_, it->second);
      return value;
    }
    used_.push_front({name, version, value});
    index_.emplace(std::move(name), used_.begin());
    if (used_.size() > max_kept_) {
      index_.erase(used_.back().key);
      used_.pop_back();
    }
    return value;
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return used_.size();
  }

 private:
  struct Entry {
    std::string key;
    std::int64_t version = 0;
    Value value;
  };
  const std::size_t max_kept_;
  mutable std::mutex mutex_;
  std::list<Entry> used_;  // most recently used first
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
};

}  // namespace kpress
