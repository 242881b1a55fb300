#include "site/schedule_views.hpp"

#include "render/dates.hpp"
#include "site/views.hpp"
#include "store/store.hpp"

namespace kpress {

ReaderZone reader_zone(std::string_view target, const SiteContext& context) {
  std::string asked = query_value(target, "tz");
  if (asked.empty()) return {context.site.time_zone, false, {}};
  if (!is_time_zone(asked)) {
    std::string shown = asked.size() > 64 ? asked.substr(0, 64) + "…" : asked;
    return {context.site.time_zone, true, {N_("tz '{value}' is not an IANA time zone (such as Europe/Paris)"), shown}};
  }
  return {asked, true, {}};
}

std::vector<Airing> show_airings(const Show& show, const Store& store) {
  if (show.slots.empty() && show.schedule_changes.empty()) return {};
  auto episodes = store.episodes(show.slug);
  // airings_of walks the show's days one by one, placing each in its zone; a show's box asks
  // for the same airings at every view of every article about it. Each thread keeps the last
  // ones made for each show, given again while what they are made from is the same.
  struct Made {
    std::optional<Date> first_air_date;
    int episode_count = 0;
    std::vector<BroadcastSlot> slots;
    std::vector<ScheduleChange> schedule_changes;
    std::vector<Episode> episodes;
    std::vector<Airing> airings;
  };
  thread_local std::unordered_map<std::string, Made> made;
  if (auto it = made.find(show.slug); it != made.end()) {
    const Made& m = it->second;
    if (m.first_air_date == show.first_air_date && m.episode_count == show.episode_count && m.slots == show.slots &&
        m.schedule_changes == show.schedule_changes && m.episodes == episodes)
      return m.airings;
  }
  auto airings = airings_of(show, episodes);
  if (made.size() >= 256) made.clear();  // a site's shows on air are a few dozen
  made[show.slug] = {show.first_air_date, show.episode_count, show.slots, show.schedule_changes, std::move(episodes), airings};
  return airings;
}

std::string airing_label(const Airing& a, const Speech& speech) {
  switch (a.kind) {
    case AiringKind::preempted: return speech.text("No airing");
    case AiringKind::special: return a.title.empty() ? speech.text("Special") : a.title;
    case AiringKind::episode: break;
  }
  auto first = std::to_string(a.episode), last = std::to_string(a.last_episode);
  if (a.last_episode == a.episode + 1) return speech.text("Episodes {first} and {last}", {{"first", first}, {"last", last}});
  if (a.last_episode > a.episode) return speech.text("Episodes {first} to {last}", {{"first", first}, {"last", last}});
  return speech.text("Episode {n}", {{"n", first}});
}

namespace {

TemplateData zoned_time_view(Instant t, const ReaderZone& zone, const std::string& language) {
  TemplateData v;
  v.set("iso", format_iso8601(t));
  v.set("date_time", format_date_time(t, language, zone.zone));
  v.set("clock", format_time(t, language, zone.zone));
  v.set("local", !zone.asked);  // the script shows the reader's own time unless they chose one
  return v;
}

}  // namespace

TemplateData airing_view(const Airing& a, const SiteContext&, const ReaderZone& zone, const Speech& speech) {
  TemplateData v;
  v.set("label", airing_label(a, speech));
  v.set("is_preempted", a.kind == AiringKind::preempted);
  v.set("is_special", a.kind == AiringKind::special);
  set_text(v, "episode_title", a.kind == AiringKind::episode ? a.title : "");
  set_text(v, "reason", a.reason);
  v.set("time", zoned_time_view(a.start, zone, speech.language));
  v.set("moved", a.original_start ? zoned_time_view(*a.original_start, zone, speech.language) : TemplateData(false));
  return v;
}

std::string uid_domain(const SiteContext& context) {
  std::string host = context.site.base_url;
  if (auto scheme = host.find("://"); scheme != std::string::npos) host.erase(0, scheme + 3);
  if (auto end = host.find_first_of("/:"); end != std::string::npos) host.erase(end);
  return host.empty() ? "kpress.invalid" : host;
}

std::optional<CalendarEvent> airing_event(const Airing& a, const Show& show, const std::string& network_name,
                                          const SiteContext& context, const Speech& speech) {
  if (a.kind == AiringKind::preempted) return std::nullopt;
  CalendarEvent e;
  e.uid = show.slug + "/" + a.key + "@" + uid_domain(context);
  e.sequence = a.sequence;
  const std::string& title = title_in(show, speech.language);
  std::string label = airing_label(a, speech);
  e.summary = title + " · " + label;
  std::string what = a.title.empty() || a.kind == AiringKind::special
                         ? label
                         : speech.text("{label}: {title}", {{"label", label}, {"title", a.title}});
  e.description = network_name.empty()
                      ? speech.text("{what} of {show}.", {{"what", what}, {"show", title}})
                      : speech.text("{what} of {show}, on {channel}.", {{"what", what}, {"show", title}, {"channel", network_name}});
  if (!a.reason.empty()) e.description += "\n" + a.reason;
  e.location = network_name;
  e.url = context.absolute_url("/shows/" + show.slug);
  e.start = a.start;
  e.duration = std::chrono::minutes(60 * (a.kind == AiringKind::episode ? a.last_episode - a.episode + 1 : 1));
  e.time_zone = a.time_zone.empty() ? "UTC" : a.time_zone;
  return e;
}

}  // namespace kpress
