// Catalog editing in the admin, on a real server: a show's aliases, slots, announced changes,
// episodes, cast and streaming links, people and groups, edited as their catalog entry; what an
// entry leaves out is gone; bad entries are refused with the reason and change nothing.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "admin/accounts.hpp"
#include "support/admin_browser.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

namespace json = boost::json;
using testing::http_get;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The textarea's JSON, unescaped as the browser would show it.
std::string entry_of(const std::string& page) {
  auto begin = page.find("name=\"entry\"");
  begin = page.find('>', begin) + 1;
  std::string text = page.substr(begin, page.find("</textarea>", begin) - begin);
  for (auto [from, to] : {std::pair{"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) text.replace(at, std::string(from).size(), to);
  }
  return text;
}

class CatalogAdmin : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto [email, role] : {std::pair{"editor@example.org", "editor"}, {"contributor@example.org", "contributor"}})
      ASSERT_TRUE(create_account(site.store(), {email, "", role, testing::kTestPassword, ""}, {std::nullopt, "cli", ""}, system_now()).user);
    ASSERT_EQ(editor.sign_in("editor@example.org").status, 303u);
  }
  // Run On's entry as the editor shows it, changed by `change`, saved.
  testing::ClientResponse edit_run_on(const std::function<void(json::object&)>& change) {
    auto page = editor.get("/admin/catalog/shows/run-on");
    EXPECT_EQ(page.status, 200u);
    auto entry = json::parse(entry_of(page.body));
    change(entry.as_object()["shows"].as_array()[0].as_object());
    return editor.post("/admin/catalog/shows/run-on", {{"entry", json::serialize(entry)}});
  }
  testing::TestSite site;
  testing::AdminBrowser editor{site.port()};
};

TEST_F(CatalogAdmin, AShowIsEditedWholeFromItsEntry) {
  auto res = edit_run_on([](json::object& show) {
    show["aliases"] = json::array{"Run On (2020)", "런온"};
    show["streaming"] = json::array{json::object{{"provider", "Viki"}, {"url", "https://www.viki.com/tv/run-on"}, {"regions", json::array{"US", "CA"}}}};
    show["changes"] = json::array{json::object{{"kind", "preempted"}, {"date", "2020-12-24"}, {"reason", "Christmas special"}}};
    show["slots"] = json::array{json::object{{"days", "Wednesday, Thursday"}, {"time", "21:00"}, {"time_zone", "Asia/Seoul"}, {"from", "2020-12-16"}}};
    auto& cast = show["cast"].as_array();
    cast.erase(cast.begin() + 2);  // the third cast member leaves the entry
    show["episodes"] = json::array{json::object{{"number", 1}, {"title", "The sprinter"}}};
  });
  ASSERT_EQ(res.status, 303u) << res.body;
  EXPECT_EQ(res.header("location"), "/admin/catalog/shows/run-on?saved=1");
  auto show = site.store().show("run-on");
  ASSERT_TRUE(show);
  EXPECT_NE(std::find(show->aliases.begin(), show->aliases.end(), "런온"), show->aliases.end());
  ASSERT_EQ(show->streaming.size(), 1u);  // Netflix is gone, Viki is there
  EXPECT_EQ(show->streaming[0].provider, "Viki");
  ASSERT_EQ(show->schedule_changes.size(), 1u);
  EXPECT_EQ(show->schedule_changes[0].kind, ScheduleChangeKind::preempted);
  auto cast = site.store().credits_of_show("run-on");
  EXPECT_EQ(cast.size(), 3u);
  EXPECT_TRUE(std::none_of(cast.begin(), cast.end(), [](const Credit& c) { return c.person == "choi-soo-young"; }));
  EXPECT_EQ(site.store().episodes("run-on").size(), 1u);
  // Readers see it at once: the new spelling finds the show, the link to Viki is on its page.
  EXPECT_TRUE(has(http_get(site.port(), "/shows?q=%EB%9F%B0%EC%98%A8").body, "/shows/run-on"));
  EXPECT_TRUE(has(http_get(site.port(), "/shows/run-on").body, "https://www.viki.com/tv/run-on"));
  EXPECT_EQ(site.store().audit_log(1, 0).at(0).action, "catalog.change");
}

TEST_F(CatalogAdmin, BadEntriesAreRefusedWithTheReasonAndChangeNothing) {
  auto before = site.store().show("run-on");
  auto zone = edit_run_on([](json::object& show) {
    show["slots"] = json::array{json::object{{"days", "Wednesday"}, {"time", "21:00"}, {"time_zone", "Mars/Olympus"}}};
  });
  EXPECT_EQ(zone.status, 422u);
  EXPECT_TRUE(has(zone.body, "Mars/Olympus")) << zone.body;
  auto person = edit_run_on([](json::object& show) { show["cast"].as_array().push_back(json::object{{"person", "nobody-at-all"}, {"role", "main"}}); });
  EXPECT_EQ(person.status, 422u);
  EXPECT_TRUE(has(person.body, "nobody-at-all"));
  editor.get("/admin/catalog/shows/run-on");
  auto syntax = editor.post("/admin/catalog/shows/run-on", {{"entry", "{\"shows\": [{\"slug\": \"run-on\",\n \"title\": }]}"}});
  EXPECT_EQ(syntax.status, 422u);
  EXPECT_TRUE(has(syntax.body, "ligne 2 : "));
  EXPECT_TRUE(has(entry_of(syntax.body), "\"title\": }"));  // the text typed is kept in the form
  editor.get("/admin/catalog/shows/run-on");
  auto renamed = editor.post("/admin/catalog/shows/run-on", {{"entry", R"({"shows": [{"slug": "run-off", "title": "Run Off"}]})"}});
  EXPECT_EQ(renamed.status, 422u);
  EXPECT_FALSE(site.store().show("run-off"));
  auto after = site.store().show("run-on");
  EXPECT_EQ(after->slots.size(), before->slots.size());
  EXPECT_EQ(after->slots[0].time_zone, "Asia/Seoul");
  EXPECT_EQ(site.store().credits_of_show("run-on").size(), 4u);
}

TEST_F(CatalogAdmin, NewPeopleAndGroupsAreAdded) {
  auto form = editor.get("/admin/catalog/people/new");
  EXPECT_EQ(form.status, 200u);
  EXPECT_TRUE(has(entry_of(form.body), "\"people\""));
  auto res = editor.post("/admin/catalog/people/new",
                         {{"entry", R"({"people": [{"slug": "go-youn-jung", "name": "Go Youn-jung", "hangul_name": "고윤정", "aliases": ["Go Yoon-jung"], "birth_date": "1996-04-22"}]})"}});
  ASSERT_EQ(res.status, 303u) << res.body;
  auto p = site.store().person("go-youn-jung");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->hangul_name, "고윤정");
  EXPECT_EQ(http_get(site.port(), "/people/go-youn-jung").status, 200u);
  editor.get("/admin/catalog/people/new");
  auto again = editor.post("/admin/catalog/people/new", {{"entry", R"({"people": [{"slug": "go-youn-jung", "name": "Someone else"}]})"}});
  EXPECT_EQ(again.status, 422u);
  EXPECT_EQ(site.store().person("go-youn-jung")->name, "Go Youn-jung");
  // A group's members, replaced whole.
  auto bts = editor.get("/admin/catalog/groups/bts");
  auto entry = json::parse(entry_of(bts.body));
  auto& members = entry.as_object()["groups"].as_array()[0].as_object()["members"].as_array();
  std::size_t before = members.size();
  members.pop_back();
  ASSERT_EQ(editor.post("/admin/catalog/groups/bts", {{"entry", json::serialize(entry)}}).status, 303u);
  EXPECT_EQ(site.store().members_of("bts").size(), before - 1);
}

TEST_F(CatalogAdmin, OnlyEditorsAndOwnersEditTheCatalog) {
  testing::AdminBrowser contributor(site.port());
  ASSERT_EQ(contributor.sign_in("contributor@example.org").status, 303u);
  EXPECT_EQ(contributor.get("/admin/catalog").status, 403u);
  EXPECT_EQ(contributor.get("/admin/catalog/shows/run-on").status, 403u);
  contributor.get("/admin/articles");
  EXPECT_EQ(contributor.post("/admin/catalog/shows/run-on", {{"entry", R"({"shows": [{"slug": "run-on", "title": "Hacked"}]})"}}).status, 403u);
  EXPECT_EQ(site.store().show("run-on")->title, "Run On");
}

}  // namespace
}  // namespace kpress
