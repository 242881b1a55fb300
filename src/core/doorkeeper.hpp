#pragma once
// Whether a key was asked for lately, so that a memo keeps a value from its second reading: a
// crawler reading every article once then copies nothing into the memos and pushes nothing out
// of them (TinyLFU's doorkeeper). A table of `slots` fingerprints, one per slot a key's hash
// picks: a key asked for again is known unless another key took its slot in between, and a
// stranger passes only when its 32-bit fingerprint matches the slot's. No allocation after the
// first: 4 bytes a slot. Not thread-safe: its owner locks.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kpress {

class Doorkeeper {
 public:
  explicit Doorkeeper(std::size_t slots) : slots_(slots == 0 ? 1 : slots) {}

  // Whether the key hashed to `key_hash` was asked for lately; remembers that it is now. Any
  // hash will do (std::hash of an integer is the integer itself): it is mixed here first.
  bool asked_again(std::uint64_t key_hash) {
    if (fingerprints_.empty()) fingerprints_.assign(slots_, 0);
    // splitmix64's finalizer: every bit of the key moves the slot and the fingerprint.
    std::uint64_t h = key_hash;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    h ^= h >> 31;
    // The low bits pick the slot, the high ones are the fingerprint (never 0, an empty slot's).
    auto fingerprint = static_cast<std::uint32_t>(h >> 32) | 1u;
    auto& slot = fingerprints_[h % slots_];
    if (slot == fingerprint) return true;
    slot = fingerprint;
    return false;
  }

  void forget() { fingerprints_ = {}; }

 private:
  std::size_t slots_;
  std::vector<std::uint32_t> fingerprints_;  // made at the first question
};

}  // namespace kpress
