#pragma once
// What readers ask at every view and writers rarely change, in memory, each value with the
// version of its table it was read at:
// - an article's show box reads its show, the show's episodes and its network at every view,
//   while a fan site's articles are about a few dozen shows and the catalog changes a few times
//   a day;
// - a spike's readers open the same few articles, each with its kept body, thousands of times
//   between two saves;
// - an article's page lists its story's other editions, and nearly every story has none.
// A version counts the commits that changed what it covers (catalog_version, articles_version,
// links_version). Every such commit appends to the change log, so a process knows the versions
// from the log it reads (SqlStore::known_versions_) and a page whose reads are all kept here
// never reaches the database. A value is read in a state at least as new as its version: kept
// under a version a little older than its state, it is read again when the version moves.
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace kpress::sql {

// The versions a reader keys the memos with (see SqlStore::versions).
struct Versions {
  std::int64_t catalog = 0;
  std::int64_t articles = 0;
  std::int64_t links = 0;  // rendered_body_state's: kept bodies deleted or replaced
};

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

}  // namespace kpress::sql
