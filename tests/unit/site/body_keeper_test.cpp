// The body keeper's writer thread, once it has had nothing to write for a second after writing,
// runs what it was given for that moment (the server gives back what the writes freed there:
// a crawl after an upgrade writes every body, and that thread then sleeps).
#include "site/body_keeper.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <vector>

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

// A third build's keeper drops, on its own thread, what the build before the last two kept: a
// server starting takes no time and no memory over it.
TEST(BodyKeeper, DropsTheBodiesOfBuildsBeforeTheLastTwo) {
  testing::MemoryStore store;
  store.migrate(system_now());
  std::vector<SavedArticle> saved;
  {
    auto tx = store.begin_write();
    for (int i = 0; i < 3; ++i) {
      Article a;
      a.slug = "article-" + std::to_string(i);
      a.language = "fr";
      a.title = "Article " + std::to_string(i);
      a.status = ArticleStatus::published;
      a.published_at = system_now();
      saved.push_back(tx->save_article(a, system_now()));
    }
    for (const char* renderer : {"build 1", "build 2"}) {
      EXPECT_TRUE(tx->adopt_body_renderer(renderer));
      for (const auto& a : saved)
        EXPECT_TRUE(tx->keep_rendered_body({a.id, a.revision, store.links_version(), "<p>kept</p>", {}, {}, renderer}));
    }
    tx->commit();
  }
  auto kept_by = [&](const char* renderer) {
    return std::count_if(saved.begin(), saved.end(), [&](const auto& a) { return store.rendered_body(a.id, a.revision, renderer).has_value(); });
  };
  BodyKeeper keeper(store);
  EXPECT_TRUE(testing::eventually([&] { return kept_by("build 1") == 0; })) << "the oldest build's bodies stay";
  EXPECT_EQ(kept_by("build 2"), 3) << "the build before this one may still run beside it";
}

}  // namespace
}  // namespace kpress
