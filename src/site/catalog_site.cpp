#include "site/catalog_site.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/pchars.hpp>


#include "core/numbers.hpp"
#include "render/dates.hpp"
#include "render/json_ld.hpp"
#include "render/theme.hpp"
#include "site/cache_tags.hpp"
#include "site/catalog_views.hpp"
#include "site/schedule_views.hpp"
#include "site/error_page.hpp"
#include "site/json_response.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

namespace json = boost::json;
using http::Status;

namespace {

std::string role_label(CreditRole role, const Speech& speech) {
  switch (role) {
    case CreditRole::main: return speech.text("Lead");
    case CreditRole::support: return speech.text("Supporting");
    case CreditRole::guest: return speech.text("Guest");
  }
  return "";
}

std::string status_label(ShowStatus status, const Speech& speech) {
  switch (status) {
    case ShowStatus::upcoming: return speech.text("Upcoming");
    case ShowStatus::airing: return speech.text("On air");
    case ShowStatus::ended: return speech.text("Ended");
  }
  return "";
}

std::string join(const std::vector<std::string>& list, std::string_view separator) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : std::string(separator)) + s;
  return out;
}

JsonLdContext ld_context(const SiteContext& c) { return {c.site.base_url, c.site.name}; }


// A query parameter that is a whole number, or `fallback` when absent.
std::optional<std::int64_t> number_or(const std::string& text, std::int64_t fallback) {
  return text.empty() ? std::optional<std::int64_t>(fallback) : parse_whole_number(text);
}

}  // namespace

CatalogSite::CatalogSite(const Store& store, const SiteContextCache& contexts, const Theme& theme,
                         ReaderSiteOptions options)
    : store_(store), contexts_(contexts), theme_(theme), options_(std::move(options)) {}

void CatalogSite::add_routes(http::Router& router) const {
  using V = http::Verb;
  http::RouteHandler not_found = [this](const auto&, const auto&) {
    return error_page(*contexts_.get(), theme_, Status::not_found);
  };
  auto edition_route = [&](std::string_view pattern, auto handler) { add_edition_routes(router, contexts_, pattern, handler, not_found); };
  edition_route("/shows", [this](const auto& req, const auto&, const Edition& e) { return index(req, EntityKind::show, e); });
  edition_route("/people", [this](const auto& req, const auto&, const Edition& e) { return index(req, EntityKind::person, e); });
  edition_route("/groups", [this](const auto& req, const auto&, const Edition& e) { return index(req, EntityKind::group, e); });
  edition_route("/shows/{slug}", [this](const auto& req, const auto& p, const Edition& e) { return show(req, p.get("slug"), e); });
  edition_route("/people/{slug}", [this](const auto& req, const auto& p, const Edition& e) { return person(req, p.get("slug"), e); });
  edition_route("/groups/{slug}", [this](const auto& req, const auto& p, const Edition& e) { return group(req, p.get("slug"), e); });
  edition_route("/networks/{slug}", [this](const auto& req, const auto& p, const Edition& e) { return network(req, p.get("slug"), e); });
  router.add(V::get, "/api/v1/shows", [this](const auto& req, const auto&) { return api(req, EntityKind::show); });
  router.add(V::get, "/api/v1/people", [this](const auto& req, const auto&) { return api(req, EntityKind::person); });
  router.add(V::get, "/api/v1/groups", [this](const auto& req, const auto&) { return api(req, EntityKind::group); });
}

http::Response CatalogSite::page(const SiteContext& context, std::string_view template_name, TemplateData data,
                                 const PageMeta& meta, std::vector<std::string> tags,
                                 std::optional<Instant> until) const {
  auto res = http::make_response(Status::ok, render_page(theme_, context, template_name, std::move(data), meta),
                                 "text/html; charset=utf-8");
  mark_cacheable(res, std::move(tags), store_, options_.clock(), until);
  return res;
}

void CatalogSite::add_related(TemplateData& page, const EntityRef& entity, const SiteContext& context,
                              const Edition& edition) const {
  ArticleQuery q;
  q.about = entity;
  q.language = edition.language;
  q.visible_at = options_.clock();
  q.limit = 12;
  q.count = false;
  auto related = store_.articles(q);
  page.set("has_related", !related.items.empty());
  page.set("related", cards_view(related.items, context, edition.language));
}

http::Response CatalogSite::show(const http::Request&, std::string_view slug, const Edition& edition) const {
  auto s = store_.show(slug);
  if (!s) return error_page(*contexts_.get(), theme_, Status::not_found);
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  Instant now = options_.clock();
  std::optional<Instant> changes_at;
  Speech speech = speech_in(theme_, edition.language);
  TemplateData data = show_facts(*s, store_, now, context, speech, &changes_at);
  set_names(data, "title", "original_title", title_in(*s, edition.language), s->original_title, s->title);
  data.set("url", edition.path("/shows/" + s->slug));
  data.set("has_aliases", !s->aliases.empty());
  data.set("aliases", alias_list(s->aliases));
  set_text(data, "poster_url", s->poster_url);
  data.set("first_air", date_view(s->first_air_date, edition.language));
  data.set("last_air", date_view(s->last_air_date, edition.language));
  data.set("status", status_label(s->status, speech));
  set_text(data, "genres", join(s->genres, ", "));
  set_text(data, "synopsis", s->synopsis);

  std::vector<std::pair<Credit, Person>> cast;
  TemplateData cast_list{TemplateData::type::list};
  for (const auto& credit : store_.credits_of_show(s->slug)) {
    auto person = store_.person(credit.person);
    if (!person) continue;
    TemplateData item;
    item.set("url", edition.path("/people/" + person->slug));
    item.set("name", name_in(*person, edition.language));
    item.set("role", role_label(credit.role, speech));
    item.set("character", credit.character);
    cast_list.push_back(std::move(item));
    cast.emplace_back(credit, *person);
  }
  data.set("has_cast", !cast.empty());
  // Every airing when the schedule can be computed, else the episodes the catalog knows.
  TemplateData episode_list{TemplateData::type::list};
  auto airings = show_airings(*s, store_);
  for (const auto& a : airings) {
    TemplateData item = airing_view(a, context, ReaderZone{context.site.time_zone, false, {}}, speech);
    set_text(item, "number", a.episode ? std::to_string(a.episode) : "");
    episode_list.push_back(std::move(item));
  }
  if (airings.empty()) {
    for (const auto& e : store_.episodes(s->slug)) {
      TemplateData item;
      item.set("number", std::to_string(e.number));
      item.set("label", speech.text("Episode {n}", {{"n", std::to_string(e.number)}}));
      set_text(item, "episode_title", e.title);
      item.set("time", e.airs_at ? time_view(*e.airs_at, context, edition.language) : TemplateData(false));
      for (const char* absent : {"is_preempted", "moved", "reason"}) item.set(absent, false);
      episode_list.push_back(std::move(item));
    }
  }
  data.set("has_episodes", !episode_list.is_empty_list());
  data.set("episode_list", episode_list);
  data.set("cast", cast_list);
  add_related(data, {EntityKind::show, s->slug, s->title}, context, edition);

  std::string network_name;
  if (auto n = s->network.empty() ? std::nullopt : store_.network(s->network)) network_name = n->name;
  PageMeta meta{.title = title_in(*s, edition.language),
                .description = s->synopsis.substr(0, 200),
                .canonical_path = edition.path("/shows/" + s->slug),
                .nav_current = "shows",
                .json_ld = json_ld_script(tv_series_ld(*s, network_name, cast, ld_context(context))),
                .feed_path = edition.path("/shows/" + s->slug + "/feed"),
                .feed_title = title_in(*s, edition.language)};
  meta.language = edition.language;
  meta.in_every_edition = true;
  if (!s->poster_url.empty()) meta.image = {s->poster_url, speech.text("Poster of {title}", {{"title", meta.title}}), ""};
  std::vector<std::string> tags{"entity:show/" + s->slug, "about:show/" + s->slug};
  for (const auto& [credit, person] : cast) tags.push_back("entity:person/" + person.slug);
  if (!s->network.empty()) tags.push_back("network:" + s->network);
  return page(context, "show", std::move(data), meta, std::move(tags), changes_at);
}

http::Response CatalogSite::person(const http::Request&, std::string_view slug, const Edition& edition) const {
  auto p = store_.person(slug);
  if (!p) return error_page(*contexts_.get(), theme_, Status::not_found);
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  const auto& lang = edition.language;
  TemplateData data;
  set_names(data, "name", "hangul_name", name_in(*p, lang), p->hangul_name, p->name);
  data.set("has_aliases", !p->aliases.empty());
  data.set("aliases", alias_list(p->aliases));
  set_text(data, "occupations", join(p->occupations, ", "));
  set_text(data, "bio", p->bio);
  if (p->birth_date) {
    // Birthdays are reckoned in the site's zone (Korea): the day fans celebrate them.
    Date today = date_in_zone(options_.clock(), context.site.time_zone);
    Date next = next_birthday(*p->birth_date, today);
    TemplateData birth;
    birth.set("iso", format_date_iso(*p->birth_date));
    birth.set("text", format_calendar_date(*p->birth_date, lang));
    Speech speech = speech_in(theme_, lang);
    birth.set("age_text", speech.counted("{n} year old", "{n} years old", age_on(*p->birth_date, today)));
    birth.set("today", next == today);
    birth.set("next_iso", format_date_iso(next));
    birth.set("next_text", format_calendar_date(next, lang));
    data.set("birth", birth);
  } else {
    data.set("birth", false);
  }

  std::vector<Group> groups;
  TemplateData group_list{TemplateData::type::list};
  auto memberships = store_.memberships_of(p->slug);
  for (std::size_t i = 0; i < memberships.size(); ++i) {
    auto g = store_.group(memberships[i].group);
    if (!g) continue;
    TemplateData item;
    item.set("url", edition.path("/groups/" + g->slug));
    item.set("name", name_in(*g, lang));
    set_text(item, "stage_name", memberships[i].stage_name == p->name ? "" : memberships[i].stage_name);
    item.set("last", i + 1 == memberships.size());
    group_list.push_back(std::move(item));
    groups.push_back(*g);
  }
  data.set("has_groups", !groups.empty());
  data.set("groups", group_list);

  TemplateData films{TemplateData::type::list};
  auto credits = store_.credits_of_person(p->slug);
  for (const auto& credit : credits) {
    auto s = store_.show(credit.show);
    if (!s) continue;
    TemplateData item;
    item.set("url", edition.path("/shows/" + s->slug));
    item.set("title", title_in(*s, lang));
    set_text(item, "year", s->first_air_date ? std::to_string(static_cast<int>(s->first_air_date->year())) : "");
    set_text(item, "character", credit.character);
    films.push_back(std::move(item));
  }
  data.set("has_filmography", !credits.empty());
  data.set("filmography", films);
  add_related(data, {EntityKind::person, p->slug, p->name}, context, edition);

  PageMeta meta{.title = name_in(*p, lang),
                .description = p->bio.substr(0, 200),
                .canonical_path = edition.path("/people/" + p->slug),
                .nav_current = "people",
                .json_ld = json_ld_script(person_ld(*p, groups, ld_context(context))),
                .feed_path = edition.path("/people/" + p->slug + "/feed"),
                .feed_title = name_in(*p, lang)};
  meta.language = lang;
  meta.in_every_edition = true;
  std::vector<std::string> tags{"entity:person/" + p->slug, "about:person/" + p->slug};
  for (const auto& g : groups) tags.push_back("entity:group/" + g.slug);
  for (const auto& c : credits) tags.push_back("entity:show/" + c.show);
  // Age and next birthday change at midnight in the site's zone.
  Date today = date_in_zone(options_.clock(), context.site.time_zone);
  Instant tomorrow = start_of_day(Date{std::chrono::sys_days{today} + std::chrono::days{1}}, context.site.time_zone);
  return page(context, "person", std::move(data), meta, std::move(tags), tomorrow);
}

http::Response CatalogSite::group(const http::Request&, std::string_view slug, const Edition& edition) const {
  auto g = store_.group(slug);
  if (!g) return error_page(*contexts_.get(), theme_, Status::not_found);
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  TemplateData data;
  set_names(data, "name", "hangul_name", name_in(*g, edition.language), g->hangul_name, g->name);
  data.set("has_aliases", !g->aliases.empty());
  data.set("aliases", alias_list(g->aliases));
  data.set("debut", date_view(g->debut_date, edition.language));
  set_text(data, "company", g->company);
  set_text(data, "fandom", g->fandom);
  std::vector<std::pair<Membership, Person>> members;
  TemplateData member_list{TemplateData::type::list};
  for (const auto& m : store_.members_of(g->slug)) {
    auto p = store_.person(m.person);
    if (!p) continue;
    TemplateData item;
    item.set("url", edition.path("/people/" + p->slug));
    item.set("stage_name", m.stage_name.empty() ? p->name : m.stage_name);
    item.set("name", p->name);
    set_text(item, "hangul_name", p->hangul_name);
    set_text(item, "left", m.to ? std::to_string(static_cast<int>(m.to->year())) : "");
    member_list.push_back(std::move(item));
    members.emplace_back(m, *p);
  }
  data.set("has_members", !members.empty());
  data.set("members", member_list);
  add_related(data, {EntityKind::group, g->slug, g->name}, context, edition);
  PageMeta meta{.title = name_in(*g, edition.language),
                .canonical_path = edition.path("/groups/" + g->slug),
                .nav_current = "groups",
                .json_ld = json_ld_script(music_group_ld(*g, members, ld_context(context))),
                .feed_path = edition.path("/groups/" + g->slug + "/feed"),
                .feed_title = name_in(*g, edition.language)};
  meta.language = edition.language;
  meta.in_every_edition = true;
  std::vector<std::string> tags{"entity:group/" + g->slug, "about:group/" + g->slug};
  for (const auto& [m, person] : members) tags.push_back("entity:person/" + person.slug);
  return page(context, "group", std::move(data), meta, std::move(tags));
}

http::Response CatalogSite::network(const http::Request& req, std::string_view slug, const Edition& edition) const {
  auto n = store_.network(slug);
  if (!n) return error_page(*contexts_.get(), theme_, Status::not_found);
  auto page_number = requested_page(req.target());
  if (!page_number) return error_page(*contexts_.get(), theme_, Status::bad_request);
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  CatalogQuery q;
  q.network = n->slug;
  q.limit = 50;
  q.offset = (*page_number - 1) * q.limit;
  auto shows = store_.shows(q);
  PageWindow window{*page_number, page_count(shows.total, q.limit)};
  if (*page_number > window.pages) return error_page(*contexts_.get(), theme_, Status::not_found);
  TemplateData data;
  data.set("name", n->name);
  data.set("has_aliases", !n->aliases.empty());
  data.set("aliases", alias_list(n->aliases));
  TemplateData items{TemplateData::type::list};
  for (const auto& s : shows.items) {
    TemplateData item;
    item.set("url", edition.path("/shows/" + s.slug));
    set_names(item, "name", "original", title_in(s, edition.language), s.original_title, s.title);
    set_text(item, "detail", s.first_air_date ? std::to_string(static_cast<int>(s.first_air_date->year())) : "");
    items.push_back(std::move(item));
  }
  data.set("has_items", !shows.items.empty());
  data.set("items", items);
  std::string base = edition.path("/networks/" + n->slug);
  add_pager(data, window, base);
  PageMeta meta{.title = n->name, .canonical_path = base, .nav_current = "shows"};
  meta.language = edition.language;
  meta.in_every_edition = true;
  return page(context, "network", std::move(data), meta, {"network:" + n->slug});
}

http::Response CatalogSite::index(const http::Request& req, EntityKind kind, const Edition& edition) const {
  auto page_number = requested_page(req.target());
  if (!page_number) return error_page(*contexts_.get(), theme_, Status::bad_request);
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  Speech speech = speech_in(theme_, edition.language);
  CatalogQuery q;
  q.q = query_value(req.target(), "q").substr(0, 200);
  q.limit = 60;
  q.offset = (*page_number - 1) * q.limit;
  std::string base = edition.path(kind == EntityKind::show ? "/shows" : kind == EntityKind::person ? "/people" : "/groups");
  TemplateData data;
  TemplateData items{TemplateData::type::list};
  std::int64_t total = 0;
  auto add = [&](const std::string& url, const std::string& name, const std::string& original, const std::string& romanized,
                 const std::string& detail) {
    TemplateData item;
    item.set("url", edition.path(url));
    set_names(item, "name", "original", name, original, romanized);
    set_text(item, "detail", detail);
    items.push_back(std::move(item));
  };
  auto year = [](const std::optional<Date>& d) { return d ? std::to_string(static_cast<int>(d->year())) : ""; };
  if (kind == EntityKind::show) {
    q.network = query_value(req.target(), "network");
    std::string status = query_value(req.target(), "status");
    q.status = parse_show_status(status);
    if (!status.empty() && !q.status) return error_page(*contexts_.get(), theme_, Status::bad_request);
    auto list = store_.shows(q);
    total = list.total;
    for (const auto& s : list.items)
      add("/shows/" + s.slug, title_in(s, edition.language), s.original_title, s.title, year(s.first_air_date));
    TemplateData networks{TemplateData::type::list};
    for (const auto& n : store_.networks()) {
      TemplateData item;
      item.set("slug", n.slug);
      item.set("name", n.name);
      item.set("selected", n.slug == q.network);
      networks.push_back(std::move(item));
    }
    data.set("networks", std::move(networks));
    TemplateData statuses{TemplateData::type::list};
    for (auto [value, label] : {std::pair{"", speech.text("All")}, {"airing", speech.text("On air")},
                                {"upcoming", speech.text("Upcoming")}, {"ended", speech.text("Ended")}}) {
      TemplateData item;
      item.set("value", value);
      item.set("label", label);
      item.set("selected", status == value);
      statuses.push_back(std::move(item));
    }
    data.set("statuses", std::move(statuses));
  } else if (kind == EntityKind::person) {
    auto list = store_.people(q);
    total = list.total;
    for (const auto& p : list.items) add("/people/" + p.slug, name_in(p, edition.language), p.hangul_name, p.name, year(p.birth_date));
  } else {
    auto list = store_.groups(q);
    total = list.total;
    for (const auto& g : list.items) add("/groups/" + g.slug, name_in(g, edition.language), g.hangul_name, g.name, year(g.debut_date));
  }
  PageWindow window{*page_number, page_count(total, q.limit)};
  if (*page_number > window.pages) return error_page(*contexts_.get(), theme_, Status::not_found);
  std::string heading = kind == EntityKind::show     ? speech.text("Shows")
                        : kind == EntityKind::person ? speech.text("People")
                                                     : speech.text("Groups");
  data.set("heading", heading);
  data.set("action", base);
  data.set("q", q.q);
  data.set("has_networks", kind == EntityKind::show);
  data.set("total_text", speech.counted("{n} result", "{n} results", total));
  data.set("has_items", total > 0);
  data.set("items", items);
  // Paging keeps the filters.
  std::string filters;
  for (const char* key : {"q", "network", "status"}) {
    auto value = query_value(req.target(), key);
    if (!value.empty()) filters += std::string(filters.empty() ? "?" : "&") + key + "=" + boost::urls::encode(value, boost::urls::pchars);
  }
  add_pager(data, window, base + filters);
  std::string_view nav = kind == EntityKind::show ? "shows" : kind == EntityKind::person ? "people" : "groups";
  bool filtered = !filters.empty();
  PageMeta meta{.title = heading, .canonical_path = filtered ? "" : base, .nav_current = std::string(nav), .noindex = filtered};
  meta.language = edition.language;
  meta.in_every_edition = true;
  return page(context, "catalog_index", std::move(data), meta, {"catalog"});
}

http::Response CatalogSite::api(const http::Request& req, EntityKind kind) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  Speech speech = speech_in(theme_, context.site.default_language);
  CatalogQuery q;
  q.q = query_value(req.target(), "q");
  if (q.q.size() > 200) return json_error(Status::bad_request, "q is longer than 200 bytes");
  auto limit = number_or(query_value(req.target(), "limit"), 20);
  auto offset = number_or(query_value(req.target(), "offset"), 0);
  if (!limit || *limit < 1 || *limit > 100)
    return json_error(Status::bad_request, "limit must be a whole number from 1 to 100");
  if (!offset || *offset < 0)
    return json_error(Status::bad_request, "offset must be a whole number from 0 up");
  q.limit = static_cast<int>(*limit);
  q.offset = static_cast<int>(*offset);
  json::array items;
  std::int64_t total = 0;
  auto aliases = [](const std::string& second, const std::vector<std::string>& rest) {
    json::array a;
    if (!second.empty()) a.emplace_back(second);
    for (const auto& r : rest) a.emplace_back(r);
    return a;
  };
  if (kind == EntityKind::show) {
    auto list = store_.shows(q);
    total = list.total;
    for (const auto& s : list.items) {
      items.push_back(json::object{{"id", s.id},
                                   {"slug", s.slug},
                                   {"name", s.title},
                                   {"url", context.absolute_url("/shows/" + s.slug)},
                                   {"aliases", aliases(s.original_title, s.aliases)},
                                   {"titles", [&] {
                                      json::object t;
                                      for (const auto& [language, title] : s.titles) t[language] = title;
                                      return t;
                                    }()},
                                   {"network", s.network.empty() ? json::value(nullptr) : json::value(s.network)},
                                   {"first_air_date", s.first_air_date ? json::value(format_date_iso(*s.first_air_date))
                                                                       : json::value(nullptr)},
                                   // Every show has one; it lists what its slots let us compute.
                                   {"calendar_url", context.absolute_url("/shows/" + s.slug + "/calendar.ics")}});
    }
  } else if (kind == EntityKind::person) {
    auto list = store_.people(q);
    total = list.total;
    for (const auto& p : list.items) {
      items.push_back(json::object{{"id", p.id},
                                   {"slug", p.slug},
                                   {"name", p.name},
                                   {"url", context.absolute_url("/people/" + p.slug)},
                                   {"aliases", aliases(p.hangul_name, p.aliases)},
                                   {"birth_date", p.birth_date ? json::value(format_date_iso(*p.birth_date))
                                                               : json::value(nullptr)}});
    }
  } else {
    auto list = store_.groups(q);
    total = list.total;
    for (const auto& g : list.items) {
      items.push_back(json::object{{"id", g.id},
                                   {"slug", g.slug},
                                   {"name", g.name},
                                   {"url", context.absolute_url("/groups/" + g.slug)},
                                   {"aliases", aliases(g.hangul_name, g.aliases)}});
    }
  }
  auto res = json_response(Status::ok, json::object{{"items", std::move(items)}, {"total", total}});
  mark_cacheable(res, {"catalog"}, store_, options_.clock());
  return res;
}

}  // namespace kpress
