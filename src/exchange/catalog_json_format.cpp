// kpress's own catalog format: {"networks": [...], "people": [...], "shows": [...], "groups": [...]}
// with each show's slots, streaming links, episodes and cast, and each group's members inside.
#include <boost/json.hpp>

#include "core/schedule.hpp"
#include "exchange/catalog_merger.hpp"
#include "exchange/json_document.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace kpress {

namespace json = boost::json;

namespace {

// Reads fields of one JSON object, collecting what is wrong with them.
class Fields {
 public:
  explicit Fields(const json::value& v) : object_(v.if_object()) {
    if (!object_) problems_.push_back("must be an object");
  }
  std::string text(std::string_view key, bool required = false) {
    const json::value* v = object_ ? object_->if_contains(key) : nullptr;
    if (!v || v->is_null()) {
      if (required && object_) problems_.push_back(std::string(key) + " is required");
      return {};
    }
    if (auto* s = v->if_string()) return std::string(*s);
    problems_.push_back(std::string(key) + " must be a string");
    return {};
  }
  std::vector<std::string> list(std::string_view key) {
    std::vector<std::string> out;
    const json::value* v = object_ ? object_->if_contains(key) : nullptr;
    if (!v) return out;
    if (auto* a = v->if_array()) {
      for (const auto& x : *a) {
        if (auto* s = x.if_string()) out.emplace_back(*s);
        else problems_.push_back(std::string(key) + " must be a list of strings");
      }
    } else {
      problems_.push_back(std::string(key) + " must be a list of strings");
    }
    return out;
  }
  int number(std::string_view key) {
    const json::value* v = object_ ? object_->if_contains(key) : nullptr;
    if (!v) return 0;
    if (auto* i = v->if_int64(); i && *i >= 0 && *i < 100000) return static_cast<int>(*i);
    problems_.push_back(std::string(key) + " must be a whole number");
    return 0;
  }
  std::optional<Date> date(std::string_view key) {
    std::string t = text(key);
    if (t.empty()) return std::nullopt;
    auto d = parse_date(t);
    if (!d) problems_.push_back(std::string(key) + " '" + t + "' is not a date (YYYY-MM-DD)");
    return d;
  }
  const json::array& array(std::string_view key) {
    static const json::array empty;
    const json::value* v = object_ ? object_->if_contains(key) : nullptr;
    if (!v) return empty;
    if (auto* a = v->if_array()) return *a;
    problems_.push_back(std::string(key) + " must be a list");
    return empty;
  }
  bool has(std::string_view key) const { return object_ && object_->if_contains(key); }
  void problem(std::string p) { problems_.push_back(std::move(p)); }
  bool ok() const { return problems_.empty(); }
  std::string reason() const {
    std::string r;
    for (const auto& p : problems_) r += (r.empty() ? "" : "; ") + p;
    return r;
  }

 private:
  const json::object* object_;
  std::vector<std::string> problems_;
};

}  // namespace

void read_catalog_json(CatalogMerger& merger, const std::string& file, std::string_view text) {
  JsonSyntaxError syntax;
  auto document = parse_json_document(text, syntax);
  if (!document) throw std::runtime_error(file + ":" + std::to_string(syntax.line) + ": " + syntax.message);
  if (!document->is_object()) throw std::runtime_error(file + ": expected an object with networks, people, shows, groups");
  const auto& root = document->as_object();
  auto list = [&](std::string_view key) -> const json::array& {
    static const json::array empty;
    auto* v = root.if_contains(key);
    return v && v->is_array() ? v->as_array() : empty;
  };
  auto where = [](std::string_view key, std::size_t i) { return std::string(key) + "[" + std::to_string(i) + "]"; };

  for (std::size_t i = 0; i < list("networks").size(); ++i) {
    Fields f(list("networks")[i]);
    Network n{f.text("slug"), f.text("name", true), f.list("aliases")};
    if (!f.ok()) {
      merger.reject(file, 0, where("networks", i), f.reason());
      continue;
    }
    if (n.slug.empty()) n.slug = merger.network(n.name);
    merger.tx().save_network(n);
  }
  for (std::size_t i = 0; i < list("people").size(); ++i) {
    Fields f(list("people")[i]);
    Person p;
    p.slug = f.text("slug");
    p.name = f.text("name", true);
    p.hangul_name = f.text("hangul_name");
    p.aliases = f.list("aliases");
    p.birth_date = f.date("birth_date");
    p.occupations = f.list("occupations");
    p.bio = f.text("bio");
    if (f.ok()) merger.person(std::move(p));
    else merger.reject(file, 0, where("people", i), f.reason());
  }
  for (std::size_t i = 0; i < list("groups").size(); ++i) {
    Fields f(list("groups")[i]);
    Group g;
    g.slug = f.text("slug");
    g.name = f.text("name", true);
    g.hangul_name = f.text("hangul_name");
    g.aliases = f.list("aliases");
    g.debut_date = f.date("debut_date");
    g.company = f.text("company");
    g.fandom = f.text("fandom");
    std::vector<Membership> members;
    for (const auto& m : f.array("members")) {
      Fields mf(m);
      members.push_back({"", mf.text("person", true), mf.text("stage_name"), mf.date("from"), mf.date("to")});
      if (!mf.ok()) f.problem("members: " + mf.reason());
    }
    if (!f.ok()) {
      merger.reject(file, 0, where("groups", i), f.reason());
      continue;
    }
    std::string slug = merger.group(std::move(g));
    for (auto& m : members) {
      m.group = slug;
      if (!merger.tx().person(m.person)) {
        merger.reject(file, 0, where("groups", i), "members: no person '" + m.person + "'");
        continue;
      }
      merger.tx().save_membership(m);
    }
  }
  for (std::size_t i = 0; i < list("shows").size(); ++i) {
    Fields f(list("shows")[i]);
    Show s;
    s.slug = f.text("slug");
    s.title = f.text("title", true);
    s.original_title = f.text("original_title");
    s.aliases = f.list("aliases");
    if (const auto* titles = list("shows")[i].is_object() ? list("shows")[i].as_object().if_contains("titles") : nullptr) {
      if (auto* o = titles->if_object()) {
        for (const auto& [language, title] : *o) {
          if (auto* t = title.if_string()) s.titles[std::string(language)] = std::string(*t);
          else f.problem("titles must map languages to titles");
        }
      } else {
        f.problem("titles must map languages to titles, such as {\"fr\": \"...\"}");
      }
    }
    std::string network = f.text("network");
    s.genres = f.list("genres");
    s.episode_count = f.number("episode_count");
    s.first_air_date = f.date("first_air_date");
    s.last_air_date = f.date("last_air_date");
    s.synopsis = f.text("synopsis");
    s.poster_url = f.text("poster_url");
    std::string status = f.text("status");
    if (auto st = parse_show_status(status)) s.status = *st;
    else if (!status.empty()) f.problem("status must be upcoming, airing or ended");
    for (const auto& slot_value : f.array("slots")) {
      Fields sf(slot_value);
      BroadcastSlot slot;
      std::string days = sf.text("days", true), time = sf.text("time");
      auto parsed_days = parse_weekdays(days);
      if (!parsed_days) sf.problem("days '" + days + "' are not days of the week");
      else slot.weekdays = *parsed_days;
      if (!time.empty()) {
        slot.local_time = parse_time_of_day(time);
        if (!slot.local_time) sf.problem("time '" + time + "' is not HH:MM");
      }
      if (auto zone = sf.text("time_zone"); !zone.empty()) {
        slot.time_zone = zone;
        if (!is_time_zone(zone)) sf.problem("time_zone '" + zone + "' is not an IANA time zone (such as Asia/Seoul)");
      }
      slot.from = sf.date("from");
      if (sf.has("episodes")) {
        slot.episodes = sf.number("episodes");
        if (slot.episodes < 1 || slot.episodes > 4) sf.problem("episodes must be from 1 to 4 a slot day");
      }
      if (!sf.ok()) f.problem("slots: " + sf.reason());
      s.slots.push_back(std::move(slot));
    }
    // Changes name slot days: of this row's slots, or of the show it updates when it has none.
    std::optional<Show> updated;
    if (s.slots.empty() && !s.slug.empty()) updated = merger.tx().show(s.slug);
    const Show& scheduled = updated ? *updated : s;
    for (const auto& change_value : f.array("changes")) {
      Fields cf(change_value);
      ScheduleChange change;
      std::string kind = cf.text("kind", true);
      if (auto k = parse_schedule_change_kind(kind)) change.kind = *k;
      else if (!kind.empty()) cf.problem("kind '" + kind + "' must be preempted, moved, double or special");
      auto date = cf.date("date");
      if (!date && cf.ok()) cf.problem("date is required");
      change.new_date = cf.date("new_date");
      if (auto time = cf.text("time"); !time.empty()) {
        change.new_time = parse_time_of_day(time);
        if (!change.new_time) cf.problem("time '" + time + "' is not HH:MM");
      }
      change.title = cf.text("title", change.kind == ScheduleChangeKind::special);
      change.reason = cf.text("reason");
      if (change.kind == ScheduleChangeKind::moved && !change.new_date && !change.new_time)
        cf.problem("a moved episode needs new_date or time");
      if (date && cf.ok()) {
        change.date = *date;
        const BroadcastSlot* slot = slot_in_force(scheduled, *date);
        if (change.kind != ScheduleChangeKind::special && !(slot && airs_on(*slot, *date)))
          cf.problem(format_date_iso(*date) + " is not a broadcast day of the show");
      }
      if (!cf.ok()) f.problem("changes: " + cf.reason());
      else s.schedule_changes.push_back(std::move(change));
    }
    for (const auto& link : f.array("streaming")) {
      Fields lf(link);
      s.streaming.push_back({lf.text("provider", true), lf.text("url", true), lf.list("regions")});
      if (!lf.ok()) f.problem("streaming: " + lf.reason());
    }
    std::vector<Credit> cast;
    for (const auto& c : f.array("cast")) {
      Fields cf(c);
      Credit credit{"", cf.text("person", true), cf.text("character"), CreditRole::main, cf.number("billing")};
      std::string role = cf.text("role");
      if (auto r = parse_credit_role(role)) credit.role = *r;
      else if (!role.empty()) cf.problem("role must be main, support or guest");
      if (!cf.ok()) f.problem("cast: " + cf.reason());
      cast.push_back(std::move(credit));
    }
    std::vector<Episode> episodes;
    for (const auto& e : f.array("episodes")) {
      Fields ef(e);
      Episode episode{"", ef.number("number"), std::nullopt, ef.text("title")};
      if (auto at = ef.text("airs_at"); !at.empty()) {
        episode.airs_at = parse_iso8601(at);
        if (!episode.airs_at) ef.problem("airs_at '" + at + "' is not a date and time");
      }
      if (!ef.ok()) f.problem("episodes: " + ef.reason());
      episodes.push_back(std::move(episode));
    }
    if (!f.ok()) {
      merger.reject(file, 0, where("shows", i), f.reason());
      continue;
    }
    if (!network.empty()) s.network = merger.network(network);
    std::string slug = merger.show(std::move(s));
    for (auto& c : cast) {
      c.show = slug;
      if (!merger.tx().person(c.person)) {
        merger.reject(file, 0, where("shows", i), "cast: no person '" + c.person + "'");
        continue;
      }
      merger.tx().save_credit(c);
    }
    for (auto& e : episodes) {
      e.show = slug;
      merger.tx().save_episode(e);
    }
  }
}

}  // namespace kpress

namespace kpress {

namespace {

json::array string_array(const std::vector<std::string>& list) {
  json::array a;
  for (const auto& s : list) a.emplace_back(s);
  return a;
}

json::object titles_object(const std::map<std::string, std::string>& titles) {
  json::object o;
  for (const auto& [language, title] : titles) o[language] = title;
  return o;
}

json::value date_value(const std::optional<Date>& d) {
  return d ? json::value(format_date_iso(*d)) : json::value(nullptr);
}

template <typename T, typename Fetch>
std::vector<T> everything(Fetch fetch) {
  std::vector<T> all;
  CatalogQuery q;
  q.limit = 1000;
  for (;;) {
    auto page = fetch(q);
    for (auto& item : page.items) all.push_back(std::move(item));
    if (page.items.empty() || static_cast<std::int64_t>(all.size()) >= page.total) break;
    q.offset += q.limit;
  }
  std::sort(all.begin(), all.end(), [](const T& a, const T& b) { return a.slug < b.slug; });
  return all;
}

json::object person_json(const Person& p) {
  return json::object{{"slug", p.slug},
                      {"name", p.name},
                      {"hangul_name", p.hangul_name},
                      {"aliases", string_array(p.aliases)},
                      {"birth_date", date_value(p.birth_date)},
                      {"occupations", string_array(p.occupations)},
                      {"bio", p.bio}};
}

json::object group_json(const Store& store, const Group& g) {
  json::array members;
  for (const auto& m : store.members_of(g.slug)) {
    members.push_back(json::object{
        {"person", m.person}, {"stage_name", m.stage_name}, {"from", date_value(m.from)}, {"to", date_value(m.to)}});
  }
  return json::object{{"slug", g.slug},
                      {"name", g.name},
                      {"hangul_name", g.hangul_name},
                      {"aliases", string_array(g.aliases)},
                      {"debut_date", date_value(g.debut_date)},
                      {"company", g.company},
                      {"fandom", g.fandom},
                      {"members", members}};
}

json::object show_json(const Store& store, const Show& s, const std::string& network_name) {
  json::array slots, changes, streaming, cast, episodes;
  for (const auto& c : s.schedule_changes) {
    json::object o{{"kind", to_string(c.kind)}, {"date", format_date_iso(c.date)}};
    if (c.new_date) o["new_date"] = format_date_iso(*c.new_date);
    if (c.new_time) o["time"] = format_time_of_day(*c.new_time);
    if (!c.title.empty()) o["title"] = c.title;
    if (!c.reason.empty()) o["reason"] = c.reason;
    changes.push_back(o);
  }
  for (const auto& slot : s.slots) {
    std::string days;
    for (auto d : slot.weekdays) days += (days.empty() ? "" : ", ") + weekday_name(d);
    json::object o{{"days", days}, {"time_zone", slot.time_zone}, {"from", date_value(slot.from)}};
    if (slot.local_time) o["time"] = format_time_of_day(*slot.local_time);
    if (slot.episodes != 1) o["episodes"] = slot.episodes;
    slots.push_back(o);
  }
  for (const auto& l : s.streaming)
    streaming.push_back(json::object{{"provider", l.provider}, {"url", l.url}, {"regions", string_array(l.regions)}});
  for (const auto& c : store.credits_of_show(s.slug)) {
    cast.push_back(json::object{
        {"person", c.person}, {"character", c.character}, {"role", to_string(c.role)}, {"billing", c.billing}});
  }
  for (const auto& e : store.episodes(s.slug)) {
    json::object o{{"number", e.number}, {"title", e.title}};
    if (e.airs_at) o["airs_at"] = format_iso8601(*e.airs_at);
    episodes.push_back(o);
  }
  return json::object{{"slug", s.slug},
                      {"title", s.title},
                      {"original_title", s.original_title},
                      {"titles", titles_object(s.titles)},
                      {"aliases", string_array(s.aliases)},
                      {"network", network_name},
                      {"genres", string_array(s.genres)},
                      {"episode_count", s.episode_count},
                      {"first_air_date", date_value(s.first_air_date)},
                      {"last_air_date", date_value(s.last_air_date)},
                      {"synopsis", s.synopsis},
                      {"poster_url", s.poster_url},
                      {"status", to_string(s.status)},
                      {"slots", slots},
                      {"changes", changes},
                      {"streaming", streaming},
                      {"cast", cast},
                      {"episodes", episodes}};
}

std::string network_name(const Store& store, const std::string& slug) {
  if (slug.empty()) return "";
  auto n = store.network(slug);
  return n ? n->name : slug;
}

}  // namespace

std::string write_catalog_json(const Store& store) {
  std::vector<json::value> networks, people, groups, shows;
  for (const auto& n : store.networks())
    networks.push_back(json::object{{"slug", n.slug}, {"name", n.name}, {"aliases", string_array(n.aliases)}});
  for (const auto& p : everything<Person>([&](const CatalogQuery& q) { return store.people(q); })) people.push_back(person_json(p));
  for (const auto& g : everything<Group>([&](const CatalogQuery& q) { return store.groups(q); })) groups.push_back(group_json(store, g));
  for (const auto& s : everything<Show>([&](const CatalogQuery& q) { return store.shows(q); }))
    shows.push_back(show_json(store, s, network_name(store, s.network)));
  // One entity a line, so exports compare well with diff.
  std::string out = "{\n";
  auto section = [&](const char* name, const std::vector<json::value>& items, bool last) {
    out += std::string("\"") + name + "\": [\n";
    for (std::size_t i = 0; i < items.size(); ++i) out += json::serialize(items[i]) + (i + 1 < items.size() ? ",\n" : "\n");
    out += last ? "]\n" : "],\n";
  };
  section("networks", networks, false);
  section("people", people, false);
  section("groups", groups, false);
  section("shows", shows, true);
  return out + "}\n";
}

std::string catalog_entry_json(const Store& store, EntityKind kind, std::string_view slug) {
  json::object entry;
  switch (kind) {
    case EntityKind::person:
      if (auto p = store.person(slug)) entry["people"] = json::array{person_json(*p)};
      break;
    case EntityKind::group:
      if (auto g = store.group(slug)) entry["groups"] = json::array{group_json(store, *g)};
      break;
    case EntityKind::show:
      if (auto s = store.show(slug)) entry["shows"] = json::array{show_json(store, *s, network_name(store, s->network))};
      break;
  }
  return entry.empty() ? std::string() : pretty_json(entry);
}

}  // namespace kpress
