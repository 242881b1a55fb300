#include "site/schedule_site.hpp"

#include <boost/json.hpp>

#include <map>

#include "core/numbers.hpp"
#include "render/dates.hpp"
#include "render/icalendar.hpp"
#include "site/cache_tags.hpp"
#include "site/catalog_views.hpp"
#include "site/error_page.hpp"
#include "site/json_response.hpp"
#include "site/schedule_views.hpp"
#include "site/site_context_cache.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

namespace json = boost::json;
using http::Status;
using namespace std::chrono;

namespace {

// The API and the schedule page read at most this many days at once.
constexpr int kMaxDays = 92;

struct ShowAiring {
  Airing airing;
  const Show* show;
  std::string network;  // its name
};

// The airings of `shows` that start in [begin, end), in order.
std::vector<ShowAiring> airings_between(const Store& store, const std::vector<Show>& shows, Instant begin, Instant end) {
  std::vector<ShowAiring> out;
  std::map<std::string, std::string> network_names;
  for (const auto& show : shows) {
    std::string network;
    if (!show.network.empty()) {
      auto [it, added] = network_names.try_emplace(show.network);
      if (added) {
        if (auto n = store.network(show.network)) it->second = n->name;
      }
      network = it->second;
    }
    for (auto& a : show_airings(show, store)) {
      if (a.start >= begin && a.start < end) out.push_back({std::move(a), &show, network});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ShowAiring& x, const ShowAiring& y) { return x.airing.start < y.airing.start; });
  return out;
}

Date add_days(const Date& d, int n) { return Date{sys_days{d} + days{n}}; }

// The first day of the week holding `d`, weeks starting on `first`.
Date week_of(const Date& d, weekday first) {
  sys_days day{d};
  return Date{day - (weekday{day} - first)};
}

// YYYY-MM-DD only: the API and links speak ISO dates.
std::optional<Date> iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  return parse_date(text);
}

std::string with_zone(std::string path, const ReaderZone& zone) {
  if (!zone.asked) return path;
  return path + (path.find('?') == std::string::npos ? "?" : "&") + "tz=" + zone.zone;
}

// Zones offered in the schedule's form; any other IANA name works through ?tz= as well.
constexpr const char* kOfferedZones[] = {"Asia/Seoul",         "Europe/Paris",        "Europe/Brussels",
                                         "Europe/Zurich",      "Europe/London",       "America/Montreal",
                                         "America/New_York",   "America/Los_Angeles", "America/Sao_Paulo",
                                         "Asia/Tokyo",         "Asia/Manila",         "Asia/Jakarta",
                                         "Australia/Sydney",   "Africa/Casablanca",   "UTC"};

TemplateData person_view(const Person& p, const Date& today, const Speech& speech, const Edition& edition) {
  TemplateData v;
  v.set("url", edition.path("/people/" + p.slug));
  set_names(v, "name", "hangul_name", name_in(p, speech.language), p.hangul_name, p.name);
  int age = p.birth_date ? age_on(*p.birth_date, today) : 0;
  v.set("age_text", speech.counted("{n} year old", "{n} years old", age));
  v.set("turns_text", speech.counted("turns {n}", "turns {n}", age));
  v.set("born", p.birth_date ? format_date_iso(*p.birth_date) : std::string());
  return v;
}

}  // namespace

ScheduleSite::ScheduleSite(const Store& store, const SiteContextCache& contexts, const Theme& theme,
                           ReaderSiteOptions options)
    : store_(store), contexts_(contexts), theme_(theme), options_(std::move(options)) {}

void ScheduleSite::add_routes(http::Router& router) const {
  using V = http::Verb;
  http::RouteHandler not_found = [this](const auto&, const auto&) {
    return error_page(*contexts_.get(), theme_, Status::not_found);
  };
  auto edition_route = [&](std::string_view pattern, auto handler) { add_edition_routes(router, contexts_, pattern, handler, not_found); };
  edition_route("/schedule", [this](const auto& req, const auto&, const Edition& e) { return schedule(req, e); });
  edition_route("/schedule.ics", [this](const auto&, const auto&, const Edition& e) { return site_calendar(e); });
  edition_route("/birthdays", [this](const auto& req, const auto&, const Edition& e) { return birthdays(req, e); });
  edition_route("/birthdays.ics", [this](const auto&, const auto&, const Edition& e) { return birthday_calendar(e); });
  edition_route("/shows/{slug}/calendar.ics",
                [this](const auto&, const auto& p, const Edition& e) { return show_calendar(p.get("slug"), e); });
  router.add(V::get, "/api/v1/schedule", [this](const auto& req, const auto&) { return api(req); });
}

http::Response ScheduleSite::schedule(const http::Request& req, const Edition& edition) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  const auto& language = edition.language;
  Speech speech = speech_in(theme_, language);
  auto zone = reader_zone(req.target(), context);
  if (!zone.error.empty())
    return error_page(context, theme_, Status::bad_request, speech.text(zone.error.id, {{"value", zone.error.value}}), language);
  Instant now = options_.clock();
  std::string week_text = query_value(req.target(), "week");
  weekday week_start = first_day_of_week(language);  // Monday in French, Sunday in English and Korean
  Date first = week_of(date_in_zone(now, zone.zone), week_start);
  if (!week_text.empty()) {
    auto week = iso_date(week_text);
    if (!week)
      return error_page(context, theme_, Status::bad_request,
                        speech.text("week '{week}' is not a date (YYYY-MM-DD)", {{"week", week_text.substr(0, 40)}}), language);
    first = week_of(*week, week_start);
  }
  Instant begin = start_of_day(first, zone.zone), end = start_of_day(add_days(first, 7), zone.zone);
  auto shows = store_.shows_on_air(add_days(first, -1), add_days(first, 8));
  auto airings = airings_between(store_, shows, begin, end);

  TemplateData days_list{TemplateData::type::list};
  int total = 0;
  for (int i = 0; i < 7; ++i) {
    Date day = add_days(first, i);
    TemplateData d;
    d.set("heading", format_weekday_day(day, language));
    d.set("iso", format_date_iso(day));
    TemplateData items{TemplateData::type::list};
    for (const auto& sa : airings) {
      if (date_in_zone(sa.airing.start, zone.zone) != day) continue;
      TemplateData item = airing_view(sa.airing, context, zone, speech);
      item.set("show_url", edition.path("/shows/" + sa.show->slug));
      item.set("show_title", title_in(*sa.show, language));
      set_text(item, "network", sa.network);
      items.push_back(std::move(item));
      ++total;
    }
    d.set("has_airings", !items.is_empty_list());
    d.set("airings", items);
    days_list.push_back(std::move(d));
  }
  TemplateData page;
  page.set("week_label", speech.text("Week of {first} to {last} {year}",
                                     {{"first", format_weekday_day(first, language)},
                                      {"last", format_weekday_day(add_days(first, 6), language)},
                                      {"year", std::to_string(static_cast<int>(first.year()))}}));
  page.set("days", std::move(days_list));
  page.set("has_airings", total > 0);
  page.set("zone", zone.zone);
  page.set("week", format_date_iso(first));
  page.set("action", edition.path("/schedule"));
  page.set("previous_week", with_zone(edition.path("/schedule?week=") + format_date_iso(add_days(first, -7)), zone));
  page.set("next_week", with_zone(edition.path("/schedule?week=") + format_date_iso(add_days(first, 7)), zone));
  page.set("calendar_url", edition.path("/schedule.ics"));
  TemplateData zones{TemplateData::type::list};
  bool offered = false;
  for (const char* name : kOfferedZones) {
    TemplateData z;
    z.set("name", std::string(name));
    z.set("selected", zone.zone == name);
    offered = offered || zone.zone == name;
    zones.push_back(std::move(z));
  }
  if (!offered) {
    TemplateData z;
    z.set("name", zone.zone);
    z.set("selected", true);
    zones.push_back(std::move(z));
  }
  page.set("zones", std::move(zones));
  PageMeta meta{.title = speech.text("This week's schedule"),
                .description = speech.text("Korean shows on air, day by day, in the site's time or yours."),
                .canonical_path = edition.path("/schedule") + (week_text.empty() ? std::string() : "?week=" + format_date_iso(first)),
                .nav_current = "schedule",
                .noindex = zone.asked};
  meta.language = language;
  meta.in_every_edition = true;
  auto res = http::make_response(Status::ok, render_page(theme_, context, "schedule", std::move(page), meta),
                                 "text/html; charset=utf-8");
  std::vector<std::string> tags{"catalog"};
  for (const auto& s : shows) tags.push_back("entity:show/" + s.slug);
  // Without ?week= the page is this week's: it changes when the week does.
  std::optional<Instant> until;
  if (week_text.empty()) until = end;
  mark_cacheable(res, std::move(tags), store_, now, until);
  return res;
}

http::Response ScheduleSite::birthdays(const http::Request& req, const Edition& edition) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  const auto& language = edition.language;
  Speech speech = speech_in(theme_, language);
  auto zone = reader_zone(req.target(), context);
  if (!zone.error.empty())
    return error_page(context, theme_, Status::bad_request, speech.text(zone.error.id, {{"value", zone.error.value}}), language);
  Instant now = options_.clock();
  Date today = date_in_zone(now, zone.zone);
  unsigned month_number = static_cast<unsigned>(today.month());
  std::string month_text = query_value(req.target(), "month");
  if (!month_text.empty()) {
    auto m = parse_whole_number(month_text);
    if (!m || *m < 1 || *m > 12)
      return error_page(context, theme_, Status::bad_request, speech.text("month must be a number from 1 to 12"), language);
    month_number = static_cast<unsigned>(*m);
  }

  auto born_today = store_.people_born_on(static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()));
  // Born on 29 February: a year older on 1 March when the year has no 29 February.
  if (today.month() == March && today.day() == day{1} && !today.year().is_leap()) {
    auto leap = store_.people_born_on(2, 29);
    born_today.insert(born_today.begin(), leap.begin(), leap.end());
  }
  TemplateData today_list{TemplateData::type::list};
  for (const auto& p : born_today) today_list.push_back(person_view(p, today, speech, edition));

  TemplateData month_days{TemplateData::type::list};
  unsigned current_day = 0;
  TemplateData people{TemplateData::type::list};
  Date heading_day = today;
  auto flush = [&] {
    if (current_day == 0) return;
    TemplateData d;
    d.set("heading", format_weekday_day(heading_day, language));
    d.set("people", people);
    month_days.push_back(std::move(d));
    people = TemplateData{TemplateData::type::list};
  };
  // Day headings name this year's dates (a 29 February in a common year as the next leap year's).
  year shown_year = today.year();
  for (const auto& p : store_.people_born_on(month_number, 0)) {
    unsigned d = static_cast<unsigned>(p.birth_date->day());
    if (d != current_day) {
      flush();
      current_day = d;
      year y = shown_year;
      while (!Date{y, month{month_number}, day{d}}.ok()) ++y;
      heading_day = Date{y, month{month_number}, day{d}};
    }
    people.push_back(person_view(p, Date{heading_day.year(), month{month_number}, day{d}}, speech, edition));
  }
  flush();

  TemplateData months{TemplateData::type::list};
  for (unsigned m = 1; m <= 12; ++m) {
    TemplateData item;
    item.set("url", with_zone(edition.path("/birthdays?month=") + std::to_string(m), zone));
    item.set("name", format_month_name(m, language));
    item.set("current", m == month_number);
    months.push_back(std::move(item));
  }
  TemplateData page;
  page.set("today_heading", format_weekday_day(today, language));
  page.set("has_today", !today_list.is_empty_list());
  page.set("today", today_list);
  page.set("month_name", format_month_name(month_number, language));
  page.set("has_month", !month_days.is_empty_list());
  page.set("month_days", month_days);
  page.set("months", std::move(months));
  page.set("calendar_url", edition.path("/birthdays.ics"));
  PageMeta meta{.title = speech.text("Birthdays of Korean stars"),
                .description = speech.text("The idols and actors whose birthday is today and this month."),
                .canonical_path = edition.path("/birthdays") + (month_text.empty() ? std::string() : "?month=" + std::to_string(month_number)),
                .nav_current = "birthdays",
                .noindex = zone.asked};
  meta.language = language;
  meta.in_every_edition = true;
  auto res = http::make_response(Status::ok, render_page(theme_, context, "birthdays", std::move(page), meta),
                                 "text/html; charset=utf-8");
  // Ages and "today" change at midnight in the zone shown.
  mark_cacheable(res, {"catalog"}, store_, now, start_of_day(add_days(today, 1), zone.zone));
  return res;
}

namespace {

http::Response calendar_response(std::string body) {
  return http::make_response(Status::ok, std::move(body), "text/calendar; charset=utf-8");
}

}  // namespace

http::Response ScheduleSite::show_calendar(std::string_view slug, const Edition& edition) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  auto show = store_.show(slug);
  if (!show) return error_page(context, theme_, Status::not_found);
  std::string network;
  if (auto n = show->network.empty() ? std::nullopt : store_.network(show->network)) network = n->name;
  Instant now = options_.clock();
  Speech speech = speech_in(theme_, edition.language);
  Calendar calendar{title_in(*show, speech.language) + " — " + context.site.name,
                    speech.text("Every airing of the show, updated when the channel changes its schedule."), now, {}};
  for (const auto& a : show_airings(*show, store_)) {
    if (auto e = airing_event(a, *show, network, context, speech)) calendar.events.push_back(std::move(*e));
  }
  auto res = calendar_response(render_icalendar(calendar));
  std::vector<std::string> tags{"entity:show/" + show->slug};
  if (!show->network.empty()) tags.push_back("network:" + show->network);
  mark_cacheable(res, std::move(tags), store_, now);
  return res;
}

http::Response ScheduleSite::site_calendar(const Edition& edition) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  Instant now = options_.clock();
  // A month back (so a recent change shows) and four months ahead.
  Date today = date_in_zone(now, context.site.time_zone);
  auto shows = store_.shows_on_air(add_days(today, -31), add_days(today, 122));
  Speech speech = speech_in(theme_, edition.language);
  Calendar calendar{speech.text("Schedule") + " — " + context.site.name,
                    speech.text("The airings of the shows {site} follows.", {{"site", context.site.name}}), now, {}};
  for (const auto& sa : airings_between(store_, shows, now - days(31), now + days(122))) {
    if (auto e = airing_event(sa.airing, *sa.show, sa.network, context, speech)) calendar.events.push_back(std::move(*e));
  }
  auto res = calendar_response(render_icalendar(calendar));
  std::vector<std::string> tags{"catalog"};
  for (const auto& s : shows) tags.push_back("entity:show/" + s.slug);
  // The window moves on with the days.
  mark_cacheable(res, std::move(tags), store_, now, start_of_day(add_days(today, 1), context.site.time_zone));
  return res;
}

http::Response ScheduleSite::birthday_calendar(const Edition& edition) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  Instant now = options_.clock();
  Speech speech = speech_in(theme_, edition.language);
  Calendar calendar{speech.text("Birthdays") + " — " + context.site.name, speech.text("The birthdays of the stars of the catalog."), now, {}};
  for (unsigned m = 1; m <= 12; ++m) {
    for (const auto& p : store_.people_born_on(m, 0)) {
      CalendarEvent e;
      e.uid = "birthday/" + p.slug + "@" + uid_domain(context);
      e.summary = speech.text("Birthday of {name}", {{"name", p.name + (p.hangul_name.empty() ? "" : " (" + p.hangul_name + ")")}});
      e.description = speech.text("{name} was born on {date}.", {{"name", p.name}, {"date", format_calendar_date(*p.birth_date, speech.language)}});
      e.url = context.absolute_url(edition.path("/people/" + p.slug));
      e.date = p.birth_date;
      e.yearly = true;
      calendar.events.push_back(std::move(e));
    }
  }
  auto res = calendar_response(render_icalendar(calendar));
  mark_cacheable(res, {"catalog"}, store_, now);
  return res;
}

http::Response ScheduleSite::api(const http::Request& req) const {
  auto site_context = contexts_.get();
  const SiteContext& context = *site_context;
  auto zone = reader_zone(req.target(), context);
  if (!zone.error.empty()) return json_error(Status::bad_request, zone.error.english());
  Instant now = options_.clock();
  std::optional<Date> from = date_in_zone(now, zone.zone), to;
  for (auto [key, value] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    std::string text = query_value(req.target(), key);
    if (text.empty()) continue;
    *value = iso_date(text);
    if (!*value) return json_error(Status::bad_request, std::string(key) + " '" + text.substr(0, 40) + "' is not a date (YYYY-MM-DD)");
  }
  if (!to) to = add_days(*from, 6);
  if (sys_days{*to} < sys_days{*from}) return json_error(Status::bad_request, "to is before from");
  if ((sys_days{*to} - sys_days{*from}).count() >= kMaxDays)
    return json_error(Status::bad_request, "from and to may be at most " + std::to_string(kMaxDays) + " days apart");

  auto shows = store_.shows_on_air(add_days(*from, -1), add_days(*to, 1));
  json::array items;
  for (const auto& sa : airings_between(store_, shows, start_of_day(*from, zone.zone),
                                        start_of_day(add_days(*to, 1), zone.zone))) {
    const Airing& a = sa.airing;
    json::object item{
        {"show", json::object{{"slug", sa.show->slug},
                              {"title", title_in(*sa.show, context.site.default_language)},
                              {"url", context.absolute_url("/shows/" + sa.show->slug)}}},
        {"kind", to_string(a.kind)},
        {"episode", a.episode ? json::value(a.episode) : json::value(nullptr)},
        {"last_episode", a.episode ? json::value(a.last_episode) : json::value(nullptr)},
        {"label", airing_label(a, speech_in(theme_, context.site.default_language))},
        {"network", sa.network.empty() ? json::value(nullptr) : json::value(sa.network)},
        {"start", format_iso8601_in_zone(a.start, zone.zone)},
        {"start_utc", format_iso8601(a.start)},
        {"original_start", a.original_start ? json::value(format_iso8601_in_zone(*a.original_start, zone.zone))
                                            : json::value(nullptr)},
        {"reason", a.reason.empty() ? json::value(nullptr) : json::value(a.reason)},
        {"calendar_url", context.absolute_url("/shows/" + sa.show->slug + "/calendar.ics")}};
    items.push_back(std::move(item));
  }
  auto res = json_response(Status::ok, json::object{{"time_zone", zone.zone},
                                                    {"from", format_date_iso(*from)},
                                                    {"to", format_date_iso(*to)},
                                                    {"items", std::move(items)}});
  std::vector<std::string> tags{"catalog"};
  for (const auto& s : shows) tags.push_back("entity:show/" + s.slug);
  std::optional<Instant> until;
  if (query_value(req.target(), "from").empty()) until = start_of_day(add_days(*from, 1), zone.zone);  // "today" moves on
  mark_cacheable(res, std::move(tags), store_, now, until);
  return res;
}

}  // namespace kpress
