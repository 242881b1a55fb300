#pragma once
// The catalog's SQL, shared by the store's readers and its write transaction.
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace kpress::sql {

class Connection;

namespace catalog {

void save_network(Connection& db, const Network& network);
void save_show(Connection& db, const Show& show);
void save_person(Connection& db, const Person& person);
void save_group(Connection& db, const Group& group);
void save_membership(Connection& db, const Membership& membership);
void save_credit(Connection& db, const Credit& credit);
void save_episode(Connection& db, const Episode& episode);
void set_article_entities(Connection& db, std::int64_t article_id, const std::vector<EntityRef>& found);
std::vector<std::string> slugs_by_alias(Connection& db, std::string_view kind, std::string_view alias);

std::vector<Network> networks(Connection& db);
std::optional<Network> network(Connection& db, std::string_view slug);
std::optional<Show> show(Connection& db, std::string_view slug);
std::optional<Person> person(Connection& db, std::string_view slug);
std::optional<Group> group(Connection& db, std::string_view slug);
CatalogPage<Show> shows(Connection& db, const CatalogQuery& query);
CatalogPage<Person> people(Connection& db, const CatalogQuery& query);
CatalogPage<Group> groups(Connection& db, const CatalogQuery& query);
std::vector<Show> shows_on_air(Connection& db, const Date& from, const Date& to);
std::vector<Person> people_born_on(Connection& db, unsigned month, unsigned day);
std::vector<Episode> episodes(Connection& db, std::string_view show);
std::vector<Credit> credits(Connection& db, std::string_view show, std::string_view person);
std::vector<Membership> memberships(Connection& db, std::string_view group, std::string_view person);
// Every alias, or with an article id those of the entities the article is about.
std::vector<CatalogAlias> aliases(Connection& db, std::int64_t article_id);
std::vector<ArticleEntity> article_entities(Connection& db, std::int64_t article_id);
// Those of every article whose id is in [first_id, last_id], by article id.
std::map<std::int64_t, std::vector<ArticleEntity>> article_entities_between(Connection& db, std::int64_t first_id,
                                                                           std::int64_t last_id);

}  // namespace catalog
}  // namespace kpress::sql
