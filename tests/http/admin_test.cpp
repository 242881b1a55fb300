// The newsroom on a real server: signing in (CSRF, throttling, expiry, signing out everywhere),
// every permission rule of the four roles, the editor's actions (publish, schedule across a
// restart, unpublish with a redirect, trash), preview, autosave, revisions and translations.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <atomic>
#include <regex>

#include "admin/accounts.hpp"
#include "support/admin_browser.hpp"
#include "support/http_client.hpp"
#include "support/interface_text.hpp"
#include "support/temp_dir.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::ClientResponse;
using testing::http_get;
using testing::http_request;

using testing::AdminBrowser;
using testing::interface_text_in;
using testing::kTestPassword;
constexpr const char* kPassword = kTestPassword;
constexpr const char* kPortraitSlug = "im-siwan-de-la-scene-k-pop-aux-premiers-roles";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Admin : public ::testing::Test {
 protected:
  explicit Admin(testing::TestSiteOptions options = {}) : site(prepare(std::move(options))) {
    for (auto [email, role] : {std::pair{"owner@example.org", "owner"}, {"editor@example.org", "editor"},
                               {"translator@example.org", "translator"}, {"contributor@example.org", "contributor"},
                               {"other@example.org", "contributor"}}) {
      auto result = create_account(site.store(), {email, role, role, kPassword, ""}, {std::nullopt, "cli", ""}, now());
      EXPECT_TRUE(result.user) << result.error.english();
    }
  }
  testing::TestSiteOptions prepare(testing::TestSiteOptions options) {
    options.clock = [this] { return now(); };
    return options;
  }
  Instant now() const { return Instant(std::chrono::seconds(clock_seconds.load())); }
  void advance(std::chrono::seconds by) { clock_seconds += by.count(); }

  AdminBrowser signed_in(const std::string& email) {
    AdminBrowser b(site.port());
    auto res = b.sign_in(email);
    EXPECT_EQ(res.status, 303u) << res.body;
    return b;
  }
  std::int64_t id_of(const std::string& slug) {
    auto a = site.store().article_by_slug(slug);
    EXPECT_TRUE(a) << slug;
    return a ? a->id : 0;
  }
  std::string editor_of(const std::string& slug) { return "/admin/articles/" + std::to_string(id_of(slug)); }
  // The editor's fields for a save of `slug` as it is now, with `changes`.
  std::vector<std::pair<std::string, std::string>> fields_of(const std::string& slug,
                                                             std::vector<std::pair<std::string, std::string>> changes) {
    auto a = site.store().article_by_slug(slug);
    std::vector<std::pair<std::string, std::string>> fields{{"revision", std::to_string(a->revision)},
                                                            {"title", a->title},
                                                            {"slug", a->slug},
                                                            {"body", a->body}};
    for (auto& c : changes) {
      auto same = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == c.first; });
      if (same != fields.end()) same->second = std::move(c.second);
      else fields.push_back(std::move(c));
    }
    return fields;
  }

  // 2026-11-24 09:00 UTC, moved by the tests.
  std::atomic<std::int64_t> clock_seconds{1795510800};
  testing::TestSite site;
};

TEST_F(Admin, SignsInWithACsrfTokenAndAnHttpOnlySessionCookie) {
  AdminBrowser b(site.port());
  auto login = b.get("/admin/login");
  EXPECT_EQ(login.status, 200u);
  // The newsroom speaks the site's language (French for the demo), from the catalogs.
  EXPECT_TRUE(has(login.body, "<html lang=\"fr\" dir=\"ltr\">"));
  EXPECT_TRUE(has(login.body, "<h1>Connexion à la rédaction</h1>"));
  EXPECT_FALSE(b.csrf().empty());
  EXPECT_TRUE(has(login.header("set-cookie"), "HttpOnly"));
  EXPECT_EQ(login.header("cache-control"), "no-store");

  // No token: 403, and no session.
  auto forged = b.post("/admin/login", {{"email", "editor@example.org"}, {"password", kPassword}}, false);
  EXPECT_EQ(forged.status, 403u);
  EXPECT_TRUE(has(forged.body, "CSRF"));
  auto redirected = b.get("/admin/articles?status=draft&lang=fr");
  EXPECT_EQ(redirected.status, 303u);
  EXPECT_EQ(redirected.header("location"), "/admin/login?next=/admin/articles?status=draft%26lang=fr");
  // The sign-in form brings the editor back to the very page they asked for.
  EXPECT_TRUE(has(b.get(redirected.header("location")).body, "name=\"next\" value=\"/admin/articles?status=draft&amp;lang=fr\""));

  b.get("/admin/login");
  auto ok = b.post("/admin/login", {{"email", "Editor@Example.org"}, {"password", kPassword}, {"next", "/admin/articles"}});
  ASSERT_EQ(ok.status, 303u) << ok.body;
  EXPECT_EQ(ok.header("location"), "/admin/articles");
  auto cookie = ok.header("set-cookie");
  EXPECT_TRUE(has(cookie, "kpress_session=")) << cookie;
  EXPECT_TRUE(has(cookie, "HttpOnly"));
  EXPECT_TRUE(has(cookie, "SameSite=Lax"));
  EXPECT_TRUE(has(cookie, "Path=/admin"));
  auto list = b.get("/admin/articles");
  EXPECT_EQ(list.status, 200u);
  EXPECT_EQ(list.header("cache-control"), "no-store");
  EXPECT_TRUE(has(list.header("content-security-policy"), "script-src 'self'"));
  EXPECT_TRUE(has(list.body, "Regardez : Shin Se Kyung"));
}

TEST_F(Admin, AWrongPasswordIsRefusedAndLogged) {
  AdminBrowser b(site.port());
  EXPECT_EQ(b.sign_in("editor@example.org", "not the password at all").status, 401u);
  EXPECT_EQ(b.sign_in("nobody@example.org").status, 401u);
  auto log = site.store().audit_log(10, 0);
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log[0].action, "login.failed");
  EXPECT_EQ(log[0].actor, "nobody@example.org");
  EXPECT_EQ(log[1].action, "login.failed");
  EXPECT_EQ(log[1].address, "127.0.0.1");
}

TEST_F(Admin, RepeatedFailuresForOneAccountAre429EvenWithTheRightPassword) {
  AdminBrowser b(site.port());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(b.sign_in("editor@example.org", "wrong password " + std::to_string(i)).status, 401u);
  auto throttled = b.sign_in("editor@example.org");
  EXPECT_EQ(throttled.status, 429u);
  EXPECT_FALSE(throttled.header("retry-after").empty());
  EXPECT_FALSE(has(throttled.header("set-cookie"), "kpress_session"));
  // Another account from the same address is not held back by it.
  EXPECT_EQ(AdminBrowser(site.port()).sign_in("owner@example.org").status, 303u);
}

class AdminStrictAddress : public Admin {
 protected:
  AdminStrictAddress() : Admin(testing::TestSiteOptions{.admin = {.failures_per_address = 3}}) {}
};

TEST_F(AdminStrictAddress, RepeatedFailuresFromOneAddressAre429ForEveryAccount) {
  AdminBrowser b(site.port());
  for (auto* email : {"a@example.org", "b@example.org", "c@example.org"}) EXPECT_EQ(b.sign_in(email).status, 401u);
  auto res = b.sign_in("owner@example.org");
  EXPECT_EQ(res.status, 429u);
  EXPECT_TRUE(has(res.body, "Trop de tentatives"));
  EXPECT_EQ(site.store().audit_log(1, 0).at(0).action, "login.failed");  // the throttled attempt is not tried
}

TEST_F(Admin, AFormWithoutTheSessionsCsrfTokenIs403AndChangesNothing) {
  auto b = signed_in("editor@example.org");
  std::string before = site.store().article_by_slug(kPortraitSlug)->title;
  auto res = b.post(editor_of(kPortraitSlug), fields_of(kPortraitSlug, {{"title", "Piraté"}}), false);
  EXPECT_EQ(res.status, 403u);
  EXPECT_TRUE(has(res.body, "CSRF"));
  auto other = signed_in("owner@example.org");  // a token, but of another session
  auto fields = fields_of(kPortraitSlug, {{"title", "Piraté"}});
  fields.emplace_back("csrf", other.csrf());
  EXPECT_EQ(b.post(editor_of(kPortraitSlug), fields, false).status, 403u);
  EXPECT_EQ(site.store().article_by_slug(kPortraitSlug)->title, before);
}

TEST_F(Admin, AContributorWritesDraftsButCannotPublishOrEditOthersWork) {
  auto b = signed_in("contributor@example.org");
  b.get("/admin/articles/new");
  auto created = b.post("/admin/articles", {{"title", "Mon premier brouillon"}, {"slug", ""}, {"body", "Du texte."}});
  ASSERT_EQ(created.status, 303u) << created.body;
  auto draft = site.store().article_by_slug("mon-premier-brouillon");
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->status, ArticleStatus::draft);
  std::string url = "/admin/articles/" + std::to_string(draft->id);
  b.get(url);
  // Saving their own draft works; publishing it does not.
  EXPECT_EQ(b.post(url, fields_of("mon-premier-brouillon", {{"body", "Du texte, relu."}, {"action", "save"}})).status, 303u);
  b.get(url);
  auto publish = b.post(url, fields_of("mon-premier-brouillon", {{"action", "publish"}}));
  EXPECT_EQ(publish.status, 403u);
  EXPECT_EQ(site.store().article_by_slug("mon-premier-brouillon")->status, ArticleStatus::draft);
  EXPECT_EQ(http_get(site.port(), "/articles/mon-premier-brouillon").status, 404u);
  // A published article, and another contributor's draft, are not theirs to edit.
  EXPECT_EQ(b.get(editor_of(kPortraitSlug)).status, 403u);
  auto other = signed_in("other@example.org");
  EXPECT_EQ(other.get(url).status, 403u);
  EXPECT_EQ(other.post(url, fields_of("mon-premier-brouillon", {{"title", "Volé"}}), false).status, 403u);
  // Nor may they translate, or manage accounts.
  EXPECT_EQ(b.post(editor_of(kPortraitSlug) + "/translate", {{"language", "en"}}).status, 403u);
  EXPECT_EQ(b.get("/admin/users").status, 403u);
}

TEST_F(Admin, ATranslatorTranslatesButCannotDeleteOrPublish) {
  auto b = signed_in("translator@example.org");
  b.get("/admin/articles");
  auto res = b.post(editor_of(kPortraitSlug) + "/translate", {{"language", "ko"}});
  ASSERT_EQ(res.status, 303u) << res.body;
  ArticleQuery q;
  q.translation_of = kPortraitSlug;
  auto translations = site.store().articles(q).items;
  ASSERT_EQ(translations.size(), 1u);
  auto t = *site.store().article_by_id(translations[0].id);
  EXPECT_EQ(t.language, "ko");
  EXPECT_EQ(t.status, ArticleStatus::draft);
  EXPECT_EQ(t.translator, "translator");
  EXPECT_EQ(t.source_revision, site.store().article_by_slug(kPortraitSlug)->revision);
  // The editor shows the source beside the translation.
  auto editor = b.get("/admin/articles/" + std::to_string(t.id));
  EXPECT_EQ(editor.status, 200u);
  EXPECT_TRUE(has(editor.body, "class=\"editor-source\" lang=\"fr\""));
  EXPECT_TRUE(has(editor.body, "Chanteur du groupe ZE:A"));
  // No trash, no publication.
  EXPECT_EQ(b.post("/admin/articles/" + std::to_string(t.id), {{"action", "trash"}}).status, 403u);
  EXPECT_FALSE(site.store().article_by_id(t.id)->trashed_at);
  b.get("/admin/articles/" + std::to_string(t.id));
  EXPECT_EQ(b.post("/admin/articles/" + std::to_string(t.id), fields_of(t.slug, {{"action", "publish"}})).status, 403u);
}

TEST_F(Admin, AnEditorPublishesAndTrashesButCannotAddUsers) {
  auto b = signed_in("editor@example.org");
  b.get("/admin/articles/new");
  ASSERT_EQ(b.post("/admin/articles", {{"title", "Nouvelle annonce"}, {"slug", "nouvelle-annonce"}, {"body", "Annonce."}}).status, 303u);
  std::string url = editor_of("nouvelle-annonce");
  b.get(url);
  auto res = b.post(url, fields_of("nouvelle-annonce", {{"action", "publish"}}));
  ASSERT_EQ(res.status, 303u) << res.body;
  auto a = site.store().article_by_slug("nouvelle-annonce");
  EXPECT_EQ(a->status, ArticleStatus::published);
  EXPECT_EQ(a->published_at, now());
  EXPECT_EQ(http_get(site.port(), "/articles/nouvelle-annonce").status, 200u);
  EXPECT_TRUE(has(http_get(site.port(), "/").body, "Nouvelle annonce"));  // the cached home changed at once

  b.get(url);
  EXPECT_EQ(b.post(url, {{"action", "trash"}}).status, 303u);
  EXPECT_EQ(http_get(site.port(), "/articles/nouvelle-annonce").status, 410u);
  EXPECT_FALSE(has(http_get(site.port(), "/").body, "Nouvelle annonce"));

  EXPECT_EQ(b.get("/admin/users").status, 403u);
  EXPECT_EQ(b.post("/admin/users", {{"email", "new@example.org"}, {"role", "owner"}, {"password", kPassword}}).status, 403u);
  EXPECT_FALSE(site.store().user_by_email("new@example.org"));
  EXPECT_EQ(b.get("/admin/audit").status, 403u);
}

TEST_F(Admin, AnOwnerAddsUsersWhoCanThenSignIn) {
  auto b = signed_in("owner@example.org");
  b.get("/admin/users");
  auto bad = b.post("/admin/users", {{"email", "new@example.org"}, {"role", "editor"}, {"password", "short"}});
  EXPECT_EQ(bad.status, 422u);
  EXPECT_TRUE(has(bad.body, "password : un mot de passe a au moins 10 caractères"));
  EXPECT_EQ(b.post("/admin/users", {{"email", "new@example.org"}, {"role", "boss"}, {"password", kPassword}}).status, 422u);
  EXPECT_FALSE(site.store().user_by_email("new@example.org"));
  b.get("/admin/users");
  EXPECT_EQ(b.post("/admin/users", {{"email", "new@example.org"}, {"name", "Nouvelle"}, {"role", "editor"}, {"password", kPassword}}).status,
            303u);
  EXPECT_EQ(site.store().user_by_email("new@example.org")->role, Role::editor);
  EXPECT_EQ(AdminBrowser(site.port()).sign_in("new@example.org").status, 303u);
  auto audit = b.get("/admin/audit");
  EXPECT_EQ(audit.status, 200u);
  EXPECT_TRUE(has(audit.body, "user.add"));
}

TEST_F(Admin, ADisabledAccountIsSignedOutAndCannotSignIn) {
  auto editor = signed_in("editor@example.org");
  auto owner = signed_in("owner@example.org");
  owner.get("/admin/users");
  auto id = site.store().user_by_email("editor@example.org")->id;
  EXPECT_EQ(owner.post("/admin/users/" + std::to_string(id), {{"disabled", "1"}}).status, 303u);
  EXPECT_EQ(editor.get("/admin/articles").status, 303u);
  EXPECT_EQ(AdminBrowser(site.port()).sign_in("editor@example.org").status, 403u);
}

TEST_F(Admin, SessionsExpire) {
  auto b = signed_in("editor@example.org");
  EXPECT_EQ(b.get("/admin/articles").status, 200u);
  advance(std::chrono::hours(11));
  EXPECT_EQ(b.get("/admin/articles").status, 200u);
  advance(std::chrono::hours(2));
  auto res = b.get("/admin/articles");
  EXPECT_EQ(res.status, 303u);
  EXPECT_TRUE(res.header("location").starts_with("/admin/login"));
  EXPECT_EQ(b.post(editor_of(kPortraitSlug), {{"title", "x"}}).status, 401u);
}

TEST_F(Admin, SigningOutEverywhereEndsEverySessionOfTheAccount) {
  auto laptop = signed_in("editor@example.org");
  auto phone = signed_in("editor@example.org");
  auto owner = signed_in("owner@example.org");
  laptop.get("/admin/articles");
  EXPECT_EQ(laptop.post("/admin/logout-everywhere", {}).status, 303u);
  EXPECT_EQ(laptop.get("/admin/articles").status, 303u);
  EXPECT_EQ(phone.get("/admin/articles").status, 303u);
  EXPECT_EQ(owner.get("/admin/articles").status, 200u);  // other accounts stay signed in
  // Signing out one browser leaves the others.
  auto a = signed_in("owner@example.org");
  a.get("/admin/articles");
  EXPECT_EQ(a.post("/admin/logout", {}).status, 303u);
  EXPECT_EQ(a.get("/admin/articles").status, 303u);
  EXPECT_EQ(owner.get("/admin/articles").status, 200u);
}

TEST_F(Admin, UnpublishingGives410OrTheChosenRedirect) {
  auto b = signed_in("editor@example.org");
  std::string url = editor_of(kPortraitSlug);
  b.get(url);
  auto bad = b.post(url, fields_of(kPortraitSlug, {{"action", "unpublish"}, {"redirect_to", "javascript:alert(1)"}}));
  EXPECT_EQ(bad.status, 422u);
  EXPECT_TRUE(has(bad.body, "redirect_to"));
  EXPECT_EQ(http_get(site.port(), std::string("/articles/") + kPortraitSlug).status, 200u);
  EXPECT_EQ(b.post(url, fields_of(kPortraitSlug, {{"action", "unpublish"}, {"redirect_to", "/people/im-siwan"}})).status, 303u);
  auto moved = http_get(site.port(), std::string("/articles/") + kPortraitSlug);
  EXPECT_EQ(moved.status, 301u);
  EXPECT_EQ(moved.header("location"), "/people/im-siwan");
  b.get(url);
  EXPECT_EQ(b.post(url, fields_of(kPortraitSlug, {{"action", "unpublish"}, {"redirect_to", ""}})).status, 303u);
  EXPECT_EQ(http_get(site.port(), std::string("/articles/") + kPortraitSlug).status, 410u);
}

TEST_F(Admin, BadFormFieldsAreNamedAndChangeNothing) {
  auto b = signed_in("editor@example.org");
  std::string url = editor_of(kPortraitSlug);
  int revision = site.store().article_by_slug(kPortraitSlug)->revision;
  b.get(url);
  auto when = b.post(url, fields_of(kPortraitSlug, {{"published_at", "demain midi"}, {"action", "schedule"}}));
  EXPECT_EQ(when.status, 422u);
  EXPECT_TRUE(has(when.body, "published_at"));
  EXPECT_TRUE(has(when.body, "demain midi"));
  auto past = b.post(url, fields_of(kPortraitSlug, {{"published_at", "2020-01-01T10:00"}, {"action", "schedule"}}));
  EXPECT_EQ(past.status, 422u);
  auto empty_title = b.post(url, fields_of(kPortraitSlug, {{"title", ""}}));
  EXPECT_EQ(empty_title.status, 422u);
  EXPECT_TRUE(has(empty_title.body, "title"));
  auto action = b.post(url, fields_of(kPortraitSlug, {{"action", "explode"}}));
  EXPECT_EQ(action.status, 400u);
  // A form body that is not form encoding.
  auto h = std::map<std::string, std::string>{{"Content-Type", "application/x-www-form-urlencoded"}};
  EXPECT_NE(http_request(site.port(), http::Verb::post, url, "title=%ZZ&csrf=" + b.csrf(), h).status, 200u);
  EXPECT_EQ(site.store().article_by_slug(kPortraitSlug)->revision, revision);
  // Two editors at once: the later save of an older revision is refused, not lost.
  auto other = signed_in("owner@example.org");
  other.get(url);
  auto stale = fields_of(kPortraitSlug, {{"title", "Version du propriétaire"}});
  EXPECT_EQ(b.post(url, fields_of(kPortraitSlug, {{"title", "Version de l’éditeur"}})).status, 303u);
  auto conflict = other.post(url, stale);
  EXPECT_EQ(conflict.status, 409u);
  EXPECT_TRUE(has(conflict.body, "Version du propriétaire"));  // the text is kept to save again knowingly
  EXPECT_TRUE(has(conflict.body, "<ins>+ Version de l’éditeur</ins>"));  // and what the other save made of it
  EXPECT_EQ(site.store().article_by_slug(kPortraitSlug)->title, "Version de l’éditeur");
  // A form that does not say which revision it was made from changes nothing either.
  auto fields = fields_of(kPortraitSlug, {{"title", "Sans version"}});
  std::erase_if(fields, [](const auto& f) { return f.first == "revision"; });
  auto unknown = b.post(url, fields);
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_TRUE(has(unknown.body, "version"));
  EXPECT_EQ(site.store().article_by_slug(kPortraitSlug)->title, "Version de l’éditeur");
}

TEST_F(Admin, PreviewShowsTheUnsavedTextAsReadersWillSeeItAndSavesNothing) {
  auto b = signed_in("editor@example.org");
  std::string url = editor_of(kPortraitSlug);
  b.get(url);
  auto res = b.post(url + "/preview", fields_of(kPortraitSlug, {{"title", "Aperçu du titre"},
                                                                {"body", "Shin Se Kyung répond.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n"}}));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_TRUE(has(res.body, "<h1"));
  EXPECT_TRUE(has(res.body, "Aperçu du titre"));
  EXPECT_TRUE(has(res.body, "href=\"/people/shin-se-kyung\""));  // entity links of the new text
  EXPECT_TRUE(has(res.body, "dQw4w9WgXcQ"));                       // the video facade
  EXPECT_EQ(res.header("cache-control"), "no-store");
  EXPECT_NE(site.store().article_by_slug(kPortraitSlug)->title, "Aperçu du titre");
  // A new article's preview too.
  b.get("/admin/articles/new");
  auto fresh = b.post("/admin/articles/new/preview", {{"title", "Pas encore enregistré"}, {"body", "Texte."}});
  EXPECT_EQ(fresh.status, 200u);
  EXPECT_TRUE(has(fresh.body, "Pas encore enregistré"));
  // Not saved: it has no other edition, and asks no reactions of an article that is not there.
  EXPECT_FALSE(has(fresh.body, "class=\"editions\""));
  EXPECT_FALSE(has(fresh.body, "<link rel=\"alternate\" hreflang"));
  EXPECT_FALSE(has(fresh.body, "/reactions"));
  EXPECT_TRUE(has(res.body, "/api/v1/articles/"));  // a saved article's preview has its reactions
}

// /admin and /admin/ both lead to the sign-in, or to the articles once signed in.
TEST_F(Admin, TheNewsroomsDoorIsThereWithOrWithoutItsSlash) {
  for (const char* door : {"/admin", "/admin/"}) {
    auto res = testing::http_get(site.port(), door);
    EXPECT_EQ(res.status, 303u) << door;
    EXPECT_EQ(res.header("location"), "/admin/login") << door;
  }
  auto b = signed_in("editor@example.org");
  for (const char* door : {"/admin", "/admin/"}) {
    auto res = b.get(door);
    EXPECT_EQ(res.header("location"), "/admin/articles") << door;
  }
}

// The newsroom speaks each account's language, a setting kept with the account: its pages,
// its dates, and the errors of a refused save with the labels of the fields they name.
TEST_F(Admin, EachAccountChoosesTheLanguageTheNewsroomSpeaksToIt) {
  auto b = signed_in("editor@example.org");
  auto french = b.get("/admin/articles/new");
  EXPECT_TRUE(has(french.body, "<html lang=\"fr\" dir=\"ltr\">"));
  EXPECT_TRUE(has(french.body, "Langue de la rédaction"));
  auto chosen = b.post("/admin/account/language", {{"language", "en"}});
  EXPECT_EQ(chosen.status, 303u);
  EXPECT_EQ(chosen.header("location"), "/admin/articles");
  auto english = b.get("/admin/articles/new");
  EXPECT_TRUE(has(english.body, "<html lang=\"en\" dir=\"ltr\">"));
  EXPECT_TRUE(has(english.body, "<option value=\"en\" lang=\"en\" selected>English</option>"));
  EXPECT_EQ(interface_text_in(english.body, "fr"), std::vector<std::string>{});
  std::string url = editor_of(kPortraitSlug);
  b.get(url);
  auto refused = b.post(url, fields_of(kPortraitSlug, {{"title", ""}}));
  EXPECT_EQ(refused.status, 422u);
  EXPECT_TRUE(has(refused.body, "<a href=\"#field-title\">Title</a>: is required")) << refused.body;
  // Kept with the account: another device's session speaks it too; other accounts do not.
  EXPECT_TRUE(has(signed_in("editor@example.org").get("/admin/articles").body, "<html lang=\"en\" dir=\"ltr\">"));
  EXPECT_TRUE(has(signed_in("owner@example.org").get("/admin/articles").body, "<html lang=\"fr\" dir=\"ltr\">"));
  b.get("/admin/articles");
  EXPECT_EQ(b.post("/admin/account/language", {{"language", "ko"}}).status, 303u);
  auto korean = b.get(url);
  EXPECT_TRUE(has(korean.body, "<html lang=\"ko\" dir=\"ltr\">"));
  EXPECT_TRUE(has(korean.body, "발행 일시"));
  auto again = b.post(url, fields_of(kPortraitSlug, {{"title", ""}}));
  EXPECT_TRUE(has(again.body, ">제목</a>: 필수입니다")) << again.body;
  // A language the newsroom does not speak is refused, named, and changes nothing.
  auto unknown = b.post("/admin/account/language", {{"language", "xx"}});
  EXPECT_EQ(unknown.status, 403u);
  EXPECT_TRUE(has(unknown.body, "xx"));
  EXPECT_EQ(site.store().user_by_email("editor@example.org")->language, "ko");
}

// Editors pin stories to a language edition's front page: they lead it, in their order, until
// their end time, and the API lists them. The demo pins the «Run On» birthday story to the French
// and the Korean front pages.
TEST_F(Admin, EditorsPinStoriesToAnEditionsFrontPageUntilATime) {
  auto featured_part = [&](const std::string& path) {
    auto body = http_get(site.port(), path).body;
    auto from = body.find("class=\"featured\""), to = body.find("class=\"latest\"");
    return from == std::string::npos || to < from ? std::string() : body.substr(from, to - from);
  };
  const std::string run_on = "/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire";
  EXPECT_TRUE(has(featured_part("/"), run_on));
  EXPECT_TRUE(has(featured_part("/ko/"), "/articles/leon-on-meiking-yeongsang-sinsegyeong-gwa-seutaepeu-imsiwan-saeng-il-kkamjjag-pati"));
  EXPECT_EQ(featured_part("/en/"), "");  // nothing pinned: the latest stories only

  auto b = signed_in("editor@example.org");
  b.get("/admin/featured");
  auto pinned = b.post("/admin/featured", {{"language", "fr"}, {"article", std::string("http://127.0.0.1:8080/articles/") + kPortraitSlug},
                                           {"until", "2026-11-25T18:00"}, {"action", "add"}});
  EXPECT_EQ(pinned.status, 303u) << pinned.body;
  auto portrait = id_of(kPortraitSlug);
  auto french = site.store().featured("fr");
  ASSERT_EQ(french.size(), 2u);
  EXPECT_EQ(french[1].article_id, portrait);
  EXPECT_EQ(french[1].until, parse_iso8601("2026-11-25T09:00:00Z"));  // 18:00 in Seoul, the site's zone
  b.get("/admin/featured");
  EXPECT_EQ(b.post("/admin/featured", {{"language", "fr"}, {"article", std::to_string(portrait)}, {"action", "up"}}).status, 303u);
  auto api = boost::json::parse(http_get(site.port(), "/api/v1/featured?lang=fr").body).as_object();
  ASSERT_EQ(api["items"].as_array().size(), 2u);
  EXPECT_EQ(api["items"].as_array()[0].as_object()["slug"].as_string(), kPortraitSlug);
  EXPECT_EQ(api["items"].as_array()[0].as_object()["featured_until"].as_string(), "2026-11-25T09:00:00Z");
  auto lead = featured_part("/");
  EXPECT_LT(lead.find(kPortraitSlug), lead.find(run_on));  // in the editors' order
  // Once its time has passed the front page no longer leads with it, by itself.
  advance(std::chrono::hours(25));
  lead = featured_part("/");
  EXPECT_FALSE(has(lead, kPortraitSlug));
  EXPECT_TRUE(has(lead, run_on));
  EXPECT_EQ(boost::json::parse(http_get(site.port(), "/api/v1/featured").body).as_object()["items"].as_array().size(), 1u);

  // Refused, named, and nothing changes: another language's article, an unknown one, a past end.
  b = signed_in("editor@example.org");  // a day later: a new session
  b.get("/admin/featured");
  auto english = b.post("/admin/featured", {{"language", "fr"}, {"article", "five-things-to-know-about-run-on"}, {"action", "add"}});
  EXPECT_EQ(english.status, 422u);
  EXPECT_TRUE(has(english.body, "Five things to know about Run On")) << english.body;
  auto unknown = b.post("/admin/featured", {{"language", "fr"}, {"article", "nothing-by-that-name"}, {"action", "add"}});
  EXPECT_EQ(unknown.status, 422u);
  EXPECT_TRUE(has(unknown.body, "nothing-by-that-name"));
  auto past = b.post("/admin/featured", {{"language", "ko"}, {"article", "leon-on-meiking-yeongsang-sinsegyeong-gwa-seutaepeu-imsiwan-saeng-il-kkamjjag-pati"},
                                         {"until", "2020-01-01T00:00"}, {"action", "add"}});
  EXPECT_EQ(past.status, 422u);
  EXPECT_EQ(site.store().featured("fr").size(), 2u);
  EXPECT_EQ(site.store().featured("ko").size(), 1u);
  EXPECT_EQ(b.post("/admin/featured", {{"language", "fr"}, {"article", std::to_string(portrait)}, {"action", "remove"}}).status, 303u);
  EXPECT_EQ(site.store().featured("fr").size(), 1u);
  // Contributors do not choose the front pages.
  auto c = signed_in("contributor@example.org");
  EXPECT_EQ(c.get("/admin/featured").status, 403u);
  c.get("/admin/articles");
  EXPECT_EQ(c.post("/admin/featured", {{"language", "fr"}, {"article", kPortraitSlug}, {"action", "add"}}).status, 403u);
  EXPECT_EQ(site.store().featured("fr").size(), 1u);
}

TEST_F(Admin, AutosaveKeepsUnsavedTextApartUntilRestored) {
  auto b = signed_in("editor@example.org");
  std::string url = editor_of(kPortraitSlug);
  b.get(url);
  auto res = b.post(url + "/autosave", fields_of(kPortraitSlug, {{"body", "Texte tapé mais pas enregistré."}}));
  ASSERT_EQ(res.status, 200u) << res.body;
  EXPECT_TRUE(has(res.body, "saved_at"));
  EXPECT_NE(site.store().article_by_slug(kPortraitSlug)->body, "Texte tapé mais pas enregistré.");
  auto editor = b.get(url);
  EXPECT_TRUE(has(editor.body, "Une sauvegarde automatique du"));  // the notice, with its link to recover it
  auto restored = b.get(url + "?autosave=1");
  EXPECT_TRUE(has(restored.body, "Texte tapé mais pas enregistré."));
  // Another account does not see it.
  EXPECT_FALSE(has(signed_in("owner@example.org").get(url).body, "Une sauvegarde automatique du"));
}

TEST_F(Admin, RevisionsShowADiffAndRestoreAnEarlierText) {
  auto b = signed_in("editor@example.org");
  std::string url = editor_of(kPortraitSlug);
  auto original = site.store().article_by_slug(kPortraitSlug)->title;
  b.get(url);
  ASSERT_EQ(b.post(url, fields_of(kPortraitSlug, {{"title", "Im Siwan, portrait revu"}})).status, 303u);
  auto history = b.get(url + "/revisions");
  EXPECT_EQ(history.status, 200u);
  EXPECT_TRUE(has(history.body, "<del>- " + original + "</del>"));
  EXPECT_TRUE(has(history.body, "<ins>+ Im Siwan, portrait revu</ins>"));
  // The unchanged lines far from a change are counted, in the newsroom's words and plural.
  auto body = site.store().article_by_slug(kPortraitSlug)->body;
  b.get(url);
  ASSERT_EQ(b.post(url, fields_of(kPortraitSlug, {{"title", "Im Siwan, portrait revu"}, {"body", body + "\n\nUne ligne de plus."}})).status, 303u);
  auto longer = b.get(url + "/revisions");
  EXPECT_TRUE(has(longer.body, " lignes inchangées</span>")) << longer.body.substr(longer.body.find("diff-lines"), 600);
  int before = site.store().article_by_slug(kPortraitSlug)->revision;
  ASSERT_EQ(b.post(url + "/revisions/1/restore", {}).status, 303u);
  auto a = site.store().article_by_slug(kPortraitSlug);
  EXPECT_EQ(a->title, original);
  EXPECT_EQ(a->revision, before + 1);  // a restore is a new revision; none is lost
  EXPECT_EQ(a->status, ArticleStatus::published);
  auto revisions = site.store().revisions(a->id);
  EXPECT_EQ(revisions.back().saved_by, site.store().user_by_email("editor@example.org")->id);
}

TEST_F(Admin, ATranslationShowsWhenItsSourceChanged) {
  auto translator = signed_in("translator@example.org");
  translator.get("/admin/articles");
  ASSERT_EQ(translator.post(editor_of(kPortraitSlug) + "/translate", {{"language", "en"}}).status, 303u);
  ArticleQuery q;
  q.translation_of = kPortraitSlug;
  auto t = *site.store().article_by_id(site.store().articles(q).items.at(0).id);
  std::string t_url = "/admin/articles/" + std::to_string(t.id);
  EXPECT_FALSE(has(translator.get(t_url).body, "La source a changé"));
  auto editor = signed_in("editor@example.org");
  editor.get(editor_of(kPortraitSlug));
  ASSERT_EQ(editor.post(editor_of(kPortraitSlug), fields_of(kPortraitSlug, {{"body", "Un paragraphe ajouté.\n\nIm Siwan."}})).status, 303u);
  auto page = translator.get(t_url);
  EXPECT_TRUE(has(page.body, "La source a changé"));
  // Taking the changes in clears the warning.
  ASSERT_EQ(translator.post(t_url, fields_of(t.slug, {{"title", "Im Siwan, from K-pop to leading roles"}, {"sync_source", "1"}})).status,
            303u);
  EXPECT_FALSE(has(translator.get(t_url).body, "La source a changé"));
  // Published, the two editions name each other with hreflang.
  editor.get(t_url);
  ASSERT_EQ(editor.post(t_url, fields_of(t.slug, {{"action", "publish"}})).status, 303u);
  auto source_page = http_get(site.port(), std::string("/articles/") + kPortraitSlug);
  EXPECT_TRUE(has(source_page.body, "hreflang=\"en\""));
  auto t_page = http_get(site.port(), "/articles/" + t.slug);
  EXPECT_EQ(t_page.status, 200u);
  EXPECT_TRUE(has(t_page.body, "hreflang=\"fr\""));
}

TEST_F(Admin, AScheduledArticleGoesLiveOnTimeWithNoVisitNeeded) {
  auto b = signed_in("editor@example.org");
  b.get("/admin/articles/new");
  ASSERT_EQ(b.post("/admin/articles", {{"title", "Annonce programmée"}, {"slug", "annonce-programmee"}, {"body", "Bientôt."}}).status, 303u);
  std::string url = editor_of("annonce-programmee");
  b.get(url);
  // 10:30 in the site's zone (Seoul) on 2026-11-25 is 01:30 UTC.
  ASSERT_EQ(b.post(url, fields_of("annonce-programmee", {{"published_at", "2026-11-25T10:30"}, {"action", "schedule"}})).status, 303u);
  auto a = site.store().article_by_slug("annonce-programmee");
  EXPECT_EQ(a->status, ArticleStatus::scheduled);
  EXPECT_EQ(format_iso8601(*a->published_at), "2026-11-25T01:30:00Z");
  EXPECT_EQ(http_get(site.port(), "/articles/annonce-programmee").status, 404u);
  EXPECT_FALSE(has(http_get(site.port(), "/").body, "Annonce programmée"));  // and the home is cached now
  clock_seconds = a->published_at->time_since_epoch().count() + 1;
  EXPECT_EQ(http_get(site.port(), "/articles/annonce-programmee").status, 200u);
  EXPECT_TRUE(has(http_get(site.port(), "/").body, "Annonce programmée"));
  EXPECT_TRUE(has(http_get(site.port(), "/feed.xml").body, "Annonce programmée"));
}

TEST(AdminRestart, AScheduledArticleGoesLiveOnTimeAfterARestart) {
  testing::TempDir dir;
  // On PostgreSQL the site's database outlives its servers too.
  std::optional<testing::PostgresSchema> database;
  if (testing::test_backend() == "postgres") database.emplace();
  const std::string url = database ? database->url() : "";
  std::atomic<std::int64_t> seconds{1795510800};  // 2026-11-24 09:00 UTC
  Clock clock = [&] { return Instant(std::chrono::seconds(seconds.load())); };
  {
    testing::TestSite site({.clock = clock, .data_dir = dir.path(), .database_url = url});
    ASSERT_TRUE(create_account(site.store(), {"editor@example.org", "", "editor", kPassword, ""}, {std::nullopt, "cli", ""}, clock()).user);
    AdminBrowser b(site.port());
    ASSERT_EQ(b.sign_in("editor@example.org").status, 303u);
    b.get("/admin/articles/new");
    ASSERT_EQ(b.post("/admin/articles", {{"title", "Après redémarrage"}, {"slug", "apres-redemarrage"}, {"body", "Texte."}}).status, 303u);
    auto a = site.store().article_by_slug("apres-redemarrage");
    b.get("/admin/articles/" + std::to_string(a->id));
    ASSERT_EQ(b.post("/admin/articles/" + std::to_string(a->id),
                     {{"revision", std::to_string(a->revision)}, {"published_at", "2026-11-24T19:00"}, {"action", "schedule"}})
                  .status,
              303u);
    EXPECT_EQ(http_get(site.port(), "/articles/apres-redemarrage").status, 404u);
  }  // the server stops
  seconds += 2 * 3600;  // 11:00 UTC: 20:00 in Seoul, past the time set
  testing::TestSite site({.clock = clock, .data_dir = dir.path(), .database_url = url});
  EXPECT_EQ(http_get(site.port(), "/articles/apres-redemarrage").status, 200u);
  EXPECT_TRUE(has(http_get(site.port(), "/").body, "Après redémarrage"));
}

}  // namespace
}  // namespace kpress

namespace kpress {
namespace {

// Standalone pages: written, published and revisioned in the newsroom like articles, found at
// their own address, and in no list, feed, sitemap or related box.
TEST_F(Admin, APageStandsAloneAtItsOwnAddressOutOfEveryList) {
  auto b = signed_in("editor@example.org");
  auto form = b.get("/admin/articles/new?kind=page");
  EXPECT_TRUE(has(form.body, "name=\"kind\" value=\"page\"")) << form.body;
  EXPECT_TRUE(has(form.body, "Une page autonome ne reçoit de commentaires que si elle y est ouverte."))
      << "its editor says a page follows no site rule for comments";
  ASSERT_EQ(b.post("/admin/articles", {{"kind", "page"}, {"title", "À propos"}, {"slug", "a-propos"},
                                       {"body", "Le site des fans de **K-pop**."}, {"tags", "bts"}})
                .status,
            303u);
  std::string url = editor_of("a-propos");
  b.get(url);
  ASSERT_EQ(b.post(url, fields_of("a-propos", {{"kind", "page"}, {"action", "publish"}})).status, 303u);
  auto page = http_get(site.port(), "/a-propos");
  ASSERT_EQ(page.status, 200u);
  EXPECT_TRUE(has(page.body, "<h1>À propos</h1>"));
  EXPECT_TRUE(has(page.body, "<strong>K-pop</strong>"));
  EXPECT_FALSE(has(page.body, "rel=\"author\"")) << "no byline";
  EXPECT_FALSE(has(page.body, "id=\"reactions\"")) << "no reactions";
  EXPECT_FALSE(has(page.body, "id=\"comments\"")) << "no comments";
  EXPECT_TRUE(has(page.body, "<link rel=\"canonical\" href=\"http://127.0.0.1:")) << "its own canonical address";
  EXPECT_EQ(http_get(site.port(), "/articles/a-propos").header("location"), "/a-propos");
  EXPECT_EQ(http_get(site.port(), "/a-propos/").header("location"), "/a-propos");
  for (const char* list : {"/", "/feed.xml", "/feed.json", "/tag/bts", "/sitemaps/articles-1.xml", "/api/v1/articles"})
    EXPECT_FALSE(has(http_get(site.port(), list).body, "a-propos")) << list;
  EXPECT_TRUE(has(http_get(site.port(), "/sitemaps/pages.xml").body, "/a-propos</loc>")) << "but in the sitemap of pages";

  // The newsroom lists pages apart, and keeps their history.
  EXPECT_TRUE(has(b.get("/admin/articles?kind=page").body, ">À propos</a></td>"));
  EXPECT_FALSE(has(b.get("/admin/articles").body, ">À propos</a></td>"));
  b.get(url);
  ASSERT_EQ(b.post(url, fields_of("a-propos", {{"kind", "page"}, {"body", "Le site des fans de K-drama."}, {"action", "save"}})).status,
            303u);
  EXPECT_EQ(site.store().revisions(id_of("a-propos")).size(), 3u);
  EXPECT_TRUE(has(http_get(site.port(), "/a-propos").body, "K-drama")) << "the cached page changed at once";

  // A page cannot take an address of the site's own, or an edition's.
  b.get("/admin/articles/new?kind=page");
  for (const char* taken : {"search", "ko"}) {
    auto refused = b.post("/admin/articles", {{"kind", "page"}, {"title", "Recherche"}, {"slug", taken}, {"body", "x"}});
    EXPECT_EQ(refused.status, 422u) << taken;
    EXPECT_TRUE(has(refused.body, "est une adresse du site lui-même")) << refused.body;
  }
  EXPECT_EQ(http_get(site.port(), "/nope-not-a-page").status, 404u);
}

}  // namespace
}  // namespace kpress

namespace kpress {
namespace {

// The newsroom's old addresses: added, changed, found and removed by editors, answered 301 on
// the site at once; bad ones refused with their reason; not a contributor's to change.
TEST_F(Admin, EditorsKeepOldAddressesLeadingWhereTheyShould) {
  auto b = signed_in("editor@example.org");
  b.get("/admin/redirects");
  const std::string portrait = std::string("/articles/") + kPortraitSlug;
  auto saved = b.post("/admin/redirects", {{"from", "/2019/05/01/im-siwan-portrait/"}, {"to", portrait}, {"action", "save"}});
  ASSERT_EQ(saved.status, 303u) << saved.body;
  auto res = http_get(site.port(), "/2019/05/01/im-siwan-portrait/");
  EXPECT_EQ(res.status, 301u);
  EXPECT_EQ(res.header("location"), portrait);
  auto listed = b.get("/admin/redirects?q=siwan");
  EXPECT_TRUE(has(listed.body, "<code>/2019/05/01/im-siwan-portrait</code>")) << listed.body;
  EXPECT_TRUE(has(listed.body, "1 ancienne adresse")) << "counted, in the newsroom's language";

  // Saved again: it leads elsewhere, at once (the kept answer is dropped).
  b.get("/admin/redirects");
  ASSERT_EQ(b.post("/admin/redirects", {{"from", "/2019/05/01/im-siwan-portrait"}, {"to", "/shows"}, {"action", "save"}}).status, 303u);
  EXPECT_EQ(http_get(site.port(), "/2019/05/01/im-siwan-portrait/").header("location"), "/shows");

  // Refused, each with its reason in the newsroom's language (French here).
  for (auto [from, to, why] : {std::tuple{"https://elsewhere.example/x", "/shows", "n’est pas une ancienne adresse de ce site"},
                               {"/", "/shows", "n’est pas une ancienne adresse de ce site"},
                               {"/old", "javascript:alert(1)", "n’est pas une destination possible"},
                               {"/old", "//evil.example/", "n’est pas une destination possible"},
                               {"/loop/", "/loop", "mènerait à elle-même"}}) {
    b.get("/admin/redirects");
    auto refused = b.post("/admin/redirects", {{"from", from}, {"to", to}, {"action", "save"}});
    EXPECT_EQ(refused.status, 422u) << from << " -> " << to;
    EXPECT_TRUE(has(refused.body, why)) << refused.body;
  }
  EXPECT_EQ(site.store().redirects({}).total, 1) << "nothing of the refused ones was kept";

  b.get("/admin/redirects");
  ASSERT_EQ(b.post("/admin/redirects", {{"from", "/2019/05/01/im-siwan-portrait"}, {"action", "delete"}}).status, 303u);
  EXPECT_EQ(http_get(site.port(), "/2019/05/01/im-siwan-portrait/").status, 404u);
  auto log = signed_in("owner@example.org").get("/admin/audit");
  EXPECT_TRUE(has(log.body, "redirect.delete")) << "in the log";

  auto contributor = signed_in("contributor@example.org");
  EXPECT_EQ(contributor.get("/admin/redirects").status, 403u);
}

TEST_F(Admin, EditorsChooseTheMenuReadersSee) {
  auto b = signed_in("editor@example.org");
  auto menu_of = [&](const std::string& body) {  // the labels of the reader's menu, in order
    auto nav = body.substr(body.find("<nav class=\"site-nav\""));
    nav = nav.substr(0, nav.find("<li class=\"nav-catalog\""));  // the catalog's links follow
    std::vector<std::string> labels;
    for (std::size_t at = nav.find("<a "); at != std::string::npos; at = nav.find("<a ", at + 1)) {
      auto start = nav.find('>', at) + 1;
      labels.push_back(nav.substr(start, nav.find("</a>", start) - start));
    }
    return labels;
  };
  auto sections_menu = menu_of(http_get(site.port(), "/").body);
  ASSERT_FALSE(sections_menu.empty()) << "with no link chosen, the sections";

  for (auto [label, url] : {std::pair{"Séries", "/shows"}, {"Notre chaîne", "https://www.youtube.com/@kfans"}}) {
    b.get("/admin/navigation");
    auto added = b.post("/admin/navigation", {{"label", label}, {"url", url}, {"language", ""}, {"action", "add"}});
    ASSERT_EQ(added.status, 303u) << added.body;
  }
  EXPECT_EQ(menu_of(http_get(site.port(), "/").body), (std::vector<std::string>{"Séries", "Notre chaîne"}));
  auto listed = b.get("/admin/navigation");
  EXPECT_TRUE(has(listed.body, "https://www.youtube.com/@kfans")) << listed.body;

  ASSERT_EQ(b.post("/admin/navigation", {{"index", "0"}, {"url", "/shows"}, {"action", "down"}}).status, 303u);
  EXPECT_EQ(menu_of(http_get(site.port(), "/").body), (std::vector<std::string>{"Notre chaîne", "Séries"}));

  // Refused, each named in the newsroom's language, and the menu stays as it was.
  for (auto [fields, why] : std::vector<std::pair<std::map<std::string, std::string>, std::string>>{
           {{{"label", ""}, {"url", "/shows"}, {"action", "add"}}, "Il faut un libellé"},
           {{{"label", "Piège"}, {"url", "javascript:alert(1)"}, {"action", "add"}}, "n’est pas une destination possible"},
           {{{"label", "Piège"}, {"url", "//evil.example/"}, {"action", "add"}}, "n’est pas une destination possible"},
           {{{"label", "Coréen"}, {"url", "/shows"}, {"language", "xx"}, {"action", "add"}}, "n’est pas une langue de ce site"},
           {{{"index", "0"}, {"url", "/shows"}, {"action", "remove"}}, "Le menu a changé entre-temps"},
           {{{"index", "7"}, {"url", "/shows"}, {"action", "remove"}}, "Le menu a changé entre-temps"}}) {
    b.get("/admin/navigation");
    std::vector<std::pair<std::string, std::string>> form(fields.begin(), fields.end());
    auto refused = b.post("/admin/navigation", form);
    EXPECT_EQ(refused.status, 422u) << fields.at("action");
    EXPECT_TRUE(has(refused.body, why)) << refused.body;
  }
  EXPECT_EQ(site.store().site().navigation.size(), 2u) << "nothing of the refused ones was kept";

  for (int i = 0; i < 2; ++i) {
    auto first = site.store().site().navigation.front().url;
    b.get("/admin/navigation");
    ASSERT_EQ(b.post("/admin/navigation", {{"index", "0"}, {"url", first}, {"action", "remove"}}).status, 303u);
  }
  EXPECT_EQ(menu_of(http_get(site.port(), "/").body), sections_menu) << "the sections again";
  auto log = signed_in("owner@example.org").get("/admin/audit");
  EXPECT_TRUE(has(log.body, "navigation.remove")) << "in the log";
  EXPECT_EQ(signed_in("contributor@example.org").get("/admin/navigation").status, 403u);
}

}  // namespace
}  // namespace kpress
