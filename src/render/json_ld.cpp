#include "render/json_ld.hpp"

#include <boost/json/serialize.hpp>

namespace kpress {

namespace json = boost::json;

std::string entity_path(const EntityRef& e) {
  switch (e.kind) {
    case EntityKind::person: return "/people/" + e.slug;
    case EntityKind::group: return "/groups/" + e.slug;
    case EntityKind::show: return "/shows/" + e.slug;
  }
  return "/";
}

std::string JsonLdContext::url(const std::string& path) const {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + path;
}

std::string JsonLdContext::entity_url(const EntityRef& e) const { return url(entity_path(e)); }

namespace {

std::string_view schema_type(EntityKind kind) {
  switch (kind) {
    case EntityKind::person: return "Person";
    case EntityKind::group: return "MusicGroup";
    case EntityKind::show: return "TVSeries";
  }
  return "Thing";
}

json::array entity_refs(const std::vector<EntityRef>& list, const JsonLdContext& c) {
  json::array out;
  for (const auto& e : list) {
    out.push_back(json::object{{"@type", schema_type(e.kind)}, {"name", e.name}, {"url", c.entity_url(e)}});
  }
  return out;
}

json::array names(const std::string& first, const std::vector<std::string>& more) {
  json::array out;
  if (!first.empty()) out.emplace_back(first);
  for (const auto& m : more) out.emplace_back(m);
  return out;
}

}  // namespace

json::object news_article_ld(const Article& a, const std::string& author_name, const std::vector<EntityRef>& about,
                             const std::vector<EntityRef>& mentions, const JsonLdContext& c) {
  json::object o{{"@context", "https://schema.org"},
                 {"@type", "NewsArticle"},
                 {"headline", a.title},
                 {"inLanguage", a.language},
                 {"url", c.url("/articles/" + a.slug)},
                 {"publisher", json::object{{"@type", "Organization"}, {"name", c.site_name}}}};
  if (!a.standfirst.empty()) o["description"] = a.standfirst;
  if (a.published_at) o["datePublished"] = format_iso8601(*a.published_at);
  o["dateModified"] = format_iso8601(a.updated_at ? *a.updated_at : a.published_at.value_or(Instant{}));
  if (!author_name.empty()) o["author"] = json::object{{"@type", "Person"}, {"name", author_name}};
  if (!a.hero.empty()) o["image"] = a.hero.url.starts_with("/") ? c.url(a.hero.url) : a.hero.url;
  if (!about.empty()) o["about"] = entity_refs(about, c);
  if (!mentions.empty()) o["mentions"] = entity_refs(mentions, c);
  if (!a.source.url.empty()) o["isBasedOn"] = a.source.url;
  return o;
}

void add_comments_ld(json::object& o, std::int64_t count, const std::vector<CommentLd>& comments,
                     const std::string& article_url) {
  o["commentCount"] = count;
  if (comments.empty()) return;
  json::array items;
  for (const auto& [c, text] : comments) {
    json::object item{{"@type", "Comment"},
                      {"url", article_url + "#comment-" + std::to_string(c->id)},
                      {"author", json::object{{"@type", "Person"}, {"name", c->author_name}}},
                      {"dateCreated", format_iso8601(c->created_at)},
                      {"text", text}};
    if (c->parent_id) item["parentItem"] = json::object{{"@id", article_url + "#comment-" + std::to_string(c->parent_id)}};
    items.push_back(std::move(item));
  }
  o["comment"] = std::move(items);
}

json::object tv_series_ld(const Show& s, const std::string& network_name,
                          const std::vector<std::pair<Credit, Person>>& cast, const JsonLdContext& c) {
  json::object o{{"@context", "https://schema.org"},
                 {"@type", "TVSeries"},
                 {"name", s.title},
                 {"url", c.url("/shows/" + s.slug)}};
  auto alternate = names(s.original_title, s.aliases);
  for (const auto& [language, title] : s.titles) alternate.emplace_back(title);
  if (!alternate.empty()) o["alternateName"] = alternate;
  if (s.episode_count) o["numberOfEpisodes"] = s.episode_count;
  if (s.first_air_date) o["startDate"] = format_date_iso(*s.first_air_date);
  if (s.last_air_date && s.status == ShowStatus::ended) o["endDate"] = format_date_iso(*s.last_air_date);
  if (!s.genres.empty()) o["genre"] = names("", s.genres);
  if (!s.synopsis.empty()) o["description"] = s.synopsis;
  if (!network_name.empty()) o["productionCompany"] = json::object{{"@type", "Organization"}, {"name", network_name}};
  if (!s.poster_url.empty()) o["image"] = s.poster_url;
  // Who plays whom: the PerformanceRole pattern of schema.org.
  json::array actors;
  for (const auto& [credit, person] : cast) {
    json::object actor{{"@type", "Person"}, {"name", person.name}, {"url", c.url("/people/" + person.slug)}};
    if (credit.character.empty()) {
      actors.push_back(actor);
    } else {
      actors.push_back(json::object{{"@type", "PerformanceRole"}, {"actor", actor}, {"characterName", credit.character}});
    }
  }
  if (!actors.empty()) o["actor"] = actors;
  return o;
}

json::object person_ld(const Person& p, const std::vector<Group>& groups, const JsonLdContext& c) {
  json::object o{{"@context", "https://schema.org"},
                 {"@type", "Person"},
                 {"name", p.name},
                 {"url", c.url("/people/" + p.slug)}};
  auto alternate = names(p.hangul_name, p.aliases);
  if (!alternate.empty()) o["alternateName"] = alternate;
  if (p.birth_date) o["birthDate"] = format_date_iso(*p.birth_date);
  if (!p.occupations.empty()) o["jobTitle"] = names("", p.occupations);
  if (!p.bio.empty()) o["description"] = p.bio;
  json::array member_of;
  for (const auto& g : groups) {
    member_of.push_back(json::object{{"@type", "MusicGroup"}, {"name", g.name}, {"url", c.url("/groups/" + g.slug)}});
  }
  if (!member_of.empty()) o["memberOf"] = member_of;
  return o;
}

json::object music_group_ld(const Group& g, const std::vector<std::pair<Membership, Person>>& members,
                            const JsonLdContext& c) {
  json::object o{{"@context", "https://schema.org"},
                 {"@type", "MusicGroup"},
                 {"name", g.name},
                 {"url", c.url("/groups/" + g.slug)}};
  auto alternate = names(g.hangul_name, g.aliases);
  if (!alternate.empty()) o["alternateName"] = alternate;
  if (g.debut_date) o["foundingDate"] = format_date_iso(*g.debut_date);
  json::array list;
  for (const auto& [m, person] : members) {
    json::object member{{"@type", "Person"}, {"name", person.name}, {"url", c.url("/people/" + person.slug)}};
    if (!m.stage_name.empty()) member["alternateName"] = m.stage_name;
    list.push_back(member);
  }
  if (!list.empty()) o["member"] = list;
  return o;
}

std::string json_ld_script(const json::object& data) {
  std::string text = json::serialize(data);
  std::string script = "<script type=\"application/ld+json\">";
  script.reserve(script.size() + text.size() + 16);
  // '<' written as \u003c: "</script>" cannot end the element early.
  std::string_view rest = text;
  for (auto lt = rest.find('<'); lt != std::string_view::npos; lt = rest.find('<')) {
    script.append(rest.substr(0, lt)).append("\\u003c");
    rest.remove_prefix(lt + 1);
  }
  return script.append(rest).append("</script>");
}

}  // namespace kpress
