#pragma once
// The e-mails comments cause: moderators told of a comment waiting for them, a commenter who
// asked for it told of a reply shown under their comment. Each message is in its reader's
// language (a moderator's account, the article's for a commenter) and carries a link that stops
// all e-mail from the site to that address. Sent through the site's Mailer; nothing at all
// without an SMTP setting.
#include <string>
#include <string_view>

#include "core/comments.hpp"
#include "core/content.hpp"

namespace kpress {

class CommentKeys;
class Mailer;
class SiteContextCache;
class Store;
class Theme;

class CommentNotices {
 public:
  CommentNotices(const Store& store, const SiteContextCache& contexts, const Theme& theme, const CommentKeys& keys,
                 Mailer& mailer);

  // Call after the comment is committed.
  void waiting(const Comment& comment, const Article& article) const;  // held for moderation
  void shown(const Comment& comment, const Article& article) const;    // approved

  // /notices/unsubscribe?key=...&sig=...: the link for the address of that keyed hash, and
  // whether a link's signature is the site's.
  std::string unsubscribe_path(std::string_view email_key) const;
  bool genuine(std::string_view email_key, std::string_view signature) const;

  const Mailer& mailer() const { return mailer_; }

 private:
  const Store& store_;
  const SiteContextCache& contexts_;
  const Theme& theme_;
  const CommentKeys& keys_;
  Mailer& mailer_;
};

}  // namespace kpress
