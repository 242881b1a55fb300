// What a reader may send as a comment, and how threads are laid out for reading.
#include <gtest/gtest.h>

#include "core/comments.hpp"

namespace kpress {
namespace {

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(CommentRules, ANameAndATextAreNeededAndBounded) {
  EXPECT_TRUE(validate_comment("Minji", "J'adore *Run On* 🎬", "", false).empty());
  EXPECT_TRUE(validate_comment("민지", "Line\nnext line\ttab", "minji@example.org", true).empty());
  EXPECT_EQ(fields(validate_comment("", "text", "", false)), std::vector<std::string>{"author"});
  EXPECT_EQ(fields(validate_comment("  ", "\n \n", "", false)), (std::vector<std::string>{"author", "body"}));
  EXPECT_EQ(fields(validate_comment("Two\nlines", "text", "", false)), std::vector<std::string>{"author"});
  EXPECT_EQ(fields(validate_comment(std::string(81, 'a'), "text", "", false)), std::vector<std::string>{"author"});
  // 80 Hangul syllables are 240 bytes and still 80 characters.
  std::string hangul;
  for (int i = 0; i < 80; ++i) hangul += "민";
  EXPECT_TRUE(validate_comment(hangul, "text", "", false).empty());
  EXPECT_EQ(fields(validate_comment("A", std::string(10001, 'x'), "", false)), std::vector<std::string>{"body"});
  EXPECT_TRUE(validate_comment("A", std::string(10000, 'x'), "", false).empty());
}

TEST(CommentRules, BytesThatAreNotTextAreRefused) {
  for (std::string bad : {std::string("a\0b", 3), std::string("\xC3"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                          std::string("\xF5\x80\x80\x80"), std::string("bell\x07")}) {
    auto errors = validate_comment("A", bad, "", false);
    ASSERT_EQ(fields(errors), std::vector<std::string>{"body"}) << bad;
    EXPECT_EQ(errors[0].message, "the comment holds bytes that are not text");
    EXPECT_EQ(fields(validate_comment(bad, "text", "", false)), std::vector<std::string>{"author"});
  }
}

TEST(CommentRules, TextDirectionControlsAreLeftOut) {
  EXPECT_EQ(without_direction_controls("photo\u202Egnp.exe"), "photognp.exe");
  EXPECT_EQ(without_direction_controls("\u2066a\u2069 b\u202A\u202C"), "a b");
  EXPECT_EQ(without_direction_controls("임시완 — \u200F ok"), "임시완 — \u200F ok");  // marks, not overrides, stay
}

TEST(CommentRules, AnEmailIsOptionalUnlessRepliesAreToBeSent) {
  EXPECT_EQ(fields(validate_comment("A", "text", "not-an-address", false)), std::vector<std::string>{"email"});
  auto errors = validate_comment("A", "text", "", true);
  ASSERT_EQ(fields(errors), std::vector<std::string>{"email"});
  EXPECT_EQ(errors[0].message, "an email address is needed to be told of replies");
}

TEST(CommentRules, CommentsCloseAsTheSiteOrTheArticleSays) {
  CommentSettings site;
  Instant published = *parse_iso8601("2026-01-01T00:00:00Z");
  Instant later = published + std::chrono::days(30);
  EXPECT_TRUE(comments_open(site, ArticleComments::site, published, later));
  site.close_after_days = 14;
  EXPECT_FALSE(comments_open(site, ArticleComments::site, published, later));
  EXPECT_TRUE(comments_open(site, ArticleComments::site, published, published + std::chrono::days(13)));
  EXPECT_TRUE(comments_open(site, ArticleComments::open, published, later));  // the article's choice wins
  site = {};
  site.open = false;
  EXPECT_FALSE(comments_open(site, ArticleComments::site, published, published));
  EXPECT_TRUE(comments_open(site, ArticleComments::open, published, published));
  EXPECT_FALSE(comments_open(CommentSettings{}, ArticleComments::closed, published, published));
  // A standalone page follows no site rule: comments only when its editor opened them.
  Article page;
  page.kind = ArticleKind::page;
  page.published_at = published;
  EXPECT_FALSE(comments_open(CommentSettings{}, page, published));
  page.comments = ArticleComments::open;
  EXPECT_TRUE(comments_open(CommentSettings{}, page, published));
  page.kind = ArticleKind::article;
  page.comments = ArticleComments::site;
  EXPECT_TRUE(comments_open(CommentSettings{}, page, published));
}

Comment made(std::int64_t id, std::int64_t parent, int minute) {
  Comment c;
  c.id = id;
  c.parent_id = parent;
  c.created_at = *parse_iso8601("2026-01-01T00:00:00Z") + std::chrono::minutes(minute);
  return c;
}

std::vector<std::pair<std::int64_t, int>> laid_out(const CommentThreads& t) {
  std::vector<std::pair<std::int64_t, int>> out;
  for (const auto& s : t.shown) out.emplace_back(s.comment->id, s.depth);
  return out;
}

TEST(CommentThreads, RepliesFollowWhatTheyAnswerAndDeepOnesStayAtTheDeepestLevel) {
  // 1 <- 3 <- 4 <- 5, 1 <- 6; 2; 7 answers a comment not shown (held): a thread of its own.
  std::vector<Comment> list{made(5, 4, 5), made(1, 0, 1), made(2, 0, 2), made(3, 1, 3), made(4, 3, 4),
                            made(6, 1, 6), made(7, 99, 7)};
  auto t = thread_comments(list, 2, false, 0, 50);
  EXPECT_EQ(t.threads, 3);
  EXPECT_EQ(laid_out(t), (std::vector<std::pair<std::int64_t, int>>{{1, 0}, {3, 1}, {4, 2}, {5, 2}, {6, 1}, {2, 0}, {7, 0}}));
  auto newest = thread_comments(list, 5, true, 0, 50);
  EXPECT_EQ(newest.shown.front().comment->id, 7);
  EXPECT_EQ(laid_out(newest)[3], (std::pair<std::int64_t, int>{3, 1}));  // replies stay oldest first
  auto second_page = thread_comments(list, 5, false, 1, 1);
  EXPECT_EQ(laid_out(second_page), (std::vector<std::pair<std::int64_t, int>>{{2, 0}}));
  EXPECT_TRUE(thread_comments(list, 5, false, 3, 50).shown.empty());
}

TEST(CommentThreads, AThreadThousandsDeepIsLaidOutWithoutRecursion) {
  std::vector<Comment> list;
  for (int i = 1; i <= 20000; ++i) list.push_back(made(i, i - 1, i));
  auto t = thread_comments(list, 5, false, 0, 50);
  ASSERT_EQ(t.shown.size(), 20000u);
  EXPECT_EQ(t.shown.back().depth, 5);
  EXPECT_EQ(t.threads, 1);
}

}  // namespace
}  // namespace kpress
