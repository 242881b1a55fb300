// The body keeper's writer thread, once it has had nothing to write for a second after writing,
// runs what it was given for that moment (the server gives back what the writes freed there:
// a crawl after an upgrade writes every body, and that thread then sleeps).
#include "site/body_keeper.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "store/testing/memory_store.hpp"
#include "support/eventually.hpp"

namespace kpress {
namespace {

TEST(BodyKeeper, FallingIdleAfterWritingItGivesBackOnce) {
  testing::MemoryStore store;
  store.migrate(system_now());
  std::atomic<int> idle{0};
  BodyKeeper keeper(store, [&] { ++idle; });
  keeper.keep({.article_id = 1, .revision = 1, .html = "<p>kept</p>"});
  keeper.flush();
  EXPECT_TRUE(testing::eventually([&] { return idle.load() >= 1; })) << "no give-back after the write";
  EXPECT_EQ(idle.load(), 1);
}

}  // namespace
}  // namespace kpress
