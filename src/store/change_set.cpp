#include "store/change_set.hpp"

#include <boost/json.hpp>

#include "store/store.hpp"

namespace kpress {

namespace json = boost::json;

bool ChangeSet::empty() const {
  return !everything && !site && !catalog && !home && !bodies && !redirects && articles.empty() && editions.empty() && sections.empty() &&
         tags.empty() && authors.empty() && entities.empty() && about.empty() && networks.empty() && reactions.empty() &&
         comments.empty();
}

void ChangeSet::merge(const ChangeSet& o) {
  everything |= o.everything;
  site |= o.site;
  catalog |= o.catalog;
  home |= o.home;
  bodies |= o.bodies;
  redirects |= o.redirects;
  articles.insert(o.articles.begin(), o.articles.end());
  editions.insert(o.editions.begin(), o.editions.end());
  sections.insert(o.sections.begin(), o.sections.end());
  tags.insert(o.tags.begin(), o.tags.end());
  authors.insert(o.authors.begin(), o.authors.end());
  entities.insert(o.entities.begin(), o.entities.end());
  about.insert(o.about.begin(), o.about.end());
  networks.insert(o.networks.begin(), o.networks.end());
  reactions.insert(o.reactions.begin(), o.reactions.end());
  comments.insert(o.comments.begin(), o.comments.end());
}

namespace {

json::array strings(const std::set<std::string>& from) { return json::array(from.begin(), from.end()); }

json::array entity_list(const std::set<EntityKey>& from) {
  json::array list;
  for (const auto& e : from) list.emplace_back(std::string(to_string(e.kind)) + "/" + e.slug);
  return list;
}

const json::array* list_at(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return nullptr;
  if (!it->value().is_array()) throw StoreError("change log: '" + std::string(key) + "' is not a list");
  return &it->value().get_array();
}

void read_strings(const json::object& o, std::string_view key, std::set<std::string>& into) {
  if (const auto* list = list_at(o, key)) {
    for (const auto& v : *list) {
      if (!v.is_string()) throw StoreError("change log: '" + std::string(key) + "' holds a non-string");
      into.emplace(v.get_string());
    }
  }
}

void read_entities(const json::object& o, std::string_view key, std::set<EntityKey>& into) {
  if (const auto* list = list_at(o, key)) {
    for (const auto& v : *list) {
      std::string_view text = v.is_string() ? std::string_view(v.get_string()) : std::string_view();
      auto slash = text.find('/');
      auto kind = slash == std::string_view::npos ? std::nullopt : parse_entity_kind(text.substr(0, slash));
      if (!kind) throw StoreError("change log: '" + std::string(key) + "' holds no entity: " + json::serialize(v));
      into.insert({*kind, std::string(text.substr(slash + 1))});
    }
  }
}

bool read_flag(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_bool() && it->value().get_bool();
}

}  // namespace

std::string ChangeSet::to_log() const {
  json::object o;
  for (auto [key, flag] : {std::pair{"everything", everything}, {"site", site}, {"catalog", catalog}, {"home", home}, {"bodies", bodies},
                             {"redirects", redirects}})
    if (flag) o[key] = true;
  for (auto [key, ids] : {std::pair{"articles", &articles}, {"reactions", &reactions}, {"comments", &comments}})
    if (!ids->empty()) o[key] = json::array(ids->begin(), ids->end());
  for (auto [key, set] : {std::pair{"editions", &editions}, {"sections", &sections}, {"tags", &tags}, {"authors", &authors},
                          {"networks", &networks}})
    if (!set->empty()) o[key] = strings(*set);
  if (!entities.empty()) o["entities"] = entity_list(entities);
  if (!about.empty()) o["about"] = entity_list(about);
  return json::serialize(o);
}

ChangeSet ChangeSet::from_log(std::string_view text) {
  boost::system::error_code ec;
  auto parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) throw StoreError("change log: not a JSON object: " + std::string(text.substr(0, 80)));
  const auto& o = parsed.get_object();
  ChangeSet c;
  c.everything = read_flag(o, "everything");
  c.site = read_flag(o, "site");
  c.catalog = read_flag(o, "catalog");
  c.home = read_flag(o, "home");
  c.bodies = read_flag(o, "bodies");
  c.redirects = read_flag(o, "redirects");
  for (auto [key, ids] : {std::pair{"articles", &c.articles}, {"reactions", &c.reactions}, {"comments", &c.comments}}) {
    if (const auto* list = list_at(o, key)) {
      for (const auto& v : *list) {
        if (!v.is_int64()) throw StoreError("change log: an article id is not a number: " + json::serialize(v));
        ids->insert(v.get_int64());
      }
    }
  }
  read_strings(o, "editions", c.editions);
  read_strings(o, "sections", c.sections);
  read_strings(o, "tags", c.tags);
  read_strings(o, "authors", c.authors);
  read_strings(o, "networks", c.networks);
  read_entities(o, "entities", c.entities);
  read_entities(o, "about", c.about);
  return c;
}

}  // namespace kpress
