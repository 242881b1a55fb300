#pragma once
// Rendered article bodies in SQL (see RenderedBody), and what makes a kept one out of date.
#include <cstdint>
#include <optional>
#include <string_view>

#include "store/store.hpp"

namespace kpress::sql {

class Connection;

namespace rendered_bodies {

std::optional<RenderedBody> find(Connection& db, std::int64_t article_id, int revision, std::string_view renderer);
std::int64_t links_version(Connection& db);
// Kept only if the article is still at that revision, the links at that version and the renderer recorded.
bool keep(Connection& db, const RenderedBody& body);
// Records a renderer new to the site (then true).
bool adopt_renderer(Connection& db, std::string_view renderer);
// Drops the bodies of all but the two newest renderers, of the articles in (after, after + articles];
// see WriteTransaction::drop_bodies_of_old_renderers.
DroppedBodies drop_old_renderers(Connection& db, std::int64_t after, std::int64_t articles);
// The article's entities changed: its body is rendered again.
void article_links_changed(Connection& db, std::int64_t article_id);
// An entity's names or aliases changed: the bodies of the articles about it are rendered again.
void entity_links_changed(Connection& db, std::string_view kind, std::int64_t entity_id);

}  // namespace rendered_bodies
}  // namespace kpress::sql
