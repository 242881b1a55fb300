#include "store/testing/memory_store.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

#include "core/article_json.hpp"
#include "core/entity_matcher.hpp"
#include "store/recording_transaction.hpp"

namespace kpress::testing {

namespace {

constexpr std::int64_t kChangeLogKept = 10000;

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Newest first, as the SQL stores list: published_at descending (none last), then id.
bool newer(const Article& a, const Article& b) {
  if (a.published_at != b.published_at) {
    if (!a.published_at) return false;
    if (!b.published_at) return true;
    return *a.published_at > *b.published_at;
  }
  return a.id > b.id;
}

bool visible(const Article& a, Instant at) { return !a.trashed_at && is_visible(a.status, a.published_at, at); }

// What a revision keeps of an article, read back as the SQL stores read their snapshots.
Article through_json(const Article& a) {
  Article out;
  std::vector<FieldError> errors;
  article_from_json(article_to_json(a), out, errors);
  return out;
}

std::string kind_name(EntityKind kind) { return std::string(to_string(kind)); }

}  // namespace

struct MemoryStore::State {
  struct Alias {
    std::string kind;  // person, group, show, network
    std::int64_t entity = 0;
    std::string alias, folded, compact;
  };
  struct Linked {  // an article's entity
    EntityKind kind;
    std::int64_t entity = 0;
    ArticleEntity::Source source = ArticleEntity::Source::automatic;
  };

  std::map<std::string, std::string> settings;
  std::vector<std::pair<Language, int>> languages;  // with their position
  std::map<std::string, Section> sections;
  std::map<std::string, Tag> tags;
  std::map<std::string, Author> authors;
  std::map<std::int64_t, Article> articles;
  std::map<std::int64_t, std::vector<Revision>> revisions;
  std::map<std::int64_t, std::vector<Linked>> article_entities;

  std::map<std::int64_t, Network> networks;  // by id, without aliases
  std::map<std::int64_t, Show> shows;
  std::map<std::int64_t, Person> people;
  std::map<std::int64_t, Group> groups;
  std::vector<Alias> aliases;  // in the order written
  std::vector<Membership> memberships;
  std::vector<Credit> credits;
  std::map<std::pair<std::int64_t, int>, Episode> episodes;  // by show id and number

  std::map<std::int64_t, User> users;
  std::map<std::string, Session> sessions;
  std::vector<AuditEntry> audit;
  std::map<std::pair<std::int64_t, std::int64_t>, Revision> autosaves;  // by article and account
  std::map<std::int64_t, MediaItem> media;
  std::map<std::string, std::vector<FeaturedStory>, std::less<>> featured;  // by language, in order
  std::map<std::pair<std::int64_t, std::string>, Reaction> reactions;
  std::map<std::int64_t, Comment> comments;
  std::map<std::string, TokenCounts, std::less<>> spam_words;
  SpamFilterTotals spam_filter;
  std::map<std::string, Instant, std::less<>> unsubscribed;
  std::map<std::string, Redirect, std::less<>> redirects;  // by old address
  std::map<std::tuple<std::string, std::string, std::string>, ImportOrigin> import_origins;

  std::map<std::pair<std::int64_t, std::string>, RenderedBody> bodies;  // by article and renderer
  std::int64_t links_version = 0;
  std::vector<std::string> renderers;  // the newest last
  std::string signing_key;

  std::vector<ChangeLogEntry> log;
  std::int64_t log_head = 0;
  std::int64_t last_user = 0, last_audit = 0, last_media = 0, last_entity = 0, last_comment = 0;

  // --- reads -------------------------------------------------------------------------------
  template <typename T>
  static const T* by_slug(const std::map<std::int64_t, T>& table, std::string_view slug) {
    for (const auto& [id, row] : table)
      if (row.slug == slug) return &row;
    return nullptr;
  }
  std::optional<std::int64_t> entity_id(std::string_view kind, std::string_view slug) const {
    auto find = [&](const auto& table) -> std::optional<std::int64_t> {
      if (const auto* row = by_slug(table, slug)) return row->id;
      return std::nullopt;
    };
    if (kind == "person") return find(people);
    if (kind == "group") return find(groups);
    if (kind == "show") return find(shows);
    for (const auto& [id, n] : networks)
      if (n.slug == slug) return id;
    return std::nullopt;
  }
  std::int64_t id_or_throw(std::string_view kind, std::string_view slug) const {
    auto id = entity_id(kind, slug);
    if (!id) throw StoreError(std::string(kind) + " has no '" + std::string(slug) + "'");
    return *id;
  }
  // An entity as articles link it: kind, slug and name.
  EntityRef ref(EntityKind kind, std::int64_t id) const {
    switch (kind) {
      case EntityKind::person: return {kind, people.at(id).slug, people.at(id).name};
      case EntityKind::group: return {kind, groups.at(id).slug, groups.at(id).name};
      default: return {kind, shows.at(id).slug, shows.at(id).title};
    }
  }
  std::vector<std::string> aliases_of(std::string_view kind, std::int64_t id, std::vector<std::string> names) const {
    std::vector<std::string> out;
    for (const auto& a : aliases)
      if (a.kind == kind && a.entity == id && std::find(names.begin(), names.end(), a.alias) == names.end()) out.push_back(a.alias);
    return out;
  }
  std::optional<Network> network_of(std::int64_t id) const {
    auto n = networks.at(id);
    n.aliases = aliases_of("network", id, {n.name});
    return n;
  }
  Show show_of(const Show& stored) const {
    Show s = stored;
    std::vector<std::string> names{s.title, s.original_title};
    for (const auto& [language, title] : s.titles) names.push_back(title);
    s.aliases = aliases_of("show", s.id, names);
    return s;
  }
  Person person_of(const Person& stored) const {
    Person p = stored;
    p.aliases = aliases_of("person", p.id, {p.name, p.hangul_name});
    return p;
  }
  Group group_of(const Group& stored) const {
    Group g = stored;
    g.aliases = aliases_of("group", g.id, {g.name, g.hangul_name});
    return g;
  }
  const Article* article_by_slug(std::string_view slug) const {
    for (const auto& [id, a] : articles)
      if (a.slug == slug) return &a;
    return nullptr;
  }
  std::vector<ArticleEntity> entities_of(std::int64_t article_id) const {
    std::vector<ArticleEntity> out;
    if (auto it = article_entities.find(article_id); it != article_entities.end())
      for (const auto& l : it->second) out.push_back({ref(l.kind, l.entity), l.source});
    return out;
  }
  bool matches_alias(std::string_view kind, std::int64_t id, const std::string& q) const {
    if (q.empty()) return true;
    auto folded = fold_name(q), packed = compact_name(q);
    for (const auto& a : aliases) {
      if (a.kind != kind || a.entity != id) continue;
      if (a.folded.find(folded) != std::string::npos) return true;
      if (!packed.empty() && a.compact.find(packed) != std::string::npos) return true;
    }
    return false;
  }
  template <typename T>
  CatalogPage<T> page(std::vector<T> all, const CatalogQuery& query) const {
    CatalogPage<T> out;
    out.total = static_cast<std::int64_t>(all.size());
    for (std::size_t i = static_cast<std::size_t>(std::max(query.offset, 0));
         i < all.size() && static_cast<int>(out.items.size()) < query.limit; ++i)
      out.items.push_back(std::move(all[i]));
    return out;
  }
  std::vector<Credit> credits_where(std::string_view show, std::string_view person) const {
    std::vector<Credit> out;
    for (const auto& c : credits)
      if ((show.empty() || c.show == show) && (person.empty() || c.person == person)) out.push_back(c);
    auto air_date = [&](const Credit& c) { return by_slug(shows, c.show)->first_air_date; };
    auto name = [&](const Credit& c) { return by_slug(people, c.person)->name; };
    std::stable_sort(out.begin(), out.end(), [&](const Credit& a, const Credit& b) {
      auto da = air_date(a), db = air_date(b);
      if (da != db) return da > db;  // newest first, none last
      if ((a.role == CreditRole::guest) != (b.role == CreditRole::guest)) return b.role == CreditRole::guest;
      if ((a.role == CreditRole::support) != (b.role == CreditRole::support)) return b.role == CreditRole::support;
      if (a.billing != b.billing) return a.billing < b.billing;
      return name(a) < name(b);
    });
    return out;
  }
  std::vector<Membership> memberships_where(std::string_view group, std::string_view person) const {
    std::vector<Membership> out;
    for (const auto& m : memberships)
      if ((group.empty() || m.group == group) && (person.empty() || m.person == person)) out.push_back(m);
    std::stable_sort(out.begin(), out.end(), [&](const Membership& a, const Membership& b) {
      if (a.to.has_value() != b.to.has_value()) return !a.to.has_value();
      const auto* pa = by_slug(people, a.person);
      const auto* pb = by_slug(people, b.person);
      if (pa->birth_date != pb->birth_date) return pa->birth_date < pb->birth_date;  // none first
      return pa->name < pb->name;
    });
    return out;
  }
  std::vector<CatalogAlias> aliases_for(const std::vector<Linked>* of_article) const {
    std::vector<CatalogAlias> out;
    for (const auto& a : aliases) {
      if (a.kind == "network") continue;
      auto kind = *parse_entity_kind(a.kind);
      if (of_article && std::none_of(of_article->begin(), of_article->end(), [&](const Linked& l) {
            return l.kind == kind && l.entity == a.entity && l.source != ArticleEntity::Source::dropped;
          }))
        continue;
      out.push_back({ref(kind, a.entity), a.alias});
    }
    return out;
  }

  // --- writes ------------------------------------------------------------------------------
  void save_aliases(std::string_view kind, std::int64_t id, const std::vector<std::string>& names) {
    auto before = aliases_of(kind, id, {});
    std::erase_if(aliases, [&](const Alias& a) { return a.kind == kind && a.entity == id; });
    for (const auto& alias : names) {
      auto folded = fold_name(alias);
      if (folded.empty()) continue;
      if (std::any_of(aliases.begin(), aliases.end(),
                      [&](const Alias& a) { return a.kind == kind && a.entity == id && a.folded == folded; }))
        continue;
      aliases.push_back({std::string(kind), id, alias, folded, compact_name(alias)});
    }
    if (kind != "network" && aliases_of(kind, id, {}) != before) {
      // The bodies that link the entity are made again with its new names.
      auto entity_kind = *parse_entity_kind(kind);
      for (const auto& [article, linked] : article_entities)
        if (std::any_of(linked.begin(), linked.end(), [&](const Linked& l) { return l.kind == entity_kind && l.entity == id; }))
          std::erase_if(bodies, [&](const auto& kept) { return kept.first.first == article; });
      ++links_version;
    }
  }
  template <typename T>
  std::int64_t upsert(std::map<std::int64_t, T>& table, T row) {
    for (auto& [id, existing] : table) {
      if (existing.slug != row.slug) continue;
      row.id = id;
      existing = row;
      return id;
    }
    row.id = ++last_entity;
    table[row.id] = row;
    return row.id;
  }
  std::vector<ArticleSummary> list(const ArticleQuery& query, std::int64_t* total) const;
  std::vector<ArticleSummary> related(const ArticleQuery& query) const;
};

class MemoryDatabase {
 public:
  std::mutex writer;  // one write transaction at a time, whichever store it comes through
  std::shared_ptr<const MemoryStore::State> newest() {
    std::lock_guard lock(mutex_);
    return state_;
  }
  void publish(std::shared_ptr<const MemoryStore::State> state) {
    std::lock_guard lock(mutex_);
    state_ = std::move(state);
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<const MemoryStore::State> state_ = std::make_shared<MemoryStore::State>();
};

std::shared_ptr<MemoryDatabase> memory_database() { return std::make_shared<MemoryDatabase>(); }

void drop_change_log(MemoryDatabase& database) {
  std::lock_guard lock(database.writer);
  auto state = std::make_shared<MemoryStore::State>(*database.newest());
  state->log.clear();
  database.publish(std::move(state));
}

std::vector<ArticleSummary> MemoryStore::State::list(const ArticleQuery& query, std::int64_t* total) const {
  std::vector<const Article*> found;
  auto has_entity = [&](std::int64_t article_id) {
    auto id = entity_id(kind_name(query.about->kind), query.about->slug);
    auto it = article_entities.find(article_id);
    if (!id || it == article_entities.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](const Linked& l) {
      return l.kind == query.about->kind && l.entity == *id && l.source != ArticleEntity::Source::dropped;
    });
  };
  auto title_has = [&](const Article& a) {
    return lower_ascii(a.title).find(lower_ascii(query.title_contains)) != std::string::npos;
  };
  for (const auto& [id, a] : articles) {
    if (query.kind && a.kind != *query.kind) continue;
    if (query.language && a.language != *query.language) continue;
    if (query.section && a.section != *query.section) continue;
    if (query.author && a.author != *query.author) continue;
    if (query.tag && std::find(a.tags.begin(), a.tags.end(), *query.tag) == a.tags.end()) continue;
    if (query.translation_of && a.translation_of != *query.translation_of) continue;
    if (query.status && a.status != *query.status) continue;
    if (!query.title_contains.empty() && !title_has(a)) continue;
    if (query.created_by && a.created_by != query.created_by) continue;
    if (query.trashed && a.trashed_at.has_value() != *query.trashed) continue;
    if (query.about && !has_entity(id)) continue;
    if (query.visible_at && !visible(a, *query.visible_at)) continue;
    found.push_back(&a);
  }
  std::sort(found.begin(), found.end(), [](const Article* a, const Article* b) { return newer(*a, *b); });
  if (total) *total = static_cast<std::int64_t>(found.size());
  std::vector<ArticleSummary> out;
  for (std::size_t i = static_cast<std::size_t>(std::max(query.offset, 0));
       i < found.size() && static_cast<int>(out.size()) < query.limit; ++i)
    out.push_back(summarize(*found[i]));
  return out;
}

std::vector<ArticleSummary> MemoryStore::State::related(const ArticleQuery& query) const {
  auto self = articles.find(*query.related_to);
  if (self == articles.end()) return {};
  std::vector<Linked> mine;
  if (auto it = article_entities.find(self->first); it != article_entities.end()) mine = it->second;
  auto shares = [&](std::int64_t id, const Article& a) {
    for (const auto& t : a.tags)
      if (std::find(self->second.tags.begin(), self->second.tags.end(), t) != self->second.tags.end()) return true;
    auto it = article_entities.find(id);
    if (it == article_entities.end()) return false;
    for (const auto& theirs : it->second) {
      if (theirs.source == ArticleEntity::Source::dropped) continue;
      for (const auto& m : mine)
        if (m.source != ArticleEntity::Source::dropped && m.kind == theirs.kind && m.entity == theirs.entity) return true;
    }
    return false;
  };
  std::vector<const Article*> found;
  for (const auto& [id, a] : articles) {
    if (id == self->first || a.kind != ArticleKind::article) continue;
    if (query.language && a.language != *query.language) continue;
    if (query.visible_at && !visible(a, *query.visible_at)) continue;
    if (shares(id, a)) found.push_back(&a);
  }
  std::sort(found.begin(), found.end(), [](const Article* a, const Article* b) { return newer(*a, *b); });
  std::vector<ArticleSummary> out;
  for (std::size_t i = 0; i < found.size() && static_cast<int>(out.size()) < query.limit; ++i) out.push_back(summarize(*found[i]));
  return out;
}

namespace {

// This thread's read snapshot: whose store, and the state it began with.
struct PinnedState {
  const MemoryStore* store = nullptr;
  std::shared_ptr<const MemoryStore::State> state;
};
thread_local PinnedState pinned;

class NestedSnapshot final : public ReadSnapshot {};

// A write transaction: the writer's lock, and a copy of the state published at commit.
class MemoryTransaction final : public BackendTransaction {
 public:
  using State = MemoryStore::State;
  using Linked = State::Linked;

  explicit MemoryTransaction(MemoryDatabase& database)
      : database_(database), lock_(database.writer), state_(std::make_shared<State>(*database.newest())) {}

  void save_site(const Site& site) override {
    state_->settings["name"] = site.name;
    state_->settings["tagline"] = site.tagline;
    state_->settings["base_url"] = site.base_url;
    state_->settings["default_language"] = site.default_language;
    state_->settings["time_zone"] = site.time_zone;
    for (auto& [key, value] : setting_entries(site.comments)) state_->settings[key] = value;
    state_->settings["navigation"] = navigation_setting(site.navigation);
  }
  void save_language(const Language& language) override {
    for (auto& [l, position] : state_->languages) {
      if (l.code != language.code) continue;
      l.name = language.name;
      return;
    }
    state_->languages.emplace_back(language, static_cast<int>(state_->languages.size()));
  }
  void save_section(const Section& section) override { state_->sections[section.slug] = section; }
  void save_tag(const Tag& tag) override { state_->tags[tag.slug] = tag; }
  void save_author(const Author& author) override { state_->authors[author.slug] = author; }

  SavedArticle save_article(const Article& in, Instant saved_at, std::optional<int>) override {
    Article a = in;
    if (!a.section.empty() && !state_->sections.contains(a.section)) throw StoreError("sections has no '" + a.section + "'");
    if (!a.author.empty() && !state_->authors.contains(a.author)) throw StoreError("authors has no '" + a.author + "'");
    auto existing = a.id ? state_->articles.find(a.id) : state_->articles.end();
    if (existing != state_->articles.end()) {
      a.revision = existing->second.revision + 1;
      a.created_by = existing->second.created_by;
      a.trashed_at = existing->second.trashed_at;
    } else {
      a.revision = 1;
      if (!a.id) a.id = state_->articles.empty() ? 1 : state_->articles.rbegin()->first + 1;
      a.created_by = actor_;
      a.trashed_at.reset();
    }
    // Tags: each once, where it first comes; new ones join the site's.
    std::vector<std::string> tags;
    for (const auto& t : a.tags) {
      if (std::find(tags.begin(), tags.end(), t) != tags.end()) continue;
      tags.push_back(t);
      state_->tags.try_emplace(t, Tag{t, t});
    }
    Article revision = a;
    a.tags = tags;
    state_->articles[a.id] = a;
    Revision r;
    r.article_id = a.id;
    r.number = a.revision;
    r.saved_at = saved_at;
    r.saved_by = actor_;
    r.article = through_json(revision);
    r.article.revision = r.number;
    state_->revisions[a.id].push_back(std::move(r));
    return {a.id, a.revision};
  }
  void trash_article(std::int64_t id, std::optional<Instant> at) override {
    auto it = state_->articles.find(id);
    if (it == state_->articles.end()) throw StoreError("no article has the id " + std::to_string(id));
    it->second.trashed_at = at;
  }
  std::vector<std::int64_t> publish_due(Instant now) override {
    std::vector<std::int64_t> ids;
    for (auto& [id, a] : state_->articles) {
      if (a.status == ArticleStatus::scheduled && a.published_at && *a.published_at <= now && !a.trashed_at) {
        a.status = ArticleStatus::published;
        ids.push_back(id);
      }
    }
    return ids;
  }
  void set_actor(std::optional<std::int64_t> user_id) override { actor_ = user_id; }

  std::int64_t save_user(const User& user) override {
    if (auto other = find_user(user.email); other && *other != user.id)
      throw StoreError("an account already has the email " + user.email);
    User u = user;
    if (u.id == 0) {
      u.id = ++state_->last_user;
      state_->users[u.id] = u;
      return u.id;
    }
    auto it = state_->users.find(u.id);
    if (it == state_->users.end()) throw StoreError("no account has the id " + std::to_string(u.id));
    u.created_at = it->second.created_at;
    it->second = u;
    return u.id;
  }
  void save_session(const Session& session) override {
    if (!state_->sessions.emplace(session.token_hash, session).second) throw StoreError("a session has that token already");
  }
  void delete_session(std::string_view token_hash) override { state_->sessions.erase(std::string(token_hash)); }
  int delete_sessions_of(std::int64_t user_id) override {
    return static_cast<int>(std::erase_if(state_->sessions, [&](const auto& s) { return s.second.user_id == user_id; }));
  }
  void append_audit(const AuditEntry& entry) override {
    AuditEntry e = entry;
    e.id = ++state_->last_audit;
    state_->audit.push_back(std::move(e));
  }
  std::string adopt_signing_key(const std::string& proposed) override {
    if (state_->signing_key.empty()) state_->signing_key = proposed;
    return state_->signing_key;
  }
  void save_autosave(std::int64_t user_id, const Article& article, Instant at) override {
    Revision r;
    r.article_id = article.id;
    r.saved_at = at;
    r.saved_by = user_id;
    r.article = through_json(article);
    state_->autosaves[{article.id, user_id}] = std::move(r);
  }
  void drop_autosave(std::int64_t user_id, std::int64_t article_id) override { state_->autosaves.erase({article_id, user_id}); }
  void set_featured(std::string_view language, const std::vector<FeaturedStory>& stories) override {
    auto& list = state_->featured[std::string(language)];
    list = stories;
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      return std::pair(a.position, a.article_id) < std::pair(b.position, b.article_id);
    });
  }
  std::int64_t save_comment(const Comment& comment) override {
    if (comment.id) {
      auto it = state_->comments.find(comment.id);
      if (it == state_->comments.end()) throw StoreError("no comment has the id " + std::to_string(comment.id));
      Comment& c = it->second;
      c.status = comment.status;
      c.author_name = comment.author_name;
      c.author_url = comment.author_url;
      c.email = comment.email;
      c.email_key = comment.email_key;
      c.notify_replies = comment.notify_replies;
      c.address_key = comment.address_key;
      c.edited_at = comment.edited_at;
      c.reports = comment.reports;
      c.body = comment.body;
      c.trained_as = comment.trained_as;
      return c.id;
    }
    if (!state_->articles.contains(comment.article_id))
      throw StoreError("no article has the id " + std::to_string(comment.article_id));
    Comment c = comment;
    // Kept in millionths, as the SQL stores keep it.
    if (c.spam_score) c.spam_score = std::round(*c.spam_score * 1e6) / 1e6;
    c.id = ++state_->last_comment;
    state_->comments[c.id] = c;
    return c.id;
  }
  void erase_comments(const std::vector<std::int64_t>& ids) override {
    for (auto id : ids) state_->comments.erase(id);
  }
  std::optional<Comment> comment(std::int64_t id) override {
    auto it = state_->comments.find(id);
    return it == state_->comments.end() ? std::nullopt : std::optional(it->second);
  }
  void save_import_origin(const ImportOrigin& o) override {
    state_->import_origins[{o.origin, o.kind, o.source_id}] = o;
  }
  std::optional<ImportOrigin> imported_as(std::string_view origin, std::string_view kind,
                                         std::string_view source_id) override {
    auto it = state_->import_origins.find({std::string(origin), std::string(kind), std::string(source_id)});
    return it == state_->import_origins.end() ? std::nullopt : std::optional(it->second);
  }
  void save_redirect(const Redirect& r) override {
    auto [it, made] = state_->redirects.try_emplace(r.from, r);
    if (!made) {  // the first one's creation time stays
      it->second.to = r.to;
      it->second.origin = r.origin;
    }
  }
  void delete_redirect(std::string_view from) override {
    if (auto it = state_->redirects.find(from); it != state_->redirects.end()) state_->redirects.erase(it);
  }
  void unsubscribe_mail(std::string_view email_key, Instant at) override {
    state_->unsubscribed.try_emplace(std::string(email_key), at);
    for (auto& [id, c] : state_->comments) {
      if (c.email_key != email_key) continue;
      c.email.clear();
      c.notify_replies = false;
    }
  }
  void train_spam_filter(const SpamTraining& training) override {
    if (training.from == training.to) return;
    for (const auto& token : training.tokens) {
      auto& counts = state_->spam_words[token];
      counts.spam += training.change(SpamLabel::spam);
      counts.ham += training.change(SpamLabel::ham);
    }
    state_->spam_filter = trained_totals(state_->spam_filter, training);
  }
  std::int64_t save_media(const MediaItem& item) override {
    if (item.id) {
      auto it = state_->media.find(item.id);
      if (it == state_->media.end()) throw StoreError("no image has the id " + std::to_string(item.id));
      it->second.alt = item.alt;
      it->second.credit = item.credit;
      return item.id;
    }
    MediaItem m = item;
    m.id = ++state_->last_media;
    state_->media[m.id] = m;
    return m.id;
  }

  void save_network(const Network& network) override {
    Network n = network;
    n.aliases.clear();
    std::int64_t id = 0;
    for (auto& [existing_id, existing] : state_->networks)
      if (existing.slug == n.slug) id = existing_id;
    if (!id) id = ++state_->last_entity;
    state_->networks[id] = n;
    std::vector<std::string> names{network.name};
    names.insert(names.end(), network.aliases.begin(), network.aliases.end());
    state_->save_aliases("network", id, names);
  }
  void save_show(const Show& show) override {
    if (!show.network.empty()) state_->id_or_throw("network", show.network);
    Show s = show;
    s.aliases.clear();
    auto id = state_->upsert(state_->shows, s);
    std::vector<std::string> names{show.title, show.original_title};
    for (const auto& [language, title] : show.titles) names.push_back(title);
    names.insert(names.end(), show.aliases.begin(), show.aliases.end());
    state_->save_aliases("show", id, names);
  }
  void save_person(const Person& person) override {
    Person p = person;
    p.aliases.clear();
    auto id = state_->upsert(state_->people, p);
    std::vector<std::string> names{person.name, person.hangul_name};
    names.insert(names.end(), person.aliases.begin(), person.aliases.end());
    state_->save_aliases("person", id, names);
  }
  void save_group(const Group& group) override {
    Group g = group;
    g.aliases.clear();
    auto id = state_->upsert(state_->groups, g);
    std::vector<std::string> names{group.name, group.hangul_name};
    names.insert(names.end(), group.aliases.begin(), group.aliases.end());
    state_->save_aliases("group", id, names);
  }
  void save_membership(const Membership& membership) override {
    state_->id_or_throw("group", membership.group);
    state_->id_or_throw("person", membership.person);
    for (auto& m : state_->memberships) {
      if (m.group != membership.group || m.person != membership.person) continue;
      m = membership;
      return;
    }
    state_->memberships.push_back(membership);
  }
  void save_credit(const Credit& credit) override {
    state_->id_or_throw("show", credit.show);
    state_->id_or_throw("person", credit.person);
    for (auto& c : state_->credits) {
      if (c.show != credit.show || c.person != credit.person || c.character != credit.character) continue;
      c.role = credit.role;
      c.billing = credit.billing;
      return;
    }
    state_->credits.push_back(credit);
  }
  void save_episode(const Episode& episode) override {
    state_->episodes[{state_->id_or_throw("show", episode.show), episode.number}] = episode;
  }
  void clear_show_cast_and_episodes(std::string_view show) override {
    std::erase_if(state_->credits, [&](const Credit& c) { return c.show == show; });
    std::erase_if(state_->episodes, [&](const auto& e) { return e.second.show == show; });
  }
  void clear_group_members(std::string_view group) override {
    std::erase_if(state_->memberships, [&](const Membership& m) { return m.group == group; });
  }
  void set_article_entities(std::int64_t article_id, const std::vector<EntityRef>& found) override {
    auto article = state_->articles.find(article_id);
    if (article == state_->articles.end()) throw StoreError("no article " + std::to_string(article_id));
    auto& linked = state_->article_entities[article_id];
    linked.clear();
    std::erase_if(state_->bodies, [&](const auto& kept) { return kept.first.first == article_id; });
    ++state_->links_version;
    // The editor's choices first: what the text gives does not override them.
    auto insert = [&](EntityKind kind, const std::string& slug, ArticleEntity::Source source) {
      auto id = state_->entity_id(kind_name(kind), slug);
      if (!id) return;  // an entity since removed from the catalog
      if (std::any_of(linked.begin(), linked.end(), [&](const Linked& l) { return l.kind == kind && l.entity == *id; })) return;
      linked.push_back({kind, *id, source});
    };
    for (const auto* list : {&article->second.unlink, &article->second.link}) {
      for (const auto& ref : *list) {
        auto slash = ref.find('/');
        auto kind = slash == std::string::npos ? std::nullopt : parse_entity_kind(ref.substr(0, slash));
        if (kind)
          insert(*kind, ref.substr(slash + 1),
                 list == &article->second.link ? ArticleEntity::Source::editor : ArticleEntity::Source::dropped);
      }
    }
    for (const auto& e : found) insert(e.kind, e.slug, ArticleEntity::Source::automatic);
  }
  bool keep_rendered_body(const RenderedBody& body) override {
    auto article = state_->articles.find(body.article_id);
    if (article == state_->articles.end() || article->second.revision != body.revision ||
        state_->links_version != body.links_version ||
        std::find(state_->renderers.begin(), state_->renderers.end(), body.renderer) == state_->renderers.end())
      return false;
    state_->bodies[{body.article_id, body.renderer}] = body;
    return true;
  }
  bool adopt_body_renderer(std::string_view renderer) override {
    auto& renderers = state_->renderers;
    if (std::find(renderers.begin(), renderers.end(), renderer) != renderers.end()) return false;
    renderers.emplace_back(renderer);
    return true;
  }
  DroppedBodies drop_bodies_of_old_renderers(std::int64_t after, std::int64_t articles) override {
    auto& renderers = state_->renderers;
    if (renderers.size() <= 2) return {};
    DroppedBodies dropped;
    dropped.count = std::erase_if(state_->bodies, [&](const auto& kept) {
      const auto& [article_id, renderer] = kept.first;
      return article_id > after && article_id <= after + articles &&
             std::find(renderers.end() - 2, renderers.end(), renderer) == renderers.end();
    });
    // Kept by article: any body past the range is at or after the first key of the next article.
    if (state_->bodies.lower_bound({after + articles + 1, std::string()}) != state_->bodies.end())
      dropped.go_on_after = after + articles;
    else renderers.erase(renderers.begin(), renderers.end() - 2);
    return dropped;
  }

  std::optional<Article> article_by_slug(std::string_view slug) override {
    if (const auto* a = state_->article_by_slug(slug)) return *a;
    return std::nullopt;
  }
  std::optional<Article> article_by_id(std::int64_t id) override {
    auto it = state_->articles.find(id);
    return it == state_->articles.end() ? std::nullopt : std::optional(it->second);
  }
  std::vector<ArticleEntity> article_entities(std::int64_t id) override { return state_->entities_of(id); }
  std::vector<Credit> credits_of_show(std::string_view show) override { return state_->credits_where(show, ""); }
  std::vector<Membership> members_of(std::string_view group) override { return state_->memberships_where(group, ""); }
  bool article_id_in_use(std::int64_t id) override { return state_->articles.contains(id); }
  std::vector<std::string> slugs_by_alias(EntityKind kind, std::string_view alias) override {
    return slugs_by(kind_name(kind), alias);
  }
  std::optional<std::string> network_by_alias(std::string_view alias) override {
    auto slugs = slugs_by("network", alias);
    return slugs.empty() ? std::nullopt : std::optional(slugs.front());
  }
  std::optional<Person> person(std::string_view slug) override {
    const auto* p = State::by_slug(state_->people, slug);
    return p ? std::optional(state_->person_of(*p)) : std::nullopt;
  }
  std::optional<Show> show(std::string_view slug) override {
    const auto* s = State::by_slug(state_->shows, slug);
    return s ? std::optional(state_->show_of(*s)) : std::nullopt;
  }
  std::optional<Group> group(std::string_view slug) override {
    const auto* g = State::by_slug(state_->groups, slug);
    return g ? std::optional(state_->group_of(*g)) : std::nullopt;
  }

  std::int64_t commit_changes(const ChangeSet& changes) override {
    std::int64_t entry = 0;
    if (!changes.empty()) {
      entry = ++state_->log_head;
      state_->log.push_back({entry, changes});
      std::erase_if(state_->log, [&](const ChangeLogEntry& e) { return e.id <= entry - kChangeLogKept; });
    }
    database_.publish(std::move(state_));
    lock_.unlock();
    return entry;
  }

 private:
  std::optional<std::int64_t> find_user(std::string_view email) const {
    for (const auto& [id, u] : state_->users)
      if (lower_ascii(u.email) == lower_ascii(email)) return id;
    return std::nullopt;
  }
  std::vector<std::string> slugs_by(const std::string& kind, std::string_view alias) const {
    auto folded = fold_name(alias), packed = compact_name(alias);
    std::set<std::int64_t> ids;
    for (const auto& a : state_->aliases)
      if (a.kind == kind && (a.folded == folded || (!packed.empty() && a.compact == packed))) ids.insert(a.entity);
    std::vector<std::string> slugs;
    for (auto id : ids) {
      if (kind == "network") slugs.push_back(state_->networks.at(id).slug);
      else slugs.push_back(state_->ref(*parse_entity_kind(kind), id).slug);
    }
    return slugs;
  }

  MemoryDatabase& database_;
  std::unique_lock<std::mutex> lock_;
  std::shared_ptr<State> state_;
  std::optional<std::int64_t> actor_;
};

}  // namespace

class MemoryStore::Snapshot final : public ReadSnapshot {
 public:
  ~Snapshot() override { pinned = {}; }
};

MemoryStore::MemoryStore(std::shared_ptr<MemoryDatabase> database, std::chrono::milliseconds poll_interval)
    : database_(std::move(database)), feed_(std::make_unique<ChangeFeed>(static_cast<ChangeLogSource&>(*this), poll_interval)) {}

MemoryStore::~MemoryStore() { feed_.reset(); }

int MemoryStore::migrate(Instant) {
  feed_->start();
  return 0;
}

void MemoryStore::on_change(ChangeListener listener) {
  feed_->subscribe(std::move(listener));
  feed_->start();
}

std::int64_t MemoryStore::newest_change() { return database_->newest()->log_head; }

std::vector<ChangeLogEntry> MemoryStore::changes_after(std::int64_t after, int limit) {
  std::vector<ChangeLogEntry> entries;
  // Held for the loop: a range-for keeps the log alive, not the pointer that owns it, and a
  // writer publishing meanwhile would free it.
  auto state = database_->newest();
  for (const auto& e : state->log) {
    if (e.id <= after) continue;
    if (static_cast<int>(entries.size()) == limit) break;
    entries.push_back(e);
  }
  return entries;
}

std::shared_ptr<const MemoryStore::State> MemoryStore::state() const {
  if (pinned.store == this) return pinned.state;
  return database_->newest();
}

std::unique_ptr<ReadSnapshot> MemoryStore::read_snapshot() const {
  if (pinned.store == this) return std::make_unique<NestedSnapshot>();
  pinned = {this, database_->newest()};
  return std::make_unique<Snapshot>();
}

std::unique_ptr<WriteTransaction> MemoryStore::begin_write() {
  if (pinned.store == this) throw std::logic_error("a write inside a read snapshot");
  feed_->start();
  return std::make_unique<RecordingTransaction>(std::make_unique<MemoryTransaction>(*database_), *feed_);
}

std::optional<Instant> MemoryStore::next_publication_after(Instant now) const {
  auto s = state();
  std::optional<Instant> next;
  for (const auto& [id, a] : s->articles)
    if (a.status == ArticleStatus::scheduled && !a.trashed_at && a.published_at && *a.published_at > now &&
        (!next || *a.published_at < *next))
      next = a.published_at;
  return next;
}

bool MemoryStore::has_site() const { return state()->settings.contains("name"); }

Site MemoryStore::site() const {
  auto s = state();
  auto get = [&](const char* key) {
    auto it = s->settings.find(key);
    return it == s->settings.end() ? std::string() : it->second;
  };
  Site site;
  site.name = get("name");
  site.tagline = get("tagline");
  site.base_url = get("base_url");
  site.default_language = get("default_language");
  site.time_zone = get("time_zone");
  site.navigation = read_navigation_setting(get("navigation")).value_or(std::vector<NavigationLink>{});
  for (const auto& [key, value] : s->settings) read_setting_entry(site.comments, key, value);
  return site;
}

std::vector<Language> MemoryStore::languages() const {
  auto s = state();
  auto sorted = s->languages;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second, a.first.code) < std::tie(b.second, b.first.code);
  });
  std::vector<Language> out;
  for (auto& [l, position] : sorted) out.push_back(l);
  return out;
}

std::vector<Section> MemoryStore::sections() const {
  auto s = state();
  std::vector<Section> out;
  for (const auto& [slug, section] : s->sections) out.push_back(section);
  std::stable_sort(out.begin(), out.end(), [](const Section& a, const Section& b) { return a.position < b.position; });
  return out;
}

std::vector<Tag> MemoryStore::tags() const {
  auto s = state();
  std::vector<Tag> out;
  for (const auto& [slug, tag] : s->tags) out.push_back(tag);
  return out;
}

std::vector<Author> MemoryStore::authors() const {
  auto s = state();
  std::vector<Author> out;
  for (const auto& [slug, author] : s->authors) out.push_back(author);
  return out;
}

std::optional<Article> MemoryStore::article_by_slug(std::string_view slug) const {
  auto s = state();
  if (const auto* a = s->article_by_slug(slug)) return *a;
  return std::nullopt;
}

std::optional<Article> MemoryStore::article_by_id(std::int64_t id) const {
  auto s = state();
  auto it = s->articles.find(id);
  return it == s->articles.end() ? std::nullopt : std::optional(it->second);
}

std::optional<ArticleSummary> MemoryStore::article_summary(std::int64_t id) const {
  auto a = article_by_id(id);
  return a ? std::optional(summarize(*a)) : std::nullopt;
}

ArticleList MemoryStore::articles(const ArticleQuery& query) const {
  auto s = state();
  ArticleList out;
  if (query.related_to) {
    out.items = s->related(query);
    return out;
  }
  std::int64_t total = 0;
  out.items = s->list(query, &total);
  if (query.count) out.total = total;
  return out;
}

std::vector<ArticleSummary> MemoryStore::translations(std::string_view root, std::optional<Instant> visible_at) const {
  auto s = state();
  std::vector<const Article*> found;
  for (const auto& [id, a] : s->articles) {
    if (a.translation_of != root || a.trashed_at) continue;
    if (a.status != ArticleStatus::published && a.status != ArticleStatus::scheduled) continue;
    if (visible_at && !visible(a, *visible_at)) continue;
    found.push_back(&a);
  }
  std::sort(found.begin(), found.end(), [](const Article* a, const Article* b) { return newer(*a, *b); });
  std::vector<ArticleSummary> out;
  for (const auto* a : found) out.push_back(summarize(*a));
  return out;
}

std::vector<Article> MemoryStore::all_articles() const {
  auto s = state();
  std::vector<Article> out;
  for (const auto& [id, a] : s->articles) out.push_back(a);
  return out;
}

std::vector<std::int64_t> MemoryStore::article_ids() const {
  auto s = state();
  std::vector<std::int64_t> out;
  for (const auto& [id, a] : s->articles) out.push_back(id);
  return out;
}

std::vector<ArticleWithEntities> MemoryStore::articles_between(std::int64_t first_id, std::int64_t last_id) const {
  auto s = state();
  std::vector<ArticleWithEntities> out;
  for (auto it = s->articles.lower_bound(first_id); it != s->articles.end() && it->first <= last_id; ++it)
    out.push_back({it->second, s->entities_of(it->first)});
  return out;
}

std::vector<Revision> MemoryStore::revisions(std::int64_t article_id) const {
  auto s = state();
  auto it = s->revisions.find(article_id);
  return it == s->revisions.end() ? std::vector<Revision>{} : it->second;
}

std::vector<Network> MemoryStore::networks() const {
  auto s = state();
  std::vector<Network> out;
  for (const auto& [id, n] : s->networks) out.push_back(*s->network_of(id));
  std::stable_sort(out.begin(), out.end(), [](const Network& a, const Network& b) { return a.name < b.name; });
  return out;
}

std::optional<Network> MemoryStore::network(std::string_view slug) const {
  auto s = state();
  for (const auto& [id, n] : s->networks)
    if (n.slug == slug) return s->network_of(id);
  return std::nullopt;
}

std::optional<Show> MemoryStore::show(std::string_view slug) const {
  auto s = state();
  const auto* show = State::by_slug(s->shows, slug);
  return show ? std::optional(s->show_of(*show)) : std::nullopt;
}

std::optional<Person> MemoryStore::person(std::string_view slug) const {
  auto s = state();
  const auto* p = State::by_slug(s->people, slug);
  return p ? std::optional(s->person_of(*p)) : std::nullopt;
}

std::optional<Group> MemoryStore::group(std::string_view slug) const {
  auto s = state();
  const auto* g = State::by_slug(s->groups, slug);
  return g ? std::optional(s->group_of(*g)) : std::nullopt;
}

CatalogPage<Show> MemoryStore::shows(const CatalogQuery& query) const {
  auto s = state();
  std::vector<Show> all;
  for (const auto& [id, show] : s->shows) {
    if (!s->matches_alias("show", id, query.q)) continue;
    if (!query.network.empty() && show.network != query.network) continue;
    if (query.status && show.status != *query.status) continue;
    all.push_back(s->show_of(show));
  }
  // Newest first, those with no date last, then by title.
  std::stable_sort(all.begin(), all.end(), [](const Show& a, const Show& b) {
    if (a.first_air_date.has_value() != b.first_air_date.has_value()) return a.first_air_date.has_value();
    if (a.first_air_date != b.first_air_date) return *a.first_air_date > *b.first_air_date;
    return a.title < b.title;
  });
  return s->page(std::move(all), query);
}

CatalogPage<Person> MemoryStore::people(const CatalogQuery& query) const {
  auto s = state();
  std::vector<Person> all;
  for (const auto& [id, p] : s->people)
    if (s->matches_alias("person", id, query.q)) all.push_back(s->person_of(p));
  std::stable_sort(all.begin(), all.end(), [](const Person& a, const Person& b) { return a.name < b.name; });
  return s->page(std::move(all), query);
}

CatalogPage<Group> MemoryStore::groups(const CatalogQuery& query) const {
  auto s = state();
  std::vector<Group> all;
  for (const auto& [id, g] : s->groups)
    if (s->matches_alias("group", id, query.q)) all.push_back(s->group_of(g));
  std::stable_sort(all.begin(), all.end(), [](const Group& a, const Group& b) { return a.name < b.name; });
  return s->page(std::move(all), query);
}

std::vector<Show> MemoryStore::shows_on_air(const Date& from, const Date& to) const {
  auto s = state();
  // A year before `from`: 29 February goes back to 1 March, as the SQL stores do.
  Date year_before = from - std::chrono::years(1);
  if (!year_before.ok()) year_before = std::chrono::sys_days(year_before);
  std::vector<Show> out;
  for (const auto& [id, show] : s->shows) {
    if (show.slots.empty() || show.episode_count <= 0 || !show.first_air_date || *show.first_air_date > to) continue;
    if (show.last_air_date && *show.last_air_date < year_before) continue;
    out.push_back(s->show_of(show));
  }
  std::stable_sort(out.begin(), out.end(), [](const Show& a, const Show& b) { return a.title < b.title; });
  return out;
}

std::vector<Person> MemoryStore::people_born_on(unsigned month, unsigned day) const {
  auto s = state();
  std::vector<Person> out;
  for (const auto& [id, p] : s->people) {
    if (!p.birth_date || static_cast<unsigned>(p.birth_date->month()) != month) continue;
    if (day != 0 && static_cast<unsigned>(p.birth_date->day()) != day) continue;
    out.push_back(s->person_of(p));
  }
  std::stable_sort(out.begin(), out.end(), [](const Person& a, const Person& b) {
    auto da = static_cast<unsigned>(a.birth_date->day()), db = static_cast<unsigned>(b.birth_date->day());
    return da != db ? da < db : a.name < b.name;
  });
  return out;
}

std::vector<Episode> MemoryStore::episodes(std::string_view show) const {
  auto s = state();
  std::vector<Episode> out;
  for (const auto& [key, e] : s->episodes)
    if (e.show == show) out.push_back(e);
  return out;
}

std::vector<Credit> MemoryStore::credits_of_show(std::string_view show) const { return state()->credits_where(show, ""); }
std::vector<Credit> MemoryStore::credits_of_person(std::string_view person) const { return state()->credits_where("", person); }
std::vector<Membership> MemoryStore::members_of(std::string_view group) const { return state()->memberships_where(group, ""); }
std::vector<Membership> MemoryStore::memberships_of(std::string_view person) const {
  return state()->memberships_where("", person);
}

std::vector<CatalogAlias> MemoryStore::catalog_aliases() const { return state()->aliases_for(nullptr); }

std::vector<CatalogAlias> MemoryStore::article_aliases(std::int64_t article_id) const {
  auto s = state();
  auto it = s->article_entities.find(article_id);
  if (it == s->article_entities.end()) return {};
  return s->aliases_for(&it->second);
}

std::vector<ArticleEntity> MemoryStore::article_entities(std::int64_t article_id) const { return state()->entities_of(article_id); }

std::optional<RenderedBody> MemoryStore::rendered_body(std::int64_t article_id, int revision, std::string_view renderer) const {
  auto s = state();
  auto it = s->bodies.find({article_id, std::string(renderer)});
  if (it == s->bodies.end() || it->second.revision != revision) return std::nullopt;
  RenderedBody body = it->second;
  body.links_version = 0;  // as the SQL stores read it: what it was made with is not kept
  return body;
}

std::int64_t MemoryStore::links_version() const { return state()->links_version; }

std::vector<RecordedVote> MemoryStore::record_reactions(const std::vector<ReactionVote>& votes, Instant) {
  if (pinned.store == this) throw std::logic_error("a write inside a read snapshot");
  std::lock_guard lock(database_->writer);
  auto state = std::make_shared<State>(*database_->newest());
  std::vector<RecordedVote> recorded(votes.size());
  for (std::size_t i = 0; i < votes.size(); ++i) {
    const auto& v = votes[i];
    if (!state->articles.contains(v.article_id)) continue;
    recorded[i].recorded = true;
    auto key = std::pair{v.article_id, v.reader};
    if (auto it = state->reactions.find(key); !v.new_reader && it != state->reactions.end()) recorded[i].previous = it->second;
    state->reactions[key] = v.reaction;
  }
  ChangeSet counted;  // as the SQL stores: every node's counts of these articles are read again
  for (std::size_t i = 0; i < votes.size(); ++i)
    if (recorded[i].recorded) counted.reactions.insert(votes[i].article_id);
  if (!counted.empty()) {
    auto entry = ++state->log_head;
    state->log.push_back({entry, std::move(counted)});
    std::erase_if(state->log, [&](const ChangeLogEntry& e) { return e.id <= entry - kChangeLogKept; });
  }
  database_->publish(std::move(state));
  return recorded;
}

ReactionCounts MemoryStore::reaction_counts(std::int64_t article_id) const {
  auto s = state();
  ReactionCounts counts;
  for (auto r : kReactions) counts[r] = 0;
  for (auto it = s->reactions.lower_bound({article_id, ""}); it != s->reactions.end() && it->first.first == article_id; ++it)
    ++counts[it->second];
  return counts;
}

std::optional<Reaction> MemoryStore::reaction_of(std::int64_t article_id, std::string_view reader) const {
  auto s = state();
  auto it = s->reactions.find({article_id, std::string(reader)});
  return it == s->reactions.end() ? std::nullopt : std::optional(it->second);
}

std::optional<User> MemoryStore::user_by_email(std::string_view email) const {
  auto s = state();
  for (const auto& [id, u] : s->users)
    if (lower_ascii(u.email) == lower_ascii(email)) return u;
  return std::nullopt;
}

std::optional<User> MemoryStore::user_by_id(std::int64_t id) const {
  auto s = state();
  auto it = s->users.find(id);
  return it == s->users.end() ? std::nullopt : std::optional(it->second);
}

std::vector<User> MemoryStore::users() const {
  auto s = state();
  std::vector<User> out;
  for (const auto& [id, u] : s->users) out.push_back(u);
  std::stable_sort(out.begin(), out.end(), [](const User& a, const User& b) { return a.email < b.email; });
  return out;
}

std::optional<Session> MemoryStore::session(std::string_view token_hash) const {
  auto s = state();
  auto it = s->sessions.find(std::string(token_hash));
  return it == s->sessions.end() ? std::nullopt : std::optional(it->second);
}

std::vector<AuditEntry> MemoryStore::audit_log(int limit, int offset) const {
  auto s = state();
  std::vector<AuditEntry> out;
  for (auto it = s->audit.rbegin(); it != s->audit.rend(); ++it) {
    if (offset-- > 0) continue;
    if (static_cast<int>(out.size()) == limit) break;
    out.push_back(*it);
  }
  return out;
}

int MemoryStore::count_failed_sign_ins(const FailedSignIns& which) const {
  auto s = state();
  Instant since = which.since;
  std::string email = lower_ascii(which.email);
  if (!email.empty()) {
    for (const auto& e : s->audit) {
      if (e.action == "login" && lower_ascii(e.actor) == email && e.at > since) since = e.at;
    }
  }
  return static_cast<int>(std::count_if(s->audit.begin(), s->audit.end(), [&](const AuditEntry& e) {
    return e.action == "login.failed" && e.at > since &&
           (email.empty() ? e.address == which.address : lower_ascii(e.actor) == email);
  }));
}

std::optional<Revision> MemoryStore::autosave(std::int64_t user_id, std::int64_t article_id) const {
  auto s = state();
  auto it = s->autosaves.find({article_id, user_id});
  return it == s->autosaves.end() ? std::nullopt : std::optional(it->second);
}

std::optional<MediaItem> MemoryStore::media(std::int64_t id) const {
  auto s = state();
  auto it = s->media.find(id);
  return it == s->media.end() ? std::nullopt : std::optional(it->second);
}

std::vector<FeaturedStory> MemoryStore::featured(std::string_view language) const {
  auto s = state();
  auto it = s->featured.find(language);
  return it == s->featured.end() ? std::vector<FeaturedStory>{} : it->second;
}

std::optional<Comment> MemoryStore::comment(std::int64_t id) const {
  auto s = state();
  auto it = s->comments.find(id);
  return it == s->comments.end() ? std::nullopt : std::optional(it->second);
}

std::vector<Comment> MemoryStore::comments_of(std::int64_t article_id, std::optional<CommentStatus> status) const {
  auto s = state();
  std::vector<Comment> out;
  for (const auto& [id, c] : s->comments)
    if (c.article_id == article_id && (!status || c.status == *status)) out.push_back(c);
  return out;
}

CommentList MemoryStore::comments(const CommentQuery& q) const {
  auto s = state();
  CommentList out;
  for (auto it = s->comments.rbegin(); it != s->comments.rend(); ++it) {
    const Comment& c = it->second;
    if (q.status && c.status != *q.status) continue;
    if (q.reported && c.reports == 0) continue;
    if (q.article_id && c.article_id != *q.article_id) continue;
    if (q.articles_created_by) {
      auto a = s->articles.find(c.article_id);
      if (a == s->articles.end() || a->second.created_by != q.articles_created_by) continue;
    }
    if (!q.email_key.empty() || !q.browser_key.empty()) {
      bool mine = (!q.email_key.empty() && c.email_key == q.email_key) ||
                  (!q.browser_key.empty() && c.browser_key == q.browser_key);
      if (!mine) continue;
    }
    if (out.total++ < q.offset || static_cast<int>(out.items.size()) >= q.limit) continue;
    out.items.push_back(c);
  }
  return out;
}

std::map<std::int64_t, std::int64_t> MemoryStore::comment_counts(const std::vector<std::int64_t>& article_ids) const {
  auto s = state();
  std::map<std::int64_t, std::int64_t> out;
  for (auto id : article_ids) out[id] = 0;
  for (const auto& [id, c] : s->comments)
    if (c.status == CommentStatus::approved && c.kind == CommentKind::comment && out.contains(c.article_id)) ++out[c.article_id];
  return out;
}

bool MemoryStore::commenter_known(std::string_view email_key, std::string_view browser_key) const {
  auto s = state();
  for (const auto& [id, c] : s->comments) {
    if (c.status != CommentStatus::approved) continue;
    if ((!email_key.empty() && c.email_key == email_key) || (!browser_key.empty() && c.browser_key == browser_key)) return true;
  }
  return false;
}

SpamFilterTotals MemoryStore::spam_filter_totals() const { return state()->spam_filter; }

bool MemoryStore::mail_unsubscribed(std::string_view email_key) const {
  auto s = state();
  return s->unsubscribed.find(email_key) != s->unsubscribed.end();
}

std::optional<Redirect> MemoryStore::redirect(std::string_view from) const {
  auto s = state();
  auto it = s->redirects.find(from);
  return it == s->redirects.end() ? std::nullopt : std::optional(it->second);
}

RedirectList MemoryStore::redirects(const RedirectQuery& query) const {
  auto s = state();
  auto lower = [](std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  auto wanted = lower(query.contains);
  RedirectList out;
  for (const auto& [from, r] : s->redirects) {
    if (lower(r.from).find(wanted) == std::string::npos && lower(r.to).find(wanted) == std::string::npos) continue;
    if (out.total++ >= query.offset && static_cast<int>(out.items.size()) < query.limit) out.items.push_back(r);
  }
  return out;
}

std::vector<TokenCounts> MemoryStore::spam_word_counts(const std::vector<std::string>& tokens) const {
  auto s = state();
  std::vector<TokenCounts> out;
  for (const auto& token : tokens) {
    auto it = s->spam_words.find(token);
    out.push_back(it == s->spam_words.end() ? TokenCounts{} : it->second);
  }
  return out;
}

std::vector<MediaItem> MemoryStore::media_items(int limit, int offset) const {
  auto s = state();
  std::vector<MediaItem> out;
  for (auto it = s->media.rbegin(); it != s->media.rend(); ++it) {
    if (offset-- > 0) continue;
    if (static_cast<int>(out.size()) == limit) break;
    out.push_back(it->second);
  }
  return out;
}

}  // namespace kpress::testing
