// Readers' comments, the same on every backend: kept whole, found by article, status and
// commenter, counted, erased, and heard by every node only when readers would see a change.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>

#include "contract/store_factories.hpp"
#include "support/eventually.hpp"

namespace kpress {
namespace {

using testing::eventually;

template <typename Factory>
class CommentsContract : public ::testing::Test {
 protected:
  void SetUp() override {
    store = factory.make();
    save_test_site(*store);
    auto tx = store->begin_write();
    first_article = tx->save_article(test_article("premier"), at("2026-01-02T00:00:00Z")).id;
    second_article = tx->save_article(test_article("second"), at("2026-01-02T00:00:00Z")).id;
    tx->commit();
  }

  Comment comment(std::int64_t article, const std::string& name, CommentStatus status, std::int64_t parent = 0) {
    Comment c;
    c.article_id = article;
    c.parent_id = parent;
    c.status = status;
    c.author_name = name;
    c.body = "Un avis de " + name + " sur *Run On*.";
    c.email_key = "email-" + name;
    c.browser_key = "browser-" + name;
    c.address_key = "address-1";
    c.created_at = at("2026-01-03T10:00:00Z") + std::chrono::minutes(++made_);
    return c;
  }

  std::int64_t save(const Comment& c) {
    auto tx = store->begin_write();
    auto id = tx->save_comment(c);
    tx->commit();
    return id;
  }

  Factory factory;
  std::unique_ptr<Store> store;
  std::int64_t first_article = 0, second_article = 0;
  int made_ = 0;
};

using Implementations = ::testing::Types<SqliteFactory, PostgresFactory, MemoryFactory>;
TYPED_TEST_SUITE(CommentsContract, Implementations);

TYPED_TEST(CommentsContract, ACommentIsKeptWholeAndUpdatedInPlace) {
  Comment c = this->comment(this->first_article, "Minji", CommentStatus::pending);
  c.email = "minji@example.org";
  c.notify_replies = true;
  c.author_url = "https://minji.example.org/";
  c.body = "Première ligne\n\n> une citation **forte** 한국어";
  auto id = this->save(c);
  ASSERT_GT(id, 0);
  c.id = id;
  EXPECT_EQ(this->store->comment(id), c);

  c.status = CommentStatus::approved;
  c.body = "Corrigé";
  c.edited_at = at("2026-01-03T10:10:00Z");
  c.reports = 2;
  c.email.clear();
  c.notify_replies = false;
  EXPECT_EQ(this->save(c), id);
  EXPECT_EQ(this->store->comment(id), c);
  EXPECT_FALSE(this->store->comment(id + 100));

  Comment unknown = c;
  unknown.id = id + 100;
  auto tx = this->store->begin_write();
  EXPECT_THROW(tx->save_comment(unknown), StoreError);
}

TYPED_TEST(CommentsContract, AnArticlesCommentsAreFoundByStatusAndCounted) {
  auto a = this->save(this->comment(this->first_article, "A", CommentStatus::approved));
  auto b = this->save(this->comment(this->first_article, "B", CommentStatus::pending));
  auto reply = this->save(this->comment(this->first_article, "C", CommentStatus::approved, a));
  Comment ping = this->comment(this->first_article, "Blog", CommentStatus::approved);
  ping.kind = CommentKind::pingback;
  auto pingback = this->save(ping);
  this->save(this->comment(this->second_article, "D", CommentStatus::spam));

  auto approved = this->store->comments_of(this->first_article, CommentStatus::approved);
  std::vector<std::int64_t> ids;
  for (const auto& c : approved) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{a, reply, pingback}));
  EXPECT_EQ(approved[1].parent_id, a);
  EXPECT_EQ(approved[2].kind, CommentKind::pingback);
  EXPECT_EQ(this->store->comments_of(this->first_article, std::nullopt).size(), 4u);
  EXPECT_EQ(this->store->comments_of(this->first_article, CommentStatus::pending).front().id, b);

  // Counted: approved comments only, pingbacks left out; an article without any counts 0.
  auto counts = this->store->comment_counts({this->first_article, this->second_article});
  EXPECT_EQ(counts[this->first_article], 2);
  EXPECT_EQ(counts[this->second_article], 0);
  // More articles than one statement takes at once.
  std::vector<std::int64_t> many(40, this->second_article);
  many.push_back(this->first_article);
  EXPECT_EQ(this->store->comment_counts(many)[this->first_article], 2);
}

TYPED_TEST(CommentsContract, TheQueueFiltersByStatusReportsArticleAndCommenterNewestFirst) {
  auto a = this->save(this->comment(this->first_article, "A", CommentStatus::pending));
  auto b = this->save(this->comment(this->second_article, "B", CommentStatus::pending));
  Comment reported = this->comment(this->first_article, "C", CommentStatus::approved);
  reported.reports = 1;
  auto c = this->save(reported);
  auto d = this->save(this->comment(this->first_article, "A", CommentStatus::spam));

  auto ids = [](const CommentList& list) {
    std::vector<std::int64_t> out;
    for (const auto& x : list.items) out.push_back(x.id);
    return out;
  };
  CommentQuery pending;
  pending.status = CommentStatus::pending;
  EXPECT_EQ(ids(this->store->comments(pending)), (std::vector<std::int64_t>{b, a}));
  EXPECT_EQ(this->store->comments(pending).total, 2);
  pending.limit = 1;
  pending.offset = 1;
  EXPECT_EQ(ids(this->store->comments(pending)), (std::vector<std::int64_t>{a}));
  EXPECT_EQ(this->store->comments(pending).total, 2);

  CommentQuery reports;
  reports.reported = true;
  EXPECT_EQ(ids(this->store->comments(reports)), (std::vector<std::int64_t>{c}));
  CommentQuery on_first;
  on_first.article_id = this->first_article;
  EXPECT_EQ(ids(this->store->comments(on_first)), (std::vector<std::int64_t>{d, c, a}));
  CommentQuery by_email;
  by_email.email_key = "email-A";
  EXPECT_EQ(ids(this->store->comments(by_email)), (std::vector<std::int64_t>{d, a}));
  CommentQuery by_browser;
  by_browser.browser_key = "browser-B";
  EXPECT_EQ(ids(this->store->comments(by_browser)), (std::vector<std::int64_t>{b}));
  CommentQuery everything;
  EXPECT_EQ(this->store->comments(everything).total, 4);
}

TYPED_TEST(CommentsContract, AContributorSeesCommentsOnTheArticlesTheyCreated) {
  User u;
  u.email = "contrib@example.org";
  u.name = "Contrib";
  u.role = Role::contributor;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = at("2026-01-01T00:00:00Z");
  std::int64_t mine = 0, user = 0;
  {
    auto tx = this->store->begin_write();
    user = tx->save_user(u);
    tx->set_actor(user);
    mine = tx->save_article(test_article("le-mien"), at("2026-01-02T00:00:00Z")).id;
    tx->commit();
  }
  auto on_mine = this->save(this->comment(mine, "A", CommentStatus::pending));
  this->save(this->comment(this->first_article, "B", CommentStatus::pending));
  CommentQuery q;
  q.articles_created_by = user;
  auto list = this->store->comments(q);
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.items[0].id, on_mine);
}

TYPED_TEST(CommentsContract, ACommenterIsKnownOnceOneOfTheirCommentsWasApproved) {
  auto id = this->save(this->comment(this->first_article, "A", CommentStatus::pending));
  EXPECT_FALSE(this->store->commenter_known("email-A", "browser-A"));
  Comment approved = *this->store->comment(id);
  approved.status = CommentStatus::approved;
  this->save(approved);
  EXPECT_TRUE(this->store->commenter_known("email-A", ""));
  EXPECT_TRUE(this->store->commenter_known("", "browser-A"));
  EXPECT_TRUE(this->store->commenter_known("email-other", "browser-A"));
  EXPECT_FALSE(this->store->commenter_known("email-B", "browser-B"));
  EXPECT_FALSE(this->store->commenter_known("", ""));
}

TYPED_TEST(CommentsContract, ErasingRemovesTheCommentsAndLeavesTheirRepliesStanding) {
  auto top = this->save(this->comment(this->first_article, "A", CommentStatus::approved));
  auto reply = this->save(this->comment(this->first_article, "B", CommentStatus::approved, top));
  {
    auto tx = this->store->begin_write();
    tx->erase_comments({top});
    tx->commit();
  }
  EXPECT_FALSE(this->store->comment(top));
  auto left = this->store->comments_of(this->first_article, std::nullopt);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, reply);
  CommentQuery by_email;
  by_email.email_key = "email-A";
  EXPECT_EQ(this->store->comments(by_email).total, 0);
}

// The article's page is dropped from every node's cache when what readers see of its comments
// changes (one approved, or an approved one changed or erased), never while they only wait or
// when one is reported.
TYPED_TEST(CommentsContract, EveryNodeHearsOfChangesReadersSeeAndOnlyThose) {
  auto other = this->factory.another();
  std::mutex mutex;
  std::vector<ChangeSet> heard;
  other->on_change([&](const ChangeSet& c) {
    std::lock_guard lock(mutex);
    heard.push_back(c);
  });
  auto heard_comments_of = [&](std::int64_t article) {
    std::lock_guard lock(mutex);
    return std::count_if(heard.begin(), heard.end(), [&](const ChangeSet& c) { return c.comments.contains(article); });
  };
  auto pending = this->comment(this->first_article, "A", CommentStatus::pending);
  pending.id = this->save(pending);
  auto spam = this->comment(this->first_article, "S", CommentStatus::pending);
  spam.id = this->save(spam);
  spam.status = CommentStatus::spam;
  this->save(spam);
  pending.status = CommentStatus::approved;
  this->save(pending);  // now readers see it
  ASSERT_TRUE(eventually([&] { return heard_comments_of(this->first_article) == 1; }));
  pending.reports = 3;  // reported: readers see the same
  this->save(pending);
  pending.body = "Edited";
  this->save(pending);
  ASSERT_TRUE(eventually([&] { return heard_comments_of(this->first_article) == 2; }));
  {
    auto tx = this->store->begin_write();
    tx->erase_comments({pending.id});
    tx->commit();
  }
  ASSERT_TRUE(eventually([&] { return heard_comments_of(this->first_article) == 3; }));
  // A last change after the held ones: when it is heard, the held ones were not.
  auto marker = this->comment(this->second_article, "M", CommentStatus::approved);
  this->save(marker);
  ASSERT_TRUE(eventually([&] { return heard_comments_of(this->second_article) == 1; }));
  EXPECT_EQ(heard_comments_of(this->first_article), 3);
  {
    std::lock_guard lock(mutex);
    for (const auto& c : heard) EXPECT_TRUE(c.articles.empty()) << c.to_log();  // no article's memo dropped
  }
  other->stop_changes();
}

}  // namespace
}  // namespace kpress

namespace kpress {
namespace {

// The spam filter's memory, the same on every backend: a comment's score and what it taught,
// the words' counts moved by each decision (and back when a moderator changes their mind), its
// totals, and the counts of words asked for in any number, in the order asked.
TYPED_TEST(CommentsContract, TheSpamFilterLearnsEachDecisionAndUnlearnsAChangeOfMind) {
  Comment c = this->comment(this->first_article, "Promo", CommentStatus::spam);
  c.spam_score = 0.987654;
  auto id = this->save(c);
  c.id = id;
  EXPECT_EQ(this->store->comment(id), c);

  EXPECT_EQ(this->store->spam_filter_totals(), SpamFilterTotals{});
  auto teach = [&](std::vector<std::string> tokens, SpamLabel from, SpamLabel to, std::optional<bool> called) {
    auto tx = this->store->begin_write();
    tx->train_spam_filter({std::move(tokens), from, to, called});
    tx->commit();
  };
  teach({"cheap", "casino"}, SpamLabel::none, SpamLabel::spam, true);
  teach({"cheap", "drama"}, SpamLabel::none, SpamLabel::ham, false);
  c.trained_as = SpamLabel::spam;
  this->save(c);
  EXPECT_EQ(this->store->comment(id)->trained_as, SpamLabel::spam);
  using Counts = std::vector<TokenCounts>;
  EXPECT_EQ(this->store->spam_word_counts({"cheap", "casino", "drama", "never-seen"}),
            (Counts{{1, 1}, {1, 0}, {0, 1}, {0, 0}}));
  SpamFilterTotals expected{.spam_trained = 1, .ham_trained = 1, .caught = 1, .rightly_passed = 1};
  EXPECT_EQ(this->store->spam_filter_totals(), expected);

  // The approved one was spam after all.
  teach({"cheap", "drama"}, SpamLabel::ham, SpamLabel::spam, false);
  EXPECT_EQ(this->store->spam_word_counts({"drama", "cheap"}), (Counts{{1, 0}, {2, 0}}));
  expected = {.spam_trained = 2, .ham_trained = 0, .caught = 1, .missed = 1};
  EXPECT_EQ(this->store->spam_filter_totals(), expected);

  // Forty words at once, asked in an order of their own.
  std::vector<std::string> many;
  for (int i = 0; i < 40; ++i) many.push_back("word" + std::to_string(i));
  teach(many, SpamLabel::none, SpamLabel::ham, std::nullopt);
  std::vector<std::string> asked(many.rbegin(), many.rend());
  asked.insert(asked.begin() + 7, "cheap");
  auto counts = this->store->spam_word_counts(asked);
  ASSERT_EQ(counts.size(), asked.size());
  for (std::size_t i = 0; i < asked.size(); ++i)
    EXPECT_EQ(counts[i], (asked[i] == "cheap" ? TokenCounts{2, 0} : TokenCounts{0, 1})) << asked[i];
  EXPECT_EQ(this->store->spam_filter_totals().ham_trained, 1);
}

}  // namespace
}  // namespace kpress
