#pragma once
// The newsroom under /admin/: sign-in, the article list and editor (preview, autosave,
// revisions, scheduling, translations), accounts and the audit log. Server-rendered pages
// that work without JavaScript; every page is private (no-store) and every form carries a
// CSRF token. What each role may do is core/accounts.hpp's `can`.
#include <filesystem>
#include <optional>
#include <string>

#include "admin/sessions.hpp"
#include "core/comments.hpp"
#include "core/content.hpp"
#include "core/validation.hpp"
#include "http/blocking_pool.hpp"
#include "http/form.hpp"
#include "http/router.hpp"
#include "media/media_library.hpp"
#include "render/theme.hpp"

namespace kpress {

class Store;
struct Conflict;
struct Speech;
class ReaderSite;
class CommentKeys;
class CommentNotices;
class SiteContextCache;

class AdminSite {
 public:
  AdminSite(Store& store, const SiteContextCache& contexts, const Theme& theme, const ReaderSite& reader,
            Sessions& sessions, MediaFolders folders, const CommentKeys& comment_keys, const CommentNotices& notices);
  void add_routes(http::Router& router);

 private:
  using Handler = http::Response (AdminSite::*)(const http::Request&, const http::RouteParams&, const SignedIn&);
  // A route for signed-in accounts only (others go to the sign-in page); a POST must also
  // carry the session's CSRF token.
  // `checks_own_csrf`: the handler reads the token itself (a multipart body, parsed once there).
  // How a route answers: on the event loop, or on the pool for blocking work (see uploads_).
  enum class Runs { on_event_loop, on_blocking_pool };
  void add(http::Router& router, http::Verb verb, std::string_view pattern, Handler handler, bool checks_own_csrf = false,
           Runs runs = Runs::on_event_loop);

  http::Response login_page(const http::Request& req, std::string error = {}, http::Status status = http::Status::ok) const;
  http::Response login(const http::Request& req);
  http::Response logout(const http::Request&, const http::RouteParams&, const SignedIn& who);
  http::Response logout_everywhere(const http::Request&, const http::RouteParams&, const SignedIn& who);

  http::Response articles(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response new_article(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response create_article(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response edit_article(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response save_article(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response preview(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response autosave(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response revisions(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response restore(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response translate(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response users(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response add_user(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response change_user(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response audit(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response catalog(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response edit_catalog_entry(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response save_catalog(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response catalog_entry_page(const SignedIn& who, std::string_view kind, std::string_view slug, const std::string& text,
                                    const std::vector<std::string>& errors, http::Status status, std::string notice = {}) const;
  http::Response front_pages(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response change_front_page(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response front_pages_page(const SignedIn& who, const std::string& error, http::Status status,
                                  const std::string& notice) const;
  http::Response redirects(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response change_redirect(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response redirects_page(const SignedIn& who, std::string_view target, const std::string& error,
                                http::Status status, const std::string& notice) const;
  http::Response navigation(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response change_navigation(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response navigation_page(const SignedIn& who, const std::string& error, http::Status status,
                                 const std::string& notice) const;
  http::Response comments(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response moderate(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response edit_comment(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response save_comment(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response reply_to_comment(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response comment_on_article(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  Comment staff_comment(const SignedIn& who, std::int64_t article_id, std::int64_t parent_id, std::string body,
                        Instant now) const;
  // Everything one commenter wrote (by e-mail, or by the browser that wrote a comment): exported
  // as JSON, or erased for good. Owners only.
  http::Response commenter(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response comment_settings(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response save_comment_settings(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response comment_settings_page(const SignedIn& who, const CommentSettings& settings, const std::string& error,
                                       http::Status status, const std::string& notice) const;
  http::Response comments_page(const SignedIn& who, const http::Request& req, const std::string& error, http::Status status,
                               const std::string& notice) const;
  http::Response comment_page(const SignedIn& who, const Comment& comment, const std::string& error,
                              http::Status status) const;
  http::Response media(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response upload_media(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  http::Response change_media(const http::Request& req, const http::RouteParams& params, const SignedIn& who);
  http::Response media_page(const SignedIn& who, const std::string& error, http::Status status, std::string notice = {}) const;

  // The editor page for `article` (id 0: a new one), with the errors of a refused save, and
  // after a conflict what the other save made of it (`theirs`) against this editor's version.
  http::Response editor(const Article& article, const SignedIn& who, const std::vector<FieldError>& errors,
                        http::Status status, std::string_view notice = {}, const Article* theirs = nullptr) const;
  // The editor again, 409, with the changes `mine` kept: another save came first, or took the slug.
  http::Response conflicted(Article mine, const SignedIn& who, const Conflict& conflict) const;
  http::Response users_page(const SignedIn& who, const std::string& error, http::Status status) const;
  // An admin page: `content` rendered from admin_NAME inside the admin layout.
  http::Response page(const SignedIn* who, std::string_view name, TemplateData data, const std::string& title,
                      http::Status status = http::Status::ok) const;
  http::Response refused(const SignedIn& who, std::string message, http::Status status = http::Status::forbidden) const;
  // The language the newsroom speaks to `who`: the one their account chose when the theme has
  // its catalog, else the site's default language (also before signing in).
  std::string language_of(const SignedIn* who) const;
  Speech speech_of(const SignedIn* who) const;
  http::Response change_language(const http::Request& req, const http::RouteParams&, const SignedIn& who);
  std::optional<Article> editable(std::int64_t id, const SignedIn& who, std::string& why) const;

  Store& store_;
  const SiteContextCache& contexts_;
  const Theme& theme_;
  const ReaderSite& reader_;
  Sessions& sessions_;
  MediaFolders folders_;
  const CommentKeys& comment_keys_;
  const CommentNotices& notices_;
  // Uploads are processed by libvips for a second or more, one at a time, away from the event
  // loops (readers' requests on the same thread would wait meanwhile).
  http::BlockingPool uploads_{1};
};

// The body of a form request, or nothing when it is not one (or is malformed).
std::optional<http::Form> request_form(const http::Request& req);

// Every admin answer: never stored by a cache, not indexed, under the admin's CSP (which lets
// the editor frame its preview).
http::Response private_response(http::Status status, std::string body, std::string_view type);
// 303 to `location`, setting a cookie when given.
http::Response see_other(std::string location, const std::string& set_cookie = {});

}  // namespace kpress
