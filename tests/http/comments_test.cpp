// Readers' comments on a real server, without JavaScript (forms that post and come back) and
// through the API: held then approved and shown, replies and depth, the traps and limits that
// refuse and store nothing, the moderation rules, and the article page kept cached while
// comments wait.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "support/http_client.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::http_get;
using testing::http_request;
namespace json = boost::json;

constexpr const char* kSlug = "le-lightstick-bien-plus-qu-un-accessoire-de-concert";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string form_encode(const std::map<std::string, std::string>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    out += (out.empty() ? "" : "&") + name + "=";
    for (unsigned char c : value) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
      else {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", c);
        out += hex;
      }
    }
  }
  return out;
}

class Comments : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = site.store().article_by_slug(kSlug);
    ASSERT_TRUE(a);
    article_id = a->id;
    article = "/articles/" + std::string(kSlug);
  }

  Instant now() const { return Instant(std::chrono::seconds(clock_seconds.load())); }
  void later(std::chrono::seconds by) { clock_seconds += by.count(); }

  // The form's token as the article page gives it, made now: an address of the page no reader
  // asked for before (a cached page carries the token of when it was made).
  std::string token() {
    auto page = http_get(site.port(), article + "?fresh=" + std::to_string(++pages_made));
    auto at = page.body.find("name=\"token\" value=\"");
    EXPECT_NE(at, std::string::npos) << "no comment form on the page";
    if (at == std::string::npos) return {};
    at += 20;
    return page.body.substr(at, page.body.find('"', at) - at);
  }

  // A token made now, as the page's script asks for one when the reader starts writing.
  std::string fresh_token() {
    auto res = http_get(site.port(), "/api/v1/articles/" + std::to_string(article_id) + "/comments/token");
    EXPECT_EQ(res.status, 200u);
    if (res.status != 200u) return {};
    return std::string(json::parse(res.body).at("token").as_string());
  }

  testing::ClientResponse post_form(std::map<std::string, std::string> fields, const std::string& cookie = {},
                                    std::map<std::string, std::string> headers = {}) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    if (!cookie.empty()) headers["Cookie"] = cookie;
    return http_request(site.port(), http::Verb::post, article + "/comments", form_encode(fields), headers);
  }

  // A comment sent as a person sends it: the page read, the form filled in for a while.
  testing::ClientResponse comment(const std::string& author, const std::string& body, const std::string& cookie = {},
                                  std::int64_t parent = 0) {
    std::map<std::string, std::string> fields{{"token", token()}, {"author", author}, {"body", body}, {"website", ""}};
    if (parent) fields["parent"] = std::to_string(parent);
    later(std::chrono::seconds(20));
    return post_form(fields, cookie);
  }

  static std::string cookie_of(const testing::ClientResponse& res) {
    auto set = res.header("set-cookie");
    return set.substr(0, set.find(';'));
  }
  static std::int64_t id_in(const std::string& location) {
    auto at = location.find_last_of("/-");
    return std::stoll(location.substr(at + 1));
  }

  std::int64_t stored() {
    CommentQuery all;
    return site.store().comments(all).total;
  }
  void set_status(std::int64_t id, CommentStatus status) {
    auto c = site.store().comment(id);
    ASSERT_TRUE(c);
    c->status = status;
    auto tx = site.store().begin_write();
    tx->save_comment(*c);
    tx->commit();
  }
  void change_rules(const std::function<void(CommentSettings&)>& change) {
    Site s = site.store().site();
    change(s.comments);
    auto tx = site.store().begin_write();
    tx->save_site(s);
    tx->commit();
  }

  // Starts at the real time: the page cache keeps pages by it too.
  std::atomic<std::int64_t> clock_seconds{system_now().time_since_epoch().count()};
  testing::TestSite site{testing::TestSiteOptions{.clock = [this] { return now(); },
                                                  .comments = {.per_address_per_minute = 0, .per_article_per_minute = 0}}};
  std::int64_t article_id = 0;
  std::string article;
  int pages_made = 0;
};

TEST_F(Comments, AFirstCommentWaitsSeenByItsWriterOnlyThenShowsOnceApproved) {
  http_get(site.port(), article);
  http_get(site.port(), article);  // asked for twice: kept
  ASSERT_EQ(http_get(site.port(), article).header("x-cache"), "HIT");
  auto posted = comment("Minji", "J'adore **ce** lightstick");
  ASSERT_EQ(posted.status, 303u) << posted.body;
  auto location = posted.header("location");
  ASSERT_TRUE(location.starts_with("/comments/")) << location;
  auto cookie = cookie_of(posted);
  EXPECT_TRUE(has(posted.header("set-cookie"), "HttpOnly"));

  // Its writer sees it waiting, from the browser that sent it; nobody else does.
  auto own = http_get(site.port(), location, {{"Cookie", cookie}});
  EXPECT_EQ(own.status, 200u);
  EXPECT_TRUE(has(own.body, "En attente de modération")) << own.body;
  EXPECT_TRUE(has(own.body, "<strong>ce</strong>"));
  EXPECT_EQ(own.header("cache-control"), "private, no-store");
  EXPECT_EQ(http_get(site.port(), location).status, 404u);

  // The article page stays cached and does not show it.
  auto page = http_get(site.port(), article);
  EXPECT_EQ(page.header("x-cache"), "HIT");
  EXPECT_FALSE(has(page.body, "Minji"));

  set_status(id_in(location), CommentStatus::approved);
  auto after = http_get(site.port(), article);
  EXPECT_NE(after.header("x-cache"), "HIT");  // dropped when the comment was approved
  EXPECT_TRUE(has(after.body, "id=\"comment-" + std::to_string(id_in(location)) + "\"")) << after.body;
  EXPECT_TRUE(has(after.body, "J’adore <strong>ce</strong> lightstick"));
  EXPECT_TRUE(has(after.body, "1 commentaire"));
  // Its own address now says so to its writer, and leads others to it under the article.
  auto approved = http_get(site.port(), location, {{"Cookie", cookie}});
  EXPECT_EQ(approved.status, 200u);
  EXPECT_TRUE(has(approved.body, "Votre commentaire est publié")) << approved.body;
  auto others = http_get(site.port(), location);
  EXPECT_EQ(others.status, 303u);
  EXPECT_EQ(others.header("location"), article + "#comment-" + std::to_string(id_in(location)));

  // A known commenter's next comment shows at once.
  auto second = comment("Minji", "Et le concert était génial", cookie);
  ASSERT_EQ(second.status, 303u);
  EXPECT_TRUE(second.header("location").starts_with(article + "#comment-")) << second.header("location");
  EXPECT_TRUE(has(http_get(site.port(), article).body, "Et le concert était génial"));

  auto api = json::parse(http_get(site.port(), "/api/v1/articles/" + std::to_string(article_id) + "/comments").body);
  EXPECT_EQ(api.at("count"), 2);
  EXPECT_EQ(api.at("comments").as_array()[0].at("author"), "Minji");
  EXPECT_EQ(api.at("open"), true);
}

// A standalone page (Contact, About) takes no comments by the site's rule, only when its editor
// opens them; its comments then lead back to the page's own address.
TEST_F(Comments, AStandalonePageTakesCommentsOnlyWhenItsEditorOpensThem) {
  Article page = *site.store().article_by_slug(kSlug);
  page.id = 0;
  page.kind = ArticleKind::page;
  page.slug = "contact";
  page.title = "Contact";
  page.translation_of.clear();
  {
    auto tx = site.store().begin_write();
    article_id = tx->save_article(page, now()).id;
    tx->commit();
  }
  article = "/articles/contact";  // where its comment form is sent
  auto shut = http_get(site.port(), "/contact");
  ASSERT_EQ(shut.status, 200u);
  EXPECT_FALSE(has(shut.body, "id=\"comments\"")) << "no comment section";
  auto early_token = fresh_token();
  later(std::chrono::seconds(20));
  auto refused = post_form({{"token", early_token}, {"author", "Minji"}, {"body", "Bonjour"}, {"website", ""}});
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(stored(), 0);

  page = *site.store().article_by_id(article_id);
  page.comments = ArticleComments::open;
  {
    auto tx = site.store().begin_write();
    tx->save_article(page, now());
    tx->commit();
  }
  auto open = http_get(site.port(), "/contact?fresh=1");
  auto at = open.body.find("name=\"token\" value=\"");
  ASSERT_NE(at, std::string::npos) << "its comment form";
  at += 20;
  auto token = open.body.substr(at, open.body.find('"', at) - at);
  later(std::chrono::seconds(20));
  auto posted = post_form({{"token", token}, {"author", "Minji"}, {"body", "Merci pour le site"}, {"website", ""}});
  ASSERT_EQ(posted.status, 303u) << posted.body;
  auto id = id_in(posted.header("location"));
  set_status(id, CommentStatus::approved);
  EXPECT_EQ(http_get(site.port(), posted.header("location")).header("location"), "/contact#comment-" + std::to_string(id))
      << "under the page, at its own address";
  EXPECT_TRUE(has(http_get(site.port(), "/contact").body, "Merci pour le site"));
  // Kept, but made again within the quarter of an hour, as an article's page is: its form's
  // token lasts a day.
  http_get(site.port(), "/contact");
  ASSERT_EQ(http_get(site.port(), "/contact").header("x-cache"), "HIT");
  later(std::chrono::minutes(16));
  EXPECT_NE(http_get(site.port(), "/contact").header("x-cache"), "HIT");
}

TEST_F(Comments, RepliesAreThreadedAndDeepOnesStayAtTheDeepestLevel) {
  std::int64_t parent = 0;
  std::vector<std::int64_t> chain;
  for (int i = 0; i < 8; ++i) {
    Comment c;
    c.article_id = article_id;
    c.parent_id = parent;
    c.status = CommentStatus::approved;
    c.author_name = "Reader " + std::to_string(i);
    c.body = "Level " + std::to_string(i);
    c.created_at = now() + std::chrono::seconds(i);
    auto tx = site.store().begin_write();
    parent = tx->save_comment(c);
    tx->commit();
    chain.push_back(parent);
  }
  auto page = http_get(site.port(), article).body;
  EXPECT_TRUE(has(page, "id=\"comment-" + std::to_string(chain[3]) + "\" data-depth=\"3\""));
  EXPECT_TRUE(has(page, "id=\"comment-" + std::to_string(chain[5]) + "\" data-depth=\"5\""));
  EXPECT_TRUE(has(page, "id=\"comment-" + std::to_string(chain[7]) + "\" data-depth=\"5\""));
  EXPECT_LT(page.find("Level 2"), page.find("Level 7"));

  // The reply form, without JavaScript: its own page, answering the comment.
  auto reply_page = http_get(site.port(), "/comments/" + std::to_string(chain[7]) + "/reply");
  ASSERT_EQ(reply_page.status, 200u);
  EXPECT_TRUE(has(reply_page.body, "name=\"parent\" value=\"" + std::to_string(chain[7]) + "\""));
  EXPECT_TRUE(has(reply_page.body, "Level 7"));
  auto reply = comment("Jin", "Une réponse", {}, chain[7]);
  ASSERT_EQ(reply.status, 303u) << reply.body;
  EXPECT_EQ(site.store().comment(id_in(reply.header("location")))->parent_id, chain[7]);

  // A reply to a comment readers do not see is refused, and names why.
  auto held = id_in(reply.header("location"));
  auto refused = comment("Jin", "Réponse à un commentaire en attente", {}, held);
  EXPECT_EQ(refused.status, 400u);
  EXPECT_TRUE(has(refused.body, "le commentaire auquel vous répondez n’est pas affiché sous cet article")) << refused.body;
  EXPECT_EQ(http_get(site.port(), "/comments/" + std::to_string(held) + "/reply").status, 404u);
}

TEST_F(Comments, TheTrapsRefuseAndStoreNothing) {
  auto fresh = token();
  // A field people never see, filled in.
  later(std::chrono::seconds(20));
  auto honeypot = post_form({{"token", fresh}, {"author", "Bot"}, {"body", "Buy now"}, {"website", "http://spam.example"}});
  EXPECT_EQ(honeypot.status, 400u);
  EXPECT_TRUE(has(honeypot.body, "ce commentaire n’a pas été accepté")) << honeypot.body;
  // Sent within seconds of the form being made (the page's token carries the hour it was made
  // in: the script's own token counts from when the reader started writing).
  auto quick_token = fresh_token();
  later(std::chrono::seconds(1));
  auto quick = post_form({{"token", quick_token}, {"author", "Bot"}, {"body", "Fast"}});
  EXPECT_EQ(quick.status, 400u);
  EXPECT_TRUE(has(quick.body, "envoyé trop vite")) << quick.body;
  EXPECT_TRUE(has(quick.body, ">Fast</textarea>"));  // what was typed is kept
  // A form more than a day old, one forged, one without a token.
  auto old_token = token();
  later(std::chrono::hours(25));
  EXPECT_EQ(post_form({{"token", old_token}, {"author", "Bot"}, {"body", "Old"}}).status, 400u);
  auto good = token();
  later(std::chrono::seconds(20));
  std::string forged = good;
  forged.back() = forged.back() == '0' ? '1' : '0';  // one digit of its signature changed
  EXPECT_EQ(post_form({{"token", forged}, {"author", "Bot"}, {"body", "Forged"}}).status, 400u);
  EXPECT_EQ(post_form({{"author", "Bot"}, {"body", "No token"}}).status, 400u);
  // Another site's page.
  auto cross = post_form({{"token", good}, {"author", "Bot"}, {"body", "Cross"}}, {},
                         {{"Origin", "https://evil.example"}});
  EXPECT_EQ(cross.status, 403u);
  EXPECT_EQ(stored(), 0);
}

TEST_F(Comments, WhatIsWrongIsNamedAndNothingIsStored) {
  auto empty_name = comment("", "Un texte sans nom");
  EXPECT_EQ(empty_name.status, 400u);
  EXPECT_TRUE(has(empty_name.body, "un nom est obligatoire")) << empty_name.body;
  EXPECT_TRUE(has(empty_name.body, ">Un texte sans nom</textarea>"));
  auto empty_text = comment("Minji", "   ");
  EXPECT_TRUE(has(empty_text.body, "le commentaire est vide"));
  auto too_long = comment("Minji", std::string(10001, 'a'));
  EXPECT_EQ(too_long.status, 400u);
  EXPECT_TRUE(has(too_long.body, "un commentaire compte au plus 10000 caractères")) << too_long.body.substr(0, 300);
  std::string form_body = "token=" + token() + "&author=A&body=%FF%FE";
  later(std::chrono::seconds(20));
  auto not_text = http_request(site.port(), http::Verb::post, article + "/comments", form_body,
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(not_text.status, 400u);
  EXPECT_EQ(http_request(site.port(), http::Verb::post, article + "/comments", "{}", {{"Content-Type", "application/json"}}).status,
            415u);
  EXPECT_EQ(http_request(site.port(), http::Verb::post, "/articles/nope/comments", "author=A&body=B",
                         {{"Content-Type", "application/x-www-form-urlencoded"}}).status,
            404u);
  EXPECT_EQ(stored(), 0);
}

TEST_F(Comments, TheSitesRulesHoldOrRefuseAndDuplicatesAreRefused) {
  change_rules([](CommentSettings& r) {
    r.moderation = CommentModeration::links;
    r.hold_words = {"casino"};
    r.refuse_words = {"insulte"};
  });
  auto plain = comment("Minji", "Sans lien, montré tout de suite");
  EXPECT_TRUE(plain.header("location").starts_with(article + "#comment-")) << plain.header("location");
  auto cookie = cookie_of(plain);
  auto with_link = comment("Minji", "Voir https://example.org/page", cookie);
  EXPECT_TRUE(with_link.header("location").starts_with("/comments/")) << with_link.header("location");
  auto held_word = comment("Minji", "Le CASINO du coin", cookie);
  EXPECT_TRUE(held_word.header("location").starts_with("/comments/"));
  auto refused = comment("Minji", "Une insulte ici", cookie);
  EXPECT_EQ(refused.status, 400u);
  EXPECT_TRUE(has(refused.body, "des mots que ce site n’accepte pas"));
  auto again = comment("Minji", "Sans lien, montré tout de suite", cookie);
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(stored(), 3);

  // Under the default rule, a known commenter's comment with more than two links waits.
  change_rules([](CommentSettings& r) { r = CommentSettings{}; });
  auto many_links = comment("Minji", "[a](https://a.example) [b](https://b.example) https://c.example", cookie);
  EXPECT_TRUE(many_links.header("location").starts_with("/comments/")) << many_links.header("location");
  auto known = comment("Minji", "Un lien seulement: https://a.example", cookie);
  EXPECT_TRUE(known.header("location").starts_with(article + "#comment-"));
  // Changed by its writer into one the rules hold (more than two links), a shown comment waits again.
  auto plain_id = id_in(plain.header("location"));
  auto edited = http_request(site.port(), http::Verb::post, "/comments/" + std::to_string(plain_id) + "/edit",
                             "action=save&body=https%3A%2F%2Fa.example+https%3A%2F%2Fb.example+https%3A%2F%2Fc.example",
                             {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}});
  EXPECT_EQ(edited.status, 303u) << edited.body;
  EXPECT_EQ(site.store().comment(plain_id)->status, CommentStatus::pending);
}

TEST_F(Comments, ClosedCommentsShowNoFormAndRefusePosts) {
  auto open_token = token();
  change_rules([](CommentSettings& r) { r.close_after_days = 30; });  // the article is older than that
  auto page = http_get(site.port(), article).body;
  EXPECT_TRUE(has(page, "Les commentaires sont fermés.")) << page;
  EXPECT_FALSE(has(page, "id=\"comment-form\""));
  later(std::chrono::seconds(20));
  auto res = post_form({{"token", open_token}, {"author", "A"}, {"body", "Trop tard"}});
  EXPECT_EQ(res.status, 403u);
  EXPECT_TRUE(has(res.body, "les commentaires sont fermés sur cet article"));
  // The article's own choice wins over the site's rule.
  auto a = *site.store().article_by_id(article_id);
  a.comments = ArticleComments::open;
  {
    auto tx = site.store().begin_write();
    tx->save_article(a, now());
    tx->commit();
  }
  EXPECT_TRUE(has(http_get(site.port(), article).body, "id=\"comment-form\""));
  EXPECT_EQ(stored(), 0);
}

TEST_F(Comments, TextIsRenderedSafelyWithNofollowLinks) {
  auto posted = comment("<b>Name</b>", "Hi <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://ok.example)\n\n# Big");
  set_status(id_in(posted.header("location")), CommentStatus::approved);
  auto page = http_get(site.port(), article).body;
  EXPECT_FALSE(has(page, "<script>alert(1)"));
  EXPECT_FALSE(has(page, "javascript:alert"));
  EXPECT_FALSE(has(page, "<b>Name</b>"));
  EXPECT_TRUE(has(page, "&lt;b&gt;Name&lt;/b&gt;"));
  EXPECT_TRUE(has(page, "<a rel=\"nofollow ugc noopener\" href=\"https://ok.example\">ok</a>")) << page;
  EXPECT_FALSE(has(page, "<h1>Big</h1>"));
  EXPECT_TRUE(has(page, "<p>Big</p>")) << page;
}

TEST_F(Comments, TheApiTakesJsonAndSaysWhatBecameOfIt) {
  auto url = "/api/v1/articles/" + std::to_string(article_id) + "/comments";
  auto res = http_request(site.port(), http::Verb::post, url, R"({"author":"Jin","body":"Depuis l'API","email":"jin@example.org"})",
                          {{"Content-Type", "application/json"}});
  ASSERT_EQ(res.status, 201u) << res.body;
  auto body = json::parse(res.body);
  EXPECT_EQ(body.at("status"), "pending");
  auto id = body.at("id").as_int64();
  EXPECT_EQ(site.store().comment(id)->email, "");  // no notices asked: the address is not kept
  EXPECT_FALSE(site.store().comment(id)->email_key.empty());
  auto bad = http_request(site.port(), http::Verb::post, url, R"({"author":"","body":"x"})", {{"Content-Type", "application/json"}});
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(json::parse(bad.body).at("fields").at("author"), "a name is required");
  EXPECT_EQ(http_request(site.port(), http::Verb::post, url, "nope", {{"Content-Type", "application/json"}}).status, 400u);
  EXPECT_EQ(http_request(site.port(), http::Verb::post, url, R"({"author":"A","body":"B","parent":"x"})",
                         {{"Content-Type", "application/json"}}).status,
            400u);
  EXPECT_EQ(http_request(site.port(), http::Verb::post, "/api/v1/articles/999999/comments", R"({"author":"A","body":"B"})",
                         {{"Content-Type", "application/json"}}).status,
            404u);
  EXPECT_EQ(http_get(site.port(), url + "?page=0").status, 400u);
  // The page's script sends the form's trap and token: checked as the form's are.
  EXPECT_EQ(http_request(site.port(), http::Verb::post, url, R"({"author":"A","body":"B","website":"http://spam.example"})",
                         {{"Content-Type", "application/json"}}).status,
            400u);
  auto fresh = std::string(json::parse(http_get(site.port(), url + "/token").body).at("token").as_string());
  auto quick = http_request(site.port(), http::Verb::post, url, R"({"author":"A","body":"Trop vite","token":")" + fresh + R"("})",
                            {{"Content-Type", "application/json"}});
  EXPECT_EQ(quick.status, 400u);
  EXPECT_EQ(json::parse(quick.body).at("error"), "this form was sent too quickly: wait a few seconds and send it again");
  EXPECT_EQ(http_request(site.port(), http::Verb::post, url, R"({"author":"A","body":"B","token":"1.forged"})",
                         {{"Content-Type", "application/json"}}).status,
            400u);
  later(std::chrono::seconds(10));
  EXPECT_EQ(http_request(site.port(), http::Verb::post, url, R"({"author":"A","body":"Posément","token":")" + fresh + R"("})",
                         {{"Content-Type", "application/json"}}).status,
            201u);
  EXPECT_EQ(stored(), 2);
}

TEST_F(Comments, AReaderReportsACommentAndThePageStaysCached) {
  Comment c;
  c.article_id = article_id;
  c.status = CommentStatus::approved;
  c.author_name = "Troll";
  c.body = "Un message douteux";
  c.created_at = now();
  std::int64_t id = 0;
  {
    auto tx = site.store().begin_write();
    id = tx->save_comment(c);
    tx->commit();
  }
  auto page = http_get(site.port(), article);
  EXPECT_TRUE(has(page.body, "href=\"/comments/" + std::to_string(id) + "/report\""));
  http_get(site.port(), article);
  auto confirm = http_get(site.port(), "/comments/" + std::to_string(id) + "/report");
  ASSERT_EQ(confirm.status, 200u);
  EXPECT_TRUE(has(confirm.body, "Un message douteux"));
  auto reported = http_request(site.port(), http::Verb::post, "/comments/" + std::to_string(id) + "/report");
  EXPECT_EQ(reported.status, 200u);
  EXPECT_TRUE(has(reported.body, "les modérateurs examineront ce commentaire")) << reported.body;
  http_request(site.port(), http::Verb::post, "/comments/" + std::to_string(id) + "/report");
  EXPECT_EQ(site.store().comment(id)->reports, 2);
  EXPECT_EQ(http_get(site.port(), article).header("x-cache"), "HIT");  // readers see the same page
  auto cross = http_request(site.port(), http::Verb::post, "/comments/" + std::to_string(id) + "/report", "",
                            {{"Origin", "https://evil.example"}});
  EXPECT_EQ(cross.status, 403u);
  EXPECT_EQ(http_request(site.port(), http::Verb::post, "/comments/999999/report").status, 404u);
  EXPECT_EQ(site.store().comment(id)->reports, 2);
}

TEST_F(Comments, ItsWriterChangesACommentForFifteenMinutesFromTheSameBrowserOnly) {
  auto posted = comment("Minji", "Premier jet");
  auto cookie = cookie_of(posted);
  auto id = id_in(posted.header("location"));
  auto edit = "/comments/" + std::to_string(id) + "/edit";
  auto post_edit = [&](const std::string& fields, const std::string& with_cookie) {
    std::map<std::string, std::string> headers{{"Content-Type", "application/x-www-form-urlencoded"}};
    if (!with_cookie.empty()) headers["Cookie"] = with_cookie;
    return http_request(site.port(), http::Verb::post, edit, fields, headers);
  };
  later(std::chrono::minutes(13));  // 14 minutes after it was sent, with the 20 s of typing
  auto form = http_get(site.port(), edit, {{"Cookie", cookie}});
  ASSERT_EQ(form.status, 200u);
  EXPECT_TRUE(has(form.body, ">Premier jet</textarea>"));
  auto saved = post_edit("action=save&body=Version+corrig%C3%A9e", cookie);
  EXPECT_EQ(saved.status, 303u) << saved.body;
  auto c = site.store().comment(id);
  EXPECT_EQ(c->body, "Version corrigée");
  EXPECT_TRUE(c->edited_at);
  // Another browser, or none, may not.
  auto other = comment("Jin", "Un autre lecteur");
  EXPECT_EQ(post_edit("action=save&body=Pirat%C3%A9", cookie_of(other)).status, 404u);
  EXPECT_EQ(post_edit("action=save&body=Pirat%C3%A9", "").status, 404u);
  EXPECT_EQ(http_get(site.port(), edit).status, 404u);
  // 16 minutes after: too late, from its own browser too.
  later(std::chrono::minutes(2));
  auto late = post_edit("action=save&body=Trop+tard", cookie);
  EXPECT_EQ(late.status, 403u);
  EXPECT_TRUE(has(late.body, "15 minutes")) << late.body;
  EXPECT_EQ(post_edit("action=delete", cookie).status, 403u);
  EXPECT_EQ(site.store().comment(id)->body, "Version corrigée");

  // Within the window, its writer deletes it.
  auto second = comment("Minji", "À effacer", cookie);
  auto second_id = id_in(second.header("location"));
  later(std::chrono::minutes(5));
  EXPECT_EQ(http_request(site.port(), http::Verb::post, "/comments/" + std::to_string(second_id) + "/edit", "action=delete",
                         {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}}).status,
            303u);
  EXPECT_FALSE(site.store().comment(second_id));
}

TEST_F(Comments, CountsShowOnCardsInTheApiAndInStructuredDataAndStayFresh) {
  // The home page, kept by the cache, lists the article without a count.
  http_get(site.port(), "/");
  http_get(site.port(), "/");
  auto before = http_get(site.port(), "/");
  EXPECT_EQ(before.header("x-cache"), "HIT");
  EXPECT_FALSE(has(before.body, "Commentaires : "));
  std::int64_t first = 0;
  for (const char* body : {"Un", "Deux"}) {
    Comment c;
    c.article_id = article_id;
    c.parent_id = first;
    c.status = CommentStatus::approved;
    c.author_name = "Minji";
    c.body = body;
    c.created_at = now();
    auto tx = site.store().begin_write();
    auto id = tx->save_comment(c);
    tx->commit();
    if (!first) first = id;
  }
  auto home = http_get(site.port(), "/");
  EXPECT_NE(home.header("x-cache"), "HIT");  // dropped when the comments were approved
  EXPECT_TRUE(has(home.body, "href=\"" + article + "#comments\">Commentaires : 2</a>")) << home.body;

  auto api = json::parse(http_get(site.port(), "/api/v1/articles?limit=100").body);
  bool found = false;
  for (const auto& item : api.at("items").as_array()) {
    if (item.at("id").as_int64() != article_id) continue;
    found = true;
    EXPECT_EQ(item.at("comment_count"), 2);
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(json::parse(http_get(site.port(), "/api/v1/articles/" + std::to_string(article_id)).body).at("comment_count"), 2);

  auto page = http_get(site.port(), article).body;
  auto at = page.find("<script type=\"application/ld+json\">");
  ASSERT_NE(at, std::string::npos);
  at += 35;
  auto ld = json::parse(page.substr(at, page.find("</script>", at) - at));
  EXPECT_EQ(ld.at("commentCount"), 2);
  ASSERT_EQ(ld.at("comment").as_array().size(), 2u);
  EXPECT_EQ(ld.at("comment").as_array()[0].at("@type"), "Comment");
  EXPECT_EQ(ld.at("comment").as_array()[1].at("parentItem").at("@id").as_string().ends_with("#comment-" + std::to_string(first)), true);
}

TEST_F(Comments, FeedsOfCommentsCarryTheApprovedOnesOnly) {
  auto feed = article + "/comments/feed.xml";
  http_get(site.port(), feed);
  http_get(site.port(), feed);  // asked for twice: kept
  EXPECT_EQ(http_get(site.port(), feed).header("x-cache"), "HIT");
  comment("Minji", "Un avis en attente");  // waits: in no feed
  auto shown = comment("Jin", "Un avis *montré*");
  set_status(id_in(shown.header("location")), CommentStatus::approved);
  auto rss = http_get(site.port(), feed);
  EXPECT_NE(rss.header("x-cache"), "HIT");  // dropped when the comment was approved
  EXPECT_TRUE(has(rss.body, "<title>Jin sur « Le lightstick")) << rss.body;
  EXPECT_TRUE(has(rss.body, "#comment-" + std::to_string(id_in(shown.header("location"))) + "</link>"));
  EXPECT_TRUE(has(rss.body, "&lt;em&gt;montré&lt;/em&gt;"));
  EXPECT_FALSE(has(rss.body, "en attente"));
  auto atom = http_get(site.port(), "/comments/feed.atom");
  EXPECT_TRUE(has(atom.body, "<name>Jin</name>")) << atom.body;
  EXPECT_FALSE(has(atom.body, "Minji"));
  EXPECT_EQ(http_get(site.port(), "/articles/nope/comments/feed.xml").status, 404u);
}

// The page's script swaps the cached page's token for one made as the reader starts writing.
TEST_F(Comments, AFreshTokenCountsTheTimeTrapFromWhenTheReaderStartedWriting) {
  auto page = http_get(site.port(), article).body;
  auto url = "/api/v1/articles/" + std::to_string(article_id) + "/comments/token";
  EXPECT_TRUE(has(page, "data-token-url=\"" + url + "\""));
  later(std::chrono::minutes(10));  // the page was made long ago
  auto res = http_get(site.port(), url);
  ASSERT_EQ(res.status, 200u);
  EXPECT_EQ(res.header("cache-control"), "private, no-store");
  auto fresh = fresh_token();
  later(std::chrono::seconds(1));
  auto quick = post_form({{"token", fresh}, {"author", "Bot"}, {"body", "Trop vite"}});
  EXPECT_EQ(quick.status, 400u);  // one second after the token: a bot
  later(std::chrono::seconds(30));
  EXPECT_EQ(post_form({{"token", fresh}, {"author", "Minji"}, {"body", "Écrit posément"}}).status, 303u);
  EXPECT_EQ(http_get(site.port(), "/api/v1/articles/999999/comments/token").status, 404u);
}

// A flood: 50 readers send 1,000 comments at once; the per-article limit refuses some (429).
// Exactly those accepted are stored, once each, with the ids they were answered with.
class CommentFlood : public ::testing::Test {
 protected:
  testing::TestSite site{testing::TestSiteOptions{
      .comments = {.per_address_per_minute = 0, .per_article_per_minute = 60, .article_burst = 400}}};
};

TEST_F(CommentFlood, ExactlyTheAcceptedCommentsAreStored) {
  auto a = site.store().article_by_slug(kSlug);
  auto url = "/api/v1/articles/" + std::to_string(a->id) + "/comments";
  constexpr int kReaders = 50, kEach = 20;
  std::mutex mutex;
  std::set<std::int64_t> answered;
  std::atomic<int> accepted{0}, limited{0}, other{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      std::string cookie;
      for (int i = 0; i < kEach; ++i) {
        std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
        if (!cookie.empty()) headers["Cookie"] = cookie;
        auto res = http_request(site.port(), http::Verb::post, url,
                                R"({"author":"Lecteur )" + std::to_string(r) + R"(","body":"Message )" + std::to_string(i) + R"("})",
                                headers);
        if (cookie.empty() && !res.header("set-cookie").empty()) cookie = res.header("set-cookie").substr(0, res.header("set-cookie").find(';'));
        if (res.status == 201u) {
          ++accepted;
          std::lock_guard lock(mutex);
          answered.insert(json::parse(res.body).at("id").as_int64());
        } else if (res.status == 429u) {
          ++limited;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& t : readers) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_GT(limited.load(), 0);  // the article's limit was reached
  EXPECT_EQ(accepted.load() + limited.load(), kReaders * kEach);
  CommentQuery all;
  all.limit = 5000;
  auto stored = site.store().comments(all);
  EXPECT_EQ(stored.total, accepted.load());
  std::set<std::int64_t> ids;
  for (const auto& c : stored.items) ids.insert(c.id);
  EXPECT_EQ(ids, answered);
}

class CommentLimits : public ::testing::Test {
 protected:
  testing::TestSite site{testing::TestSiteOptions{.comments = {.per_address_per_minute = 1, .address_burst = 2}}};
};

TEST_F(CommentLimits, TooManyFromOneAddressAre429AndNotStored) {
  auto a = site.store().article_by_slug(kSlug);
  auto url = "/api/v1/articles/" + std::to_string(a->id) + "/comments";
  std::vector<unsigned> statuses;
  for (int i = 0; i < 4; ++i) {
    auto res = http_request(site.port(), http::Verb::post, url,
                            R"({"author":"A","body":"Comment )" + std::to_string(i) + R"("})", {{"Content-Type", "application/json"}});
    statuses.push_back(res.status);
    if (res.status == 429u) {
      EXPECT_EQ(res.header("retry-after"), "60");
    }
  }
  EXPECT_EQ(statuses, (std::vector<unsigned>{201u, 201u, 429u, 429u}));
  CommentQuery all;
  EXPECT_EQ(site.store().comments(all).total, 2);
}

}  // namespace
}  // namespace kpress
