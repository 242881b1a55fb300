// Airing times in the reader's zone, through a real server on the demo site: the schedule page
// with and without ?tz=, the schedule API, a show's next episode, pre-empted episodes, birthdays
// and the iCalendar subscriptions.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <atomic>

#include "exchange/catalog_import.hpp"
#include "support/http_client.hpp"
#include "support/test_site.hpp"

namespace kpress {
namespace {

using testing::http_get;
namespace json = boost::json;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The demo site on a clock the test moves.
class Schedule : public ::testing::Test {
 protected:
  void SetUp() override { now = parse_iso8601("2020-12-20T00:00:00Z")->time_since_epoch().count(); }
  void set_now(const char* iso) { now = parse_iso8601(iso)->time_since_epoch().count(); }
  std::string get(const std::string& target) {
    auto res = http_get(site.port(), target);
    EXPECT_EQ(res.status, 200u) << target << "\n" << res.body;
    return res.body;
  }
  json::value api(const std::string& query) {
    auto res = http_get(site.port(), "/api/v1/schedule?" + query);
    EXPECT_EQ(res.status, 200u) << res.body;
    return json::parse(res.body);
  }
  // Run On loses its slot of 23 December to football: episodes 3 to 16 move one slot on.
  void preempt_run_on() {
    auto report = import_catalog_json(site.store(), "changes.json", R"({"shows": [{"slug": "run-on", "title": "Run On",
        "changes": [{"kind": "preempted", "date": "2020-12-23", "reason": "Football : finale de la K League"}]}]})");
    ASSERT_EQ(report.merged, 1) << (report.rejected.empty() ? report.error : report.rejected[0].to_string());
  }
  std::atomic<std::int64_t> now{0};
  testing::TestSite site{{true, [this] { return Instant(std::chrono::seconds(now.load())); }, {}}};
};

TEST_F(Schedule, TheApiGivesEachAiringInTheReadersZone) {
  auto body = api("from=2020-12-16&to=2020-12-17&tz=Europe/Paris");
  auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("show").at("slug"), "run-on");
  EXPECT_EQ(items[0].at("episode"), 1);
  EXPECT_EQ(items[0].at("network"), "JTBC");
  EXPECT_EQ(items[0].at("start"), "2020-12-16T13:00:00+01:00");
  EXPECT_EQ(items[0].at("start_utc"), "2020-12-16T12:00:00Z");
  EXPECT_EQ(api("from=2020-12-16&to=2020-12-16&tz=America/New_York").at("items").at(0).at("start"),
            "2020-12-16T07:00:00-05:00");
  // Without tz: the site's zone; without dates: the week from today.
  auto week = api("");
  EXPECT_EQ(week.at("time_zone"), "Asia/Seoul");
  EXPECT_EQ(week.at("from"), "2020-12-20");
  EXPECT_EQ(week.at("items").at(0).at("start"), "2020-12-23T21:00:00+09:00");
}

TEST_F(Schedule, TheApiRefusesBadInputNamingIt) {
  struct Case {
    const char* query;
    const char* error;
  } cases[] = {
      {"tz=Mars/Olympus", "tz 'Mars/Olympus' is not an IANA time zone (such as Europe/Paris)"},
      {"from=2020-02-30", "from '2020-02-30' is not a date (YYYY-MM-DD)"},
      {"from=12/16/20", "from '12/16/20' is not a date (YYYY-MM-DD)"},
      {"from=2020-12-16&to=2020-12-01", "to is before from"},
      {"from=2020-01-01&to=2020-12-31", "from and to may be at most 92 days apart"},
  };
  for (const auto& c : cases) {
    auto res = http_get(site.port(), std::string("/api/v1/schedule?") + c.query);
    EXPECT_EQ(res.status, 400u) << c.query;
    EXPECT_EQ(json::parse(res.body).at("error"), c.error) << c.query;
  }
}

TEST_F(Schedule, TheWeekPageIsInKoreanTimeOrInTheZoneAsked) {
  auto korean = get("/schedule?week=2020-12-16");
  EXPECT_TRUE(has(korean, "Semaine du lundi 14 décembre au dimanche 20 décembre 2020"));
  EXPECT_TRUE(has(korean, "<time datetime=\"2020-12-16T12:00:00Z\" data-local=\"time\">21:00</time>"));
  // Weeks start where the edition's language starts them: on Sunday in English and Korean.
  auto english = get("/en/schedule?week=2020-12-16");
  EXPECT_LT(english.find("id=\"day-2020-12-13\""), english.find("id=\"day-2020-12-19\"")) << english;
  EXPECT_EQ(english.find("id=\"day-2020-12-20\""), std::string::npos);
  EXPECT_TRUE(has(get("/ko/schedule?week=2020-12-16"), "id=\"day-2020-12-13\""));
  EXPECT_EQ(korean.find("id=\"day-2020-12-13\""), std::string::npos);  // French weeks start on Monday
  auto paris = get("/schedule?week=2020-12-16&tz=Europe/Paris");
  // Server-rendered for readers without JavaScript, and left alone by the script.
  EXPECT_TRUE(has(paris, "<time datetime=\"2020-12-16T12:00:00Z\">13:00</time>"));
  EXPECT_TRUE(has(paris, "<option value=\"Europe/Paris\" selected>"));
  EXPECT_TRUE(has(paris, "href=\"/schedule?week=2020-12-21&amp;tz=Europe/Paris\""));
  // A late show lands on the next day in Sydney: 23:00 KST on a Wednesday is Thursday 01:00.
  auto late = import_catalog_json(site.store(), "late.json", R"({"shows": [{"slug": "late", "title": "Late Show",
      "episode_count": 2, "first_air_date": "2020-12-16",
      "slots": [{"days": "Wednesday", "time": "23:00", "time_zone": "Asia/Seoul"}]}]})");
  ASSERT_EQ(late.imported, 1);
  auto sydney = get("/schedule?week=2020-12-16&tz=Australia/Sydney");
  auto thursday = sydney.find("id=\"day-2020-12-17\"");
  ASSERT_NE(thursday, std::string::npos);
  EXPECT_GT(sydney.find("<time datetime=\"2020-12-16T14:00:00Z\">01:00</time>"), thursday);

  auto bad = http_get(site.port(), "/schedule?tz=Europe/Pariss");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_TRUE(has(bad.body, "tz : « Europe/Pariss » n’est pas un fuseau horaire IANA")) << bad.body;
  EXPECT_EQ(http_get(site.port(), "/schedule?week=soon").status, 400u);
}

TEST_F(Schedule, APreemptedSlotIsMarkedAndTheFollowingEpisodesMove) {
  EXPECT_EQ(api("from=2020-12-23&to=2020-12-23").at("items").at(0).at("episode"), 3);
  preempt_run_on();  // the cached pages and answers change at once
  auto items = api("from=2020-12-23&to=2020-12-24").at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("kind"), "preempted");
  EXPECT_EQ(items[0].at("reason"), "Football : finale de la K League");
  EXPECT_EQ(items[1].at("episode"), 3);
  EXPECT_EQ(items[1].at("start"), "2020-12-24T21:00:00+09:00");
  auto page = get("/schedule?week=2020-12-21");
  EXPECT_TRUE(has(page, "class=\"airing preempted\""));
  EXPECT_TRUE(has(page, "Pas de diffusion"));
  EXPECT_TRUE(has(page, "Football : finale de la K League"));
  // The show now ends a week later.
  EXPECT_EQ(api("from=2021-02-10&to=2021-02-10").at("items").at(0).at("episode"), 16);
}

TEST_F(Schedule, TheShowPageCountsDownToTheNextEpisodeAndMovesOnWhenItAirs) {
  auto page = get("/shows/run-on");
  EXPECT_TRUE(has(page, "Prochain épisode</dt><dd class=\"next-airing\">Épisode 3 · "));
  EXPECT_TRUE(has(page, "data-countdown=\"2020-12-23T12:00:00Z\""));
  EXPECT_TRUE(has(page, "href=\"/shows/run-on/calendar.ics\""));
  set_now("2020-12-23T12:00:01Z");  // episode 3 has begun: the cached page is stale now
  page = get("/shows/run-on");
  EXPECT_TRUE(has(page, "data-countdown=\"2020-12-24T12:00:00Z\"")) << page;
  // An article about the show carries the same line.
  auto article = get("/articles/regardez-shin-se-kyung-et-l-equipe-de-run-on-surprennent-im-siwan-pour-son-anniversaire");
  EXPECT_TRUE(has(article, "Prochain épisode</dt><dd class=\"next-airing\">Épisode 4 · "));
  set_now("2021-03-01T00:00:00Z");  // the run is over
  EXPECT_FALSE(has(get("/shows/run-on"), "Prochain épisode"));
}

// Airings made for a show are given again while what they come from is the same: a new slot
// time or a new episode title shows at once (one thread, no page cache: every view is made by
// the thread that made the airings before).
TEST(ShowAirings, TheNextEpisodeFollowsItsSlotAndItsTitle) {
  testing::TestSiteOptions options;
  options.clock = [] { return *parse_iso8601("2020-12-20T00:00:00Z"); };
  options.cache_bytes = 0;
  options.server.threads = 1;
  testing::TestSite one(options);
  auto page = [&] { return http_get(one.port(), "/shows/run-on").body; };
  EXPECT_TRUE(has(page(), "data-countdown=\"2020-12-23T12:00:00Z\""));
  auto show = *one.store().show("run-on");
  ASSERT_FALSE(show.slots.empty());
  for (auto& slot : show.slots) slot.local_time = std::chrono::hours(22);
  {
    auto tx = one.store().begin_write();
    tx->save_show(show);
    tx->commit();
  }
  EXPECT_TRUE(has(page(), "data-countdown=\"2020-12-23T13:00:00Z\""));
  {
    auto tx = one.store().begin_write();
    tx->save_episode({"run-on", 3, std::nullopt, "Le troisième"});
    tx->commit();
  }
  EXPECT_TRUE(has(page(), "Le troisième"));
}

TEST_F(Schedule, ACalendarChangeUpdatesTheSameEvent) {
  auto before = get("/shows/run-on/calendar.ics");
  EXPECT_TRUE(has(before, "UID:run-on/episode-3@127.0.0.1\r\nDTSTAMP:"));
  EXPECT_TRUE(has(before, "SEQUENCE:0\r\nDTSTART;TZID=Asia/Seoul:20201223T210000\r\n"));
  preempt_run_on();
  auto after = http_get(site.port(), "/shows/run-on/calendar.ics");
  EXPECT_EQ(after.header("content-type"), "text/calendar; charset=utf-8");
  auto event = after.body.substr(after.body.find("UID:run-on/episode-3@"));
  EXPECT_TRUE(has(event.substr(0, 200), "SEQUENCE:1\r\nDTSTART;TZID=Asia/Seoul:20201224T210000\r\n")) << event;
  EXPECT_EQ(http_get(site.port(), "/shows/nothing/calendar.ics").status, 404u);
  auto shows = json::parse(get("/api/v1/shows?q=run"));
  EXPECT_EQ(shows.at("items").at(0).at("calendar_url"), "http://127.0.0.1:8080/shows/run-on/calendar.ics");
}

TEST_F(Schedule, BirthdaysOfTheDayChangeAtMidnightInSeoul) {
  set_now("2020-11-30T14:59:59Z");  // 23:59:59 in Seoul
  auto before = get("/birthdays");
  EXPECT_TRUE(has(before, "Anniversaires du lundi 30 novembre"));
  EXPECT_FALSE(has(before, "fête ses 32 ans"));
  set_now("2020-11-30T15:00:00Z");  // 1 December in Seoul: Im Siwan is 32
  auto after = get("/birthdays");
  EXPECT_TRUE(has(after, "<a href=\"/people/im-siwan\">Im Siwan</a> <span lang=\"ko\">임시완</span> fête ses 32 ans"))
      << after;
  EXPECT_TRUE(has(after, "Anniversaires de décembre"));
  EXPECT_TRUE(has(get("/birthdays?month=12"), "vendredi 4 décembre"));  // Jin, Kim Seokjin
  // Still 30 November in Paris.
  EXPECT_FALSE(has(get("/birthdays?tz=Europe/Paris"), "fête ses 32 ans"));
  EXPECT_EQ(http_get(site.port(), "/birthdays?month=13").status, 400u);
}

TEST_F(Schedule, SomeoneBornOnTheLeapDayCelebratesOnTheFirstOfMarch) {
  auto report = import_catalog_json(site.store(), "p.json",
                                    R"({"people": [{"slug": "leap-star", "name": "Leap Star", "birth_date": "1992-02-29"}]})");
  ASSERT_EQ(report.imported, 1);
  set_now("2021-03-01T03:00:00Z");
  EXPECT_TRUE(has(get("/birthdays"), "Leap Star</a> fête ses 29 ans"));
  set_now("2024-02-29T03:00:00Z");
  EXPECT_TRUE(has(get("/birthdays"), "Leap Star</a> fête ses 32 ans"));
  set_now("2024-03-01T03:00:00Z");
  EXPECT_FALSE(has(get("/birthdays"), "Leap Star"));
  auto calendar = get("/birthdays.ics");
  EXPECT_TRUE(has(calendar, "UID:birthday/leap-star@127.0.0.1"));
  EXPECT_TRUE(has(calendar, "DTSTART;VALUE=DATE:19920229\r\nRRULE:FREQ=YEARLY;BYYEARDAY=60\r\n"));
}

}  // namespace
}  // namespace kpress
