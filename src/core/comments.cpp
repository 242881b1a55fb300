#include "core/comments.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "core/accounts.hpp"

namespace kpress {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_named(std::string_view text, const std::array<std::pair<Enum, std::string_view>, N>& names) {
  for (const auto& [value, name] : names)
    if (name == text) return value;
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view name_of(Enum value, const std::array<std::pair<Enum, std::string_view>, N>& names) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return {};
}

constexpr std::array<std::pair<CommentStatus, std::string_view>, 4> kStatuses{
    {{CommentStatus::pending, "pending"}, {CommentStatus::approved, "approved"}, {CommentStatus::spam, "spam"},
     {CommentStatus::trash, "trash"}}};
constexpr std::array<std::pair<CommentKind, std::string_view>, 3> kKinds{
    {{CommentKind::comment, "comment"}, {CommentKind::pingback, "pingback"}, {CommentKind::trackback, "trackback"}}};

// Well-formed UTF-8 without NUL or control characters other than line breaks and tabs: what a
// person types.
bool is_typed_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return false;
      ++i;
      continue;
    }
    int extra = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xC2 && c <= 0xDF ? 1 : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= text.size()) return false;
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    auto second = static_cast<unsigned char>(text[i + 1]);
    if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) || (c == 0xF0 && second < 0x90) ||
        (c == 0xF4 && second > 0x8F))
      return false;  // overlong forms, surrogates, beyond U+10FFFF
    i += extra + 1;
  }
  return true;
}

std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
}

}  // namespace

std::string_view to_string(CommentStatus s) { return name_of(s, kStatuses); }
std::optional<CommentStatus> parse_comment_status(std::string_view t) { return parse_named(t, kStatuses); }
std::string_view to_string(CommentKind k) { return name_of(k, kKinds); }
std::optional<CommentKind> parse_comment_kind(std::string_view t) { return parse_named(t, kKinds); }

bool within_edit_window(const Comment& c, Instant now) {
  // One the spam filter set aside too: to its writer it waits, as a held one does.
  return c.status != CommentStatus::trash && now >= c.created_at &&
         now < c.created_at + kCommentEditWindow;
}

bool comments_open(const CommentSettings& site, ArticleComments article, std::optional<Instant> published_at,
                   Instant now) {
  if (article == ArticleComments::closed) return false;
  if (article == ArticleComments::open) return true;
  if (!site.open) return false;
  if (site.close_after_days > 0 && published_at && now >= *published_at + std::chrono::days(site.close_after_days))
    return false;
  return true;
}

bool comments_open(const CommentSettings& site, const Article& article, Instant now) {
  if (article.kind == ArticleKind::page && article.comments == ArticleComments::site) return false;
  return comments_open(site, article.comments, article.published_at, now);
}

std::vector<FieldError> validate_comment(std::string_view author_name, std::string_view body, std::string_view email,
                                         bool notify_replies) {
  std::vector<FieldError> errors;
  if (!is_typed_text(author_name) || author_name.find_first_of("\n\r\t") != std::string_view::npos)
    errors.push_back(FieldError::about("author", {N_("a name is one line of text")}));
  else if (blank(author_name))
    errors.push_back(FieldError::about("author", {N_("a name is required")}));
  else if (characters(author_name) > kMaxCommentName)
    errors.push_back(FieldError::about("author", {N_("a name has at most {value} characters"), std::to_string(kMaxCommentName)}));
  if (!is_typed_text(body))
    errors.push_back(FieldError::about("body", {N_("the comment holds bytes that are not text")}));
  else if (blank(body))
    errors.push_back(FieldError::about("body", {N_("the comment is empty")}));
  else if (characters(body) > kMaxCommentBody)
    errors.push_back(FieldError::about("body", {N_("a comment has at most {value} characters"), std::to_string(kMaxCommentBody)}));
  if (!email.empty()) {
    if (auto wrong = check_email(email); !wrong.empty()) errors.push_back(FieldError::about("email", std::move(wrong)));
  } else if (notify_replies) {
    errors.push_back(FieldError::about("email", {N_("an email address is needed to be told of replies")}));
  }
  return errors;
}

std::string without_direction_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    // U+202A..U+202E are E2 80 AA..AE; U+2066..U+2069 are E2 81 A6..A9.
    if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2) {
      auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

bool holds_any(std::string_view text, const std::vector<std::string>& words) {
  auto fold = [](std::string_view s) {
    std::string out(s);
    for (auto& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  };
  std::string folded = fold(text);
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return !w.empty() && folded.find(fold(w)) != std::string::npos; });
}

CommentStatus first_status(const CommentSettings& settings, bool known, int links, bool holds_word) {
  if (holds_word || links > settings.max_links) return CommentStatus::pending;
  switch (settings.moderation) {
    case CommentModeration::all: return CommentStatus::pending;
    case CommentModeration::links: return links > 0 ? CommentStatus::pending : CommentStatus::approved;
    case CommentModeration::first: break;
  }
  return known ? CommentStatus::approved : CommentStatus::pending;
}

CommentStatus judged_status(CommentStatus by_rules, std::optional<double> spam_score) {
  if (!spam_score || *spam_score < kHamScore) return by_rules;
  return *spam_score >= kSpamScore ? CommentStatus::spam : CommentStatus::pending;
}

SpamLabel spam_label_of(CommentStatus status) {
  switch (status) {
    case CommentStatus::approved: return SpamLabel::ham;
    case CommentStatus::spam: return SpamLabel::spam;
    case CommentStatus::pending:
    case CommentStatus::trash: break;
  }
  return SpamLabel::none;
}

CommentThreads thread_comments(const std::vector<Comment>& comments, int max_depth, bool newest_first,
                               int first_thread, int thread_count) {
  std::map<std::int64_t, const Comment*> by_id;
  for (const auto& c : comments) by_id[c.id] = &c;
  std::map<std::int64_t, std::vector<const Comment*>> replies;  // by parent id
  std::vector<const Comment*> tops;
  for (const auto& c : comments) {
    if (c.parent_id != 0 && by_id.contains(c.parent_id)) replies[c.parent_id].push_back(&c);
    else tops.push_back(&c);
  }
  auto older = [](const Comment* a, const Comment* b) {
    return a->created_at != b->created_at ? a->created_at < b->created_at : a->id < b->id;
  };
  for (auto& [parent, list] : replies) std::sort(list.begin(), list.end(), older);
  std::sort(tops.begin(), tops.end(), older);
  if (newest_first) std::reverse(tops.begin(), tops.end());

  CommentThreads out;
  out.threads = static_cast<int>(tops.size());
  auto begin = std::min<std::size_t>(static_cast<std::size_t>(std::max(first_thread, 0)), tops.size());
  auto end = std::min<std::size_t>(begin + static_cast<std::size_t>(std::max(thread_count, 0)), tops.size());
  // Depth first, with an explicit stack: imported threads can be thousands deep.
  for (auto t = begin; t < end; ++t) {
    std::vector<std::pair<const Comment*, int>> stack{{tops[t], 0}};
    while (!stack.empty()) {
      auto [c, depth] = stack.back();
      stack.pop_back();
      out.shown.push_back({c, std::min(depth, max_depth)});
      if (auto it = replies.find(c->id); it != replies.end())
        for (auto r = it->second.rbegin(); r != it->second.rend(); ++r) stack.emplace_back(*r, depth + 1);
    }
  }
  return out;
}

}  // namespace kpress
