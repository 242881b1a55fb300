#include "store/sqlite/recent_topics.hpp"

#include <algorithm>

#include "store/sqlite/connection.hpp"

namespace kpress::sqlite {
namespace {

constexpr auto kReadAgainAfter = std::chrono::minutes(1);

// Tags and entities as one kind of number: a tag's id, or an entity's id marked with its kind.
std::uint64_t tag_topic(std::int64_t tag_id) { return static_cast<std::uint64_t>(tag_id); }
std::uint64_t entity_topic(std::string_view kind, std::int64_t entity_id) {
  std::uint64_t mark = kind == "person" ? 1 : kind == "group" ? 2 : 3;
  return (mark << 48) | static_cast<std::uint64_t>(entity_id);
}

// The tags and entities of one article, sorted.
std::vector<std::uint64_t> topics_of(Connection& db, std::int64_t id) {
  std::vector<std::uint64_t> topics;
  auto tags = db.prepare("SELECT tag_id FROM article_tags WHERE article_id = ?");
  tags.bind(1, id);
  while (tags.step()) topics.push_back(tag_topic(tags.int64(0)));
  auto entities = db.prepare("SELECT kind, entity_id FROM article_entities WHERE article_id = ? AND source <> 'dropped'");
  entities.bind(1, id);
  while (entities.step()) topics.push_back(entity_topic(entities.text(0), entities.int64(1)));
  std::sort(topics.begin(), topics.end());
  return topics;
}

bool share_one(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i == *j) return true;
    *i < *j ? ++i : ++j;
  }
  return false;
}

}  // namespace

std::shared_ptr<const RecentTopics::State> RecentTopics::read(Connection& db, std::uint64_t version) {
  auto state = std::make_shared<State>();
  state->read_at = std::chrono::steady_clock::now();
  state->version = version;
  const std::string newest =
      "SELECT id FROM articles WHERE language = ?1 AND published_at IS NOT NULL "
      "ORDER BY published_at DESC, id DESC LIMIT " + std::to_string(kPerLanguage);
  std::vector<std::string> languages;
  for (auto q = db.prepare("SELECT code FROM languages"); q.step();) languages.push_back(q.text(0));
  for (const auto& language : languages) {
    Newest& list = state->languages[language];
    auto articles = db.prepare(
        "SELECT id, published_at, status, trashed_at IS NOT NULL FROM articles WHERE language = ?1 "
        "AND published_at IS NOT NULL ORDER BY published_at DESC, id DESC LIMIT " + std::to_string(kPerLanguage));
    articles.bind(1, language);
    while (articles.step()) {
      auto status = articles.text(2);
      list.position[articles.int64(0)] = list.articles.size();
      list.articles.push_back({articles.int64(0), articles.int64(1), status == "published", status == "scheduled",
                               articles.int64(3) != 0, {}});
    }
    auto add = [&](std::int64_t id, std::uint64_t topic) {
      if (auto at = list.position.find(id); at != list.position.end()) list.articles[at->second].topics.push_back(topic);
    };
    auto tags = db.prepare("SELECT article_id, tag_id FROM article_tags WHERE article_id IN (" + newest + ")");
    tags.bind(1, language);
    while (tags.step()) add(tags.int64(0), tag_topic(tags.int64(1)));
    auto entities = db.prepare("SELECT article_id, kind, entity_id FROM article_entities WHERE source <> 'dropped' "
                               "AND article_id IN (" + newest + ")");
    entities.bind(1, language);
    while (entities.step()) add(entities.int64(0), entity_topic(entities.text(1), entities.int64(2)));
    for (auto& a : list.articles) std::sort(a.topics.begin(), a.topics.end());
  }
  return state;
}

std::shared_ptr<const RecentTopics::State> RecentTopics::current(Connection& db) {
  std::lock_guard lock(mutex_);
  auto version = version_.load();
  if (!state_ || state_->version != version || std::chrono::steady_clock::now() - state_->read_at > kReadAgainAfter)
    state_ = read(db, version);
  return state_;
}

std::vector<std::int64_t> RecentTopics::related(Connection& db, std::int64_t id, const std::string& language,
                                                std::optional<Instant> visible_at, int limit) {
  std::vector<std::int64_t> found;
  auto state = current(db);
  auto list = state->languages.find(language);
  if (list == state->languages.end()) return found;
  const Newest& newest = list->second;
  auto self = newest.position.find(id);
  auto mine = self != newest.position.end() ? newest.articles[self->second].topics : topics_of(db, id);
  if (mine.empty()) return found;
  auto now = visible_at ? visible_at->time_since_epoch().count() : 0;
  for (const auto& a : newest.articles) {
    if (static_cast<int>(found.size()) >= limit) break;
    if (a.id == id) continue;
    if (visible_at && (a.trashed || !(a.published || (a.scheduled && a.published_at <= now)))) continue;
    if (share_one(mine, a.topics)) found.push_back(a.id);
  }
  return found;
}

}  // namespace kpress::sqlite
