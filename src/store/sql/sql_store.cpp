#include "store/sql/sql_store.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/article_json.hpp"
#include "store/sql/account_queries.hpp"
#include "store/sql/comment_queries.hpp"
#include "store/sql/spam_filter_queries.hpp"
#include "store/sql/catalog_queries.hpp"
#include "store/sql/connection.hpp"
#include "store/recording_transaction.hpp"
#include "store/sql/redirect_queries.hpp"
#include "store/sql/rendered_body_queries.hpp"

namespace kpress::sql {
namespace {



// Columns every article read selects, in this order.
constexpr std::string_view kArticleColumns =
    "a.id, a.slug, a.language, a.title, a.standfirst, COALESCE(s.slug, ''), COALESCE(u.slug, ''), "
    "a.hero_url, a.hero_alt, a.hero_credit, a.status, a.published_at, a.updated_at, a.body, "
    "a.source_site, a.source_url, a.source_author, a.translator, a.translation_of, a.revision, "
    "a.entity_links, a.entity_unlinks, a.redirect_to, a.source_revision, a.created_by, a.trashed_at, a.comments, a.kind, "
    "a.seo_title, a.seo_description";
// What lists read: the summary, without the body.
constexpr std::string_view kSummaryColumns =
    "a.id, a.slug, a.language, a.title, a.standfirst, COALESCE(s.slug, ''), COALESCE(u.slug, ''), "
    "a.hero_url, a.hero_alt, a.hero_credit, a.status, a.published_at, a.updated_at, a.kind";
constexpr std::string_view kArticleFrom =
    " FROM articles a LEFT JOIN sections s ON s.id = a.section_id LEFT JOIN authors u ON u.id = a.author_id";

// What a reader may see at the instant bound to `param` ("?" or "?3"). "a.status || ''": not
// through the status index, so the newest-first index gives the order and a page reads only as
// many rows as it shows.
std::string visible_at_sql(std::string_view param) {
  return " AND ((a.status || '') = 'published' OR ((a.status || '') = 'scheduled' AND a.published_at <= " +
         std::string(param) + ")) AND a.trashed_at IS NULL";
}

ArticleStatus status_column(const Statement& s, int column) {
  return parse_article_status(s.text(column)).value_or(ArticleStatus::draft);
}

ArticleSummary read_summary(const Statement& s) {
  ArticleSummary a;
  a.id = s.int64(0);
  a.slug = s.text(1);
  a.language = s.text(2);
  a.title = s.text(3);
  a.standfirst = s.text(4);
  a.section = s.text(5);
  a.author = s.text(6);
  a.hero = {s.text(7), s.text(8), s.text(9)};
  a.status = status_column(s, 10);
  a.published_at = instant_column(s, 11);
  a.updated_at = instant_column(s, 12);
  a.kind = parse_article_kind(s.text(13)).value_or(ArticleKind::article);
  return a;
}

std::optional<ArticleSummary> find_summary(Connection& db, std::int64_t id) {
  auto q = db.prepare("SELECT " + std::string(kSummaryColumns) + std::string(kArticleFrom) + " WHERE a.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_summary(q);
}

// The tags of every article whose id is in [first_id, last_id], by article id, in the editor's
// order. Sorted here: an ORDER BY on the position made SQLite build a sorter for each article read.
std::map<std::int64_t, std::vector<std::string>> tags_between(Connection& db, std::int64_t first_id, std::int64_t last_id) {
  std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::string>>> placed;
  auto q = db.prepare(
      "SELECT at.article_id, at.position, t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id "
      "WHERE at.article_id BETWEEN ? AND ?");
  q.bind(1, first_id).bind(2, last_id);
  while (q.step()) placed[q.int64(0)].emplace_back(q.int64(1), q.text(2));
  std::map<std::int64_t, std::vector<std::string>> tags;
  for (auto& [article, list] : placed) {
    std::sort(list.begin(), list.end());
    auto& names = tags[article];
    for (auto& [position, slug] : list) names.push_back(std::move(slug));
  }
  return tags;
}

// An article's columns; its tags are read apart.
Article read_article_row(const Statement& s) {
  Article a;
  a.id = s.int64(0);
  a.slug = s.text(1);
  a.language = s.text(2);
  a.title = s.text(3);
  a.standfirst = s.text(4);
  a.section = s.text(5);
  a.author = s.text(6);
  a.hero = {s.text(7), s.text(8), s.text(9)};
  a.status = status_column(s, 10);
  a.published_at = instant_column(s, 11);
  a.updated_at = instant_column(s, 12);
  a.body = s.text(13);
  a.source = {s.text(14), s.text(15), s.text(16)};
  a.translator = s.text(17);
  a.translation_of = s.text(18);
  a.revision = static_cast<int>(s.int64(19));
  for (auto [column, list] : {std::pair{20, &a.link}, std::pair{21, &a.unlink}}) {
    auto text = s.text(column);
    if (text == "[]") continue;  // nearly every article: no editor's links to parse
    auto parsed = boost::json::parse(text);
    for (const auto& v : parsed.as_array()) list->emplace_back(v.as_string());
  }
  a.redirect_to = s.text(22);
  a.source_revision = static_cast<int>(s.int64(23));
  if (!s.is_null(24)) a.created_by = s.int64(24);
  a.trashed_at = instant_column(s, 25);
  a.comments = parse_article_comments(s.text(26)).value_or(ArticleComments::site);
  a.kind = parse_article_kind(s.text(27)).value_or(ArticleKind::article);
  a.seo_title = s.text(28);
  a.seo_description = s.text(29);
  return a;
}

Article read_article(Connection& db, const Statement& s) {
  Article a = read_article_row(s);
  a.tags = std::move(tags_between(db, a.id, a.id)[a.id]);
  return a;
}

// One article with its tags, in one statement (a cold article page makes as few as it can): a
// row per tag, the article's columns read from the first, the tags sorted here by position.
std::optional<Article> find_article(Connection& db, std::string_view where, auto bind_value) {
  constexpr int kPosition = 30, kTag = 31;  // after kArticleColumns
  std::string sql = "SELECT " + std::string(kArticleColumns) + ", at.position, t.slug" + std::string(kArticleFrom) +
                    " LEFT JOIN article_tags at ON at.article_id = a.id LEFT JOIN tags t ON t.id = at.tag_id WHERE " +
                    std::string(where);
  auto q = db.prepare(sql);
  q.bind(1, bind_value);
  if (!q.step()) return std::nullopt;
  Article a = read_article_row(q);
  std::vector<std::pair<std::int64_t, std::string>> placed;
  do {
    if (!q.is_null(kTag)) placed.emplace_back(q.int64(kPosition), q.text(kTag));
  } while (q.step());
  std::sort(placed.begin(), placed.end());
  for (auto& [position, slug] : placed) a.tags.push_back(std::move(slug));
  return a;
}

std::optional<std::int64_t> id_by_slug(Connection& db, std::string_view table, const std::string& slug) {
  if (slug.empty()) return std::nullopt;
  auto q = db.prepare("SELECT id FROM " + std::string(table) + " WHERE slug = ?");
  q.bind(1, slug);
  if (!q.step()) throw StoreError(std::string(table) + " has no '" + slug + "'");
  return q.int64(0);
}

// Appends what a write transaction changed to the change log, in that transaction. The head
// row is the writer's until commit: ids follow commit order with no gap, on any backend (a
// sequence would give ids to transactions that roll back, and out of order).
std::int64_t append_change(Connection& db, const ChangeSet& changes) {
  std::int64_t entry = 0;
  {
    auto head = db.prepare("UPDATE change_log_head SET id = id + 1 RETURNING id");
    head.step();
    entry = head.int64(0);
  }
  db.prepare("INSERT INTO change_log (id, committed_at, changes) VALUES (?, ?, ?)")
      .bind(1, entry)
      .bind(2, seconds(system_now()))
      .bind(3, changes.to_log())
      .run();
  db.announce_change();
  if (entry % 256 == 0)  // now and then, not at every commit
    db.prepare("DELETE FROM change_log WHERE id <= ?").bind(1, entry - SqlStore::kChangeLogKept).run();
  return entry;
}

class SqlWriteTransaction final : public BackendTransaction {
 public:
  // `db` has begun its write (Connection::begin_write) under `lock`.
  SqlWriteTransaction(std::unique_lock<std::mutex> lock, Connection& db) : lock_(std::move(lock)), db_(db) {}
  ~SqlWriteTransaction() override {
    if (!done_) {
      try {
        db_.exec("ROLLBACK");
        db_.end_write();
      } catch (...) {  // a destructor must not throw; the connection rolls back on close anyway
      }
    }
  }

  void save_site(const Site& site) override {
    const std::pair<const char*, const std::string*> settings[] = {
        {"name", &site.name},
        {"tagline", &site.tagline},
        {"base_url", &site.base_url},
        {"default_language", &site.default_language},
        {"time_zone", &site.time_zone}};
    auto save = [&](const std::string& key, const std::string& value) {
      db_.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
          .bind(1, key)
          .bind(2, value)
          .run();
    };
    for (const auto& [key, value] : settings) save(key, *value);
    for (const auto& [key, value] : setting_entries(site.comments)) save(key, value);
    save("navigation", navigation_setting(site.navigation));
  }

  void save_language(const Language& l) override {
    db_.prepare(
           "INSERT INTO languages (code, name, position) VALUES (?, ?, (SELECT COUNT(*) FROM languages)) "
           "ON CONFLICT(code) DO UPDATE SET name = excluded.name")
        .bind(1, l.code)
        .bind(2, l.name)
        .run();
  }

  void save_section(const Section& s) override {
    db_.prepare(
           "INSERT INTO sections (slug, name, description, position, parent) VALUES (?, ?, ?, ?, ?) "
           "ON CONFLICT(slug) DO UPDATE SET name = excluded.name, description = excluded.description, "
           "position = excluded.position, parent = excluded.parent")
        .bind(1, s.slug)
        .bind(2, s.name)
        .bind(3, s.description)
        .bind(4, s.position)
        .bind(5, s.parent)
        .run();
  }

  void save_tag(const Tag& t) override {
    db_.prepare("INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT(slug) DO UPDATE SET name = excluded.name")
        .bind(1, t.slug)
        .bind(2, t.name)
        .run();
  }

  void save_author(const Author& a) override {
    db_.prepare(
           "INSERT INTO authors (slug, name, bio) VALUES (?, ?, ?) "
           "ON CONFLICT(slug) DO UPDATE SET name = excluded.name, bio = excluded.bio")
        .bind(1, a.slug)
        .bind(2, a.name)
        .bind(3, a.bio)
        .run();
  }

  // The slug and the revision were checked above the backend, in this transaction.
  SavedArticle save_article(const Article& in, Instant saved_at, std::optional<int>) override {
    Article a = in;
    auto section_id = id_by_slug(db_, "sections", a.section);
    auto author_id = id_by_slug(db_, "authors", a.author);

    int revision = 1;
    bool exists = a.id != 0 && article_id_in_use(a.id);
    if (exists) {
      auto q = db_.prepare("SELECT revision FROM articles WHERE id = ?");
      q.bind(1, a.id);
      q.step();
      revision = static_cast<int>(q.int64(0)) + 1;
    }
    a.revision = revision;

    const char* sql = exists
        ? "UPDATE articles SET slug = ?1, language = ?2, section_id = ?3, author_id = ?4, title = ?5, "
          "standfirst = ?6, body = ?7, hero_url = ?8, hero_alt = ?9, hero_credit = ?10, status = ?11, "
          "published_at = ?12, updated_at = ?13, source_site = ?14, source_url = ?15, source_author = ?16, "
          "translator = ?17, translation_of = ?18, revision = ?19, entity_links = ?21, entity_unlinks = ?22, "
          "redirect_to = ?23, source_revision = ?24, comments = ?26, kind = ?27, seo_title = ?28, "
          "seo_description = ?29 WHERE id = ?20"
        : "INSERT INTO articles (slug, language, section_id, author_id, title, standfirst, body, hero_url, "
          "hero_alt, hero_credit, status, published_at, updated_at, source_site, source_url, source_author, "
          "translator, translation_of, revision, id, entity_links, entity_unlinks, redirect_to, source_revision, "
          "created_by, comments, kind, seo_title, seo_description) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
          "COALESCE(?20, (SELECT COALESCE(MAX(id), 0) + 1 FROM articles)), ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29) "
          "RETURNING id";
    auto q = db_.prepare(sql);
    q.bind(1, a.slug).bind(2, a.language).bind(3, section_id).bind(4, author_id).bind(5, a.title);
    q.bind(6, a.standfirst).bind(7, a.body).bind(8, a.hero.url).bind(9, a.hero.alt).bind(10, a.hero.credit);
    q.bind(11, to_string(a.status)).bind(12, seconds(a.published_at)).bind(13, seconds(a.updated_at));
    q.bind(14, a.source.site).bind(15, a.source.url).bind(16, a.source.author);
    q.bind(17, a.translator).bind(18, a.translation_of).bind(19, a.revision);
    if (a.id) q.bind(20, a.id);
    else q.bind_null(20);
    q.bind(21, boost::json::serialize(boost::json::array(a.link.begin(), a.link.end())));
    q.bind(22, boost::json::serialize(boost::json::array(a.unlink.begin(), a.unlink.end())));
    q.bind(23, a.redirect_to).bind(24, a.source_revision);
    if (!exists) q.bind(25, actor_);
    q.bind(26, to_string(a.comments)).bind(27, to_string(a.kind)).bind(28, a.seo_title).bind(29, a.seo_description);
    if (exists) {
      q.run();
    } else {
      q.step();
      a.id = q.int64(0);
    }

    db_.prepare("DELETE FROM article_tags WHERE article_id = ?").bind(1, a.id).run();
    int position = 0;
    for (const auto& tag : a.tags) {
      db_.prepare("INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT DO NOTHING").bind(1, tag).bind(2, tag).run();
      db_.prepare(
             "INSERT INTO article_tags (article_id, tag_id, position) "
             "SELECT CAST(? AS BIGINT), id, CAST(? AS INTEGER) FROM tags WHERE slug = ? ON CONFLICT DO NOTHING")
          .bind(1, a.id)
          .bind(2, position++)
          .bind(3, tag)
          .run();
    }

    db_.prepare("INSERT INTO article_revisions (article_id, number, saved_at, snapshot, saved_by) VALUES (?, ?, ?, ?, ?)")
        .bind(1, a.id)
        .bind(2, a.revision)
        .bind(3, seconds(saved_at))
        .bind(4, boost::json::serialize(article_to_json(a)))
        .bind(5, actor_)
        .run();
    return {a.id, a.revision};
  }

  void trash_article(std::int64_t id, std::optional<Instant> at) override {
    db_.prepare("UPDATE articles SET trashed_at = ? WHERE id = ?").bind(1, seconds(at)).bind(2, id).run();
    if (db_.changes() == 0) throw StoreError("no article has the id " + std::to_string(id));
  }

  std::vector<std::int64_t> publish_due(Instant now) override {
    auto q = db_.prepare(
        "UPDATE articles SET status = 'published' WHERE status = 'scheduled' AND published_at <= ? AND trashed_at IS NULL "
        "RETURNING id");
    q.bind(1, seconds(now));
    std::vector<std::int64_t> ids;
    while (q.step()) ids.push_back(q.int64(0));
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  void set_actor(std::optional<std::int64_t> user_id) override { actor_ = user_id; }

  std::int64_t save_user(const User& user) override { return accounts::save_user(db_, user); }
  void save_session(const Session& session) override { accounts::save_session(db_, session); }
  void delete_session(std::string_view token_hash) override { accounts::delete_session(db_, token_hash); }
  int delete_sessions_of(std::int64_t user_id) override { return accounts::delete_sessions_of(db_, user_id); }
  void append_audit(const AuditEntry& entry) override { accounts::append_audit(db_, entry); }
  std::string adopt_signing_key(const std::string& proposed) override { return accounts::adopt_signing_key(db_, proposed); }
  void save_autosave(std::int64_t user_id, const Article& a, Instant at) override {
    db_.prepare(
           "INSERT INTO autosaves (article_id, user_id, saved_at, snapshot) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (article_id, user_id) DO UPDATE SET saved_at = excluded.saved_at, snapshot = excluded.snapshot")
        .bind(1, a.id)
        .bind(2, user_id)
        .bind(3, seconds(at))
        .bind(4, boost::json::serialize(article_to_json(a)))
        .run();
  }
  std::int64_t save_media(const MediaItem& m) override {
    if (m.id) {
      db_.prepare("UPDATE media SET alt = ?, credit = ? WHERE id = ?").bind(1, m.alt).bind(2, m.credit).bind(3, m.id).run();
      if (db_.changes() == 0) throw StoreError("no image has the id " + std::to_string(m.id));
      return m.id;
    }
    auto q = db_.prepare(
        "INSERT INTO media (original_name, format, width, height, bytes, alt, credit, uploaded_by, uploaded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    q.bind(1, m.original_name).bind(2, m.format).bind(3, m.size.width).bind(4, m.size.height).bind(5, m.bytes);
    q.bind(6, m.alt).bind(7, m.credit).bind(8, m.uploaded_by).bind(9, seconds(m.uploaded_at));
    q.step();
    return q.int64(0);
  }
  std::int64_t save_comment(const Comment& comment) override { return comments::save(db_, comment); }
  void erase_comments(const std::vector<std::int64_t>& ids) override { comments::erase(db_, ids); }
  std::optional<Comment> comment(std::int64_t id) override { return comments::by_id(db_, id); }
  void train_spam_filter(const SpamTraining& training) override { spam_filter::train(db_, training); }
  void unsubscribe_mail(std::string_view email_key, Instant at) override { comments::unsubscribe(db_, email_key, at); }
  void save_import_origin(const ImportOrigin& origin) override { import_origins::save(db_, origin); }
  std::optional<ImportOrigin> imported_as(std::string_view origin, std::string_view kind,
                                         std::string_view source_id) override {
    return import_origins::find(db_, origin, kind, source_id);
  }
  void save_redirect(const Redirect& redirect) override { redirects::save(db_, redirect); }
  void delete_redirect(std::string_view from) override { redirects::erase(db_, from); }
  void set_featured(std::string_view language, const std::vector<FeaturedStory>& stories) override {
    db_.prepare("DELETE FROM featured_stories WHERE language = ?").bind(1, language).run();
    for (const auto& s : stories) {
      db_.prepare("INSERT INTO featured_stories (language, article_id, position, until) VALUES (?, ?, ?, ?)")
          .bind(1, language)
          .bind(2, s.article_id)
          .bind(3, s.position)
          .bind(4, seconds(s.until))
          .run();
    }
  }
  void drop_autosave(std::int64_t user_id, std::int64_t article_id) override {
    db_.prepare("DELETE FROM autosaves WHERE article_id = ? AND user_id = ?").bind(1, article_id).bind(2, user_id).run();
  }

  void save_network(const Network& n) override { catalog::save_network(db_, n); }
  void save_show(const Show& s) override { catalog::save_show(db_, s); }
  void save_person(const Person& p) override { catalog::save_person(db_, p); }
  void save_group(const Group& g) override { catalog::save_group(db_, g); }
  void save_membership(const Membership& m) override { catalog::save_membership(db_, m); }
  void save_credit(const Credit& c) override { catalog::save_credit(db_, c); }
  void save_episode(const Episode& e) override { catalog::save_episode(db_, e); }
  void clear_show_cast_and_episodes(std::string_view show) override {
    for (const char* table : {"credits", "episodes"}) {
      db_.prepare("DELETE FROM " + std::string(table) + " WHERE show_id = (SELECT id FROM shows WHERE slug = ?)").bind(1, show).run();
    }
  }
  void clear_group_members(std::string_view group) override {
    db_.prepare("DELETE FROM memberships WHERE group_id = (SELECT id FROM music_groups WHERE slug = ?)").bind(1, group).run();
  }
  void set_article_entities(std::int64_t article_id, const std::vector<EntityRef>& found) override {
    catalog::set_article_entities(db_, article_id, found);
  }
  bool keep_rendered_body(const RenderedBody& body) override { return rendered_bodies::keep(db_, body); }
  bool adopt_body_renderer(std::string_view renderer) override { return rendered_bodies::adopt_renderer(db_, renderer); }
  DroppedBodies drop_bodies_of_old_renderers(std::int64_t after, std::int64_t articles) override {
    return rendered_bodies::drop_old_renderers(db_, after, articles);
  }
  std::vector<std::string> slugs_by_alias(EntityKind kind, std::string_view alias) override {
    return catalog::slugs_by_alias(db_, to_string(kind), alias);
  }
  std::optional<std::string> network_by_alias(std::string_view alias) override {
    auto slugs = catalog::slugs_by_alias(db_, "network", alias);
    return slugs.empty() ? std::nullopt : std::optional<std::string>(slugs.front());
  }
  std::optional<Person> person(std::string_view slug) override { return catalog::person(db_, slug); }
  std::optional<Show> show(std::string_view slug) override { return catalog::show(db_, slug); }
  std::optional<Group> group(std::string_view slug) override { return catalog::group(db_, slug); }

  std::optional<Article> article_by_slug(std::string_view slug) override {
    return find_article(db_, "a.slug = ?", slug);
  }
  std::optional<Article> article_by_id(std::int64_t id) override { return find_article(db_, "a.id = ?", id); }
  std::vector<ArticleEntity> article_entities(std::int64_t id) override { return catalog::article_entities(db_, id); }
  std::vector<Credit> credits_of_show(std::string_view show) override { return catalog::credits(db_, show, ""); }
  std::vector<Membership> members_of(std::string_view group) override { return catalog::memberships(db_, group, ""); }

  bool article_id_in_use(std::int64_t id) override {
    auto q = db_.prepare("SELECT 1 FROM articles WHERE id = ?");
    q.bind(1, id);
    return q.step();
  }

  std::int64_t commit_changes(const ChangeSet& changes) override {
    std::int64_t entry = changes.empty() ? 0 : append_change(db_, changes);
    db_.commit();
    done_ = true;
    db_.end_write();
    lock_.unlock();  // the next writer may go on while this one's change is delivered
    return entry;
  }

 private:
  std::unique_lock<std::mutex> lock_;
  Connection& db_;
  std::optional<std::int64_t> actor_;
  bool done_ = false;
};

}  // namespace

namespace {
// Each thread's place among a store's thread slots, for the life of the thread.
std::atomic<std::size_t> threads_seen{0};
thread_local const std::size_t this_thread_slot = threads_seen++;
}  // namespace

// A read connection borrowed and given back when the lease ends: to this thread's slot (no
// lock), else to the shared pool; or, inside a snapshot, the snapshot's connection, which stays
// with it.
class SqlStore::Lease {
 public:
  Lease(const SqlStore& store, std::unique_ptr<Connection> c) : store_(store), owned_(std::move(c)), connection_(owned_.get()) {}
  Lease(const SqlStore& store, Connection& borrowed) : store_(store), connection_(&borrowed) {}
  Lease(Lease&&) = default;
  ~Lease() {
    if (!owned_) return;
    if (owned_->broken()) {
      store_.connections_lost();
      return;
    }
    if (this_thread_slot < kThreadSlots) {
      auto& slot = store_.thread_slots_[this_thread_slot];
      if (!slot.idle) {
        slot.idle = std::move(owned_);
        slot.lost = store_.connections_lost_.load();
        return;
      }
    }
    std::lock_guard lock(store_.pool_mutex_);
    store_.pool_.push_back(std::move(owned_));
  }
  Connection* operator->() { return connection_; }
  Connection& operator*() { return *connection_; }

 private:
  const SqlStore& store_;
  std::unique_ptr<Connection> owned_;
  Connection* connection_;
};

namespace {
// This thread's open snapshot, and whose store it is.
struct PinnedRead {
  const SqlStore* store = nullptr;
  ReadSnapshot* snapshot = nullptr;
};
thread_local PinnedRead pinned;
}  // namespace

// A page's reads, in one read transaction begun at the first of them that reaches the database
// (a page whose reads are all kept in memory, see MemoizedStore, begins none).
class SqlStore::Snapshot final : public ReadSnapshot {
 public:
  explicit Snapshot(const SqlStore& store) : store_(store) {}
  ~Snapshot() override {
    pinned = {};
    if (!lease_) return;
    try {
      (*lease_)->end_snapshot();
    } catch (...) {  // a read transaction has nothing to lose; the connection ends it on reuse
    }
  }
  Connection& connection() {
    if (!lease_) {
      // Before the snapshot's state is fixed: what it reads is at least that new.
      changes_seen_ = store_.changes_seen_.load();
      auto lease = store_.lease_from_pool();
      lease->begin_snapshot();
      lease_.emplace(std::move(lease));
    }
    return **lease_;
  }
  // How many changes this process had been told of when the snapshot began.
  std::uint64_t changes_seen() {
    connection();
    return changes_seen_;
  }

 private:
  const SqlStore& store_;
  std::optional<Lease> lease_;
  std::uint64_t changes_seen_ = 0;
};

// Nested inside another snapshot: nothing of its own.
class NestedSnapshot final : public ReadSnapshot {};

SqlStore::SqlStore(Connect connect, MigrationFiles migrations, std::chrono::steady_clock::duration newest_read_again_after,
                   std::chrono::milliseconds poll_interval)
    : connect_(std::move(connect)),
      migrations_(migrations),
      recent_topics_(connect_, find_summary, newest_read_again_after),
      writer_(connect_()),
      feed_(std::make_unique<ChangeFeed>(static_cast<ChangeLogSource&>(*this), poll_interval)) {
  // An article saved, trashed or linked: what the newest articles hold of it is read again. This
  // listener is the store's first, so it runs before the page cache drops what showed the change.
  feed_->subscribe([this](const ChangeSet& changes) {
    ChangeSet votes_only;
    votes_only.reactions = changes.reactions;
    if (changes == votes_only) return;  // votes count no article
    auto seen = ++changes_seen_;  // counts are counted again
    for (auto id : changes.articles) recent_topics_.changed(id, seen);
  });
}

SqlStore::~SqlStore() { feed_.reset(); }  // its thread reads through this store

void SqlStore::on_change(ChangeListener listener) {
  feed_->subscribe(std::move(listener));
  start_feed();
}

void SqlStore::start_feed() {
  if (feed_->started()) return;
  {
    std::lock_guard lock(writer_mutex_);
    if (!writer().has_table("change_log")) return;  // not migrated yet: migrate() starts it
  }
  feed_->start();
}

// Lost: the server restarted, or cut this process's sessions. The idle ones went with it, and
// are opened again rather than each failing one request; so is the writer's.
void SqlStore::connections_lost() const {
  ++connections_lost_;
  std::lock_guard lock(pool_mutex_);
  pool_.clear();
}

// The feed looks at the log every 250 ms: the first to find the server gone, it tells the rest.
Connection& SqlStore::feed_reader() {
  if (feed_reader_ && feed_reader_->broken()) connections_lost();
  if (!feed_reader_ || feed_reader_->broken()) feed_reader_ = connect_();
  return *feed_reader_;
}

std::int64_t SqlStore::newest_change() {
  std::lock_guard lock(feed_mutex_);
  feed_reader();
  // The last id given, though its entry may be gone: an empty log does not start again at 1.
  auto q = feed_reader_->prepare("SELECT id FROM change_log_head");
  q.step();
  auto newest = q.int64(0);
  return newest;
}

std::vector<ChangeLogEntry> SqlStore::changes_after(std::int64_t after, int limit) {
  std::lock_guard lock(feed_mutex_);
  feed_reader();
  std::vector<ChangeLogEntry> entries;
  // Nothing committed by another connection (this process's writer, or another process) since
  // the last look: nothing new to read. A full batch may have more behind it.
  if (!feed_reader_->may_have_changed() && !more_in_log_) return entries;
  more_in_log_ = true;  // until it has been read: a read that fails is made again
  auto q = feed_reader_->prepare("SELECT id, changes FROM change_log WHERE id > ? ORDER BY id LIMIT ?");
  q.bind(1, after).bind(2, limit);
  while (q.step()) {
    ChangeLogEntry entry{q.int64(0), {}};
    try {
      entry.changes = ChangeSet::from_log(q.text(1));
    } catch (const StoreError& e) {
      // Damaged, or written by a kpress that says more: what changed is unknown, so everything
      // did. Read again, it would stop the feed at this entry for good.
      spdlog::error("change log entry {} cannot be read ({}): everything kept is dropped", entry.id, e.what());
      entry.changes.everything = true;
    }
    entries.push_back(std::move(entry));
  }
  more_in_log_ = static_cast<int>(entries.size()) == limit;
  return entries;
}

Connection& SqlStore::begun_writer() {
  for (int attempt = 0;; ++attempt) {
    auto& db = writer();
    try {
      db.begin_write();
      return db;
    } catch (const std::exception&) {
      // A session the server ended since its last use (a restart): nothing was written, so the
      // write begins again once, on a new one.
      if (attempt > 0 || !db.broken()) throw;
    }
  }
}

Connection& SqlStore::writer() {
  if (writer_->broken() || writer_lost_ != connections_lost_.load()) {  // the server restarted: a new session
    writer_lost_ = connections_lost_.load();
    writer_ = connect_();
  }
  return *writer_;
}

SqlStore::Lease SqlStore::lease_from_pool() const {
  if (this_thread_slot < kThreadSlots) {
    auto& slot = thread_slots_[this_thread_slot];
    if (slot.idle && slot.lost == connections_lost_.load()) return Lease(*this, std::move(slot.idle));
    slot.idle.reset();  // opened before connections were lost: as lost as they were
  }
  {
    std::lock_guard lock(pool_mutex_);
    if (!pool_.empty()) {
      auto c = std::move(pool_.back());
      pool_.pop_back();
      return Lease(*this, std::move(c));
    }
  }
  return Lease(*this, connect_());
}

std::int64_t SqlStore::count_until_change(Connection& db, const std::string& sql, const std::vector<std::string>& values) const {
  // Kept only while the change log is read (every commit of every process is in it): the key's
  // count at the number of changes told before the reading's state was fixed.
  bool keep = feed_->current();
  std::uint64_t seen = changes_seen_by_reads();
  std::string key = sql;
  for (const auto& v : values) key += "\x1f" + v;
  if (keep) {
    std::lock_guard lock(counts_mutex_);
    if (auto* kept = counts_.find(key); kept && kept->first == seen) return kept->second;
  }
  auto q = db.prepare(sql);
  for (std::size_t i = 0; i < values.size(); ++i) q.bind(static_cast<int>(i + 1), values[i]);
  q.step();
  std::int64_t count = q.int64(0);
  if (keep) {
    std::lock_guard lock(counts_mutex_);
    if (auto* kept = counts_.find(key); !kept || kept->first <= seen) counts_.put(key, {seen, count});
  }
  return count;
}

void SqlStore::give_back_memory() {
  // The calling thread's own idle connection, those idle in the pool, and the others each under
  // its lock when it is free: a writer may be in the middle of an import.
  if (this_thread_slot < kThreadSlots) {
    if (auto& idle = thread_slots_[this_thread_slot].idle) idle->give_back_memory();
  }
  {
    std::lock_guard lock(pool_mutex_);
    for (auto& c : pool_) c->give_back_memory();
  }
  recent_topics_.give_back_memory();
  if (std::unique_lock lock(writer_mutex_, std::try_to_lock); lock && writer_) writer_->give_back_memory();
  if (std::unique_lock lock(feed_mutex_, std::try_to_lock); lock && feed_reader_) feed_reader_->give_back_memory();
}

std::uint64_t SqlStore::changes_seen_by_reads() const {
  return pinned.store == this ? static_cast<Snapshot*>(pinned.snapshot)->changes_seen() : changes_seen_.load();
}

SqlStore::Lease SqlStore::read() const {
  if (pinned.store == this) return Lease(*this, static_cast<Snapshot*>(pinned.snapshot)->connection());
  return lease_from_pool();
}

std::vector<RecordedVote> SqlStore::record_reactions(const std::vector<ReactionVote>& votes, Instant at) {
  if (pinned.store == this) throw std::logic_error("a write inside a read snapshot");
  std::lock_guard lock(writer_mutex_);
  std::vector<RecordedVote> recorded(votes.size());
  auto& db = begun_writer();
  try {
    std::map<std::int64_t, bool> exists;  // a spike's votes are mostly for one article
    auto article_exists = [&](std::int64_t id) {
      auto [it, added] = exists.try_emplace(id, false);
      if (added) {
        auto q = db.prepare("SELECT 1 FROM articles WHERE id = ?");
        q.bind(1, id);
        it->second = q.step();
      }
      return it->second;
    };
    auto at_seconds = static_cast<std::int64_t>(at.time_since_epoch().count());
    // New readers' votes, up to 32 rows a statement (one statement costs about what a row does),
    // written before any later vote so the order of the batch holds.
    std::vector<std::size_t> new_readers;
    auto write_new_readers = [&] {
      constexpr std::size_t kRows = 32;
      for (std::size_t from = 0; from < new_readers.size(); from += kRows) {
        std::size_t rows = std::min(kRows, new_readers.size() - from);
        std::string sql = "INSERT INTO reactions (article_id, reader, reaction, at) VALUES ";
        for (std::size_t r = 0; r < rows; ++r) sql += r ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)";
        sql += " ON CONFLICT(article_id, reader) DO UPDATE SET reaction = excluded.reaction, at = excluded.at";
        auto q = db.prepare(sql);
        for (std::size_t r = 0; r < rows; ++r) {
          const auto& v = votes[new_readers[from + r]];
          int column = static_cast<int>(r) * 4 + 1;
          q.bind(column, v.article_id).bind(column + 1, v.reader).bind(column + 2, to_string(v.reaction)).bind(column + 3, at_seconds);
        }
        q.run();
      }
      new_readers.clear();
    };
    for (std::size_t i = 0; i < votes.size(); ++i) {
      const auto& v = votes[i];
      if (!article_exists(v.article_id)) continue;
      recorded[i].recorded = true;
      if (v.new_reader) {  // no earlier vote to read
        new_readers.push_back(i);
        continue;
      }
      write_new_readers();
      {
        auto before = db.prepare("SELECT reaction FROM reactions WHERE article_id = ? AND reader = ?");
        before.bind(1, v.article_id).bind(2, v.reader);
        if (before.step()) recorded[i].previous = parse_reaction(before.text(0));
      }
      db.prepare(
                 "INSERT INTO reactions (article_id, reader, reaction, at) VALUES (?1, ?2, ?3, ?4) "
                 "ON CONFLICT(article_id, reader) DO UPDATE SET reaction = ?3, at = ?4")
          .bind(1, v.article_id)
          .bind(2, v.reader)
          .bind(3, to_string(v.reaction))
          .bind(4, at_seconds)
          .run();
    }
    write_new_readers();
    // Every node's counts of these articles are read again (the change log reaches them all).
    ChangeSet counted;
    for (std::size_t i = 0; i < votes.size(); ++i)
      if (recorded[i].recorded) counted.reactions.insert(votes[i].article_id);
    if (!counted.empty()) append_change(db, counted);
    db.commit();  // durable when this returns
    db.end_write();
  } catch (...) {
    try {
      db.rollback();
      db.end_write();
    } catch (...) {  // the connection rolls back on its next BEGIN anyway
    }
    throw;
  }
  return recorded;
}

ReactionCounts SqlStore::reaction_counts(std::int64_t article_id) const {
  auto db = read();
  auto q = db->prepare("SELECT reaction, COUNT(*) FROM reactions WHERE article_id = ? GROUP BY reaction");
  q.bind(1, article_id);
  ReactionCounts counts;
  for (auto r : kReactions) counts[r] = 0;
  while (q.step()) {
    if (auto r = parse_reaction(q.text(0))) counts[*r] = q.int64(1);
  }
  return counts;
}

std::optional<Reaction> SqlStore::reaction_of(std::int64_t article_id, std::string_view reader) const {
  auto db = read();
  auto q = db->prepare("SELECT reaction FROM reactions WHERE article_id = ? AND reader = ?");
  q.bind(1, article_id).bind(2, reader);
  if (!q.step()) return std::nullopt;
  return parse_reaction(q.text(0));
}

std::unique_ptr<ReadSnapshot> SqlStore::read_snapshot() const {
  if (pinned.store == this) return std::make_unique<NestedSnapshot>();
  auto snapshot = std::make_unique<Snapshot>(*this);
  pinned = {this, snapshot.get()};
  return snapshot;
}

std::vector<MigrationStatus> SqlStore::migration_status() {
  std::lock_guard lock(writer_mutex_);
  return sql::migration_status(writer(), migrations_);
}

int SqlStore::migrate(Instant now) {
  int applied = 0;
  {
    std::lock_guard lock(writer_mutex_);
    applied = sql::migrate(writer(), migrations_, now);
  }
  start_feed();
  return applied;
}

std::optional<Instant> SqlStore::next_publication_after(Instant now) const {
  auto db = read();
  auto q = db->prepare("SELECT MIN(published_at) FROM articles WHERE status = 'scheduled' AND published_at > ? AND trashed_at IS NULL");
  q.bind(1, seconds(now));
  if (q.step() && !q.is_null(0)) return Instant(std::chrono::seconds(q.int64(0)));
  return std::nullopt;
}

bool SqlStore::has_site() const {
  auto db = read();
  if (!db->has_table("settings")) return false;
  auto s = db->prepare("SELECT 1 FROM settings WHERE key = 'name'");
  return s.step();
}

Site SqlStore::site() const {
  Site site;
  auto db = read();
  auto q = db->prepare("SELECT key, value FROM settings");
  while (q.step()) {
    auto key = q.text(0);
    auto value = q.text(1);
    if (key == "name") site.name = value;
    else if (key == "tagline") site.tagline = value;
    else if (key == "base_url") site.base_url = value;
    else if (key == "default_language") site.default_language = value;
    else if (key == "time_zone") site.time_zone = value;
    else if (key == "navigation") site.navigation = read_navigation_setting(value).value_or(std::vector<NavigationLink>{});
    else read_setting_entry(site.comments, key, value);
  }
  return site;
}

std::vector<Language> SqlStore::languages() const {
  std::vector<Language> list;
  auto db = read();
  auto q = db->prepare("SELECT code, name FROM languages ORDER BY position, code");
  while (q.step()) list.push_back({q.text(0), q.text(1)});
  return list;
}

std::vector<Section> SqlStore::sections() const {
  std::vector<Section> list;
  auto db = read();
  auto q = db->prepare("SELECT slug, name, description, position, parent FROM sections ORDER BY position, slug");
  while (q.step()) list.push_back({q.text(0), q.text(1), q.text(2), static_cast<int>(q.int64(3)), q.text(4)});
  return list;
}

std::vector<Tag> SqlStore::tags() const {
  std::vector<Tag> list;
  auto db = read();
  auto q = db->prepare("SELECT slug, name FROM tags ORDER BY slug");
  while (q.step()) list.push_back({q.text(0), q.text(1)});
  return list;
}

std::vector<Author> SqlStore::authors() const {
  std::vector<Author> list;
  auto db = read();
  auto q = db->prepare("SELECT slug, name, bio FROM authors ORDER BY slug");
  while (q.step()) list.push_back({q.text(0), q.text(1), q.text(2)});
  return list;
}

std::optional<Article> SqlStore::article_by_slug(std::string_view slug) const {
  auto db = read();
  return find_article(*db, "a.slug = ?", slug);
}

std::optional<ArticleSummary> SqlStore::article_summary(std::int64_t id) const {
  auto db = read();
  return find_summary(*db, id);
}

std::optional<Article> SqlStore::article_by_id(std::int64_t id) const {
  auto db = read();
  return find_article(*db, "a.id = ?", id);
}

ArticleList SqlStore::articles(const ArticleQuery& query) const {
  if (query.related_to) return related_articles(query);
  // Only the filters in use go into the statement, so SQLite can use its indexes; every value
  // is still a bound parameter. Each combination is its own cached statement.
  std::string where = " WHERE TRUE";
  std::vector<std::string> values;
  auto filter = [&](const std::optional<std::string>& value, const char* condition) {
    if (!value) return;
    where += condition;
    values.push_back(*value);
  };
  auto db = read();
  // The articles of a tag or about an entity: a rare one's few are read and sorted, but a
  // popular one (BTS: a quarter of a fan site) has tens of thousands, and sorting them took
  // 50-110 ms a page. Those are found walking the newest articles instead, each checked, which
  // reads about as many as the page shows times how rare the tag is.
  const std::string entity_table = !query.about                                ? ""
                                   : query.about->kind == EntityKind::person ? "people"
                                   : query.about->kind == EntityKind::group  ? "music_groups"
                                                                             : "shows";
  constexpr std::int64_t kPopular = 2000;
  if (query.kind) filter(std::string(to_string(*query.kind)), " AND a.kind = ?");
  filter(query.language, " AND a.language = ?");
  filter(query.section, " AND a.section_id = (SELECT id FROM sections WHERE slug = ?)");
  filter(query.author, " AND a.author_id = (SELECT id FROM authors WHERE slug = ?)");
  if (query.tag) {
    bool walk = count_until_change(*db, "SELECT COUNT(*) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug = ?",
                                       {*query.tag}) >= kPopular;
    // Walked as a scalar subquery, not EXISTS: PostgreSQL makes EXISTS a join that reads every
    // article of the tag before the newest few (130 ms for a quarter of the site).
    filter(query.tag, walk ? " AND (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id"
                             " WHERE at.article_id = a.id AND t.slug = ? LIMIT 1) = 1"
                           : " AND a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id"
                             " WHERE t.slug = ?)");
  }
  filter(query.translation_of, " AND a.translation_of = ?");
  if (query.status) filter(std::string(to_string(*query.status)), " AND a.status = ?");
  if (!query.title_contains.empty()) {
    // In any case (ASCII).
    filter(contains_pattern(query.title_contains), " AND a.title LIKE ? ESCAPE '\\'");
  }
  if (query.created_by) filter(std::to_string(*query.created_by), " AND a.created_by = CAST(? AS INTEGER)");
  if (query.trashed) where += *query.trashed ? " AND a.trashed_at IS NOT NULL" : " AND a.trashed_at IS NULL";
  if (query.about) {
    std::vector<std::string> entity{std::string(to_string(query.about->kind)), query.about->slug};
    std::string is_it = "ae.kind = ? AND ae.source <> 'dropped' AND ae.entity_id = (SELECT id FROM " + entity_table + " WHERE slug = ?)";
    bool walk = count_until_change(*db, "SELECT COUNT(*) FROM article_entities ae WHERE " + is_it, entity) >= kPopular;
    where += walk ? " AND (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id AND " + is_it + " LIMIT 1) = 1"
                  : " AND a.id IN (SELECT ae.article_id FROM article_entities ae WHERE " + is_it + ")";
    values.insert(values.end(), entity.begin(), entity.end());
  }
  const std::string filters = where;
  if (query.visible_at) where += visible_at_sql("?");

  auto bind = [&](Statement& q) {
    int i = 1;
    for (const auto& v : values) q.bind(i++, v);
    if (query.visible_at) q.bind(i++, seconds(*query.visible_at));
    return i;
  };
  ArticleList result;
  {
    auto q = db->prepare("SELECT " + std::string(kSummaryColumns) + std::string(kArticleFrom) + where +
                         " ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?");
    int next = bind(q);
    q.bind(next, query.limit).bind(next + 1, query.offset);
    while (q.step()) result.items.push_back(read_summary(q));
  }
  if (query.count) {
    // A count reads every match (all 100,000 articles for the home page's pager: 20 ms), so the
    // connection keeps it until the database changes. What is visible also changes with time
    // alone, as scheduled articles go live: those few are counted each time, through the
    // status index.
    std::string count_sql = "SELECT COUNT(*) FROM articles a" + filters;
    if (query.visible_at) {
      auto live = db->prepare(count_sql + " AND a.status = 'scheduled' AND a.published_at <= ? AND a.trashed_at IS NULL");
      int next = 1;
      for (const auto& v : values) live.bind(next++, v);
      live.bind(next, seconds(*query.visible_at));
      live.step();
      result.total = count_until_change(*db, count_sql + " AND a.status = 'published' AND a.trashed_at IS NULL", values) +
                     live.int64(0);
    } else {
      result.total = count_until_change(*db, count_sql, values);
    }
  }
  return result;
}

// Articles sharing a tag or an entity with one article. A popular tag is shared by tens of
// thousands: reading them all to keep the newest few would take most of a second. So they are
// looked for among the newest articles of the language first (held in memory with their topics
// and, once found, their summaries: see RecentTopics, which follows this process's writes at once
// and other processes' within ten minutes); only when that finds too few does the set of
// sharing articles get read whole, which is then small (a rare topic).
ArticleList SqlStore::related_articles(const ArticleQuery& query) const {
  ArticleList result;
  auto db = read();
  if (query.language) {
    // Kept only when the newest articles hold enough: else the whole set is read below.
    result.items = recent_topics_.related(*db, changes_seen_by_reads(), *query.related_to, *query.language,
                                          query.visible_at, query.limit);
    if (static_cast<int>(result.items.size()) >= query.limit) return result;
    result.items.clear();
  }
  const std::string visible = query.visible_at ? visible_at_sql("?3") : "";
  const std::string language = query.language ? " AND a.language = ?2" : "";
  auto bind = [&](Statement& q) {
    q.bind(1, *query.related_to);
    if (query.language) q.bind(2, *query.language);
    if (query.visible_at) q.bind(3, seconds(*query.visible_at));
    q.bind(4, query.limit);
  };
  auto q = db->prepare(
      "SELECT " + std::string(kSummaryColumns) + std::string(kArticleFrom) +
      " WHERE a.id <> ?1 AND a.kind = 'article'" + language + visible +
      " AND a.id IN (SELECT theirs.article_id FROM article_entities mine JOIN article_entities theirs "
      "  ON theirs.kind = mine.kind AND theirs.entity_id = mine.entity_id "
      "  WHERE mine.article_id = ?1 AND mine.source <> 'dropped' AND theirs.source <> 'dropped' "
      "  UNION SELECT theirs.article_id FROM article_tags mine JOIN article_tags theirs ON theirs.tag_id = mine.tag_id "
      "  WHERE mine.article_id = ?1)"
      " ORDER BY a.published_at DESC, a.id DESC LIMIT ?4");
  bind(q);
  while (q.step()) result.items.push_back(read_summary(q));
  return result;
}

std::vector<Article> SqlStore::all_articles() const {
  std::vector<Article> list;
  auto db = read();
  auto q = db->prepare("SELECT " + std::string(kArticleColumns) + std::string(kArticleFrom) + " ORDER BY a.id");
  while (q.step()) list.push_back(read_article(*db, q));
  return list;
}

std::vector<ArticleWithEntities> SqlStore::articles_between(std::int64_t first_id, std::int64_t last_id) const {
  // Three statements for the whole range, where reading them one by one took three per article.
  std::vector<ArticleWithEntities> list;
  auto db = read();
  auto q = db->prepare("SELECT " + std::string(kArticleColumns) + std::string(kArticleFrom) +
                       " WHERE a.id BETWEEN ? AND ? ORDER BY a.id");
  q.bind(1, first_id).bind(2, last_id);
  while (q.step()) list.push_back({read_article_row(q), {}});
  auto tags = tags_between(*db, first_id, last_id);
  auto entities = catalog::article_entities_between(*db, first_id, last_id);
  for (auto& [article, about] : list) {
    article.tags = std::move(tags[article.id]);
    about = std::move(entities[article.id]);
  }
  return list;
}

std::vector<std::int64_t> SqlStore::article_ids() const {
  std::vector<std::int64_t> ids;
  auto db = read();
  auto q = db->prepare("SELECT id FROM articles ORDER BY id");
  while (q.step()) ids.push_back(q.int64(0));
  return ids;
}

std::optional<User> SqlStore::user_by_email(std::string_view email) const {
  auto db = read();
  return accounts::user_by_email(*db, email);
}

std::optional<User> SqlStore::user_by_id(std::int64_t id) const {
  auto db = read();
  return accounts::user_by_id(*db, id);
}

std::vector<User> SqlStore::users() const {
  auto db = read();
  return accounts::users(*db);
}

std::optional<Session> SqlStore::session(std::string_view token_hash) const {
  auto db = read();
  return accounts::session(*db, token_hash);
}

std::vector<AuditEntry> SqlStore::audit_log(int limit, int offset) const {
  auto db = read();
  return accounts::audit_log(*db, limit, offset);
}

int SqlStore::count_failed_sign_ins(const FailedSignIns& which) const {
  auto db = read();
  return accounts::count_failed_sign_ins(*db, which);
}

namespace {

constexpr std::string_view kMediaColumns =
    "id, original_name, format, width, height, bytes, alt, credit, uploaded_by, uploaded_at";

MediaItem read_media(const Statement& q) {
  MediaItem m;
  m.id = q.int64(0);
  m.original_name = q.text(1);
  m.format = q.text(2);
  m.size = {static_cast<int>(q.int64(3)), static_cast<int>(q.int64(4))};
  m.bytes = q.int64(5);
  m.alt = q.text(6);
  m.credit = q.text(7);
  if (!q.is_null(8)) m.uploaded_by = q.int64(8);
  m.uploaded_at = Instant(std::chrono::seconds(q.int64(9)));
  return m;
}

}  // namespace

std::optional<MediaItem> SqlStore::media(std::int64_t id) const {
  auto db = read();
  auto q = db->prepare("SELECT " + std::string(kMediaColumns) + " FROM media WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_media(q);
}

std::vector<MediaItem> SqlStore::media_items(int limit, int offset) const {
  auto db = read();
  auto q = db->prepare("SELECT " + std::string(kMediaColumns) + " FROM media ORDER BY id DESC LIMIT ? OFFSET ?");
  q.bind(1, limit).bind(2, offset);
  std::vector<MediaItem> list;
  while (q.step()) list.push_back(read_media(q));
  return list;
}

std::optional<Comment> SqlStore::comment(std::int64_t id) const { return comments::by_id(*read(), id); }

std::vector<Comment> SqlStore::comments_of(std::int64_t article_id, std::optional<CommentStatus> status) const {
  return comments::of_article(*read(), article_id, status);
}

CommentList SqlStore::comments(const CommentQuery& query) const { return comments::find(*read(), query); }

std::map<std::int64_t, std::int64_t> SqlStore::comment_counts(const std::vector<std::int64_t>& article_ids) const {
  return comments::counts(*read(), article_ids);
}

bool SqlStore::commenter_known(std::string_view email_key, std::string_view browser_key) const {
  return comments::commenter_known(*read(), email_key, browser_key);
}

SpamFilterTotals SqlStore::spam_filter_totals() const { return spam_filter::totals(*read()); }

bool SqlStore::mail_unsubscribed(std::string_view email_key) const { return comments::unsubscribed(*read(), email_key); }

std::optional<Redirect> SqlStore::redirect(std::string_view from) const { return redirects::find(*read(), from); }

RedirectList SqlStore::redirects(const RedirectQuery& query) const { return redirects::list(*read(), query); }

std::vector<TokenCounts> SqlStore::spam_word_counts(const std::vector<std::string>& tokens) const {
  return spam_filter::word_counts(*read(), tokens);
}

std::vector<FeaturedStory> SqlStore::featured(std::string_view language) const {
  auto db = read();
  auto q = db->prepare("SELECT article_id, position, until FROM featured_stories WHERE language = ? ORDER BY position, article_id");
  q.bind(1, language);
  std::vector<FeaturedStory> list;
  while (q.step()) {
    list.push_back({q.int64(0), static_cast<int>(q.int64(1)), instant_column(q, 2)});
  }
  return list;
}

std::optional<Revision> SqlStore::autosave(std::int64_t user_id, std::int64_t article_id) const {
  auto db = read();
  auto q = db->prepare("SELECT saved_at, snapshot FROM autosaves WHERE article_id = ? AND user_id = ?");
  q.bind(1, article_id).bind(2, user_id);
  if (!q.step()) return std::nullopt;
  Revision r;
  r.article_id = article_id;
  r.saved_at = Instant(std::chrono::seconds(q.int64(0)));
  r.saved_by = user_id;
  std::vector<FieldError> errors;
  article_from_json(boost::json::parse(q.text(1)).as_object(), r.article, errors);
  return r;
}

std::vector<Revision> SqlStore::revisions(std::int64_t article_id) const {
  std::vector<Revision> list;
  auto db = read();
  auto q = db->prepare(
      "SELECT number, saved_at, snapshot, saved_by FROM article_revisions WHERE article_id = ? ORDER BY number");
  q.bind(1, article_id);
  while (q.step()) {
    Revision r;
    r.article_id = article_id;
    r.number = static_cast<int>(q.int64(0));
    r.saved_at = Instant(std::chrono::seconds(q.int64(1)));
    if (!q.is_null(3)) r.saved_by = q.int64(3);
    std::vector<FieldError> errors;
    article_from_json(boost::json::parse(q.text(2)).as_object(), r.article, errors);
    r.article.revision = r.number;
    list.push_back(std::move(r));
  }
  return list;
}

std::vector<ArticleSummary> SqlStore::translations(std::string_view root, std::optional<Instant> visible_at) const {
  auto db = read();
  // Published and scheduled alike, a story having few editions: those not visible at
  // `visible_at` are left out here.
  auto q = db->prepare("SELECT " + std::string(kSummaryColumns) + std::string(kArticleFrom) +
                       " WHERE a.translation_of = ? AND a.status IN ('published', 'scheduled') AND a.trashed_at IS NULL"
                       " ORDER BY a.published_at DESC, a.id DESC");
  q.bind(1, std::string(root));
  std::vector<ArticleSummary> found;
  while (q.step()) {
    auto summary = read_summary(q);
    if (!visible_at || is_visible(summary.status, summary.published_at, *visible_at)) found.push_back(std::move(summary));
  }
  return found;
}

std::vector<Network> SqlStore::networks() const {
  auto db = read();
  return catalog::networks(*db);
}
std::optional<Network> SqlStore::network(std::string_view slug) const {
  auto db = read();
  return catalog::network(*db, slug);
}
std::optional<Show> SqlStore::show(std::string_view slug) const {
  auto db = read();
  return catalog::show(*db, slug);
}
std::optional<Person> SqlStore::person(std::string_view slug) const {
  auto db = read();
  return catalog::person(*db, slug);
}
std::optional<Group> SqlStore::group(std::string_view slug) const {
  auto db = read();
  return catalog::group(*db, slug);
}
CatalogPage<Show> SqlStore::shows(const CatalogQuery& query) const {
  auto db = read();
  return catalog::shows(*db, query);
}
CatalogPage<Person> SqlStore::people(const CatalogQuery& query) const {
  auto db = read();
  return catalog::people(*db, query);
}
std::vector<Show> SqlStore::shows_on_air(const Date& from, const Date& to) const {
  auto db = read();
  return catalog::shows_on_air(*db, from, to);
}
std::vector<Person> SqlStore::people_born_on(unsigned month, unsigned day) const {
  auto db = read();
  return catalog::people_born_on(*db, month, day);
}
CatalogPage<Group> SqlStore::groups(const CatalogQuery& query) const {
  auto db = read();
  return catalog::groups(*db, query);
}
std::vector<Episode> SqlStore::episodes(std::string_view show) const {
  auto db = read();
  return catalog::episodes(*db, show);
}
std::vector<Credit> SqlStore::credits_of_show(std::string_view show) const {
  auto db = read();
  return catalog::credits(*db, show, "");
}
std::vector<Credit> SqlStore::credits_of_person(std::string_view person) const {
  auto db = read();
  return catalog::credits(*db, "", person);
}
std::vector<Membership> SqlStore::members_of(std::string_view group) const {
  auto db = read();
  return catalog::memberships(*db, group, "");
}
std::vector<Membership> SqlStore::memberships_of(std::string_view person) const {
  auto db = read();
  return catalog::memberships(*db, "", person);
}
std::vector<CatalogAlias> SqlStore::catalog_aliases() const {
  auto db = read();
  return catalog::aliases(*db, 0);
}
std::vector<CatalogAlias> SqlStore::article_aliases(std::int64_t article_id) const {
  auto db = read();
  return catalog::aliases(*db, article_id);
}
std::vector<ArticleEntity> SqlStore::article_entities(std::int64_t article_id) const {
  auto db = read();
  return catalog::article_entities(*db, article_id);
}

std::optional<RenderedBody> SqlStore::rendered_body(std::int64_t article_id, int revision, std::string_view renderer) const {
  auto db = read();
  return rendered_bodies::find(*db, article_id, revision, renderer);
}

std::int64_t SqlStore::links_version() const {
  auto db = read();
  return rendered_bodies::links_version(*db);
}

std::unique_ptr<WriteTransaction> SqlStore::begin_write() {
  // Its listeners would read from the snapshot's past, and it from a state it is about to change.
  if (pinned.store == this) throw std::logic_error("a write inside a read snapshot");
  start_feed();
  std::unique_lock lock(writer_mutex_);
  return std::make_unique<RecordingTransaction>(std::make_unique<SqlWriteTransaction>(std::move(lock), begun_writer()), *feed_);
}

StoreHealth SqlStore::health(Instant now) const {
  StoreHealth health;
  health.current = feed_->current();
  try {
    auto db = read();
    auto q = db->prepare(
        "SELECT (SELECT id FROM change_log_head), (SELECT min(committed_at) FROM change_log WHERE id > ?)");
    auto delivered = feed_->delivered();
    q.bind(1, delivered);
    if (!q.step()) return health;
    health.reachable = true;
    health.changes_behind = std::max<std::int64_t>(0, q.int64(0) - delivered);
    if (health.changes_behind > 0 && !q.is_null(1)) {
      auto oldest = Instant(std::chrono::seconds(q.int64(1)));
      health.behind_for = std::max(std::chrono::seconds(0), std::chrono::floor<std::chrono::seconds>(now - oldest));
    }
  } catch (const std::exception&) {
    health.reachable = false;
  }
  return health;
}

}  // namespace kpress::sql
