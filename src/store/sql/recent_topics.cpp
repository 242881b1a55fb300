#include "store/sql/recent_topics.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "store/sql/connection.hpp"

namespace kpress::sql {
namespace {

// Tags and entities as one kind of number: a tag's id, or an entity's id marked with its kind.
std::uint64_t tag_topic(std::int64_t tag_id) { return static_cast<std::uint64_t>(tag_id); }
std::uint64_t entity_topic(std::string_view kind, std::int64_t entity_id) {
  std::uint64_t mark = kind == "person" ? 1 : kind == "group" ? 2 : 3;
  return (mark << 48) | static_cast<std::uint64_t>(entity_id);
}

// The tags and entities of one article, sorted.
std::vector<std::uint64_t> topics_of(Connection& db, std::int64_t id) {
  std::vector<std::uint64_t> topics;
  // Tags (kind empty) and entities in one statement: a cold article page makes as few as it can.
  auto q = db.prepare(
      "SELECT '', tag_id FROM article_tags WHERE article_id = ?1 "
      "UNION ALL SELECT kind, entity_id FROM article_entities WHERE article_id = ?1 AND source <> 'dropped'");
  q.bind(1, id);
  while (q.step()) {
    auto kind = q.text(0);
    topics.push_back(kind.empty() ? tag_topic(q.int64(1)) : entity_topic(kind, q.int64(1)));
  }
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

// Newest first, as the lists are kept.
bool newer(std::int64_t published_at, std::int64_t id, std::int64_t other_published_at, std::int64_t other_id) {
  return published_at != other_published_at ? published_at > other_published_at : id > other_id;
}

}  // namespace

void RecentTopics::Newest::index() {
  position.clear();
  for (std::size_t i = 0; i < articles.size(); ++i) position[articles[i].id] = i;
}

RecentTopics::RecentTopics(Connect connect, ReadSummary read_summary,
                           std::chrono::steady_clock::duration read_all_again_after)
    : connect_(std::move(connect)),
      read_summary_(std::move(read_summary)),
      read_all_again_after_(read_all_again_after) {}
RecentTopics::~RecentTopics() = default;

void RecentTopics::changed(std::int64_t article_id, std::uint64_t change) {
  std::lock_guard lock(mutex_);
  last_change_ = std::max(last_change_, change);
  changed_.insert(article_id);
  if (rereading_) changed_while_rereading_.insert(article_id);
  older_.erase(article_id);
  summaries_.erase(article_id);
}

std::shared_ptr<const RecentTopics::Newest> RecentTopics::read_language(Connection& db, const std::string& language) {
  const std::string newest =
      "SELECT id FROM articles WHERE language = ?1 AND published_at IS NOT NULL "
      "ORDER BY published_at DESC, id DESC LIMIT " + std::to_string(kPerLanguage);
  auto list = std::make_shared<Newest>();
  auto articles = db.prepare(
      // A page is never related: taken as if in the trash.
      "SELECT id, published_at, status, trashed_at IS NOT NULL OR kind = 'page' FROM articles WHERE language = ?1 "
      "AND published_at IS NOT NULL ORDER BY published_at DESC, id DESC LIMIT " + std::to_string(kPerLanguage));
  articles.bind(1, language);
  while (articles.step()) {
    auto status = articles.text(2);
    list->articles.push_back({articles.int64(0), articles.int64(1), status == "published", status == "scheduled",
                              articles.int64(3) != 0, {}});
  }
  list->index();
  auto add = [&](std::int64_t id, std::uint64_t topic) {
    if (auto at = list->position.find(id); at != list->position.end()) list->articles[at->second].topics.push_back(topic);
  };
  auto tags = db.prepare("SELECT article_id, tag_id FROM article_tags WHERE article_id IN (" + newest + ")");
  tags.bind(1, language);
  while (tags.step()) add(tags.int64(0), tag_topic(tags.int64(1)));
  // Every link from the index alone, less the few an editor dropped (their own small index):
  // reading each link's row to check it took longer than the rest of the read.
  std::set<std::tuple<std::int64_t, std::string, std::int64_t>> dropped;
  for (auto q = db.prepare("SELECT article_id, kind, entity_id FROM article_entities WHERE source = 'dropped'"); q.step();)
    dropped.emplace(q.int64(0), q.text(1), q.int64(2));
  auto entities = db.prepare("SELECT article_id, kind, entity_id FROM article_entities WHERE article_id IN (" + newest + ")");
  entities.bind(1, language);
  while (entities.step()) {
    auto id = entities.int64(0);
    auto kind = entities.text(1);
    auto entity = entities.int64(2);
    if (dropped.empty() || !dropped.contains({id, kind, entity})) add(id, entity_topic(kind, entity));
  }
  for (auto& a : list->articles) std::sort(a.topics.begin(), a.topics.end());
  return list;
}

void RecentTopics::apply_changes(Connection& db) {
  // Each list is copied before it changes: readers may be walking the one they were given.
  std::map<std::string, std::shared_ptr<Newest>, std::less<>> copies;
  auto editable = [&](const std::string& language) -> Newest& {
    auto& copy = copies[language];
    if (!copy) {
      auto it = languages_.find(language);
      copy = it == languages_.end() ? std::make_shared<Newest>() : std::make_shared<Newest>(*it->second);
    }
    return *copy;
  };
  for (auto id : changed_) {
    for (const auto& [language, list] : languages_) {
      if (list->position.contains(id)) std::erase_if(editable(language).articles, [&](const Article& a) { return a.id == id; });
    }
    auto q = db.prepare("SELECT language, published_at, status, trashed_at IS NOT NULL OR kind = 'page' FROM articles WHERE id = ? "
                        "AND published_at IS NOT NULL");
    q.bind(1, id);
    if (!q.step()) continue;  // a draft without a date
    auto status = q.text(2);
    Article a{id, q.int64(1), status == "published", status == "scheduled", q.int64(3) != 0, topics_of(db, id)};
    auto language = q.text(0);
    if (!languages_.contains(language) && !copies.contains(language)) continue;  // read whole when first asked for
    auto& list = editable(language).articles;
    auto at = std::find_if(list.begin(), list.end(),
                           [&](const Article& b) { return newer(a.published_at, a.id, b.published_at, b.id); });
    // Among the newest, or the list is not full: an older one leaving it is not brought back
    // until everything is read again (the walk then covers one article fewer).
    if (at == list.end() && static_cast<int>(list.size()) >= kPerLanguage) continue;
    list.insert(at, std::move(a));
    if (static_cast<int>(list.size()) > kPerLanguage) list.pop_back();
  }
  changed_.clear();
  for (auto& [language, list] : copies) {
    list->index();
    languages_[language] = std::move(list);
  }
}

void RecentTopics::read_all_again(std::unique_lock<std::mutex>& lock) {
  older_.clear();
  summaries_.clear();
  std::vector<std::string> held;
  for (const auto& [language, list] : languages_) held.push_back(language);
  if (held.empty()) return;
  rereading_ = true;
  lock.unlock();
  Languages fresh;
  try {
    if (!rereading_db_ || rereading_db_->broken()) rereading_db_ = connect_();
    for (const auto& language : held) fresh.emplace(language, read_language(*rereading_db_, language));
  } catch (...) {
    lock.lock();
    rereading_ = false;
    changed_while_rereading_.clear();
    throw;
  }
  lock.lock();
  rereading_ = false;
  for (auto& [language, list] : fresh) languages_[language] = std::move(list);
  // A change announced during the read may be missing from it, and another reader may have
  // applied it to the lists just replaced: it is applied again.
  changed_.insert(changed_while_rereading_.begin(), changed_while_rereading_.end());
  changed_while_rereading_.clear();
}

std::shared_ptr<const RecentTopics::Newest> RecentTopics::newest(const std::string& language) {
  std::unique_lock lock(mutex_);
  if (!db_ || db_->broken()) db_ = connect_();
  auto now = std::chrono::steady_clock::now();
  if (now - read_at_ >= read_all_again_after_ && !rereading_) {
    read_at_ = now;
    read_all_again(lock);
  }
  if (!changed_.empty()) apply_changes(*db_);
  auto it = languages_.find(language);
  if (it == languages_.end()) it = languages_.emplace(language, read_language(*db_, language)).first;
  return it->second;
}

void RecentTopics::give_back_memory() {
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock) return;
  older_.clear();
  older_asked_.forget();
  summaries_.clear();
  if (db_) db_->give_back_memory();
}

std::vector<std::uint64_t> RecentTopics::topics_of_older(Connection& db, std::uint64_t seen, std::int64_t id) {
  {
    std::lock_guard lock(mutex_);
    if (auto* kept = older_.find(id)) return *kept;
  }
  auto topics = topics_of(db, id);
  std::lock_guard lock(mutex_);
  if (seen >= last_change_ && older_asked_.asked_again(static_cast<std::uint64_t>(id))) older_.put(id, topics);
  return topics;
}

std::vector<ArticleSummary> RecentTopics::summaries(const std::vector<std::int64_t>& ids) {
  std::vector<ArticleSummary> list;
  std::lock_guard lock(mutex_);
  for (auto id : ids) {
    auto* kept = summaries_.find(id);
    if (!kept) {
      auto summary = read_summary_(*db_, id);
      if (!summary) continue;  // deleted since
      kept = &summaries_.put(id, std::move(*summary));
    }
    list.push_back(*kept);
  }
  return list;
}

std::vector<ArticleSummary> RecentTopics::related(Connection& db, std::uint64_t seen, std::int64_t id,
                                                  const std::string& language, std::optional<Instant> visible_at,
                                                  int limit) {
  std::vector<std::int64_t> found;
  auto list = newest(language);
  if (!list) return {};
  auto self = list->position.find(id);
  auto mine = self != list->position.end() ? list->articles[self->second].topics : topics_of_older(db, seen, id);
  if (mine.empty()) return {};
  auto now = visible_at ? visible_at->time_since_epoch().count() : 0;
  for (const auto& a : list->articles) {
    if (static_cast<int>(found.size()) >= limit) break;
    if (a.id == id) continue;
    if (visible_at && (a.trashed || !(a.published || (a.scheduled && a.published_at <= now)))) continue;
    if (share_one(mine, a.topics)) found.push_back(a.id);
  }
  return summaries(found);
}

}  // namespace kpress::sql
