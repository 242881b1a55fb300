#pragma once
// What readers ask at every view and writers rarely change, kept in memory over any Store:
// - an article's show box reads its show, the show's episodes and its network at every view,
//   while a fan site's articles are about a few dozen shows and the catalog changes a few times
//   a day;
// - a spike's readers open the same few articles, each with its kept body, thousands of times
//   between two saves;
// - an article's page lists its story's other editions, and nearly every story has none;
// - every page asks when the next scheduled article goes live.
//
// Each value is kept with a version counted from the change log (every commit of every process
// sharing the database, in commit order: see ChangeFeed): the catalog's, the articles' and the
// kept bodies'. This store's listener runs before any other (the page cache's), and a commit of
// this process returns once delivered, so a page begun after a change reads it. A page whose
// reads are all kept here reaches no database at all. A value is read from a state at least as
// new as the version it is kept with; kept under a slightly older version, it is read again
// when the version moves. Inside a read snapshot the versions are the ones it began with.
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

#include "store/store.hpp"
#include "store/versioned_memo.hpp"

namespace kpress {

class MemoizedStore final : public Store {
 public:
  explicit MemoizedStore(std::unique_ptr<Store> inner);
  ~MemoizedStore() override;

  // The versions the memos are kept with: how many changes of each kind this process was told of.
  struct Versions {
    std::int64_t catalog = 0;   // entities, networks, their names
    std::int64_t articles = 0;  // any article saved, trashed or relinked
    std::int64_t bodies = 0;    // kept bodies dropped (relinked articles, renamed entities, a new build)
    std::int64_t comments = 0;  // a comment readers see approved, changed or removed, anywhere
  };

  std::vector<MigrationStatus> migration_status() override { return inner_->migration_status(); }
  int migrate(Instant now) override { return inner_->migrate(now); }
  void on_change(ChangeListener listener) override { inner_->on_change(std::move(listener)); }
  void stop_changes() override { inner_->stop_changes(); }
  bool changes_current() const override { return inner_->changes_current(); }
  std::optional<Instant> next_publication_after(Instant now) const override;

  bool has_site() const override { return inner_->has_site(); }
  Site site() const override { return inner_->site(); }
  std::vector<Language> languages() const override { return inner_->languages(); }
  std::vector<Section> sections() const override { return inner_->sections(); }
  std::vector<Tag> tags() const override { return inner_->tags(); }
  std::vector<Author> authors() const override { return inner_->authors(); }

  std::optional<Article> article_by_slug(std::string_view slug) const override;
  std::optional<Article> article_by_id(std::int64_t id) const override { return inner_->article_by_id(id); }
  std::optional<ArticleSummary> article_summary(std::int64_t id) const override { return inner_->article_summary(id); }
  ArticleList articles(const ArticleQuery& query) const override { return inner_->articles(query); }
  std::vector<ArticleSummary> translations(std::string_view root, std::optional<Instant> visible_at) const override;
  std::vector<Article> all_articles() const override { return inner_->all_articles(); }
  std::vector<std::int64_t> article_ids() const override { return inner_->article_ids(); }
  std::vector<ArticleWithEntities> articles_between(std::int64_t first_id, std::int64_t last_id) const override {
    return inner_->articles_between(first_id, last_id);
  }
  std::vector<Revision> revisions(std::int64_t article_id) const override { return inner_->revisions(article_id); }

  std::vector<Network> networks() const override { return inner_->networks(); }
  std::optional<Network> network(std::string_view slug) const override;
  std::optional<Show> show(std::string_view slug) const override;
  std::optional<Person> person(std::string_view slug) const override { return inner_->person(slug); }
  std::optional<Group> group(std::string_view slug) const override { return inner_->group(slug); }
  CatalogPage<Show> shows(const CatalogQuery& query) const override { return inner_->shows(query); }
  CatalogPage<Person> people(const CatalogQuery& query) const override { return inner_->people(query); }
  std::vector<Show> shows_on_air(const Date& from, const Date& to) const override { return inner_->shows_on_air(from, to); }
  std::vector<Person> people_born_on(unsigned month, unsigned day) const override { return inner_->people_born_on(month, day); }
  CatalogPage<Group> groups(const CatalogQuery& query) const override { return inner_->groups(query); }
  std::vector<Episode> episodes(std::string_view show) const override;
  std::vector<Credit> credits_of_show(std::string_view show) const override { return inner_->credits_of_show(show); }
  std::vector<Credit> credits_of_person(std::string_view person) const override { return inner_->credits_of_person(person); }
  std::vector<Membership> members_of(std::string_view group) const override { return inner_->members_of(group); }
  std::vector<Membership> memberships_of(std::string_view person) const override { return inner_->memberships_of(person); }
  std::vector<CatalogAlias> catalog_aliases() const override { return inner_->catalog_aliases(); }
  std::vector<CatalogAlias> article_aliases(std::int64_t article_id) const override { return inner_->article_aliases(article_id); }
  std::vector<ArticleEntity> article_entities(std::int64_t article_id) const override { return inner_->article_entities(article_id); }
  std::optional<RenderedBody> rendered_body(std::int64_t article_id, int revision, std::string_view renderer) const override;
  std::int64_t links_version() const override { return inner_->links_version(); }

  std::vector<RecordedVote> record_reactions(const std::vector<ReactionVote>& votes, Instant at) override {
    return inner_->record_reactions(votes, at);
  }
  ReactionCounts reaction_counts(std::int64_t article_id) const override { return inner_->reaction_counts(article_id); }
  std::optional<Reaction> reaction_of(std::int64_t article_id, std::string_view reader) const override {
    return inner_->reaction_of(article_id, reader);
  }

  std::optional<User> user_by_email(std::string_view email) const override { return inner_->user_by_email(email); }
  std::optional<User> user_by_id(std::int64_t id) const override { return inner_->user_by_id(id); }
  std::vector<User> users() const override { return inner_->users(); }
  std::optional<Session> session(std::string_view token_hash) const override { return inner_->session(token_hash); }
  std::vector<AuditEntry> audit_log(int limit, int offset) const override { return inner_->audit_log(limit, offset); }
  int count_failed_sign_ins(const FailedSignIns& which) const override { return inner_->count_failed_sign_ins(which); }
  std::optional<Revision> autosave(std::int64_t user_id, std::int64_t article_id) const override {
    return inner_->autosave(user_id, article_id);
  }
  std::optional<MediaItem> media(std::int64_t id) const override { return inner_->media(id); }
  std::vector<MediaItem> media_items(int limit, int offset) const override { return inner_->media_items(limit, offset); }
  std::vector<FeaturedStory> featured(std::string_view language) const override { return inner_->featured(language); }
  std::optional<Comment> comment(std::int64_t id) const override { return inner_->comment(id); }
  std::vector<Comment> comments_of(std::int64_t article_id, std::optional<CommentStatus> status) const override;
  CommentList comments(const CommentQuery& query) const override { return inner_->comments(query); }
  std::map<std::int64_t, std::int64_t> comment_counts(const std::vector<std::int64_t>& article_ids) const override;
  bool commenter_known(std::string_view email_key, std::string_view browser_key) const override {
    return inner_->commenter_known(email_key, browser_key);
  }
  SpamFilterTotals spam_filter_totals() const override { return inner_->spam_filter_totals(); }
  bool mail_unsubscribed(std::string_view email_key) const override { return inner_->mail_unsubscribed(email_key); }
  std::optional<Redirect> redirect(std::string_view from) const override { return inner_->redirect(from); }
  RedirectList redirects(const RedirectQuery& query) const override { return inner_->redirects(query); }
  std::vector<TokenCounts> spam_word_counts(const std::vector<std::string>& tokens) const override {
    return inner_->spam_word_counts(tokens);
  }

  std::unique_ptr<ReadSnapshot> read_snapshot() const override;
  std::unique_ptr<WriteTransaction> begin_write() override { return inner_->begin_write(); }
  StoreHealth health(Instant now) const override { return inner_->health(now); }
  void give_back_memory() override;

 private:
  class Snapshot;
  Versions versions() const;  // this thread's snapshot's, else the current ones
  // Without the change log nothing kept can be trusted (not even what this process wrote):
  // every read is then the store's.
  bool trusted() const { return inner_->changes_current(); }
  // What `read` answers, through `memo` at the version of `kind` while the memos are trusted.
  template <typename Value, typename Read, typename... WorthKeeping>
  Value through(VersionedMemo<Value>& memo, std::string_view key, std::int64_t Versions::*kind, Read&& read,
                WorthKeeping... worth_keeping) const {
    if (!trusted()) return read();
    return memo.get(key, versions().*kind, read, worth_keeping...);
  }
  void changed(const ChangeSet& changes);

  std::unique_ptr<Store> inner_;
  std::atomic<std::int64_t> catalog_version_{0};
  std::atomic<std::int64_t> articles_version_{0};
  std::atomic<std::int64_t> bodies_version_{0};
  std::atomic<std::int64_t> comments_version_{0};
  mutable VersionedMemo<std::optional<Show>> shows_;
  mutable VersionedMemo<std::vector<Episode>> episodes_;
  mutable VersionedMemo<std::optional<Network>> networks_;
  mutable VersionedMemo<std::vector<ArticleSummary>> translations_;  // by the story's first slug
  // By slug, body and all: about 3 KB each, so fewer are kept than of the catalog's.
  mutable VersionedMemo<std::optional<Article>> articles_by_slug_{1024};
  // Kept bodies by "article id/revision", as found: one not yet kept may be written any time.
  mutable VersionedMemo<std::optional<RenderedBody>> rendered_bodies_{1024};
  // An article's approved comments, what its page threads at every view (a long thread's page
  // would read thousands of rows each time): kept until a comment readers see changes.
  mutable VersionedMemo<std::vector<Comment>> approved_comments_{256};
  // Articles' counts of approved comments, which every related card shows: the same few cards
  // are on many pages.
  mutable VersionedMemo<std::int64_t> comment_counts_{4096};
  // The next scheduled publication, asked on every page: kept until an article changes or its
  // instant passes.
  struct NextPublication {
    std::int64_t version = 0;  // articles version it was read at
    Instant asked{};
    std::optional<Instant> next;
  };
  mutable std::mutex next_publication_mutex_;
  mutable std::optional<NextPublication> next_publication_;
};

}  // namespace kpress
