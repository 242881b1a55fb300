#pragma once
// Readers' comments under articles: threaded replies, held for moderation or shown, and what a
// site decides about them (open or closed, how deep threads go, which comments wait).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/comment_settings.hpp"
#include "core/content.hpp"
#include "core/spam_filter.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"

namespace kpress {

// pending: waits for a moderator; approved: shown; spam and trash: kept out of sight until
// emptied (a moderator's decision can be undone).
enum class CommentStatus { pending, approved, spam, trash };
std::string_view to_string(CommentStatus status);
std::optional<CommentStatus> parse_comment_status(std::string_view text);

// Pingbacks and trackbacks come from WordPress imports: kept, never shown to readers.
enum class CommentKind { comment, pingback, trackback };
std::string_view to_string(CommentKind kind);
std::optional<CommentKind> parse_comment_kind(std::string_view text);

struct Comment {
  std::int64_t id = 0;  // 0 until stored
  std::int64_t article_id = 0;
  std::int64_t parent_id = 0;  // the comment it answers; 0 at the top of a thread
  CommentKind kind = CommentKind::comment;
  CommentStatus status = CommentStatus::pending;
  std::string author_name;
  std::string author_url;  // imports only: the commenter's site, shown as a nofollow link
  // A signed-in member of staff comments as their author page, with a badge.
  std::optional<std::int64_t> staff_user;
  std::string staff_author;  // that account's author slug
  // The address is kept only while its owner wants notices of replies; its keyed hash stays to
  // export or erase what one commenter wrote, and to know a returning commenter.
  std::string email;
  std::string email_key;
  bool notify_replies = false;
  // Keyed hashes, never the values: the commenter's browser (its signed cookie: the edit window,
  // erasure by cookie) and network address (rate limits; emptied once they no longer need it).
  std::string browser_key;
  std::string address_key;
  std::string body;  // Markdown, as written
  Instant created_at{};
  std::optional<Instant> edited_at;
  int reports = 0;  // readers who reported it since a moderator last looked
  // The spam filter's score when the comment came (unset: the filter was not judging yet), and
  // what a moderator's decision on it taught the filter.
  std::optional<double> spam_score;
  SpamLabel trained_as = SpamLabel::none;
  bool operator==(const Comment&) const = default;
};

// Whether readers may comment on an article published at `published_at` (unset: not yet).
bool comments_open(const CommentSettings& site, ArticleComments article, std::optional<Instant> published_at,
                   Instant now);
// Whether readers may comment on this article or page: a standalone page (About, Legal notice)
// takes comments only when its editor opened them, whatever the site's rule.
bool comments_open(const CommentSettings& site, const Article& article, Instant now);

// How long a commenter may change or delete what they wrote, from the browser they wrote it with.
inline constexpr std::chrono::minutes kCommentEditWindow{15};
bool within_edit_window(const Comment& comment, Instant now);

inline constexpr std::size_t kMaxCommentName = 80;
inline constexpr std::size_t kMaxCommentBody = 10000;
inline constexpr std::size_t kMaxCommentEmail = 254;

// What a reader sent: name and text required and bounded, an e-mail well formed when given and
// required when they ask for notices. Field names as the form and the API name them.
std::vector<FieldError> validate_comment(std::string_view author_name, std::string_view body, std::string_view email,
                                         bool notify_replies);

// `text` without the controls that reverse or embed text direction (U+202A to U+202E, U+2066
// to U+2069): a name or comment could make "gnp.exe" read "exe.png" with them.
std::string without_direction_controls(std::string_view text);

// Whether `text` holds one of `words` (compared without case for Latin letters).
bool holds_any(std::string_view text, const std::vector<std::string>& words);

// What becomes of a new comment: held for a moderator, or shown at once. `known`: a comment of
// the same commenter was approved before; `links`: how many links its text has.
CommentStatus first_status(const CommentSettings& settings, bool known, int links, bool holds_word);

// What the spam filter makes of a comment the site's rules gave `by_rules`: spam at a high
// score, waiting for a moderator when unsure, else as the rules said.
CommentStatus judged_status(CommentStatus by_rules, std::optional<double> spam_score);

// What a moderator who gives a comment `status` teaches the spam filter: spam is spam, approved
// is wanted; waiting or in the trash says nothing of spam.
SpamLabel spam_label_of(CommentStatus status);

// One thread level per reply, counting from 0 at the top, capped at `max_depth`: replies to
// a comment at the deepest level are shown beside it.
struct CommentInThread {
  const Comment* comment = nullptr;
  int depth = 0;
};

// `comments` (an article's, any order) as readers read them: threads in the site's order, each
// reply under what it answers, oldest first; a reply whose parent is not among them stands as
// a thread of its own. Only threads [first_thread, first_thread + thread_count) are returned.
struct CommentThreads {
  std::vector<CommentInThread> shown;
  int threads = 0;  // threads in all
};
CommentThreads thread_comments(const std::vector<Comment>& comments, int max_depth, bool newest_first,
                               int first_thread, int thread_count);

}  // namespace kpress
