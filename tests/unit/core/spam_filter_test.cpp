#include "core/spam_filter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/comments.hpp"

namespace kpress {
namespace {

bool has(const std::vector<std::string>& tokens, const std::string& token) {
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

TEST(SpamTokens, AreTheFoldedWordsTheLinkHostsAndTheNameOnce) {
  auto tokens = spam_tokens("Cheap Followers", "ÉNORME énorme promo! Visit https://www.Spam-Shop.example/x and 2024 a b 임시완 최고");
  EXPECT_TRUE(has(tokens, "énorme"));
  EXPECT_EQ(std::count(tokens.begin(), tokens.end(), "énorme"), 1) << "each word once";
  EXPECT_TRUE(has(tokens, "promo"));
  EXPECT_TRUE(has(tokens, "host:spam-shop.example"));
  EXPECT_TRUE(has(tokens, "name:cheap"));
  EXPECT_TRUE(has(tokens, "name:followers"));
  EXPECT_TRUE(has(tokens, "임시완"));
  EXPECT_TRUE(has(tokens, "최고"));
  EXPECT_FALSE(has(tokens, "2024")) << "numbers tell little";
  EXPECT_FALSE(has(tokens, "a")) << "nor do words of one letter";
  EXPECT_FALSE(has(tokens, "!"));
}

// A filter taught a few of each, as moderators would.
struct Taught {
  SpamFilterTotals totals;
  std::map<std::string, TokenCounts> words;

  void teach(const std::string& name, const std::string& text, SpamLabel label) {
    SpamTraining t{spam_tokens(name, text), SpamLabel::none, label, std::nullopt};
    for (const auto& token : t.tokens) (label == SpamLabel::spam ? words[token].spam : words[token].ham)++;
    totals = trained_totals(totals, t);
  }
  double score(const std::string& name, const std::string& text) const {
    std::vector<TokenCounts> counts;
    for (const auto& token : spam_tokens(name, text)) {
      auto it = words.find(token);
      counts.push_back(it == words.end() ? TokenCounts{} : it->second);
    }
    return spam_score(totals, counts);
  }
};

Taught taught() {
  Taught t;
  for (int i = 0; i < 6; ++i) {
    t.teach("Promo" + std::to_string(i), "Buy cheap followers now, cheap likes at https://spam-shop.example casino bonus", SpamLabel::spam);
    t.teach("Minji" + std::to_string(i), "Im Siwan was wonderful in this episode, the drama made me cry", SpamLabel::ham);
  }
  return t;
}

TEST(SpamScore, CallsSpamWhatLooksLikeTheSpamItWasTaught) {
  auto t = taught();
  ASSERT_TRUE(t.totals.ready());
  EXPECT_GE(t.score("Deals", "cheap followers and casino bonus at https://spam-shop.example"), kSpamScore);
  EXPECT_LT(t.score("Jin", "this episode of the drama was wonderful"), kHamScore);
  // Words it never saw, or as many of each side: it cannot tell, and says so.
  double unknown = t.score("Hobi", "quelle chorégraphie incroyable");
  EXPECT_DOUBLE_EQ(unknown, 0.5);
  double mixed = t.score("Suga", "cheap casino bonus followers, but Im Siwan was wonderful in this drama episode");
  EXPECT_GE(mixed, kHamScore);
  EXPECT_LT(mixed, kSpamScore);
}

TEST(SpamScore, StaysOutOfTheWayUntilTaughtEnough) {
  Taught t;
  for (int i = 0; i < 4; ++i) t.teach("Promo", "cheap followers", SpamLabel::spam);
  for (int i = 0; i < 9; ++i) t.teach("Minji", "lovely drama", SpamLabel::ham);
  EXPECT_FALSE(t.totals.ready()) << "four spam comments are too few";
  t.teach("Promo", "cheap followers", SpamLabel::spam);
  EXPECT_TRUE(t.totals.ready());
}

TEST(SpamFilterTotals, PrecisionAndRecallCountTheFiltersCallsAgainstTheModerators) {
  SpamFilterTotals t;
  EXPECT_FALSE(t.precision());
  EXPECT_FALSE(t.recall());
  auto decide = [&](bool called_spam, SpamLabel from, SpamLabel to) { t = trained_totals(t, {{"w"}, from, to, called_spam}); };
  decide(true, SpamLabel::none, SpamLabel::spam);   // caught
  decide(true, SpamLabel::none, SpamLabel::spam);   // caught
  decide(true, SpamLabel::none, SpamLabel::ham);    // wrongly caught
  decide(false, SpamLabel::none, SpamLabel::spam);  // missed
  decide(false, SpamLabel::none, SpamLabel::ham);   // rightly passed
  EXPECT_DOUBLE_EQ(*t.precision(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(*t.recall(), 2.0 / 3.0);
  // A moderator who changes their mind moves the decision; it is not counted twice.
  decide(true, SpamLabel::ham, SpamLabel::spam);
  EXPECT_EQ(t.caught, 3);
  EXPECT_EQ(t.wrongly_caught, 0);
  EXPECT_EQ(t.spam_trained, 4);
  EXPECT_EQ(t.ham_trained, 1);
  EXPECT_DOUBLE_EQ(*t.precision(), 1.0);
  // A decision on a comment the filter did not judge teaches it, without counting for or against it.
  t = trained_totals(t, {{"w"}, SpamLabel::none, SpamLabel::spam, std::nullopt});
  EXPECT_EQ(t.spam_trained, 5);
  EXPECT_DOUBLE_EQ(*t.recall(), 3.0 / 4.0);
}

TEST(JudgedStatus, SpamIsSetAsideTheUnsureWaitAndTheRestGoByTheRules) {
  EXPECT_EQ(judged_status(CommentStatus::approved, std::nullopt), CommentStatus::approved);
  EXPECT_EQ(judged_status(CommentStatus::approved, 0.05), CommentStatus::approved);
  EXPECT_EQ(judged_status(CommentStatus::pending, 0.05), CommentStatus::pending);
  EXPECT_EQ(judged_status(CommentStatus::approved, 0.5), CommentStatus::pending);
  EXPECT_EQ(judged_status(CommentStatus::approved, 0.95), CommentStatus::spam);
  EXPECT_EQ(spam_label_of(CommentStatus::approved), SpamLabel::ham);
  EXPECT_EQ(spam_label_of(CommentStatus::spam), SpamLabel::spam);
  EXPECT_EQ(spam_label_of(CommentStatus::trash), SpamLabel::none);
}

}  // namespace
}  // namespace kpress
