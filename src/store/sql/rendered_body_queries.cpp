#include "store/sql/rendered_body_queries.hpp"

#include <boost/json.hpp>

#include "store/sql/connection.hpp"

namespace kpress::sql::rendered_bodies {
namespace {

// "kind/slug" lines: what the column keeps of each entity.
std::string about_text(const std::vector<EntityRef>& about) {
  std::string text;
  for (const auto& e : about) text.append(to_string(e.kind)).append("/").append(e.slug).append("\n");
  return text;
}

std::vector<EntityRef> about_of(std::string_view text) {
  std::vector<EntityRef> about;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    auto slash = line.find('/');
    auto kind = parse_entity_kind(line.substr(0, slash));
    if (slash == std::string_view::npos || !kind) continue;
    about.push_back({*kind, std::string(line.substr(slash + 1)), ""});
  }
  return about;
}

std::string entities_json(const std::vector<EntityRef>& entities) {
  boost::json::array list;
  for (const auto& e : entities) list.push_back(boost::json::array{to_string(e.kind), e.slug, e.name});
  return boost::json::serialize(list);
}

std::vector<EntityRef> entities_of(std::string_view json) {
  std::vector<EntityRef> entities;
  boost::system::error_code error;
  auto value = boost::json::parse(json, error);
  if (error || !value.is_array()) return entities;
  for (const auto& item : value.as_array()) {
    const auto* fields = item.if_array();
    if (!fields || fields->size() != 3 || !(*fields)[0].is_string() || !(*fields)[1].is_string() || !(*fields)[2].is_string())
      continue;
    auto kind = parse_entity_kind((*fields)[0].as_string());
    if (kind) entities.push_back({*kind, std::string((*fields)[1].as_string()), std::string((*fields)[2].as_string())});
  }
  return entities;
}

void bump_links_version(Connection& db) { db.prepare("UPDATE rendered_body_state SET links_version = links_version + 1").run(); }

}  // namespace

std::optional<RenderedBody> find(Connection& db, std::int64_t article_id, int revision, std::string_view renderer) {
  auto q = db.prepare(
      "SELECT html, entities, about FROM rendered_bodies WHERE article_id = ? AND renderer = ? AND revision = ?");
  q.bind(1, article_id).bind(2, renderer).bind(3, revision);
  if (!q.step()) return std::nullopt;
  return RenderedBody{article_id, revision, 0, q.text(0), entities_of(q.text(1)), about_of(q.text(2)), std::string(renderer)};
}

std::int64_t links_version(Connection& db) {
  auto q = db.prepare("SELECT links_version FROM rendered_body_state");
  return q.step() ? q.int64(0) : 0;
}

// A body kept in the place of another is of another revision (readers ask for a body by its
// revision) or of the same revision, links and renderer (two views rendered it at once): either
// way no reader's kept body is wrong, and the links version stays.
bool keep(Connection& db, const RenderedBody& body) {
  db.prepare(
        "INSERT INTO rendered_bodies (article_id, renderer, revision, html, about, entities) SELECT ?1, ?7, ?2, ?3, ?4, ?6 "
        "WHERE (SELECT revision FROM articles WHERE id = ?1) = ?2 AND (SELECT links_version FROM rendered_body_state) = ?5 "
        "AND EXISTS (SELECT 1 FROM body_renderers WHERE renderer = ?7) "
        "ON CONFLICT (article_id, renderer) DO UPDATE SET revision = excluded.revision, html = excluded.html, "
        "about = excluded.about, entities = excluded.entities")
      .bind(1, body.article_id)
      .bind(2, body.revision)
      .bind(3, body.html)
      .bind(4, about_text(body.about))
      .bind(5, body.links_version)
      .bind(6, entities_json(body.entities))
      .bind(7, body.renderer)
      .run();
  return db.changes() > 0;
}

// Renderers are numbered in the order they came; a rolling upgrade has two running at once.
bool adopt_renderer(Connection& db, std::string_view renderer) {
  db.prepare(
        "INSERT INTO body_renderers (renderer, adopted) SELECT ?, COALESCE(max(adopted), 0) + 1 FROM body_renderers WHERE true "
        "ON CONFLICT (renderer) DO NOTHING")
      .bind(1, renderer)
      .run();
  return db.changes() != 0;
}

DroppedBodies drop_old_renderers(Connection& db, std::int64_t after, std::int64_t articles) {
  // The renderers stay recorded until their last body is gone: while more than two are, some
  // bodies may be left to drop; with two or fewer (every start of a build the site knows), none.
  auto renderers = db.prepare("SELECT count(*) FROM body_renderers");
  renderers.step();
  if (renderers.int64(0) <= 2) return {};
  constexpr std::string_view kNewest = "(SELECT renderer FROM body_renderers ORDER BY adopted DESC LIMIT 2)";
  // Through the primary key (article_id, renderer): a range of it, not a scan of every body.
  db.prepare("DELETE FROM rendered_bodies WHERE article_id > ? AND article_id <= ? AND renderer NOT IN " + std::string(kNewest))
      .bind(1, after)
      .bind(2, after + articles)
      .run();
  DroppedBodies dropped{.count = db.changes()};
  auto last = db.prepare("SELECT max(article_id) FROM rendered_bodies");
  if (last.step() && !last.is_null(0) && last.int64(0) > after + articles) dropped.go_on_after = after + articles;
  else db.prepare("DELETE FROM body_renderers WHERE renderer NOT IN " + std::string(kNewest)).run();
  return dropped;
}

void article_links_changed(Connection& db, std::int64_t article_id) {
  db.prepare("DELETE FROM rendered_bodies WHERE article_id = ?").bind(1, article_id).run();
  bump_links_version(db);
}

void entity_links_changed(Connection& db, std::string_view kind, std::int64_t entity_id) {
  db.prepare(
        "DELETE FROM rendered_bodies WHERE article_id IN "
        "(SELECT article_id FROM article_entities WHERE kind = ? AND entity_id = ?)")
      .bind(1, kind)
      .bind(2, entity_id)
      .run();
  bump_links_version(db);
}

}  // namespace kpress::sql::rendered_bodies
