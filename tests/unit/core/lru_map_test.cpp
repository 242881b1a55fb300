// The bound everything kept in memory beside the page cache has: past it, the least recently
// used entry goes, and a use (a find or a put) makes an entry the most recent.
#include "core/lru_map.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kpress {
namespace {

TEST(LruMap, PastItsBoundTheLeastRecentlyUsedEntryGoes) {
  LruMap<int, std::string> kept(2);
  kept.put(1, "one");
  kept.put(2, "two");
  ASSERT_NE(kept.find(1), nullptr);  // 1 is now the more recently used
  kept.put(3, "three");              // past the bound: 2 goes
  EXPECT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept.find(2), nullptr);
  ASSERT_NE(kept.find(1), nullptr);
  EXPECT_EQ(*kept.find(1), "one");
  EXPECT_EQ(*kept.find(3), "three");  // 3 the most recent now, 1 the least
  kept.put(4, "four");
  EXPECT_EQ(kept.find(1), nullptr);
  EXPECT_NE(kept.find(3), nullptr);
  EXPECT_NE(kept.find(4), nullptr);
}

TEST(LruMap, PuttingAKeyAgainReplacesItsValueAndMakesItTheMostRecent) {
  LruMap<std::string, int> kept(2);
  kept.put("a", 1);
  kept.put("b", 2);
  kept.put("a", 10);  // replaced, not added: nothing goes
  EXPECT_EQ(kept.size(), 2u);
  EXPECT_EQ(*kept.find("a"), 10);
  kept.put("c", 3);  // b was the least recently used
  EXPECT_EQ(kept.find("b"), nullptr);
  EXPECT_EQ(*kept.find("a"), 10);
}

TEST(LruMap, AnErasedEntryIsGoneAndFreesItsPlace) {
  LruMap<int, int> kept(2);
  kept.put(1, 1);
  kept.put(2, 2);
  kept.erase(1);
  kept.erase(7);  // not kept: nothing happens
  EXPECT_EQ(kept.size(), 1u);
  kept.put(3, 3);
  EXPECT_NE(kept.find(2), nullptr);  // the erased entry's place was free: 2 stayed
  EXPECT_NE(kept.find(3), nullptr);
  kept.clear();
  EXPECT_EQ(kept.size(), 0u);
  EXPECT_EQ(kept.find(2), nullptr);
}

}  // namespace
}  // namespace kpress
