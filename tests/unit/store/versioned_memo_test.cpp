// The memos' bound: past it, the least recently used value goes; a value is kept from its key's
// second reading; it is read again once its version moves or the memo is let go, and an older
// reading never replaces a newer one.
#include "store/versioned_memo.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kpress {
namespace {

class CountedReads {
 public:
  std::string get(VersionedMemo<std::string>& memo, const std::string& key, std::int64_t version) {
    return memo.get(key, version, [&] {
      reads.push_back(key);
      return key + "@" + std::to_string(version);
    });
  }
  // Read twice: kept from then on.
  void keep(VersionedMemo<std::string>& memo, const std::string& key, std::int64_t version) {
    get(memo, key, version);
    get(memo, key, version);
  }
  std::vector<std::string> reads;
};

// A crawl reads each article once: nothing is kept, nothing kept is pushed out.
TEST(VersionedMemo, AValueIsKeptFromItsSecondReading) {
  VersionedMemo<std::string> memo(8);
  CountedReads r;
  r.keep(memo, "hot", 1);
  for (int i = 0; i < 100; ++i) r.get(memo, "cold " + std::to_string(i), 1);
  EXPECT_EQ(memo.size(), 1u);
  r.reads.clear();
  EXPECT_EQ(r.get(memo, "hot", 1), "hot@1");
  EXPECT_TRUE(r.reads.empty()) << "the hot value was pushed out by values read once";
  r.get(memo, "cold 99", 1);  // read again lately: kept now
  r.get(memo, "cold 99", 1);
  EXPECT_EQ(r.reads, (std::vector<std::string>{"cold 99"}));
}

TEST(VersionedMemo, PastItsBoundTheLeastRecentlyUsedValueGoes) {
  VersionedMemo<std::string> memo(2);
  CountedReads r;
  r.keep(memo, "a", 1);
  r.keep(memo, "b", 1);
  r.get(memo, "a", 1);   // a is now the more recently used
  r.keep(memo, "c", 1);  // past the bound: b goes
  EXPECT_EQ(memo.size(), 2u);
  r.reads.clear();
  r.get(memo, "a", 1);
  r.get(memo, "c", 1);
  EXPECT_TRUE(r.reads.empty());
  r.get(memo, "b", 1);  // read again, and asked lately: kept; a, the least recently used now, goes
  r.get(memo, "c", 1);
  r.get(memo, "a", 1);
  EXPECT_EQ(r.reads, (std::vector<std::string>{"b", "a"}));
}

// What an idle process does (MemoizedStore::give_back_memory): the values go, and are read again.
TEST(VersionedMemo, ForgottenValuesAreReadAgain) {
  VersionedMemo<std::string> memo(8);
  CountedReads r;
  r.keep(memo, "a", 1);
  r.keep(memo, "b", 1);
  memo.forget();
  EXPECT_EQ(memo.size(), 0u);
  r.reads.clear();
  EXPECT_EQ(r.get(memo, "a", 1), "a@1");
  EXPECT_EQ(r.get(memo, "a", 1), "a@1");
  EXPECT_EQ(r.get(memo, "a", 1), "a@1");
  EXPECT_EQ(r.reads, (std::vector<std::string>{"a", "a"})) << "kept from its second reading after, as before";
}

TEST(VersionedMemo, AValueIsReadAgainOnceItsVersionMoves) {
  VersionedMemo<std::string> memo(8);
  CountedReads r;
  r.keep(memo, "a", 1);
  EXPECT_EQ(r.get(memo, "a", 1), "a@1");
  EXPECT_EQ(r.get(memo, "a", 2), "a@2");
  EXPECT_EQ(r.reads.size(), 3u);
  // A reader still on version 1 (a snapshot begun before) reads its own, and keeps nothing older.
  EXPECT_EQ(r.get(memo, "a", 1), "a@1");
  EXPECT_EQ(r.get(memo, "a", 2), "a@2");
  EXPECT_EQ(r.reads.size(), 4u);
}

TEST(VersionedMemo, WhatIsNotWorthKeepingIsReadEachTime) {
  VersionedMemo<std::string> memo(8);
  int reads = 0;
  auto missing = [&] {
    return memo.get("late", 1, [&] { ++reads; return std::string(); }, [](const std::string& v) { return !v.empty(); });
  };
  missing();
  missing();
  missing();
  EXPECT_EQ(reads, 3);
  EXPECT_EQ(memo.size(), 0u);
}

// Values read many at once (the comment counts of a page's related cards, one statement for all
// those not kept): kept one by one, each at its version, within the same bound.
TEST(VersionedMemo, ValuesReadManyAtOnceAreKeptEachAtItsVersion) {
  VersionedMemo<std::int64_t> memo(2);
  EXPECT_FALSE(memo.find("1", 1));
  memo.keep("1", 1, 3);
  EXPECT_FALSE(memo.find("1", 1)) << "kept from its second reading";
  memo.keep("1", 1, 3);
  memo.keep("2", 1, 0);
  memo.keep("2", 1, 0);
  EXPECT_EQ(memo.find("1", 1), 3);
  EXPECT_EQ(memo.find("2", 1), 0) << "a count of none is kept too";
  EXPECT_FALSE(memo.find("1", 2)) << "the version moved: read again";
  memo.keep("1", 2, 4);
  memo.keep("1", 1, 3);  // a reader still on version 1 keeps nothing older
  EXPECT_EQ(memo.find("1", 2), 4);
  memo.keep("3", 2, 7);
  memo.keep("3", 2, 7);  // past the bound: 2, the least recently used, goes
  EXPECT_FALSE(memo.find("2", 1));
  EXPECT_EQ(memo.size(), 2u);
}

}  // namespace
}  // namespace kpress
