#pragma once
// A value per key, kept with the version it was read at, and read again once the version moves
// (see MemoizedStore, which keys its memos with versions counted from the change log). At most
// `max_kept` values are kept: the least recently used goes first. A value is kept from its key's
// second reading (Doorkeeper): what a crawl reads once is not copied in, and pushes nothing out.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/doorkeeper.hpp"
#include "core/lru_map.hpp"

namespace kpress {

template <typename Value>
class VersionedMemo {
 public:
  explicit VersionedMemo(std::size_t max_kept = 4096) : kept_(max_kept), asked_(2 * max_kept) {}

  // The value of `key` at `version`: the one kept, or `read()`'s, then kept if `worth_keeping`
  // says so (a value that may come later without a new version must not be kept missing) and
  // the key was read lately.
  template <typename Read, typename WorthKeeping = bool (*)(const Value&)>
  Value get(std::string_view key, std::int64_t version, Read&& read,
            WorthKeeping worth_keeping = [](const Value&) { return true; }) {
    std::string name(key);
    {
      std::lock_guard lock(mutex_);
      if (auto* kept = kept_.find(name); kept && kept->version == version) return kept->value;
    }
    Value value = read();
    if (!worth_keeping(value)) return value;
    std::lock_guard lock(mutex_);
    if (!asked_.asked_again(std::hash<std::string>{}(name))) return value;
    // Another reader may have kept a newer one meanwhile: an older one does not replace it.
    if (auto* kept = kept_.find(name); kept && kept->version > version) return value;
    kept_.put(name, {version, value});
    return value;
  }

  // For reads of many keys at once (one statement for those not kept): the value kept of `key` at
  // `version`, if any; and keeping one read at `version`.
  std::optional<Value> find(std::string_view key, std::int64_t version) {
    std::lock_guard lock(mutex_);
    if (auto* kept = kept_.find(std::string(key)); kept && kept->version == version) return kept->value;
    return std::nullopt;
  }
  void keep(std::string_view key, std::int64_t version, Value value) {
    std::lock_guard lock(mutex_);
    std::string name(key);
    if (!asked_.asked_again(std::hash<std::string>{}(name))) return;
    if (auto* kept = kept_.find(name); kept && kept->version > version) return;
    kept_.put(name, {version, std::move(value)});
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return kept_.size();
  }

  // Everything kept, and which keys were read lately, let go.
  void forget() {
    std::lock_guard lock(mutex_);
    kept_.clear();
    asked_.forget();
  }

 private:
  struct Versioned {
    std::int64_t version = 0;
    Value value;
  };
  mutable std::mutex mutex_;
  LruMap<std::string, Versioned> kept_;
  Doorkeeper asked_;
};

}  // namespace kpress
