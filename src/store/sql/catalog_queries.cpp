#include "store/sql/catalog_queries.hpp"

#include <boost/json.hpp>

#include "core/slug.hpp"
#include "store/sql/connection.hpp"
#include "store/sql/rendered_body_queries.hpp"

namespace kpress::sql::catalog {

namespace json = boost::json;
using namespace std::chrono;

namespace {

std::optional<std::string> date_text(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(format_date_iso(*d)) : std::nullopt;
}

std::optional<Date> date_column(const Statement& s, int column) {
  return s.is_null(column) ? std::nullopt : parse_date(s.text(column));
}

std::string strings_json(const std::vector<std::string>& list) {
  json::array a;
  for (const auto& s : list) a.emplace_back(s);
  return json::serialize(a);
}

std::vector<std::string> strings_column(const Statement& s, int column) {
  std::vector<std::string> out;
  auto v = json::parse(s.text(column));
  for (const auto& x : v.as_array()) out.emplace_back(x.as_string());
  return out;
}

std::string slots_json(const std::vector<BroadcastSlot>& slots) {
  json::array a;
  for (const auto& slot : slots) {
    json::array days;
    for (auto d : slot.weekdays) days.emplace_back(d.c_encoding());
    json::object o{{"weekdays", days}, {"time_zone", slot.time_zone}};
    if (slot.local_time) o["minutes"] = slot.local_time->count();
    if (slot.from) o["from"] = format_date_iso(*slot.from);
    if (slot.episodes != 1) o["episodes"] = slot.episodes;
    a.push_back(o);
  }
  return json::serialize(a);
}

std::vector<BroadcastSlot> slots_column(const Statement& s, int column) {
  std::vector<BroadcastSlot> out;
  json::value parsed = json::parse(s.text(column));  // kept alive while the loop reads it
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    BroadcastSlot slot;
    for (const auto& d : o.at("weekdays").as_array()) slot.weekdays.emplace_back(static_cast<unsigned>(d.as_int64()));
    if (auto* m = o.if_contains("minutes")) slot.local_time = minutes(m->as_int64());
    slot.time_zone = std::string(o.at("time_zone").as_string());
    if (auto* from = o.if_contains("from")) slot.from = parse_date(from->as_string());
    if (auto* episodes = o.if_contains("episodes")) slot.episodes = static_cast<int>(episodes->as_int64());
    out.push_back(std::move(slot));
  }
  return out;
}

std::string schedule_changes_json(const std::vector<ScheduleChange>& changes) {
  json::array a;
  for (const auto& c : changes) {
    json::object o{{"kind", to_string(c.kind)}, {"date", format_date_iso(c.date)}};
    if (c.new_date) o["new_date"] = format_date_iso(*c.new_date);
    if (c.new_time) o["new_time"] = c.new_time->count();
    if (!c.title.empty()) o["title"] = c.title;
    if (!c.reason.empty()) o["reason"] = c.reason;
    a.push_back(o);
  }
  return json::serialize(a);
}

std::vector<ScheduleChange> schedule_changes_column(const Statement& s, int column) {
  std::vector<ScheduleChange> out;
  json::value parsed = json::parse(s.text(column));
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    ScheduleChange c;
    c.kind = parse_schedule_change_kind(o.at("kind").as_string()).value_or(ScheduleChangeKind::preempted);
    c.date = parse_date(o.at("date").as_string()).value();
    if (auto* x = o.if_contains("new_date")) c.new_date = parse_date(x->as_string());
    if (auto* x = o.if_contains("new_time")) c.new_time = minutes(x->as_int64());
    if (auto* x = o.if_contains("title")) c.title = std::string(x->as_string());
    if (auto* x = o.if_contains("reason")) c.reason = std::string(x->as_string());
    out.push_back(std::move(c));
  }
  return out;
}

std::string streaming_json(const std::vector<StreamingLink>& links) {
  json::array a;
  for (const auto& l : links) {
    json::array regions;
    for (const auto& r : l.regions) regions.emplace_back(r);
    a.push_back(json::object{{"provider", l.provider}, {"url", l.url}, {"regions", regions}});
  }
  return json::serialize(a);
}

std::vector<StreamingLink> streaming_column(const Statement& s, int column) {
  std::vector<StreamingLink> out;
  json::value parsed = json::parse(s.text(column));
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    StreamingLink l{std::string(o.at("provider").as_string()), std::string(o.at("url").as_string()), {}};
    for (const auto& r : o.at("regions").as_array()) l.regions.emplace_back(r.as_string());
    out.push_back(std::move(l));
  }
  return out;
}

std::int64_t id_of(Connection& db, std::string_view table, std::string_view slug) {
  auto q = db.prepare("SELECT id FROM " + std::string(table) + " WHERE slug = ?");
  q.bind(1, slug);
  if (!q.step()) throw StoreError(std::string(table) + " has no '" + std::string(slug) + "'");
  return q.int64(0);
}

std::string_view table_of(std::string_view kind) {
  if (kind == "person") return "people";
  if (kind == "group") return "music_groups";
  if (kind == "show") return "shows";
  return "networks";
}



std::vector<std::string> aliases_of(Connection& db, std::string_view kind, std::int64_t id,
                                    std::initializer_list<std::string_view> names) {
  std::vector<std::string> out;
  auto q = db.prepare("SELECT alias FROM aliases WHERE kind = ? AND entity_id = ? ORDER BY rowid");
  q.bind(1, kind).bind(2, id);
  while (q.step()) {
    auto alias = q.text(0);
    if (std::find(names.begin(), names.end(), alias) == names.end()) out.push_back(std::move(alias));
  }
  return out;
}

void save_aliases(Connection& db, std::string_view kind, std::int64_t id, std::vector<std::string> names) {
  auto before = aliases_of(db, kind, id, {});
  db.prepare("DELETE FROM aliases WHERE kind = ? AND entity_id = ?").bind(1, kind).bind(2, id).run();
  for (const auto& alias : names) {
    std::string folded = fold_name(alias);
    if (folded.empty()) continue;
    db.prepare("INSERT INTO aliases (kind, entity_id, alias, folded, compact) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(1, kind)
        .bind(2, id)
        .bind(3, alias)
        .bind(4, folded)
        .bind(5, compact_name(alias))
        .run();
  }
  // The first name is the links' title, the rest what they are made on: an entity saved with
  // the same names in the same order (a new birthday, a new episode) changes no article.
  if (kind != "network" && aliases_of(db, kind, id, {}) != before) rendered_bodies::entity_links_changed(db, kind, id);
}

// A filter on aliases: the folded query inside a folded alias, or the compact query inside a
// compact one. Both patterns are bound, never spliced.
std::string alias_filter(std::string_view id_column) {
  return " (?1 = '' OR " + std::string(id_column) +
         " IN (SELECT entity_id FROM aliases WHERE kind = ?2 AND "
         "(folded LIKE ?3 ESCAPE '\\' OR (?4 <> '' AND compact LIKE ?4 ESCAPE '\\'))))";
}

std::string like_pattern(const std::string& text) {
  std::string p = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

void bind_alias_filter(Statement& q, std::string_view kind, const std::string& text) {
  std::string folded = fold_name(text);
  std::string packed = compact_name(text);
  q.bind(1, folded).bind(2, kind).bind(3, like_pattern(folded)).bind(4, packed.empty() ? "" : like_pattern(packed));
}

constexpr std::string_view kShowColumns =
    "s.id, s.slug, s.title, s.original_title, COALESCE(n.slug, ''), s.genres, s.episode_count, s.first_air_date, "
    "s.last_air_date, s.synopsis, s.poster_url, s.status, s.slots, s.streaming, s.titles, s.schedule_changes";

Show read_show(Connection& db, const Statement& q) {
  Show s;
  s.id = q.int64(0);
  s.slug = q.text(1);
  s.title = q.text(2);
  s.original_title = q.text(3);
  s.network = q.text(4);
  s.genres = strings_column(q, 5);
  s.episode_count = static_cast<int>(q.int64(6));
  s.first_air_date = date_column(q, 7);
  s.last_air_date = date_column(q, 8);
  s.synopsis = q.text(9);
  s.poster_url = q.text(10);
  s.status = parse_show_status(q.text(11)).value_or(ShowStatus::ended);
  s.slots = slots_column(q, 12);
  s.streaming = streaming_column(q, 13);
  s.schedule_changes = schedule_changes_column(q, 15);
  json::value titles = json::parse(q.text(14));
  for (const auto& [language, title] : titles.as_object()) s.titles[std::string(language)] = std::string(title.as_string());
  s.aliases = aliases_of(db, "show", s.id, {s.title, s.original_title});
  std::erase_if(s.aliases, [&](const std::string& alias) {
    return std::any_of(s.titles.begin(), s.titles.end(), [&](const auto& t) { return t.second == alias; });
  });
  return s;
}

constexpr std::string_view kPersonColumns = "id, slug, name, hangul_name, birth_date, occupations, bio";

Person read_person(Connection& db, const Statement& q) {
  Person p;
  p.id = q.int64(0);
  p.slug = q.text(1);
  p.name = q.text(2);
  p.hangul_name = q.text(3);
  p.birth_date = date_column(q, 4);
  p.occupations = strings_column(q, 5);
  p.bio = q.text(6);
  p.aliases = aliases_of(db, "person", p.id, {p.name, p.hangul_name});
  return p;
}

constexpr std::string_view kGroupColumns = "id, slug, name, hangul_name, debut_date, company, fandom";

Group read_group(Connection& db, const Statement& q) {
  Group g;
  g.id = q.int64(0);
  g.slug = q.text(1);
  g.name = q.text(2);
  g.hangul_name = q.text(3);
  g.debut_date = date_column(q, 4);
  g.company = q.text(5);
  g.fandom = q.text(6);
  g.aliases = aliases_of(db, "group", g.id, {g.name, g.hangul_name});
  return g;
}

template <typename T, typename Read>
CatalogPage<T> page_of(Connection& db, std::string_view kind, std::string_view columns, std::string_view from,
                       std::string_view extra_where, const CatalogQuery& query, Read read,
                       const std::function<void(Statement&)>& bind_extra = {}) {
  std::string where = " WHERE" + alias_filter(kind == "show" ? "s.id" : "id") + std::string(extra_where);
  std::string list_sql = "SELECT " + std::string(columns) + std::string(from) + where + " ORDER BY " +
                         (kind == "show" ? "s.first_air_date IS NULL, s.first_air_date DESC, s.title" : "name") +
                         " LIMIT ?8 OFFSET ?9";
  CatalogPage<T> page;
  {
    auto q = db.prepare(list_sql);
    bind_alias_filter(q, kind, query.q);
    if (bind_extra) bind_extra(q);
    q.bind(8, query.limit).bind(9, query.offset);
    while (q.step()) page.items.push_back(read(db, q));
  }
  auto c = db.prepare("SELECT COUNT(*)" + std::string(from) + where);
  bind_alias_filter(c, kind, query.q);
  if (bind_extra) bind_extra(c);
  c.step();
  page.total = c.int64(0);
  return page;
}

}  // namespace

void save_network(Connection& db, const Network& n) {
  db.prepare("INSERT INTO networks (slug, name) VALUES (?, ?) ON CONFLICT(slug) DO UPDATE SET name = excluded.name")
      .bind(1, n.slug)
      .bind(2, n.name)
      .run();
  std::vector<std::string> names{n.name};
  names.insert(names.end(), n.aliases.begin(), n.aliases.end());
  save_aliases(db, "network", id_of(db, "networks", n.slug), names);
}

void save_show(Connection& db, const Show& s) {
  std::optional<std::int64_t> network;
  if (!s.network.empty()) network = id_of(db, "networks", s.network);
  auto q = db.prepare(
      "INSERT INTO shows (slug, title, original_title, network_id, genres, episode_count, first_air_date, "
      "last_air_date, synopsis, poster_url, status, slots, streaming, titles, schedule_changes) VALUES (?1, ?2, ?3, "
      "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) ON CONFLICT(slug) DO UPDATE SET title = ?2, "
      "original_title = ?3, network_id = ?4, genres = ?5, episode_count = ?6, first_air_date = ?7, "
      "last_air_date = ?8, synopsis = ?9, poster_url = ?10, status = ?11, slots = ?12, streaming = ?13, "
      "titles = ?14, schedule_changes = ?15");
  q.bind(1, s.slug).bind(2, s.title).bind(3, s.original_title).bind(4, network).bind(5, strings_json(s.genres));
  q.bind(6, s.episode_count).bind(7, date_text(s.first_air_date)).bind(8, date_text(s.last_air_date));
  q.bind(9, s.synopsis).bind(10, s.poster_url).bind(11, to_string(s.status)).bind(12, slots_json(s.slots));
  q.bind(13, streaming_json(s.streaming));
  json::object titles;
  for (const auto& [language, title] : s.titles) titles[language] = title;
  q.bind(14, json::serialize(titles));
  q.bind(15, schedule_changes_json(s.schedule_changes));
  q.run();
  std::vector<std::string> names{s.title, s.original_title};
  for (const auto& [language, title] : s.titles) names.push_back(title);
  names.insert(names.end(), s.aliases.begin(), s.aliases.end());
  save_aliases(db, "show", id_of(db, "shows", s.slug), names);
}

void save_person(Connection& db, const Person& p) {
  auto q = db.prepare(
      "INSERT INTO people (slug, name, hangul_name, birth_date, occupations, bio) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT(slug) DO UPDATE SET name = ?2, hangul_name = ?3, birth_date = ?4, occupations = ?5, bio = ?6");
  q.bind(1, p.slug).bind(2, p.name).bind(3, p.hangul_name).bind(4, date_text(p.birth_date));
  q.bind(5, strings_json(p.occupations)).bind(6, p.bio);
  q.run();
  std::vector<std::string> names{p.name, p.hangul_name};
  names.insert(names.end(), p.aliases.begin(), p.aliases.end());
  save_aliases(db, "person", id_of(db, "people", p.slug), names);
}

void save_group(Connection& db, const Group& g) {
  auto q = db.prepare(
      "INSERT INTO music_groups (slug, name, hangul_name, debut_date, company, fandom) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT(slug) DO UPDATE SET name = ?2, hangul_name = ?3, debut_date = ?4, company = ?5, fandom = ?6");
  q.bind(1, g.slug).bind(2, g.name).bind(3, g.hangul_name).bind(4, date_text(g.debut_date)).bind(5, g.company);
  q.bind(6, g.fandom);
  q.run();
  std::vector<std::string> names{g.name, g.hangul_name};
  names.insert(names.end(), g.aliases.begin(), g.aliases.end());
  save_aliases(db, "group", id_of(db, "music_groups", g.slug), names);
}

void save_membership(Connection& db, const Membership& m) {
  auto q = db.prepare(
      "INSERT INTO memberships (group_id, person_id, stage_name, from_date, to_date) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(group_id, person_id) DO UPDATE SET stage_name = ?3, from_date = ?4, to_date = ?5");
  q.bind(1, id_of(db, "music_groups", m.group)).bind(2, id_of(db, "people", m.person)).bind(3, m.stage_name);
  q.bind(4, date_text(m.from)).bind(5, date_text(m.to));
  q.run();
}

void save_credit(Connection& db, const Credit& c) {
  auto q = db.prepare(
      "INSERT INTO credits (show_id, person_id, character, role, billing) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(show_id, person_id, character) DO UPDATE SET role = ?4, billing = ?5");
  q.bind(1, id_of(db, "shows", c.show)).bind(2, id_of(db, "people", c.person)).bind(3, c.character);
  q.bind(4, to_string(c.role)).bind(5, c.billing);
  q.run();
}

void save_episode(Connection& db, const Episode& e) {
  std::optional<std::int64_t> airs_at;
  if (e.airs_at) airs_at = e.airs_at->time_since_epoch().count();
  auto q = db.prepare(
      "INSERT INTO episodes (show_id, number, airs_at, title) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(show_id, number) DO UPDATE SET airs_at = ?3, title = ?4");
  q.bind(1, id_of(db, "shows", e.show)).bind(2, e.number).bind(3, airs_at).bind(4, e.title);
  q.run();
}

void set_article_entities(Connection& db, std::int64_t article_id, const std::vector<EntityRef>& found) {
  db.prepare("DELETE FROM article_entities WHERE article_id = ?").bind(1, article_id).run();
  rendered_bodies::article_links_changed(db, article_id);
  auto q = db.prepare("SELECT entity_links, entity_unlinks FROM articles WHERE id = ?");
  q.bind(1, article_id);
  if (!q.step()) throw StoreError("no article " + std::to_string(article_id));
  auto links = strings_column(q, 0), unlinks = strings_column(q, 1);
  // The editor's choices first: ON CONFLICT DO NOTHING keeps them over what the text gives.
  auto insert = [&](std::string_view kind, const std::string& slug, std::string_view source) {
    auto id = db.prepare("SELECT id FROM " + std::string(table_of(kind)) + " WHERE slug = ?");
    id.bind(1, slug);
    if (!id.step()) return;  // an entity since removed from the catalog
    db.prepare("INSERT INTO article_entities (article_id, kind, entity_id, source) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(1, article_id)
        .bind(2, kind)
        .bind(3, id.int64(0))
        .bind(4, source)
        .run();
  };
  for (const auto* list : {&unlinks, &links}) {
    for (const auto& ref : *list) {
      auto slash = ref.find('/');
      if (slash != std::string::npos)
        insert(std::string_view(ref).substr(0, slash), ref.substr(slash + 1), list == &links ? "editor" : "dropped");
    }
  }
  for (const auto& e : found) insert(to_string(e.kind), e.slug, "auto");
}

std::vector<std::string> slugs_by_alias(Connection& db, std::string_view kind, std::string_view alias) {
  std::vector<std::string> slugs;
  // The same folded spelling, or the same letters once spaces and hyphens are gone and Hangul
  // is transliterated (Yim Si-wan, Yim Siwan).
  auto q = db.prepare("SELECT DISTINCT e.slug, e.id FROM aliases a JOIN " + std::string(table_of(kind)) +
                      " e ON e.id = a.entity_id WHERE a.kind = ?1 AND (a.folded = ?2 OR (?3 <> '' AND a.compact = ?3))"
                      " ORDER BY e.id");
  q.bind(1, kind).bind(2, fold_name(alias)).bind(3, compact_name(alias));
  while (q.step()) slugs.push_back(q.text(0));
  return slugs;
}

std::vector<Network> networks(Connection& db) {
  std::vector<Network> out;
  auto q = db.prepare("SELECT id, slug, name FROM networks ORDER BY name");
  while (q.step()) {
    Network n{q.text(1), q.text(2), {}};
    n.aliases = aliases_of(db, "network", q.int64(0), {n.name});
    out.push_back(std::move(n));
  }
  return out;
}

std::optional<Network> network(Connection& db, std::string_view slug) {
  auto q = db.prepare("SELECT id, slug, name FROM networks WHERE slug = ?");
  q.bind(1, slug);
  if (!q.step()) return std::nullopt;
  Network n{q.text(1), q.text(2), {}};
  n.aliases = aliases_of(db, "network", q.int64(0), {n.name});
  return n;
}

std::optional<Show> show(Connection& db, std::string_view slug) {
  auto q = db.prepare("SELECT " + std::string(kShowColumns) +
                      " FROM shows s LEFT JOIN networks n ON n.id = s.network_id WHERE s.slug = ?");
  q.bind(1, slug);
  if (!q.step()) return std::nullopt;
  return read_show(db, q);
}

std::optional<Person> person(Connection& db, std::string_view slug) {
  auto q = db.prepare("SELECT " + std::string(kPersonColumns) + " FROM people WHERE slug = ?");
  q.bind(1, slug);
  if (!q.step()) return std::nullopt;
  return read_person(db, q);
}

std::optional<Group> group(Connection& db, std::string_view slug) {
  auto q = db.prepare("SELECT " + std::string(kGroupColumns) + " FROM music_groups WHERE slug = ?");
  q.bind(1, slug);
  if (!q.step()) return std::nullopt;
  return read_group(db, q);
}

std::vector<Show> shows_on_air(Connection& db, const Date& from, const Date& to) {
  auto q = db.prepare("SELECT " + std::string(kShowColumns) +
                      " FROM shows s LEFT JOIN networks n ON n.id = s.network_id WHERE s.slots <> '[]' "
                      "AND s.episode_count > 0 AND s.first_air_date <= ?1 "
                      "AND (s.last_air_date IS NULL OR s.last_air_date >= ?2) ORDER BY s.title");
  // A year before `from`: 29 February goes back to 1 March, as SQLite's date() did.
  Date year_before = from - std::chrono::years(1);
  if (!year_before.ok()) year_before = std::chrono::sys_days(year_before);
  q.bind(1, format_date_iso(to)).bind(2, format_date_iso(year_before));
  std::vector<Show> out;
  while (q.step()) out.push_back(read_show(db, q));
  return out;
}

std::vector<Person> people_born_on(Connection& db, unsigned month, unsigned day) {
  // The index people_by_birthday is on substr(birth_date, 6): "12-01".
  char month_day[8];
  std::snprintf(month_day, sizeof month_day, "%02u-%02u", month, day);
  auto q = day == 0 ? db.prepare("SELECT " + std::string(kPersonColumns) +
                                 " FROM people WHERE substr(birth_date, 6) BETWEEN ?1 AND ?2 "
                                 "ORDER BY substr(birth_date, 6), name")
                    : db.prepare("SELECT " + std::string(kPersonColumns) +
                                 " FROM people WHERE substr(birth_date, 6) = ?1 ORDER BY name");
  if (day == 0) {
    char first[8], last[8];
    std::snprintf(first, sizeof first, "%02u-01", month);
    std::snprintf(last, sizeof last, "%02u-31", month);
    q.bind(1, std::string(first)).bind(2, std::string(last));
  } else {
    q.bind(1, std::string(month_day));
  }
  std::vector<Person> out;
  while (q.step()) out.push_back(read_person(db, q));
  return out;
}

CatalogPage<Show> shows(Connection& db, const CatalogQuery& query) {
  return page_of<Show>(
      db, "show", kShowColumns, " FROM shows s LEFT JOIN networks n ON n.id = s.network_id",
      " AND (?5 = '' OR n.slug = ?5) AND (?6 = '' OR s.status = ?6)", query, read_show, [&](Statement& q) {
        q.bind(5, query.network).bind(6, query.status ? std::string(to_string(*query.status)) : std::string());
      });
}

CatalogPage<Person> people(Connection& db, const CatalogQuery& query) {
  return page_of<Person>(db, "person", kPersonColumns, " FROM people", "", query, read_person);
}

CatalogPage<Group> groups(Connection& db, const CatalogQuery& query) {
  return page_of<Group>(db, "group", kGroupColumns, " FROM music_groups", "", query, read_group);
}

std::vector<Episode> episodes(Connection& db, std::string_view show) {
  std::vector<Episode> out;
  auto q = db.prepare(
      "SELECT e.number, e.airs_at, e.title FROM episodes e JOIN shows s ON s.id = e.show_id WHERE s.slug = ? "
      "ORDER BY e.number");
  q.bind(1, show);
  while (q.step()) {
    Episode e{std::string(show), static_cast<int>(q.int64(0)), std::nullopt, q.text(2)};
    e.airs_at = instant_column(q, 1);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<Credit> credits(Connection& db, std::string_view show, std::string_view person) {
  std::vector<Credit> out;
  auto q = db.prepare(
      "SELECT s.slug, p.slug, c.character, c.role, c.billing FROM credits c JOIN shows s ON s.id = c.show_id "
      "JOIN people p ON p.id = c.person_id WHERE (?1 = '' OR s.slug = ?1) AND (?2 = '' OR p.slug = ?2) "
      "ORDER BY s.first_air_date DESC, c.role = 'guest', c.role = 'support', c.billing, p.name");
  q.bind(1, show).bind(2, person);
  while (q.step()) {
    out.push_back({q.text(0), q.text(1), q.text(2), parse_credit_role(q.text(3)).value_or(CreditRole::support),
                   static_cast<int>(q.int64(4))});
  }
  return out;
}

std::vector<Membership> memberships(Connection& db, std::string_view group, std::string_view person) {
  std::vector<Membership> out;
  auto q = db.prepare(
      "SELECT g.slug, p.slug, m.stage_name, m.from_date, m.to_date FROM memberships m "
      "JOIN music_groups g ON g.id = m.group_id JOIN people p ON p.id = m.person_id "
      "WHERE (?1 = '' OR g.slug = ?1) AND (?2 = '' OR p.slug = ?2) ORDER BY m.to_date IS NOT NULL, p.birth_date, p.name");
  q.bind(1, group).bind(2, person);
  while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), date_column(q, 3), date_column(q, 4)});
  return out;
}

std::vector<CatalogAlias> aliases(Connection& db, std::int64_t article_id) {
  std::vector<CatalogAlias> out;
  // One article's: from its few entities to their aliases, never through the whole alias table.
  constexpr std::string_view columns =
      "SELECT a.kind, COALESCE(p.slug, g.slug, s.slug), COALESCE(p.name, g.name, s.title), a.alias ";
  constexpr std::string_view names =
      "LEFT JOIN people p ON a.kind = 'person' AND p.id = a.entity_id "
      "LEFT JOIN music_groups g ON a.kind = 'group' AND g.id = a.entity_id "
      "LEFT JOIN shows s ON a.kind = 'show' AND s.id = a.entity_id ";
  auto q = article_id == 0
               ? db.prepare(std::string(columns) + "FROM aliases a " + std::string(names) + "WHERE a.kind <> 'network'")
               : db.prepare(std::string(columns) +
                            "FROM article_entities ae JOIN aliases a ON a.kind = ae.kind AND a.entity_id = ae.entity_id " +
                            std::string(names) + "WHERE ae.article_id = ?1 AND ae.source <> 'dropped'");
  if (article_id != 0) q.bind(1, article_id);
  while (q.step()) {
    out.push_back({{parse_entity_kind(q.text(0)).value_or(EntityKind::show), q.text(1), q.text(2)}, q.text(3)});
  }
  return out;
}

std::vector<ArticleEntity> article_entities(Connection& db, std::int64_t article_id) {
  return std::move(article_entities_between(db, article_id, article_id)[article_id]);
}

std::map<std::int64_t, std::vector<ArticleEntity>> article_entities_between(Connection& db, std::int64_t first_id,
                                                                           std::int64_t last_id) {
  std::map<std::int64_t, std::vector<ArticleEntity>> out;
  auto q = db.prepare(
      "SELECT ae.article_id, ae.kind, COALESCE(p.slug, g.slug, s.slug), COALESCE(p.name, g.name, s.title), ae.source "
      "FROM article_entities ae "
      "LEFT JOIN people p ON ae.kind = 'person' AND p.id = ae.entity_id "
      "LEFT JOIN music_groups g ON ae.kind = 'group' AND g.id = ae.entity_id "
      "LEFT JOIN shows s ON ae.kind = 'show' AND s.id = ae.entity_id "
      "WHERE ae.article_id BETWEEN ? AND ? ORDER BY ae.article_id, ae.rowid");
  q.bind(1, first_id).bind(2, last_id);
  while (q.step()) {
    auto source = q.text(4);
    out[q.int64(0)].push_back({{parse_entity_kind(q.text(1)).value_or(EntityKind::show), q.text(2), q.text(3)},
                               source == "editor"    ? ArticleEntity::Source::editor
                               : source == "dropped" ? ArticleEntity::Source::dropped
                                                     : ArticleEntity::Source::automatic});
  }
  return out;
}

}  // namespace kpress::sql::catalog
