#pragma once
// A map that keeps at most `max_kept` entries: past that, the least recently used goes. What
// kpress keeps in memory beside the page cache (memos, topics, formatted dates) is kept in one of
// these, so each has a bound of its own. Not thread-safe: its owner locks.
#include <cstddef>
#include <list>
#include <unordered_map>
#include <utility>

namespace kpress {

template <typename Key, typename Value, typename Hash = std::hash<Key>>
class LruMap {
 public:
  explicit LruMap(std::size_t max_kept) : max_kept_(max_kept) {}

  // The value kept for `key`, now the most recently used; null when none is.
  Value* find(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    used_.splice(used_.begin(), used_, it->second);
    return &it->second->second;
  }

  // Keeps `value` for `key` (replacing the one kept), as the most recently used.
  Value& put(const Key& key, Value value) {
    if (auto it = index_.find(key); it != index_.end()) {
      it->second->second = std::move(value);
      used_.splice(used_.begin(), used_, it->second);
      return it->second->second;
    }
    used_.emplace_front(key, std::move(value));
    index_.emplace(key, used_.begin());
    if (used_.size() > max_kept_) {
      index_.erase(used_.back().first);
      used_.pop_back();
    }
    return used_.front().second;
  }

  void erase(const Key& key) {
    if (auto it = index_.find(key); it != index_.end()) {
      used_.erase(it->second);
      index_.erase(it);
    }
  }

  void clear() {
    index_.clear();
    used_.clear();
  }

  std::size_t size() const { return used_.size(); }
  std::size_t max_kept() const { return max_kept_; }

 private:
  std::size_t max_kept_;
  std::list<std::pair<Key, Value>> used_;  // most recently used first
  std::unordered_map<Key, typename std::list<std::pair<Key, Value>>::iterator, Hash> index_;
};

}  // namespace kpress
