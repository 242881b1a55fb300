#include "store/change_set.hpp"

#include <gtest/gtest.h>

#include "store/store.hpp"

namespace kpress {
namespace {

TEST(ChangeSet, ReadsBackFromTheLogWhatItWrote) {
  ChangeSet c;
  c.site = true;
  c.home = true;
  c.articles = {3, 42};
  c.editions = {"run-on"};
  c.sections = {"kdrama"};
  c.tags = {"임시완", "run-on"};
  c.authors = {"camille"};
  c.entities = {{EntityKind::show, "run-on"}, {EntityKind::person, "im-siwan"}};
  c.about = {{EntityKind::group, "bts"}};
  c.networks = {"jtbc"};
  EXPECT_EQ(ChangeSet::from_log(c.to_log()), c);
  EXPECT_EQ(ChangeSet::from_log(ChangeSet{}.to_log()), ChangeSet{});
  EXPECT_TRUE(ChangeSet::from_log("{}").empty());
}

TEST(ChangeSet, MergesEverythingBothName) {
  ChangeSet a, b;
  a.articles = {1};
  a.site = true;
  b.articles = {2};
  b.entities = {{EntityKind::show, "run-on"}};
  a.merge(b);
  EXPECT_EQ(a.articles, (std::set<std::int64_t>{1, 2}));
  EXPECT_TRUE(a.site);
  EXPECT_EQ(a.entities.size(), 1u);
}

TEST(ChangeSet, ALogEntryItCannotReadIsAnError) {
  for (const char* bad : {"", "[]", "{\"articles\": [\"one\"]}", "{\"entities\": [\"robot/x\"]}", "{\"tags\": 3}"})
    EXPECT_THROW(ChangeSet::from_log(bad), StoreError) << bad;
}

}  // namespace
}  // namespace kpress
