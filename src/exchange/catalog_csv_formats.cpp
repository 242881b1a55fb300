// Real datasets, read as they are: TMDB K-dramas (a folder of CSV files), MyDramaList's
// korean_drama.csv, and dbkpop's idols and groups.
#include <date/date.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "exchange/catalog_merger.hpp"
#include "exchange/csv_reader.hpp"

namespace kpress {

namespace fs = std::filesystem;

namespace {

// Reads every record of a CSV file with its header, calling `row` for each; reports progress.
void each_row(const fs::path& path, const ImportProgress& progress,
              const std::function<void(const CsvHeader&, const std::vector<std::string>&, int line)>& row) {
  std::string text = read_text_file(path);
  std::size_t total = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  CsvReader reader(text);
  auto names = reader.next();
  if (!names) throw std::runtime_error(path.string() + ": empty file");
  CsvHeader header(*names);
  std::size_t done = 0;
  while (auto record = reader.next()) {
    if (record->size() == 1 && (*record)[0].empty()) continue;  // a blank line
    row(header, *record, reader.line());
    if (progress && ++done % 200 == 0) progress(path.filename().string(), reader.line(), total);
  }
  if (progress) progress(path.filename().string(), total, total);
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// "12", "12.0" -> 12; nothing for anything else.
std::optional<int> count_field(std::string_view text) {
  std::string t = trimmed(text);
  if (t.empty()) return 0;
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || v < 0 || v > 100000 || v != std::floor(v)) return std::nullopt;
  return static_cast<int>(v);
}

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in{std::string(text)};
  while (std::getline(in, item, separator)) {
    item = trimmed(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// "Aug  2, 2023"
std::optional<Date> parse_month_day_year(std::string_view text) {
  std::string collapsed;
  for (char c : trimmed(text)) {
    if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed += c;
  }
  std::istringstream in(collapsed);
  date::year_month_day ymd{};
  in >> date::parse("%b %d, %Y", ymd);
  if (in.fail()) return std::nullopt;
  return Date{std::chrono::year{static_cast<int>(ymd.year())}, std::chrono::month{static_cast<unsigned>(ymd.month())},
              std::chrono::day{static_cast<unsigned>(ymd.day())}};
}

}  // namespace

void read_tmdb(CatalogMerger& merger, const fs::path& folder, const ImportProgress& progress) {
  for (const char* name : {"series.csv", "people.csv", "networks.csv", "genres.csv"}) {
    if (!fs::exists(folder / name)) throw std::runtime_error((folder / name).string() + ": not found (a TMDB folder holds it)");
  }
  std::map<std::string, std::string> genres, networks, people;
  each_row(folder / "genres.csv", progress, [&](const CsvHeader& h, const auto& row, int) {
    genres[std::string(h.get(row, "tmdb_id"))] = std::string(h.get(row, "name"));
  });
  each_row(folder / "networks.csv", progress, [&](const CsvHeader& h, const auto& row, int) {
    networks[std::string(h.get(row, "tmdb_id"))] = std::string(h.get(row, "name"));
  });
  std::string people_file = (folder / "people.csv").string();
  each_row(folder / "people.csv", progress, [&](const CsvHeader& h, const auto& row, int line) {
    Person p;
    p.name = trimmed(h.get(row, "name"));
    if (p.name.empty()) return merger.reject(people_file, line, "", "the person has no name");
    if (auto birthday = trimmed(h.get(row, "birthday")); !birthday.empty()) {
      p.birth_date = parse_date(birthday);
      if (!p.birth_date) return merger.reject(people_file, line, "", "birthday '" + birthday + "' is not a date");
    }
    if (h.get(row, "known_for_department") == "Acting") p.occupations = {"Actor"};
    p.bio = trimmed(h.get(row, "biography"));
    people[std::string(h.get(row, "tmdb_id"))] = merger.person(std::move(p));
  });
  std::string series_file = (folder / "series.csv").string();
  each_row(folder / "series.csv", progress, [&](const CsvHeader& h, const auto& row, int line) {
    Show s;
    s.title = trimmed(h.get(row, "name"));
    if (s.title.empty()) return merger.reject(series_file, line, "", "the series has no name");
    s.original_title = trimmed(h.get(row, "original_name"));
    if (s.original_title == s.title) s.original_title.clear();
    if (auto aired = trimmed(h.get(row, "airing_date")); !aired.empty()) {
      s.first_air_date = parse_date(aired);
      if (!s.first_air_date) return merger.reject(series_file, line, "", "airing_date '" + aired + "' is not a date");
    }
    auto episodes = count_field(h.get(row, "number_of_episodes"));
    if (!episodes)
      return merger.reject(series_file, line, "",
                           "number_of_episodes '" + std::string(h.get(row, "number_of_episodes")) + "' is not a count");
    s.episode_count = *episodes;
    s.synopsis = trimmed(h.get(row, "synopsis"));
    s.poster_url = trimmed(h.get(row, "poster_img_url"));
    for (const auto& id : split_list(h.get(row, "genres_ids"), ',')) {
      if (auto it = genres.find(id); it != genres.end()) s.genres.push_back(it->second);
    }
    auto network_ids = split_list(h.get(row, "networks_ids"), ',');
    if (!network_ids.empty()) {
      if (auto it = networks.find(network_ids.front()); it != networks.end()) s.network = merger.network(it->second);
    }
    s.status = trimmed(h.get(row, "next_episode_air_date")).empty() ? ShowStatus::ended : ShowStatus::airing;
    std::string slug = merger.show(std::move(s));
    int billing = 0;
    for (const auto& id : split_list(h.get(row, "cast_ids"), ',')) {
      auto person = people.find(id);
      if (person == people.end()) continue;  // not in people.csv
      ++billing;
      merger.tx().save_credit({slug, person->second, "", billing <= 2 ? CreditRole::main : CreditRole::support, billing});
    }
  });
}

void read_mdl(CatalogMerger& merger, const fs::path& file, const ImportProgress& progress) {
  std::string name = file.string();
  each_row(file, progress, [&](const CsvHeader& h, const auto& row, int line) {
    Show s;
    s.title = trimmed(h.get(row, "drama_name"));
    if (s.title.empty()) return merger.reject(name, line, "", "the drama has no name");
    auto episodes = count_field(h.get(row, "tot_eps"));
    if (!episodes) return merger.reject(name, line, "", "tot_eps '" + std::string(h.get(row, "tot_eps")) + "' is not a count");
    s.episode_count = *episodes;
    for (auto [column, target] : {std::pair{"start_dt", &s.first_air_date}, std::pair{"end_dt", &s.last_air_date}}) {
      auto text = trimmed(h.get(row, column));
      // A year alone says too little for a date: the show is kept without one.
      if (text.empty() || (text.size() == 4 && count_field(text))) continue;
      *target = parse_date(text);
      if (!*target) *target = parse_month_day_year(text);
      if (!*target) return merger.reject(name, line, "", std::string(column) + " '" + text + "' is not a date");
    }
    if (auto days = trimmed(h.get(row, "aired_on")); !days.empty()) {
      auto weekdays = parse_weekdays(days);
      if (!weekdays) return merger.reject(name, line, "", "aired_on '" + days + "' is not a list of days");
      BroadcastSlot slot;
      slot.weekdays = *weekdays;
      slot.from = s.first_air_date;
      s.slots.push_back(std::move(slot));
    }
    if (auto networks = trimmed(h.get(row, "org_net")); !networks.empty()) {
      auto found = merger.networks_in(networks);
      s.network = found.empty() ? merger.network(networks) : found.front();
    }
    s.synopsis = trimmed(h.get(row, "synopsis"));
    s.status = ShowStatus::ended;
    merger.show(std::move(s));
  });
}

void read_dbkpop(CatalogMerger& merger, const fs::path& folder, const ImportProgress& progress) {
  for (const char* name : {"kpop_idols.csv", "kpop_idols_boy_groups.csv", "kpop_idols_girl_groups.csv"}) {
    if (!fs::exists(folder / name)) throw std::runtime_error((folder / name).string() + ": not found (a dbkpop folder holds it)");
  }
  std::map<std::string, std::string> groups;  // folded name -> slug
  for (const char* name : {"kpop_idols_boy_groups.csv", "kpop_idols_girl_groups.csv"}) {
    std::string file = (folder / name).string();
    each_row(folder / name, progress, [&](const CsvHeader& h, const auto& row, int line) {
      Group g;
      g.name = trimmed(h.get(row, "Name"));
      if (g.name.empty()) return merger.reject(file, line, "", "the group has no name");
      g.hangul_name = trimmed(h.get(row, "Korean Name"));
      if (auto short_name = trimmed(h.get(row, "Short")); !short_name.empty()) g.aliases.push_back(short_name);
      if (auto debut = trimmed(h.get(row, "Debut")); !debut.empty()) {
        g.debut_date = parse_date(debut);
        if (!g.debut_date) return merger.reject(file, line, "", "Debut '" + debut + "' is not a date");
      }
      g.company = trimmed(h.get(row, "Company"));
      g.fandom = trimmed(h.get(row, "Fanclub Name"));
      std::string name_folded = fold_name(g.name);
      groups[name_folded] = merger.group(std::move(g));
    });
  }
  std::string file = (folder / "kpop_idols.csv").string();
  each_row(folder / "kpop_idols.csv", progress, [&](const CsvHeader& h, const auto& row, int line) {
    std::string stage = trimmed(h.get(row, "Stage Name"));
    Person p;
    p.name = trimmed(h.get(row, "Full Name"));
    if (p.name.empty()) p.name = stage;
    if (p.name.empty()) return merger.reject(file, line, "", "the idol has neither a full name nor a stage name");
    p.hangul_name = trimmed(h.get(row, "Korean Name"));
    if (!stage.empty() && stage != p.name) p.aliases.push_back(stage);
    if (auto k_stage = trimmed(h.get(row, "K. Stage Name")); !k_stage.empty() && k_stage != p.hangul_name)
      p.aliases.push_back(k_stage);
    if (auto birth = trimmed(h.get(row, "Date of Birth")); !birth.empty()) {
      p.birth_date = parse_date(birth);
      if (!p.birth_date) return merger.reject(file, line, "", "Date of Birth '" + birth + "' is not a date");
    }
    p.occupations = {"Singer"};
    std::string slug = merger.person(std::move(p));
    for (const char* column : {"Group", "Other Group"}) {
      auto group = trimmed(h.get(row, column));
      if (group.empty()) continue;
      auto it = groups.find(fold_name(group));
      if (it == groups.end()) continue;  // a group the lists do not have
      merger.tx().save_membership({it->second, slug, stage, std::nullopt, std::nullopt});
    }
  });
}

}  // namespace kpress

namespace kpress {

namespace {

std::optional<std::chrono::minutes> time_of_day(std::string_view t) {
  unsigned h = 0, m = 0;
  if (t.size() != 5 || t[2] != ':' || std::sscanf(std::string(t).c_str(), "%2u:%2u", &h, &m) != 2 || h > 23 || m > 59)
    return std::nullopt;
  return std::chrono::minutes(h * 60 + m);
}

}  // namespace

void read_generic_csv(CatalogMerger& merger, const fs::path& file, const ImportProgress& progress) {
  std::string name = file.string();
  // The kind of entity, told by the columns once the header is read.
  enum class Kind { people, shows, groups };
  std::optional<Kind> kind;
  auto kind_of = [&](const CsvHeader& h) {
    if (!kind) {
      kind = h.has("title") ? Kind::shows : h.has("members") || h.has("debut_date") ? Kind::groups : Kind::people;
      if (kind == Kind::people && !h.has("name"))
        throw std::runtime_error(name + ": a catalog CSV needs a 'name' column (people, groups) or 'title' (shows)");
    }
    return *kind;
  };
  auto date_field = [&](const CsvHeader& h, const auto& row, int line, const char* column, std::optional<Date>& out) {
    auto text = trimmed(h.get(row, column));
    if (text.empty()) return true;
    out = parse_date(text);
    if (!out) merger.reject(name, line, "", std::string(column) + " '" + text + "' is not a date");
    return out.has_value();
  };
  each_row(file, progress, [&](const CsvHeader& h, const auto& row, int line) {
    auto list = [&](const char* column) { return split_list(h.get(row, column), ';'); };
    if (kind_of(h) == Kind::people) {
      Person p;
      p.slug = trimmed(h.get(row, "slug"));
      p.name = trimmed(h.get(row, "name"));
      if (p.name.empty()) return merger.reject(name, line, "", "name is required");
      p.hangul_name = trimmed(h.get(row, "hangul_name"));
      p.aliases = list("aliases");
      p.occupations = list("occupations");
      p.bio = trimmed(h.get(row, "bio"));
      if (!date_field(h, row, line, "birth_date", p.birth_date)) return;
      merger.person(std::move(p));
    } else if (*kind == Kind::groups) {
      Group g;
      g.slug = trimmed(h.get(row, "slug"));
      g.name = trimmed(h.get(row, "name"));
      if (g.name.empty()) return merger.reject(name, line, "", "name is required");
      g.hangul_name = trimmed(h.get(row, "hangul_name"));
      g.aliases = list("aliases");
      g.company = trimmed(h.get(row, "company"));
      g.fandom = trimmed(h.get(row, "fandom"));
      if (!date_field(h, row, line, "debut_date", g.debut_date)) return;
      // members: person slugs or names, each the person's own entry
      std::vector<std::string> members;
      for (const auto& member : list("members")) {
        auto slug = merger.tx().person(member) ? std::optional<std::string>(member) : std::nullopt;
        if (!slug) {
          auto found = merger.tx().slugs_by_alias(EntityKind::person, member);
          if (found.size() == 1) slug = found.front();
        }
        if (!slug) return merger.reject(name, line, "", "members: no single person is called '" + member + "'");
        members.push_back(*slug);
      }
      std::string slug = merger.group(std::move(g));
      for (const auto& person : members) merger.tx().save_membership({slug, person, "", std::nullopt, std::nullopt});
    } else {
      Show s;
      s.slug = trimmed(h.get(row, "slug"));
      s.title = trimmed(h.get(row, "title"));
      if (s.title.empty()) return merger.reject(name, line, "", "title is required");
      s.original_title = trimmed(h.get(row, "original_title"));
      s.aliases = list("aliases");
      s.genres = list("genres");
      s.synopsis = trimmed(h.get(row, "synopsis"));
      auto episodes = count_field(h.get(row, "episode_count"));
      if (!episodes) return merger.reject(name, line, "", "episode_count is not a count");
      s.episode_count = *episodes;
      if (!date_field(h, row, line, "first_air_date", s.first_air_date)) return;
      if (!date_field(h, row, line, "last_air_date", s.last_air_date)) return;
      if (auto status = trimmed(h.get(row, "status")); !status.empty()) {
        auto parsed = parse_show_status(status);
        if (!parsed) return merger.reject(name, line, "", "status '" + status + "' is not upcoming, airing or ended");
        s.status = *parsed;
      }
      if (auto days = trimmed(h.get(row, "air_days")); !days.empty()) {
        BroadcastSlot slot;
        auto weekdays = parse_weekdays(days);
        if (!weekdays) return merger.reject(name, line, "", "air_days '" + days + "' is not a list of days");
        slot.weekdays = *weekdays;
        if (auto time = trimmed(h.get(row, "air_time")); !time.empty()) {
          slot.local_time = time_of_day(time);
          if (!slot.local_time) return merger.reject(name, line, "", "air_time '" + time + "' is not HH:MM");
        }
        if (auto zone = trimmed(h.get(row, "time_zone")); !zone.empty()) slot.time_zone = zone;
        slot.from = s.first_air_date;
        s.slots.push_back(std::move(slot));
      }
      if (auto network = trimmed(h.get(row, "network")); !network.empty()) s.network = merger.network(network);
      merger.show(std::move(s));
    }
  });
}

}  // namespace kpress
