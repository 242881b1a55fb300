#include "admin/admin_site.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>

#include "core/numbers.hpp"
#include "render/messages.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

using http::Status;

namespace {

// The admin's own policy: the reader site's, plus frames of this site (the live preview).
constexpr std::string_view kAdminPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; "
    "connect-src 'self'; media-src 'self'; object-src 'none'; "
    "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com https://www.dailymotion.com "
    "https://tv.naver.com https://www.viki.com; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

bool is_form(const http::Request& req) {
  return req[http::Field::content_type].starts_with("application/x-www-form-urlencoded");
}

std::string address_of(const http::Request& req) { return std::string(req[http::kRemoteAddressHeader]); }

}  // namespace

http::Response private_response(Status status, std::string body, std::string_view type) {
  auto res = http::make_response(status, std::move(body), type);
  res.set(http::Field::cache_control, "no-store");
  res.set("X-Robots-Tag", "noindex, nofollow");
  res.set("Content-Security-Policy", kAdminPolicy);
  return res;
}

http::Response see_other(std::string location, const std::string& set_cookie) {
  auto res = private_response(Status::see_other, "", "text/plain; charset=utf-8");
  res.set(http::Field::location, location);
  if (!set_cookie.empty()) res.set(http::Field::set_cookie, set_cookie);
  return res;
}

std::optional<http::Form> request_form(const http::Request& req) {
  if (!is_form(req)) return std::nullopt;
  return http::Form::parse(req.body());
}

AdminSite::AdminSite(Store& store, const SiteContextCache& contexts, const Theme& theme, const ReaderSite& reader,
                     Sessions& sessions, MediaFolders folders, const CommentKeys& comment_keys,
                     const CommentNotices& notices)
    : store_(store), contexts_(contexts), theme_(theme), reader_(reader), sessions_(sessions), folders_(std::move(folders)),
      comment_keys_(comment_keys), notices_(notices) {}

void AdminSite::add(http::Router& router, http::Verb verb, std::string_view pattern, Handler handler, bool checks_own_csrf,
                    Runs runs) {
  http::RouteHandler checked = [this, handler, verb, checks_own_csrf](const http::Request& req, const http::RouteParams& params) {
    auto who = sessions_.current(req);
    if (!who) {
      if (verb == http::Verb::get) {
        boost::urls::url login("/admin/login");
        login.params().append({"next", std::string(req.target().substr(0, 500))});
        return see_other(std::string(login.buffer()));
      }
      return private_response(Status::unauthorized, "Your session has ended: sign in again at /admin/login.\n",
                              "text/plain; charset=utf-8");
    }
    if (verb != http::Verb::get && !checks_own_csrf) {
      // Every change needs the token of this session's forms: a page of another site cannot
      // make the browser post here with the session cookie.
      std::string token = std::string(req["X-CSRF-Token"]);
      if (token.empty()) {
        if (auto form = request_form(req)) token = form->get("csrf");
      }
      if (!sessions_.csrf_valid(*who, token))
        return refused(*who, speech_of(&*who).text("This form has expired or does not come from this site (its CSRF token is "
                                                   "missing or invalid). Reload the page and try again."));
    }
    return (this->*handler)(req, params, *who);
  };
  if (runs == Runs::on_blocking_pool) router.add_async(verb, pattern, uploads_.run_here(std::move(checked)));
  else router.add(verb, pattern, std::move(checked));
}

void AdminSite::add_routes(http::Router& router) {
  // The newsroom's front door, with or without its slash: the dashboard, or the sign-in.
  for (const char* door : {"/admin", "/admin/"}) {
    router.add(http::Verb::get, door, [this](const http::Request& req, const http::RouteParams&) {
      return see_other(sessions_.current(req) ? "/admin/articles" : "/admin/login");
    });
  }
  router.add(http::Verb::get, "/admin/login", [this](const http::Request& req, const http::RouteParams&) {
    if (sessions_.current(req)) return see_other("/admin/articles");
    return login_page(req);
  });
  router.add(http::Verb::post, "/admin/login", [this](const http::Request& req, const http::RouteParams&) { return login(req); });
  add(router, http::Verb::post, "/admin/logout", &AdminSite::logout);
  add(router, http::Verb::post, "/admin/logout-everywhere", &AdminSite::logout_everywhere);
  add(router, http::Verb::post, "/admin/account/language", &AdminSite::change_language);
  add(router, http::Verb::get, "/admin/articles", &AdminSite::articles);
  add(router, http::Verb::post, "/admin/articles", &AdminSite::create_article);
  add(router, http::Verb::get, "/admin/articles/new", &AdminSite::new_article);
  add(router, http::Verb::get, "/admin/articles/{id}", &AdminSite::edit_article);
  add(router, http::Verb::post, "/admin/articles/{id}", &AdminSite::save_article);
  add(router, http::Verb::post, "/admin/articles/{id}/preview", &AdminSite::preview);
  add(router, http::Verb::post, "/admin/articles/new/preview", &AdminSite::preview);  // no {id}: a new article
  add(router, http::Verb::post, "/admin/articles/{id}/autosave", &AdminSite::autosave);
  add(router, http::Verb::get, "/admin/articles/{id}/revisions", &AdminSite::revisions);
  add(router, http::Verb::post, "/admin/articles/{id}/revisions/{number}/restore", &AdminSite::restore);
  add(router, http::Verb::post, "/admin/articles/{id}/translate", &AdminSite::translate);
  add(router, http::Verb::post, "/admin/articles/{id}/comments", &AdminSite::comment_on_article);
  add(router, http::Verb::get, "/admin/users", &AdminSite::users);
  add(router, http::Verb::post, "/admin/users", &AdminSite::add_user);
  add(router, http::Verb::post, "/admin/users/{id}", &AdminSite::change_user);
  add(router, http::Verb::get, "/admin/audit", &AdminSite::audit);
  add(router, http::Verb::get, "/admin/catalog", &AdminSite::catalog);
  add(router, http::Verb::get, "/admin/catalog/{kind}/{slug}", &AdminSite::edit_catalog_entry);
  add(router, http::Verb::post, "/admin/catalog/{kind}/{slug}", &AdminSite::save_catalog);
  add(router, http::Verb::get, "/admin/comments", &AdminSite::comments);
  add(router, http::Verb::post, "/admin/comments", &AdminSite::moderate);
  add(router, http::Verb::post, "/admin/comments/commenter", &AdminSite::commenter);
  add(router, http::Verb::get, "/admin/comments/settings", &AdminSite::comment_settings);
  add(router, http::Verb::post, "/admin/comments/settings", &AdminSite::save_comment_settings);
  add(router, http::Verb::get, "/admin/comments/{id}", &AdminSite::edit_comment);
  add(router, http::Verb::post, "/admin/comments/{id}", &AdminSite::save_comment);
  add(router, http::Verb::post, "/admin/comments/{id}/reply", &AdminSite::reply_to_comment);
  add(router, http::Verb::get, "/admin/featured", &AdminSite::front_pages);
  add(router, http::Verb::post, "/admin/featured", &AdminSite::change_front_page);
  add(router, http::Verb::get, "/admin/redirects", &AdminSite::redirects);
  add(router, http::Verb::post, "/admin/redirects", &AdminSite::change_redirect);
  add(router, http::Verb::get, "/admin/navigation", &AdminSite::navigation);
  add(router, http::Verb::post, "/admin/navigation", &AdminSite::change_navigation);
  add(router, http::Verb::get, "/admin/media", &AdminSite::media);
  add(router, http::Verb::post, "/admin/media", &AdminSite::upload_media, true, Runs::on_blocking_pool);
  add(router, http::Verb::post, "/admin/media/{id}", &AdminSite::change_media);
}

http::Response AdminSite::page(const SignedIn* who, std::string_view name, TemplateData data, const std::string& title,
                               Status status) const {
  auto context = contexts_.get();
  std::string language = language_of(who);
  std::string content = theme_.render("admin_" + std::string(name), data, language);
  TemplateData layout;
  layout.set("title", title);
  layout.set("ui_lang", language);
  layout.set("dir", is_right_to_left(language) ? "rtl" : "ltr");
  layout.set("site_name", context->site.name);
  layout.set("assets", theme_.asset_urls());
  layout.set("content", std::move(content));
  if (who) {
    TemplateData user;
    user.set("email", who->user.email);
    user.set("role", std::string(theme_.messages().text(language, role_label(who->user.role))));
    TemplateData languages{TemplateData::type::list};
    for (const auto& code : theme_.messages().languages()) {
      TemplateData option;
      option.set("value", code);
      option.set("label", language_own_name(code));
      option.set("selected", code == language);
      languages.push_back(std::move(option));
    }
    user.set("languages", std::move(languages));
    user.set("csrf", who->csrf);
    user.set("manage_users", can(who->user.role, Permission::manage_users));
    user.set("edit_catalog", can(who->user.role, Permission::edit_catalog));
    user.set("read_audit_log", can(who->user.role, Permission::read_audit_log));
    user.set("choose_front_pages", can(who->user.role, Permission::publish));
    layout.set("user", std::move(user));
  } else {
    layout.set("user", false);
  }
  return private_response(status, theme_.render("admin_layout", layout, language), "text/html; charset=utf-8");
}

http::Response AdminSite::refused(const SignedIn& who, std::string message, Status status) const {
  TemplateData data;
  data.set("message", std::move(message));
  return page(&who, "refused", std::move(data), speech_of(&who).text("Action refused"), status);
}

std::string AdminSite::language_of(const SignedIn* who) const {
  if (who && theme_.messages().has(who->user.language)) return who->user.language;
  return contexts_.get()->site.default_language;
}

Speech AdminSite::speech_of(const SignedIn* who) const { return speech_in(theme_, language_of(who)); }

http::Response AdminSite::change_language(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  auto form = request_form(req);
  std::string language = form ? form->get("language") : "";
  if (!theme_.messages().has(language))
    return refused(who, speech_of(&who).text("'{language}' is not a language the newsroom speaks.", {{"language", language.substr(0, 20)}}));
  User changed = who.user;
  changed.language = language;
  auto tx = store_.begin_write();
  tx->save_user(changed);
  tx->append_audit(audit_entry(who.actor(), sessions_.options().clock(), "user.language", "user:" + std::to_string(who.user.id), language));
  tx->commit();
  // Back to the page the form was on (its Referer, a page of the newsroom), now in that language.
  std::string back = "/admin/articles";
  if (auto referer = boost::urls::parse_uri(req[http::Field::referer]); referer && referer->path().starts_with("/admin/"))
    back = std::string(referer->encoded_target());
  return see_other(back);
}

// --- signing in and out ----------------------------------------------------------------------

http::Response AdminSite::login_page(const http::Request& req, std::string error, Status status) const {
  auto [set_cookie, token] = sessions_.login_form_token();
  TemplateData data;
  data.set("csrf", token);
  set_text(data, "error", error);
  std::string next = query_value(req.target(), "next");
  if (!next.starts_with("/admin/") || next.starts_with("//")) next = "/admin/articles";
  data.set("next", next);
  auto res = page(nullptr, "login", std::move(data), speech_of(nullptr).text("Sign in"), status);
  res.set(http::Field::set_cookie, set_cookie);
  return res;
}

http::Response AdminSite::login(const http::Request& req) {
  auto form = request_form(req);
  Speech speech = speech_of(nullptr);
  if (!form) return login_page(req, speech.text("Send the sign-in form."), Status::bad_request);
  if (!sessions_.login_token_valid(req, form->get("csrf")))
    return login_page(req, speech.text("This form has expired or does not come from this site (its CSRF token is missing or "
                                       "invalid): try again."),
                      Status::forbidden);
  auto result = sessions_.sign_in(form->get("email"), form->get("password"), address_of(req));
  switch (result.outcome) {
    case SignInOutcome::signed_in: {
      std::string next = form->get("next");
      if (!next.starts_with("/admin/") || next.starts_with("//")) next = "/admin/articles";
      return see_other(next, result.set_cookie);
    }
    case SignInOutcome::throttled: {
      auto res = login_page(req, speech.text("Too many failed sign-ins: try again in a few minutes."), Status::too_many_requests);
      res.set(http::Field::retry_after, "180");
      return res;
    }
    case SignInOutcome::disabled: return login_page(req, speech.text("This account is disabled."), Status::forbidden);
    case SignInOutcome::wrong_credentials: break;
  }
  return login_page(req, speech.text("Wrong e-mail address or password."), Status::unauthorized);
}

http::Response AdminSite::logout(const http::Request&, const http::RouteParams&, const SignedIn& who) {
  return see_other("/admin/login", sessions_.sign_out(who));
}

http::Response AdminSite::logout_everywhere(const http::Request&, const http::RouteParams&, const SignedIn& who) {
  return see_other("/admin/login", sessions_.sign_out_everywhere(who));
}

// --- accounts and the audit log --------------------------------------------------------------

http::Response AdminSite::users(const http::Request&, const http::RouteParams&, const SignedIn& who) {
  if (!can(who.user.role, Permission::manage_users)) return refused(who, speech_of(&who).text("Only owners manage accounts."));
  return users_page(who, "", Status::ok);
}

http::Response AdminSite::users_page(const SignedIn& who, const std::string& error, Status status) const {
  Speech speech = speech_of(&who);
  TemplateData list{TemplateData::type::list};
  for (const auto& u : store_.users()) {
    TemplateData item;
    item.set("id", std::to_string(u.id));
    item.set("email", u.email);
    item.set("name", u.name);
    item.set("role_label", speech.text(role_label(u.role)));
    item.set("disabled", u.disabled);
    item.set("self", u.id == who.user.id);
    TemplateData roles{TemplateData::type::list};
    for (auto r : {Role::contributor, Role::translator, Role::editor, Role::owner}) {
      TemplateData option;
      option.set("value", std::string(to_string(r)));
      option.set("label", speech.text(role_label(r)));
      option.set("selected", r == u.role);
      roles.push_back(std::move(option));
    }
    item.set("roles", std::move(roles));
    list.push_back(std::move(item));
  }
  TemplateData data;
  data.set("users", std::move(list));
  data.set("csrf", who.csrf);
  set_text(data, "error", error);
  TemplateData authors{TemplateData::type::list};
  for (const auto& a : store_.authors()) {
    TemplateData item;
    item.set("slug", a.slug);
    item.set("name", a.name);
    authors.push_back(std::move(item));
  }
  data.set("authors", std::move(authors));
  return page(&who, "users", std::move(data), speech.text("Accounts"), status);
}

http::Response AdminSite::add_user(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::manage_users)) return refused(who, speech.text("Only owners add accounts."));
  auto form = request_form(req);
  if (!form) return users_page(who, speech.text("Send the form that adds an account."), Status::bad_request);
  auto result = create_account(store_, {form->get("email"), form->get("name"), form->get("role"), form->get("password"),
                                        form->get("author")},
                               who.actor(), sessions_.options().clock());
  if (!result.user)
    return users_page(who, speech.text("{field}: {error}", {{"field", result.field}, {"error", speech.text(result.error.id, {{"value", result.error.value}})}}),
                      Status::unprocessable_entity);
  return see_other("/admin/users");
}

http::Response AdminSite::change_user(const http::Request& req, const http::RouteParams& params, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::manage_users)) return refused(who, speech.text("Only owners change accounts."));
  auto form = request_form(req);
  auto id = parse_whole_number(std::string(params.get("id")));
  auto user = id ? store_.user_by_id(*id) : std::nullopt;
  if (!form || !user) return users_page(who, speech.text("This account does not exist."), Status::not_found);
  User changed = *user;
  if (form->has("role")) {
    auto role = parse_role(form->get("role"));
    if (!role)
      return users_page(who, speech.text("role: '{role}' is not a role", {{"role", form->get("role").substr(0, 40)}}),
                        Status::unprocessable_entity);
    changed.role = *role;
  }
  if (form->has("disabled")) changed.disabled = form->get("disabled") == "1";
  if (changed.id == who.user.id && (changed.role != Role::owner || changed.disabled))
    return users_page(who, speech.text("You cannot take away your own owner's role or disable your own account."),
                      Status::unprocessable_entity);
  auto tx = store_.begin_write();
  tx->save_user(changed);
  std::string detail = std::string(to_string(changed.role)) + (changed.disabled ? ", disabled" : "");
  tx->append_audit(audit_entry(who.actor(), sessions_.options().clock(), "user.change", "user:" + std::to_string(changed.id), detail));
  if (changed.disabled) tx->delete_sessions_of(changed.id);  // a disabled account is signed out at once
  tx->commit();
  return see_other("/admin/users");
}

http::Response AdminSite::audit(const http::Request& req, const http::RouteParams&, const SignedIn& who) {
  Speech speech = speech_of(&who);
  if (!can(who.user.role, Permission::read_audit_log)) return refused(who, speech.text("Only owners read the log."));
  auto page_number = requested_page(req.target()).value_or(1);
  constexpr int kPerPage = 50;
  auto entries = store_.audit_log(kPerPage + 1, (page_number - 1) * kPerPage);
  bool more = entries.size() > kPerPage;
  if (more) entries.pop_back();
  auto context = contexts_.get();
  TemplateData list{TemplateData::type::list};
  for (const auto& e : entries) {
    TemplateData item;
    item.set("at", time_view(e.at, *context, speech.language));
    item.set("actor", e.actor);
    item.set("action", e.action);
    item.set("target", e.target);
    item.set("detail", e.detail);
    item.set("address", e.address);
    list.push_back(std::move(item));
  }
  TemplateData data;
  data.set("entries", std::move(list));
  set_text(data, "previous", page_number > 1 ? "/admin/audit?page=" + std::to_string(page_number - 1) : "");
  set_text(data, "next", more ? "/admin/audit?page=" + std::to_string(page_number + 1) : "");
  return page(&who, "audit", std::move(data), speech.text("Log"));
}

}  // namespace kpress
