// The newsroom's moderation of readers' comments on a real server: the queues, bulk actions,
// editing and answering as the newsroom, what each role may do, and the audit log.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <atomic>
#include <map>

#include "admin/accounts.hpp"
#include "support/admin_browser.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::AdminBrowser;
using testing::http_get;
using testing::kTestPassword;

constexpr const char* kSlug = "le-lightstick-bien-plus-qu-un-accessoire-de-concert";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Moderation : public ::testing::Test {
 protected:
  Moderation() {
    for (auto [email, role] : {std::pair{"owner@example.org", "owner"}, {"editor@example.org", "editor"},
                               {"translator@example.org", "translator"}, {"contributor@example.org", "contributor"}}) {
      auto result = create_account(site.store(), {email, role, role, kTestPassword, ""}, {std::nullopt, "cli", ""}, now());
      EXPECT_TRUE(result.user) << result.error.english();
    }
    article_id = site.store().article_by_slug(kSlug)->id;
    // An article the contributor created, with a comment of its own.
    auto contributor = site.store().user_by_email("contributor@example.org");
    Article mine = *site.store().article_by_slug(kSlug);
    mine.id = 0;
    mine.slug = "un-article-du-contributeur";
    mine.title = "Un article du contributeur";
    auto tx = site.store().begin_write();
    tx->set_actor(contributor->id);
    own_article = tx->save_article(mine, now()).id;
    tx->commit();
  }

  Instant now() const { return Instant(std::chrono::seconds(clock_seconds.load())); }

  std::int64_t add(std::int64_t article, const std::string& author, const std::string& body,
                   CommentStatus status = CommentStatus::pending, std::int64_t parent = 0) {
    Comment c;
    c.article_id = article;
    c.parent_id = parent;
    c.author_name = author;
    c.body = body;
    c.status = status;
    c.created_at = now();
    auto tx = site.store().begin_write();
    auto id = tx->save_comment(c);
    tx->commit();
    return id;
  }
  AdminBrowser signed_in(const std::string& email) {
    AdminBrowser b(site.port());
    EXPECT_EQ(b.sign_in(email).status, 303u);
    return b;
  }
  CommentStatus status_of(std::int64_t id) { return site.store().comment(id)->status; }
  std::vector<std::string> audited(const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& e : site.store().audit_log(100, 0))
      if (e.action.starts_with(prefix)) out.push_back(e.action + " " + e.target);
    return out;
  }

  std::atomic<std::int64_t> clock_seconds{system_now().time_since_epoch().count()};
  // Readers post from one address here: its limit would stand in the way.
  testing::TestSite site{testing::TestSiteOptions{.clock = [this] { return now(); }, .comments = {.per_address_per_minute = 0}}};
  std::int64_t article_id = 0, own_article = 0;
};

TEST_F(Moderation, AnEditorApprovesInBulkAndTheCommentsShowUnderTheArticle) {
  auto first = add(article_id, "Minji", "Premier avis");
  auto second = add(article_id, "Jin", "Second avis");
  auto third = add(article_id, "Suga", "Troisième, toujours en attente");
  auto editor = signed_in("editor@example.org");
  auto queue = editor.get("/admin/comments");
  ASSERT_EQ(queue.status, 200u);
  EXPECT_TRUE(has(queue.body, "Premier avis"));
  EXPECT_TRUE(has(queue.body, "En attente (3)")) << queue.body;
  auto res = editor.post("/admin/comments", {{"queue", "pending"}, {"id", std::to_string(first)}, {"id", std::to_string(second)},
                                            {"action", "approve"}});
  ASSERT_EQ(res.status, 303u) << res.body;
  EXPECT_EQ(status_of(first), CommentStatus::approved);
  EXPECT_EQ(status_of(second), CommentStatus::approved);
  EXPECT_EQ(status_of(third), CommentStatus::pending);
  EXPECT_TRUE(has(editor.get(res.header("location")).body, "2 commentaires modifiés."));
  auto page = http_get(site.port(), std::string("/articles/") + kSlug).body;
  EXPECT_TRUE(has(page, "Premier avis"));
  EXPECT_TRUE(has(page, "Second avis"));
  EXPECT_FALSE(has(page, "toujours en attente"));
  EXPECT_EQ(audited("comment."), (std::vector<std::string>{"comment.approve comment:" + std::to_string(second),
                                                           "comment.approve comment:" + std::to_string(first)}));
}

TEST_F(Moderation, SpamTrashAndDeletionEachGoWhereTheySay) {
  auto spam = add(article_id, "Bot", "Buy now");
  auto shown = add(article_id, "Minji", "Un avis montré", CommentStatus::approved);
  auto editor = signed_in("editor@example.org");
  editor.get("/admin/comments");
  editor.post("/admin/comments", {{"id", std::to_string(spam)}, {"action", "spam"}});
  EXPECT_EQ(status_of(spam), CommentStatus::spam);
  editor.get("/admin/comments");
  editor.post("/admin/comments", {{"id", std::to_string(shown)}, {"action", "trash"}});
  EXPECT_EQ(status_of(shown), CommentStatus::trash);
  EXPECT_FALSE(has(http_get(site.port(), std::string("/articles/") + kSlug).body, "Un avis montré"));
  auto trash = editor.get("/admin/comments?queue=trash");
  EXPECT_TRUE(has(trash.body, "Un avis montré"));
  EXPECT_TRUE(has(trash.body, "value=\"delete\""));
  editor.post("/admin/comments", {{"queue", "trash"}, {"id", std::to_string(shown)}, {"action", "delete"}});
  EXPECT_FALSE(site.store().comment(shown));
  // Unknown actions and ids change nothing.
  editor.get("/admin/comments");
  EXPECT_EQ(editor.post("/admin/comments", {{"id", std::to_string(spam)}, {"action", "explode"}}).status, 400u);
  editor.get("/admin/comments");
  EXPECT_EQ(editor.post("/admin/comments", {{"id", "999999"}, {"action", "approve"}}).status, 422u);
  EXPECT_EQ(status_of(spam), CommentStatus::spam);
  EXPECT_EQ(audited("comment.").size(), 3u);
}

TEST_F(Moderation, AnEditorEditsAndAnswersAsTheNewsroom) {
  auto waiting = add(article_id, "Minji", "Une question sur le lightstick ?");
  auto editor = signed_in("editor@example.org");
  auto page = editor.get("/admin/comments/" + std::to_string(waiting));
  ASSERT_EQ(page.status, 200u);
  auto answer = editor.post("/admin/comments/" + std::to_string(waiting) + "/reply", {{"reply", "Bonne question : **oui**."}});
  ASSERT_EQ(answer.status, 303u) << answer.body;
  // Answering approves what it answers; the answer is the newsroom's, with its badge.
  EXPECT_EQ(status_of(waiting), CommentStatus::approved);
  auto article = http_get(site.port(), std::string("/articles/") + kSlug).body;
  EXPECT_TRUE(has(article, "Bonne question : <strong>oui</strong>."));
  EXPECT_TRUE(has(article, "<span class=\"badge\">Rédaction</span>")) << article;
  CommentQuery on_article;
  on_article.article_id = article_id;
  auto reply = site.store().comments(on_article).items.front();
  EXPECT_EQ(reply.parent_id, waiting);
  EXPECT_TRUE(reply.staff_user);

  editor.get("/admin/comments/" + std::to_string(waiting));
  auto edited = editor.post("/admin/comments/" + std::to_string(waiting), {{"author", "Minji"}, {"body", "Question corrigée"}});
  EXPECT_EQ(edited.status, 303u);
  EXPECT_TRUE(has(http_get(site.port(), std::string("/articles/") + kSlug).body, "Question corrigée"));
  editor.get("/admin/comments/" + std::to_string(waiting));
  auto empty = editor.post("/admin/comments/" + std::to_string(waiting), {{"author", "Minji"}, {"body", " "}});
  EXPECT_EQ(empty.status, 422u);
  EXPECT_TRUE(has(empty.body, "le commentaire est vide"));
  EXPECT_EQ(site.store().comment(waiting)->body, "Question corrigée");
  EXPECT_EQ(audited("comment.").size(), 3u);  // approve, reply, edit
}

TEST_F(Moderation, ReportedCommentsWaitInTheirQueueUntilLookedAt) {
  auto shown = add(article_id, "Troll", "Un message douteux", CommentStatus::approved);
  auto c = *site.store().comment(shown);
  c.reports = 2;
  {
    auto tx = site.store().begin_write();
    tx->save_comment(c);
    tx->commit();
  }
  auto editor = signed_in("editor@example.org");
  auto reported = editor.get("/admin/comments?queue=reported");
  EXPECT_TRUE(has(reported.body, "Un message douteux"));
  EXPECT_TRUE(has(reported.body, "Signalé 2 fois")) << reported.body;
  editor.post("/admin/comments", {{"queue", "reported"}, {"id", std::to_string(shown)}, {"action", "dismiss"}});
  EXPECT_EQ(site.store().comment(shown)->reports, 0);
  EXPECT_EQ(status_of(shown), CommentStatus::approved);
  EXPECT_FALSE(has(editor.get("/admin/comments?queue=reported").body, "Un message douteux"));
}

TEST_F(Moderation, OwnersSetTheSitesRulesAndEditorsCloseOneArticle) {
  auto owner = signed_in("owner@example.org");
  auto form = owner.get("/admin/comments/settings");
  ASSERT_EQ(form.status, 200u);
  auto saved = owner.post("/admin/comments/settings", {{"open", "1"}, {"close_after_days", "0"}, {"depth", "3"}, {"order", "newest"},
                                                       {"threads_per_page", "20"}, {"moderation", "all"}, {"max_links", "1"},
                                                       {"hold_words", "casino\r\n  poker \r\n"}, {"refuse_words", "insulte"}});
  ASSERT_EQ(saved.status, 303u) << saved.body;
  auto rules = site.store().site().comments;
  EXPECT_EQ(rules.depth, 3);
  EXPECT_TRUE(rules.newest_first);
  EXPECT_EQ(rules.moderation, CommentModeration::all);
  EXPECT_EQ(rules.hold_words, (std::vector<std::string>{"casino", "poker"}));
  EXPECT_EQ(rules.refuse_words, std::vector<std::string>{"insulte"});
  owner.get("/admin/comments/settings");
  auto bad = owner.post("/admin/comments/settings", {{"open", "1"}, {"close_after_days", "-3"}, {"depth", "3"}, {"order", "oldest"},
                                                     {"threads_per_page", "20"}, {"moderation", "first"}, {"max_links", "1"}});
  EXPECT_EQ(bad.status, 422u);
  EXPECT_TRUE(has(bad.body, "Fermer les commentaires après (jours, 0 : jamais) : un nombre entier de 0 à 36500")) << bad.body;
  EXPECT_EQ(site.store().site().comments.moderation, CommentModeration::all);  // unchanged
  auto editor = signed_in("editor@example.org");
  EXPECT_EQ(editor.get("/admin/comments/settings").status, 403u);
  EXPECT_EQ(audited("settings.comments"), std::vector<std::string>{"settings.comments site"});

  // The article's own choice, in the editor, is revisioned and closes its comments.
  auto edit = editor.get("/admin/articles/" + std::to_string(article_id));
  ASSERT_TRUE(has(edit.body, "name=\"comments\""));
  auto a = *site.store().article_by_id(article_id);
  auto res = editor.post("/admin/articles/" + std::to_string(article_id),
                         {{"revision", std::to_string(a.revision)}, {"title", a.title}, {"slug", a.slug}, {"body", a.body},
                          {"comments", "closed"}, {"action", "save"}});
  ASSERT_EQ(res.status, 303u) << res.body.substr(0, 2000);
  EXPECT_EQ(site.store().article_by_id(article_id)->comments, ArticleComments::closed);
  EXPECT_TRUE(has(http_get(site.port(), std::string("/articles/") + kSlug).body, "Les commentaires sont fermés."));
}

// A commenter asks for what they wrote, then for it to be erased: the owner exports it as JSON
// and erases every trace of it, by their e-mail or by one of their comments (its browser).
TEST_F(Moderation, AnOwnerExportsAndErasesWhatOneCommenterWrote) {
  auto url = "/api/v1/articles/" + std::to_string(article_id) + "/comments";
  auto post = [&](const std::string& json, const std::string& cookie) {
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
    if (!cookie.empty()) headers["Cookie"] = cookie;
    return testing::http_request(site.port(), http::Verb::post, url, json, headers);
  };
  auto first = post(R"({"author":"Minji","body":"Avec mon adresse","email":"minji@example.org","notify":true})", "");
  ASSERT_EQ(first.status, 201u) << first.body;
  auto set = first.header("set-cookie");
  auto cookie = set.substr(0, set.find(';'));
  auto second = post(R"({"author":"Minji","body":"Sans adresse, même navigateur"})", cookie);
  auto other = post(R"({"author":"Jin","body":"Un autre lecteur"})", "");
  auto id_of = [](const testing::ClientResponse& r) { return boost::json::parse(r.body).at("id").as_int64(); };

  auto editor = signed_in("editor@example.org");
  editor.get("/admin/comments");
  EXPECT_EQ(editor.post("/admin/comments/commenter", {{"email", "minji@example.org"}, {"action", "erase"}}).status, 403u);

  auto owner = signed_in("owner@example.org");
  owner.get("/admin/comments");
  auto exported = owner.post("/admin/comments/commenter", {{"comment", std::to_string(id_of(second))}, {"action", "export"}});
  ASSERT_EQ(exported.status, 200u) << exported.body;
  EXPECT_TRUE(exported.header("content-disposition").starts_with("attachment"));
  auto items = boost::json::parse(exported.body).at("comments").as_array();
  ASSERT_EQ(items.size(), 2u);  // both of that browser's, not the other reader's
  EXPECT_EQ(items[1].at("email"), "minji@example.org");  // kept for the notices asked for

  owner.get("/admin/comments");
  auto by_email = owner.post("/admin/comments/commenter", {{"email", "minji@example.org"}, {"action", "erase"}});
  EXPECT_EQ(by_email.status, 303u);
  EXPECT_FALSE(site.store().comment(id_of(first)));
  EXPECT_TRUE(site.store().comment(id_of(second)));  // no e-mail given with it
  owner.get("/admin/comments");
  owner.post("/admin/comments/commenter", {{"comment", std::to_string(id_of(second))}, {"action", "erase"}});
  EXPECT_FALSE(site.store().comment(id_of(second)));
  EXPECT_TRUE(site.store().comment(id_of(other)));
  CommentQuery minji;
  minji.article_id = article_id;
  for (const auto& c : site.store().comments(minji).items) EXPECT_NE(c.author_name, "Minji");
  EXPECT_EQ(audited("commenter."), (std::vector<std::string>{"commenter.erase commenter:comment", "commenter.erase commenter:email",
                                                             "commenter.export commenter:comment"}));
}

TEST_F(Moderation, ContributorsAndTranslatorsReadTheCommentsOnTheirArticlesOnly) {
  auto on_theirs = add(own_article, "Minji", "Sur le texte du contributeur");
  auto elsewhere = add(article_id, "Jin", "Sur un autre article");
  auto contributor = signed_in("contributor@example.org");
  auto queue = contributor.get("/admin/comments");
  ASSERT_EQ(queue.status, 200u);
  EXPECT_TRUE(has(queue.body, "Sur le texte du contributeur"));
  EXPECT_FALSE(has(queue.body, "Sur un autre article"));
  EXPECT_FALSE(has(queue.body, "value=\"approve\""));
  EXPECT_EQ(contributor.get("/admin/comments/" + std::to_string(on_theirs)).status, 200u);
  EXPECT_EQ(contributor.get("/admin/comments/" + std::to_string(elsewhere)).status, 403u);
  auto refused = contributor.post("/admin/comments", {{"id", std::to_string(on_theirs)}, {"action", "approve"}});
  EXPECT_EQ(refused.status, 403u);
  contributor.get("/admin/comments");
  EXPECT_EQ(contributor.post("/admin/comments/" + std::to_string(on_theirs) + "/reply", {{"reply", "Merci"}}).status, 403u);
  auto translator = signed_in("translator@example.org");
  EXPECT_FALSE(has(translator.get("/admin/comments").body, "Sur un autre article"));
  EXPECT_EQ(translator.post("/admin/comments", {{"id", std::to_string(elsewhere)}, {"action", "spam"}}).status, 403u);
  EXPECT_EQ(status_of(on_theirs), CommentStatus::pending);
  EXPECT_EQ(status_of(elsewhere), CommentStatus::pending);
  EXPECT_TRUE(audited("comment.").empty());
}

// The site's own spam filter, taught by the moderators' decisions: once it has seen enough of
// each, what reads like the spam they marked is set aside (its writer told it waits), what reads
// like what they approved goes by the site's rules, and what it cannot tell waits for them. The
// queue shows each comment's score and the filter's precision and recall.
TEST_F(Moderation, TheSpamFilterLearnsFromTheModeratorsAndSetsSpamAside) {
  auto url = "/api/v1/articles/" + std::to_string(article_id) + "/comments";
  struct Posted {
    std::int64_t id = 0;
    std::string status, cookie;
  };
  auto post = [&](const std::string& author, const std::string& body, const std::string& cookie = {}) {
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
    if (!cookie.empty()) headers["Cookie"] = cookie;
    auto res = testing::http_request(site.port(), http::Verb::post, url,
                                     boost::json::serialize(boost::json::object{{"author", author}, {"body", body}}), headers);
    EXPECT_EQ(res.status, 201u) << res.body;
    if (res.status != 201u) return Posted{};
    auto answer = boost::json::parse(res.body);
    auto set = res.header("set-cookie");
    return Posted{answer.at("id").as_int64(), std::string(answer.at("status").as_string()),
                  cookie.empty() ? set.substr(0, set.find(';')) : cookie};
  };
  const std::string spam_text = "Cheap followers and likes, casino bonus today at https://spam-shop.example";
  const std::string fan_text = "Le concert de BTS était magnifique, merci pour cet article sur le lightstick";
  std::vector<std::string> spam_ids, fan_ids;
  std::string fan_cookie;
  for (int i = 0; i < 5; ++i) {
    spam_ids.push_back(std::to_string(post("Promo " + std::to_string(i), spam_text + " " + std::to_string(i)).id));
    auto fan = post("Army " + std::to_string(i), fan_text + " " + std::to_string(i));
    EXPECT_EQ(fan.status, "pending") << "a first comment waits, as the site's rules say";
    fan_ids.push_back(std::to_string(fan.id));
    fan_cookie = fan.cookie;
  }
  auto editor = signed_in("editor@example.org");
  auto queue = editor.get("/admin/comments");
  EXPECT_TRUE(has(queue.body, "Il a appris de 0 commentaires marqués comme spam et de 0 approuvés.")) << queue.body;
  EXPECT_TRUE(has(queue.body, "Il juge les nouveaux commentaires dès qu’il a appris de 5 de chaque sorte."));
  EXPECT_FALSE(has(queue.body, "Filtre antispam : ")) << "nothing was judged before it learned";
  auto decide = [&](const std::vector<std::string>& ids, const std::string& action) {
    std::vector<std::pair<std::string, std::string>> fields{{"queue", "pending"}, {"action", action}};
    for (const auto& id : ids) fields.emplace_back("id", id);
    EXPECT_EQ(editor.post("/admin/comments", fields).status, 303u);
  };
  decide(spam_ids, "spam");
  decide(fan_ids, "approve");
  auto filter = site.store().spam_filter_totals();
  EXPECT_EQ(filter.spam_trained, 5);
  EXPECT_EQ(filter.ham_trained, 5);

  // Spam from a newcomer: set aside, its writer told it waits, never shown.
  auto caught = post("Deals", "cheap followers and likes with a casino bonus at https://spam-shop.example");
  EXPECT_EQ(caught.status, "pending") << "a spammer learns nothing";
  EXPECT_EQ(status_of(caught.id), CommentStatus::spam);
  auto own = testing::http_get(site.port(), "/comments/" + std::to_string(caught.id), {{"Cookie", caught.cookie}});
  EXPECT_EQ(own.status, 200u);
  EXPECT_TRUE(has(own.body, "Votre commentaire attend la modération")) << own.body;
  EXPECT_TRUE(has(own.body, "/comments/" + std::to_string(caught.id) + "/edit")) << "as any waiting comment";
  // A returning fan writing as fans do: shown at once.
  auto fan = post("Army 4", "Merci pour cet article, le concert de BTS était magnifique", fan_cookie);
  EXPECT_EQ(fan.status, "approved");
  // The same fan, in words of both kinds: the filter cannot tell, so a moderator will.
  auto unsure = post("Army 4", "Le concert de BTS était magnifique, cheap followers casino bonus", fan_cookie);
  EXPECT_EQ(unsure.status, "pending");
  EXPECT_EQ(status_of(unsure.id), CommentStatus::pending);
  auto page = testing::http_get(site.port(), std::string("/articles/") + kSlug).body;
  EXPECT_FALSE(has(page, "casino"));

  auto spam_queue = editor.get("/admin/comments?queue=spam");
  EXPECT_TRUE(has(spam_queue.body, "with a casino bonus"));
  EXPECT_TRUE(has(spam_queue.body, "Filtre antispam : "));
  // The moderators agree with it on the one it caught, and mark the unsure one spam too.
  decide({std::to_string(caught.id), std::to_string(unsure.id)}, "spam");
  filter = site.store().spam_filter_totals();
  EXPECT_EQ(filter.caught, 1);
  EXPECT_EQ(filter.missed, 1);
  queue = editor.get("/admin/comments");
  EXPECT_TRUE(has(queue.body, "Il a appris de 7 commentaires marqués comme spam et de 5 approuvés.")) << queue.body;
  EXPECT_TRUE(has(queue.body, "<dt>Précision</dt><dd>100")) << "the one it called spam was";
  EXPECT_TRUE(has(queue.body, "<dt>Rappel</dt><dd>50")) << "it had called one of the two";
  // Contributors do not see the filter.
  auto contributor = signed_in("contributor@example.org");
  EXPECT_FALSE(has(contributor.get("/admin/comments").body, "Filtre antispam"));
}

}  // namespace
}  // namespace kpress

namespace kpress {
namespace {

// Staff comment under a published article from its page in the newsroom: shown at once, under
// their author name (their account's name without one), with the badge; in the audit log.
TEST_F(Moderation, TheNewsroomCommentsUnderAnArticleAsItself) {
  auto editor = signed_in("editor@example.org");
  auto editor_page = editor.get("/admin/articles/" + std::to_string(article_id));
  ASSERT_EQ(editor_page.status, 200u);
  EXPECT_TRUE(has(editor_page.body, "action=\"/admin/articles/" + std::to_string(article_id) + "/comments\""));
  auto res = editor.post("/admin/articles/" + std::to_string(article_id) + "/comments",
                              {{"comment", "Merci pour vos messages, la suite **demain** !"}});
  ASSERT_EQ(res.status, 303u) << res.body;
  EXPECT_TRUE(has(res.header("location"), std::string("/articles/") + kSlug + "#comment-")) << res.header("location");
  auto page = testing::http_get(site.port(), std::string("/articles/") + kSlug).body;
  EXPECT_TRUE(has(page, "Merci pour vos messages, la suite <strong>demain</strong> !")) << "shown at once";
  EXPECT_TRUE(has(page, "<span class=\"comment-author\">editor</span>")) << "under the account's name";
  EXPECT_TRUE(has(page, "class=\"badge\""));
  auto all = site.store().comments_of(article_id, CommentStatus::approved);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all.front().staff_user.has_value());
  EXPECT_EQ(audited("comment.staff"), (std::vector<std::string>{"comment.staff comment:" + std::to_string(all.front().id)}));
  // An empty comment, and an article readers cannot see: refused, nothing stored.
  auto empty = editor.post("/admin/articles/" + std::to_string(article_id) + "/comments", {{"comment", "  "}});
  EXPECT_EQ(empty.status, 422u);
  EXPECT_TRUE(has(empty.body, "le commentaire est vide")) << empty.body;
  EXPECT_EQ(editor.post("/admin/articles/999999/comments", {{"comment", "Bonjour"}}).status, 404u);
  EXPECT_EQ(site.store().comments_of(article_id, std::nullopt).size(), 1u);
}

}  // namespace
}  // namespace kpress
