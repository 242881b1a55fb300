#pragma once
// Readers' comments as pages show them: the comments section under an article (approved
// comments threaded, one page of threads, the form while comments are open), one comment, and
// the comment form with what was sent and what is wrong with it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/comments.hpp"
#include "site/views.hpp"

namespace kpress {

class CommentKeys;
class Store;

std::string comment_post_path(std::string_view article_slug);  // where the form is sent
std::string comment_path(std::int64_t id);                       // one comment, for its writer

// What a reader typed into the comment form, sent back to them with what is wrong with it.
struct CommentDraft {
  std::string author;
  std::string email;
  bool notify = false;
  std::string body;
  std::int64_t parent = 0;
  std::vector<FieldError> errors;
  std::string refusal;  // a reason for the whole comment (a trap, a word), in the page's language
};

// A comment's text rendered (its HTML, its plain text, its links), kept for the last 20,000
// comments asked for: a long thread's page renders each comment once, not at every view.
struct RenderedComment {
  std::string html;
  std::string text;
  int links = 0;
};
std::shared_ptr<const RenderedComment> rendered_comment(const Comment& comment);

// The form: {post_url, token, parent, author, email, notify, body, errors...}, in `speech`.
TemplateData comment_form_view(const Article& article, const CommentDraft& draft, const CommentKeys& keys, Instant now,
                               const Speech& speech);

// One comment as a list shows it: {id, author, url, staff, html, time, edited, depth, reply_url}.
TemplateData comment_view(const Comment& comment, int depth, bool open, const SiteContext& context,
                          std::string_view language);

// The cards of `articles` with their comment counts; `cache_tags` gains the tags that drop the
// page when one of those counts changes.
TemplateData cards_with_comments(const Store& store, const std::vector<ArticleSummary>& articles, const SiteContext& context,
                                 std::string_view language, std::vector<std::string>& cache_tags);
std::string comments_tag(std::int64_t article_id);  // what an article's shown comments change
inline constexpr std::string_view kAllCommentsTag = "comments:site";  // what any of them changes

// One page of an article's approved comments (pingbacks left out), threaded as the site says.
// `threads` points into `comments`: a CommentPage is moved, never copied.
struct CommentPage {
  std::vector<Comment> comments;
  CommentThreads threads;
  int pages = 1;
  CommentPage() = default;
  CommentPage(CommentPage&&) = default;
  CommentPage& operator=(CommentPage&&) = default;
  CommentPage(const CommentPage&) = delete;
};
CommentPage comment_page(std::vector<Comment> approved, const CommentSettings& rules, int page);

// The section under the article: page `page` (from 1) of its threads, the pages around it, the
// form when `open`. Sets "comments" on `page_data`.
void set_comments_section(TemplateData& page_data, const Article& article, const CommentPage& shown, int page, bool open, const CommentKeys& keys, Instant now, const SiteContext& context,
                          const Speech& speech);

}  // namespace kpress
