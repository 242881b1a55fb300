// What lets a memo keep a value from its second reading: a key asked for again lately is
// known, a key asked for once (a crawl's) is not, and a crawl passing by does not make a hot key
// a stranger for long.
#include "core/doorkeeper.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>

namespace kpress {
namespace {

std::uint64_t hash_of(const std::string& key) { return std::hash<std::string>{}(key); }

TEST(Doorkeeper, AKeyIsKnownFromItsSecondAsking) {
  Doorkeeper asked(64);
  EXPECT_FALSE(asked.asked_again(hash_of("/articles/a")));
  EXPECT_TRUE(asked.asked_again(hash_of("/articles/a")));
  EXPECT_TRUE(asked.asked_again(hash_of("/articles/a")));
  EXPECT_FALSE(asked.asked_again(hash_of("/articles/b")));
}

// Integer keys (std::hash is then the integer itself) as much as strings.
TEST(Doorkeeper, ACrawlAskingEachKeyOnceIsNeverLetIn) {
  Doorkeeper by_name(1024), by_id(1024);
  int let_in = 0;
  for (int i = 0; i < 100000; ++i) {
    let_in += by_name.asked_again(hash_of("/articles/" + std::to_string(i)));
    let_in += by_id.asked_again(static_cast<std::uint64_t>(i));
  }
  EXPECT_EQ(let_in, 0);
}

// A hot key asked for between each of a crawl's: known nearly every time (a crawl's key may take
// its slot now and then, and the next asking lets it in again).
TEST(Doorkeeper, AHotKeyStaysKnownWhileACrawlPassesBy) {
  Doorkeeper asked(1024);
  asked.asked_again(hash_of("hot"));
  int known = 0;
  for (int i = 0; i < 10000; ++i) {
    asked.asked_again(hash_of("cold " + std::to_string(i)));
    known += asked.asked_again(hash_of("hot"));
  }
  EXPECT_GT(known, 9900);
}

TEST(Doorkeeper, ForgottenKeysAreStrangersAgain) {
  Doorkeeper asked(64);
  asked.asked_again(7);
  asked.forget();
  EXPECT_FALSE(asked.asked_again(7));
  EXPECT_TRUE(asked.asked_again(7));
}

}  // namespace
}  // namespace kpress
