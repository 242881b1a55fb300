#include "site/catalog_views.hpp"

#include <cstdio>

#include "render/dates.hpp"
#include "site/editions.hpp"
#include "site/schedule_views.hpp"
#include "store/store.hpp"

namespace kpress {

TemplateData slot_view(const Show& show, const Date& today, const Speech& speech) {
  const BroadcastSlot* current = slot_in_force(show, today);
  if (!current || current->weekdays.empty()) return TemplateData(false);
  TemplateData v;
  v.set("days", format_weekdays(current->weekdays, speech.language));
  v.set("time", current->local_time ? TemplateData(format_time_of_day(*current->local_time)) : TemplateData(false));
  v.set("zone_label", format_zone_name(current->time_zone, speech.language));
  return v;
}

TemplateData date_view(const std::optional<Date>& date, std::string_view language) {
  if (!date) return TemplateData(false);
  TemplateData v;
  v.set("iso", format_date_iso(*date));
  v.set("text", format_calendar_date(*date, language));
  return v;
}

void set_names(TemplateData& data, const std::string& key, const std::string& second_key, const std::string& shown,
               const std::string& original, const std::string& romanized) {
  data.set(key, shown);
  bool hangul_shown = !original.empty() && shown == original;
  set_text(data, second_key, hangul_shown ? (romanized == shown ? "" : romanized) : original);
  data.set(second_key + "_lang", hangul_shown ? "ko-Latn" : "ko");
}

TemplateData show_facts(const Show& show, const Store& store, Instant now, const SiteContext& context,
                        const Speech& speech, std::optional<Instant>* changes_at) {
  Date today = date_in_zone(now, context.site.time_zone);
  TemplateData v;
  Edition edition = edition_in(context, speech.language);
  v.set("url", edition.path("/shows/" + show.slug));
  set_names(v, "title", "original_title", title_in(show, speech.language), show.original_title, show.title);
  if (auto network = show.network.empty() ? std::nullopt : store.network(show.network)) {
    TemplateData n;
    n.set("url", edition.path("/networks/" + network->slug));
    n.set("name", network->name);
    v.set("network", n);
  } else {
    v.set("network", false);
  }
  v.set("slot", slot_view(show, today, speech));
  set_text(v, "episodes", show.episode_count ? std::to_string(show.episode_count) : "");
  auto airings = show_airings(show, store);
  auto next = next_airing(airings, now);
  if (next) {
    TemplateData n = airing_view(*next, context, ReaderZone{context.site.time_zone, false, {}}, speech);
    n.set("countdown", format_iso8601(next->start));
    v.set("next", n);
  } else {
    v.set("next", false);
  }
  v.set("calendar_url", airings.empty() ? std::string() : "/shows/" + show.slug + "/calendar.ics");
  if (changes_at) {
    // The slot shown is the one in force today: it changes when the next one begins.
    std::optional<Instant> at;
    for (const auto& slot : show.slots) {
      if (!slot.from || std::chrono::sys_days{*slot.from} <= std::chrono::sys_days{today}) continue;
      Instant begins = start_of_day(*slot.from, slot.time_zone);
      if (!at || begins < *at) at = begins;
    }
    if (next && (!at || next->start < *at)) at = next->start;
    *changes_at = at;
  }
  TemplateData streaming{TemplateData::type::list};
  for (const auto& link : show.streaming) {
    TemplateData item;
    item.set("provider", link.provider);
    item.set("url", link.url);
    std::string regions, codes;
    for (const auto& r : link.regions) {
      regions += (regions.empty() ? "" : ", ") + r;
      codes += (codes.empty() ? "" : " ") + r;
    }
    set_text(item, "regions", regions);
    item.set("region_codes", codes);  // for the script that puts the reader's region first
    streaming.push_back(std::move(item));
  }
  v.set("has_streaming", !show.streaming.empty());
  v.set("streaming", std::move(streaming));
  return v;
}

}  // namespace kpress
