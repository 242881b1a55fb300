#include "site/comment_notices.hpp"

#include "core/accounts.hpp"
#include "mail/mailer.hpp"
#include "site/comment_keys.hpp"
#include "site/comment_views.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {
namespace {

// A long comment is cut in a notice: the link leads to the whole of it.
constexpr std::size_t kQuotedBytes = 2000;

std::string quoted(const Comment& c) {
  std::string text = rendered_comment(c)->text;
  if (text.size() <= kQuotedBytes) return text;
  auto cut = kQuotedBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return text.substr(0, cut) + "…";
}

}  // namespace

CommentNotices::CommentNotices(const Store& store, const SiteContextCache& contexts, const Theme& theme,
                               const CommentKeys& keys, Mailer& mailer)
    : store_(store), contexts_(contexts), theme_(theme), keys_(keys), mailer_(mailer) {}

std::string CommentNotices::unsubscribe_path(std::string_view email_key) const {
  return "/notices/unsubscribe?key=" + std::string(email_key) + "&sig=" + keys_.key_of("unsubscribe", email_key);
}

bool CommentNotices::genuine(std::string_view email_key, std::string_view signature) const {
  return keys_.is_key_of("unsubscribe", email_key, signature);
}

void CommentNotices::waiting(const Comment& c, const Article& article) const {
  if (!mailer_.configured() || c.status != CommentStatus::pending || c.kind != CommentKind::comment) return;
  auto context = contexts_.get();
  for (const auto& user : store_.users()) {
    if (user.disabled || !can(user.role, Permission::moderate_comments)) continue;
    auto email_key = keys_.key_of("email", user.email);
    if (store_.mail_unsubscribed(email_key)) continue;
    Speech speech = speech_in(theme_, user.language.empty() ? context->site.default_language : user.language);
    auto unsubscribe = context->absolute_url(unsubscribe_path(email_key));
    mailer_.send({user.email,
                  speech.text("[{site}] A comment awaits moderation on “{title}”",
                              {{"site", context->site.name}, {"title", article.title}}),
                  speech.text("{name} commented on “{title}”:", {{"name", c.author_name}, {"title", article.title}}) +
                      "\n\n" + quoted(c) + "\n\n" +
                      speech.text("Approve it, mark it as spam or delete it: {url}",
                                  {{"url", context->absolute_url("/admin/comments/" + std::to_string(c.id))}}) +
                      "\n\n-- \n" +
                      speech.text("You receive this e-mail as a moderator of {site}. To receive no more: {url}",
                                  {{"site", context->site.name}, {"url", unsubscribe}}) +
                      "\n",
                  unsubscribe});
  }
}

void CommentNotices::shown(const Comment& c, const Article& article) const {
  if (!mailer_.configured() || c.status != CommentStatus::approved || c.kind != CommentKind::comment || !c.parent_id)
    return;
  auto parent = store_.comment(c.parent_id);
  if (!parent || !parent->notify_replies || parent->email.empty()) return;
  // Nobody is told of their own answer.
  bool same_writer = (!c.email_key.empty() && c.email_key == parent->email_key) ||
                     (!c.browser_key.empty() && c.browser_key == parent->browser_key);
  if (same_writer || store_.mail_unsubscribed(parent->email_key)) return;
  auto context = contexts_.get();
  Speech speech = speech_in(theme_, article.language);
  auto unsubscribe = context->absolute_url(unsubscribe_path(parent->email_key));
  mailer_.send({parent->email,
                speech.text("[{site}] {name} answered your comment on “{title}”",
                            {{"site", context->site.name}, {"name", c.author_name}, {"title", article.title}}),
                speech.text("{name} answered your comment on “{title}”:", {{"name", c.author_name}, {"title", article.title}}) +
                    "\n\n" + quoted(c) + "\n\n" +
                    speech.text("Read it under the article: {url}",
                                {{"url", context->absolute_url(path_of(article.kind, article.slug) + "#comment-" + std::to_string(c.id))}}) +
                    "\n\n-- \n" +
                    speech.text("You receive this e-mail because you asked to be told of replies to your comment. To receive no more e-mail from {site}: {url}",
                                {{"site", context->site.name}, {"url", unsubscribe}}) +
                    "\n",
                unsubscribe});
}

}  // namespace kpress
