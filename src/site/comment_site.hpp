#pragma once
// Readers' comments: the form under each article (it works without JavaScript: it posts and
// comes back), the commenter's own view of a comment awaiting moderation, the reply form, and
// /api/v1/articles/{id}/comments (GET the approved ones, threaded and paged; POST one as JSON).
// Every way in passes the same checks: comments open, the text valid, the traps (a hidden field
// only bots fill, a form sent too soon or too late), the limits per address and per article,
// duplicates and the site's words; then the moderation rule says whether it waits.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/comments.hpp"
#include "core/wording.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"
#include "site/comment_keys.hpp"
#include "site/comment_views.hpp"
#include "core/batch_worker.hpp"
#include "site/reader_id.hpp"
#include "site/reader_site.hpp"

namespace kpress {

class CommentNotices;
class Store;
class SiteContextCache;
class Theme;

struct CommentOptions {
  // 0: no limit (benchmarks).
  unsigned per_address_per_minute = 6;
  unsigned address_burst = 3;
  unsigned per_article_per_minute = 120;
  unsigned article_burst = 60;
  bool secure_cookies = false;  // the site is served over HTTPS
};

class CommentSite {
 public:
  CommentSite(Store& store, const SiteContextCache& contexts, const Theme& theme, const ReaderIds& readers,
              const CommentKeys& keys, const CommentNotices& notices, CommentOptions comment_options,
              ReaderSiteOptions options);
  void add_routes(http::Router& router);

  // What a reader sent, from the form or the API.
  struct Submission {
    std::string author;
    std::string email;
    bool notify = false;
    std::string body;
    std::int64_t parent = 0;
    std::string address;  // the network address it came from
    std::string reader;   // the reader's id (their signed cookie)
    bool new_reader = false;  // that id was made for this comment: they wrote nothing before
  };
  struct Refusal {
    http::Status status = http::Status::bad_request;
    std::vector<FieldError> errors;  // what is wrong with which field
    Wording reason;                  // else what is wrong with the whole comment
    int retry_after = 0;             // seconds, for a 429
  };
  using Outcome = std::variant<Comment, Refusal>;
  using Accepted = std::function<void(Outcome)>;
  // Stores the comment (approved or held) in one transaction with the comments of other
  // requests in flight (group commit), and calls `then` from the writer thread once it is
  // durable; or calls `then` at once with why not, writing nothing.
  void accept(const Article& article, const Submission& submission, Instant now, Accepted then);

 private:
  // What the spam filter scores the comment, once it has learned enough to judge.
  std::optional<double> spam_score_of(const Comment& comment) const;
  struct PendingComment {
    Comment comment;
    Article article;
    Accepted then;
  };
  void write_batch(std::vector<PendingComment>& batch);
  void post_form(const http::Request& req, std::string_view slug, http::Respond respond);
  http::Response unsubscribe(const http::Request& req, bool confirmed);
  void post_json(const http::Request& req, std::string_view id, http::Respond respond);
  http::Response get_json(const http::Request& req, std::string_view id) const;
  // A form token made now, for the form of a page the cache kept (the page's script asks for it
  // as the reader starts writing): the time trap then counts from that moment.
  http::Response form_token(std::string_view id) const;
  // The newest approved comments, of one article (its slug) or of the whole site (no slug), as
  // RSS 2.0, Atom or JSON Feed (`file`: feed.xml, feed.atom or feed.json).
  http::Response feed(std::string_view slug, std::string_view file) const;
  http::Response own_comment(const http::Request& req, std::string_view id) const;
  http::Response reply_form(const http::Request& req, std::string_view id) const;
  // Its writer changes or deletes a comment for a while, from the browser that wrote it.
  http::Response edit_form(const http::Request& req, std::string_view id) const;
  http::Response edit(const http::Request& req, std::string_view id);
  // The comment `id` when the request comes from the browser that wrote it.
  std::optional<Comment> written_here(const http::Request& req, std::string_view id) const;
  http::Response edit_page(const Comment& comment, const Article& article, http::Status status, const std::string& error,
                           const std::string& body) const;
  // A reader reports a comment to the moderators: a page asking to confirm, then the report.
  http::Response report_page(const http::Request& req, std::string_view id) const;
  http::Response report(const http::Request& req, std::string_view id);
  // An approved comment (not a pingback) and its article, when both are there.
  struct Shown {
    Comment comment;
    Article article;
  };
  std::optional<Shown> shown(std::string_view id) const;
  http::Response report_answer(const Shown& shown, bool reported) const;
  // The comment form again, with what was sent and what is wrong.
  http::Response form_page(const Article& article, http::Status status, CommentDraft draft,
                           const std::optional<Comment>& answering) const;

  Store& store_;
  const SiteContextCache& contexts_;
  const Theme& theme_;
  const ReaderIds& readers_;
  const CommentKeys& keys_;
  const CommentNotices& notices_;
  CommentOptions comment_options_;
  ReaderSiteOptions options_;
  http::RateLimiter per_address_;
  http::RateLimiter per_article_;
  BatchWorker<PendingComment> writes_;  // last: stopped (what is queued written) before the rest goes
};

}  // namespace kpress
