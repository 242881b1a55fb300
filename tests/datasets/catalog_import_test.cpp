// Catalog import of the real datasets in ../shared/data, read in place: counts of imported,
// merged and rejected rows, and what merging spellings and networks gives.
#include <gtest/gtest.h>

#include <fstream>

#include "exchange/catalog_import.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace kpress {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

const fs::path kData = KPRESS_SHARED_DATA_DIR;
const fs::path kTmdb = kData / "tmdb-kdramas-2022";
const fs::path kMdl = kData / "kdrama-mdl-2015-2023" / "korean_drama.csv";
const fs::path kDbkpop = kData / "kpop-idols-dbkpop";

CatalogQuery named(std::string q) {
  CatalogQuery query;
  query.q = std::move(q);
  return query;
}

class CatalogImport : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kTmdb)) << "the shared datasets are expected at " << kData;
    store.migrate(system_clock_now());
  }
  static Instant system_clock_now() { return time_point_cast<seconds>(system_clock::now()); }
  CatalogImportReport import(CatalogFormat format, const fs::path& path) {
    auto report = import_catalog(store, format, path);
    EXPECT_EQ(report.error, "");
    return report;
  }
  testing::TempDir dir;
  sqlite::SqliteStore store{dir.path() / "kpress.db"};
};

TEST_F(CatalogImport, TmdbImportsShowsPeopleCreditsAndImportingAgainDuplicatesNothing) {
  auto first = import(CatalogFormat::tmdb, kTmdb);
  EXPECT_EQ(first.imported, 4936);
  EXPECT_EQ(first.merged, 43);  // rows repeated in series.csv, and namesakes without birth dates
  EXPECT_EQ(first.rejected.size(), 0u);
  auto again = import(CatalogFormat::tmdb, kTmdb);
  EXPECT_EQ(again.imported, 0);
  EXPECT_EQ(again.merged, 4979);

  auto run_on = store.show("run-on");
  ASSERT_TRUE(run_on);
  EXPECT_EQ(run_on->original_title, "런 온");
  EXPECT_EQ(run_on->network, "jtbc");
  EXPECT_EQ(run_on->episode_count, 16);
  EXPECT_EQ(run_on->first_air_date, Date(2020y / December / 16));
  auto king = store.shows(named("왕은 사랑한다"));
  ASSERT_EQ(king.total, 1);
  EXPECT_EQ(king.items[0].network, "mbc");
  EXPECT_EQ(king.items[0].episode_count, 40);
  EXPECT_FALSE(store.credits_of_show("run-on").empty());
}

TEST_F(CatalogImport, MdlReadsAirDaysAndOddDatesAndRejectsWhatItCannotRead) {
  auto report = import(CatalogFormat::mdl, kMdl);
  EXPECT_EQ(report.imported, 1749);
  EXPECT_EQ(report.merged, 0);
  ASSERT_EQ(report.rejected.size(), 3u);
  EXPECT_EQ(report.rejected[0].line, 484);
  EXPECT_EQ(report.rejected[0].reason, "start_dt 'May, 2021 - Jul, 2021' is not a date");
  EXPECT_EQ(report.rejected[1].line, 1333);
  EXPECT_EQ(report.rejected[2].line, 1513);

  auto run_on = store.show("run-on");
  ASSERT_TRUE(run_on);
  EXPECT_EQ(run_on->network, "jtbc");  // written "jTBC Netflix" in the file
  ASSERT_EQ(run_on->slots.size(), 1u);
  EXPECT_EQ(run_on->slots[0].weekdays, (std::vector<weekday>{Wednesday, Thursday}));
  EXPECT_EQ(run_on->slots[0].time_zone, "Asia/Seoul");
  auto again = import(CatalogFormat::mdl, kMdl);
  EXPECT_EQ(again.imported, 0);
  EXPECT_EQ(again.merged, 1749);
}

TEST_F(CatalogImport, DbkpopImportsGroupsIdolsAndMemberships) {
  auto report = import(CatalogFormat::dbkpop, kDbkpop);
  EXPECT_EQ(report.imported, 1607);  // 299 groups and 1,308 idols
  EXPECT_EQ(report.merged, 2);
  EXPECT_EQ(report.rejected.size(), 0u);
  EXPECT_EQ(store.groups({}).total, 299);
  auto bts = store.groups(named("방탄소년단"));
  ASSERT_EQ(bts.total, 1);
  auto members = store.members_of(bts.items[0].slug);
  EXPECT_EQ(members.size(), 7u);
  auto jungkook = store.people(named("Jungkook"));
  ASSERT_GE(jungkook.total, 1);
  EXPECT_EQ(jungkook.items[0].hangul_name, "전정국");
  EXPECT_EQ(jungkook.items[0].birth_date, Date(1997y / September / 1));  // 9/1/97 in the file
}

TEST_F(CatalogImport, TheSamePersonSpelledDifferentlyIsOnePerson) {
  import(CatalogFormat::tmdb, kTmdb);   // "Yim Si-wan", no Hangul
  import(CatalogFormat::dbkpop, kDbkpop);  // "Yim Siwan", 임시완, born 12/1/88
  auto found = store.people(named("임시완"));
  ASSERT_EQ(found.total, 1);
  const Person& p = found.items[0];
  EXPECT_EQ(p.birth_date, Date(1988y / December / 1));
  for (const char* spelling : {"Yim Si-wan", "Yim Siwan", "imsiwan", "yim si wan"}) {
    auto by_spelling = store.people(named(spelling));
    ASSERT_EQ(by_spelling.total, 1) << spelling;
    EXPECT_EQ(by_spelling.items[0].slug, p.slug) << spelling;
  }
  auto memberships = store.memberships_of(p.slug);
  ASSERT_EQ(memberships.size(), 1u);
  EXPECT_EQ(store.group(memberships[0].group)->name, "ZE:A");
}

TEST_F(CatalogImport, AllThreeDatasetsTogetherMergeTheirShows) {
  EXPECT_EQ(import(CatalogFormat::tmdb, kTmdb).imported, 4936);
  auto mdl = import(CatalogFormat::mdl, kMdl);
  EXPECT_EQ(mdl.imported, 1034);
  EXPECT_EQ(mdl.merged, 715);  // dramas TMDB has already, under the same title and year
  auto dbkpop = import(CatalogFormat::dbkpop, kDbkpop);
  EXPECT_EQ(dbkpop.imported, 1334);
  EXPECT_EQ(dbkpop.merged, 275);  // idols who are also TMDB actors
}

TEST_F(CatalogImport, AMissingOrBrokenSourceImportsNothing) {
  auto missing = import_catalog(store, CatalogFormat::tmdb, dir.path() / "nowhere");
  EXPECT_NE(missing.error.find("series.csv: not found"), std::string::npos) << missing.error;
  auto broken = import_catalog_json(store, "broken.json", "{\"people\": [\n{\"name\": }]}");
  EXPECT_EQ(broken.error, "broken.json:2: not valid JSON: syntax error");
  EXPECT_EQ(store.people({}).total, 0);
}

TEST_F(CatalogImport, JsonRowsWithBadFieldsAreRejectedWithTheirReason) {
  auto report = import_catalog_json(store, "c.json", R"({
    "people": [{"name": "Im Siwan", "birth_date": "1988-12-01"}, {"birth_date": "someday"}],
    "shows": [{"title": "Run On", "status": "finished", "slots": [{"days": "Wednesday, Funday"}]}]})");
  EXPECT_EQ(report.imported, 1);
  ASSERT_EQ(report.rejected.size(), 2u);
  EXPECT_EQ(report.rejected[0].to_string(),
            "c.json: people[1]: name is required; birth_date 'someday' is not a date (YYYY-MM-DD)");
  EXPECT_EQ(report.rejected[1].to_string(),
            "c.json: shows[0]: status must be upcoming, airing or ended; slots: days 'Wednesday, Funday' are not days "
            "of the week");
}

TEST_F(CatalogImport, ScheduleChangesAreCheckedAgainstTheSlotsAndKept) {
  auto report = import_catalog_json(store, "c.json", R"({"shows": [
    {"slug": "run-on", "title": "Run On", "episode_count": 16, "first_air_date": "2020-12-16",
     "slots": [{"days": "Wednesday, Thursday", "time": "21:00", "time_zone": "Asia/Seoul"}],
     "changes": [{"kind": "preempted", "date": "2020-12-23", "reason": "Football"},
                 {"kind": "moved", "date": "2020-12-30", "time": "23:00"},
                 {"kind": "special", "date": "2020-12-25", "time": "20:00", "title": "Making-of"}]},
    {"title": "Bad zone", "slots": [{"days": "Monday", "time": "21:00", "time_zone": "Asia/Tokio"}]},
    {"title": "Bad changes", "slots": [{"days": "Monday", "time": "21:00"}],
     "changes": [{"kind": "preempted", "date": "2020-12-22"}, {"kind": "cancelled", "date": "2020-12-21"},
                 {"kind": "moved", "date": "2020-12-21"}, {"kind": "special", "date": "2020-12-21"}]}]})");
  EXPECT_EQ(report.imported, 1);
  ASSERT_EQ(report.rejected.size(), 2u);
  EXPECT_EQ(report.rejected[0].to_string(),
            "c.json: shows[1]: slots: time_zone 'Asia/Tokio' is not an IANA time zone (such as Asia/Seoul)");
  EXPECT_EQ(report.rejected[1].to_string(),
            "c.json: shows[2]: changes: 2020-12-22 is not a broadcast day of the show; changes: kind 'cancelled' must "
            "be preempted, moved, double or special; changes: a moved episode needs new_date or time; changes: title "
            "is required");
  auto show = store.show("run-on");
  ASSERT_TRUE(show);
  ASSERT_EQ(show->schedule_changes.size(), 3u);
  EXPECT_EQ(show->schedule_changes[0].reason, "Football");
  EXPECT_EQ(show->schedule_changes[1].new_time, std::chrono::minutes(23 * 60));
  EXPECT_EQ(show->schedule_changes[2].title, "Making-of");
}

}  // namespace
}  // namespace kpress

namespace kpress {
namespace {

TEST(CatalogCsv, ReadsPeopleShowsAndGroupsByTheirColumns) {
  testing::TempDir dir;
  sqlite::SqliteStore store(dir.path() / "kpress.db");
  store.migrate(*parse_iso8601("2026-01-01T00:00:00Z"));
  auto write = [&](const char* name, const std::string& text) {
    std::ofstream(dir.path() / name) << text;
    return dir.path() / name;
  };
  auto people = import_catalog(store, CatalogFormat::csv,
                               write("people.csv", "name,hangul_name,aliases,birth_date,occupations\n"
                                                   "Im Siwan,임시완,Yim Si-wan;Yim Si Wan,1988-12-01,Actor;Singer\n"
                                                   "\"Shin, Se Kyung\",신세경,,29/07/1990,Actress\n"
                                                   ",,,,\n"));
  EXPECT_EQ(people.imported, 1);
  ASSERT_EQ(people.rejected.size(), 2u);
  EXPECT_EQ(people.rejected[0].to_string(), (dir.path() / "people.csv").string() + ":3: birth_date '29/07/1990' is not a date");
  EXPECT_EQ(people.rejected[1].reason, "name is required");
  auto shows = import_catalog(store, CatalogFormat::csv,
                              write("shows.csv", "title,original_title,network,episode_count,first_air_date,air_days,air_time\n"
                                                 "Run On,런 온,jTBC,16,2020-12-16,\"Wednesday, Thursday\",21:00\n"
                                                 "Bad Show,,MBC,many,,,\n"));
  EXPECT_EQ(shows.imported, 1);
  ASSERT_EQ(shows.rejected.size(), 1u);
  EXPECT_EQ(shows.rejected[0].line, 3);
  auto run_on = store.show("run-on");
  ASSERT_TRUE(run_on);
  EXPECT_EQ(run_on->network, "jtbc");
  ASSERT_EQ(run_on->slots.size(), 1u);
  EXPECT_EQ(run_on->slots[0].local_time, std::chrono::minutes(21 * 60));
  auto groups = import_catalog(store, CatalogFormat::csv,
                               write("groups.csv", "name,hangul_name,debut_date,members\nZE:A,제국의아이들,2010-01-07,Yim Si Wan\n"
                                                   "Ghosts,,,Nobody Here\n"));
  EXPECT_EQ(groups.imported, 1);
  ASSERT_EQ(groups.rejected.size(), 1u);
  EXPECT_EQ(groups.rejected[0].reason, "members: no single person is called 'Nobody Here'");
  EXPECT_EQ(store.members_of("ze-a").size(), 1u);
}

}  // namespace
}  // namespace kpress
