#pragma once
// A Store that keeps a site in memory, for tests that want no database: the contract suite runs
// on it as on SQLite and PostgreSQL, its change sets are worked out above it (RecordingTransaction)
// and delivered by the same ChangeFeed, and stores opened on one MemoryDatabase share it the way
// processes share a database. Copy on write: a write transaction works on a copy of the state,
// its commit publishes the copy, and a read snapshot keeps the state it began with.
#include <chrono>
#include <memory>

#include "store/change_feed.hpp"
#include "store/store.hpp"

namespace kpress::testing {

// What every MemoryStore opened on it shares: the state and the change log.
class MemoryDatabase;
std::shared_ptr<MemoryDatabase> memory_database();
// Empties its change log, as a database's retention does with entries older than it keeps.
void drop_change_log(MemoryDatabase& database);

class MemoryStore final : public Store, private ChangeLogSource {
 public:
  explicit MemoryStore(std::shared_ptr<MemoryDatabase> database = memory_database(),
                       std::chrono::milliseconds poll_interval = std::chrono::milliseconds(250));
  ~MemoryStore() override;

  std::vector<MigrationStatus> migration_status() override { return {}; }  // nothing to migrate
  int migrate(Instant now) override;
  void on_change(ChangeListener listener) override;
  void stop_changes() override { feed_->stop(); }
  bool changes_current() const override { return feed_->current(); }
  std::optional<Instant> next_publication_after(Instant now) const override;

  bool has_site() const override;
  Site site() const override;
  std::vector<Language> languages() const override;
  std::vector<Section> sections() const override;
  std::vector<Tag> tags() const override;
  std::vector<Author> authors() const override;

  std::optional<Article> article_by_slug(std::string_view slug) const override;
  std::optional<Article> article_by_id(std::int64_t id) const override;
  std::optional<ArticleSummary> article_summary(std::int64_t id) const override;
  ArticleList articles(const ArticleQuery& query) const override;
  std::vector<ArticleSummary> translations(std::string_view root, std::optional<Instant> visible_at) const override;
  std::vector<Article> all_articles() const override;
  std::vector<std::int64_t> article_ids() const override;
  std::vector<ArticleWithEntities> articles_between(std::int64_t first_id, std::int64_t last_id) const override;
  std::vector<Revision> revisions(std::int64_t article_id) const override;

  std::vector<Network> networks() const override;
  std::optional<Network> network(std::string_view slug) const override;
  std::optional<Show> show(std::string_view slug) const override;
  std::optional<Person> person(std::string_view slug) const override;
  std::optional<Group> group(std::string_view slug) const override;
  CatalogPage<Show> shows(const CatalogQuery& query) const override;
  CatalogPage<Person> people(const CatalogQuery& query) const override;
  std::vector<Show> shows_on_air(const Date& from, const Date& to) const override;
  std::vector<Person> people_born_on(unsigned month, unsigned day) const override;
  CatalogPage<Group> groups(const CatalogQuery& query) const override;
  std::vector<Episode> episodes(std::string_view show) const override;
  std::vector<Credit> credits_of_show(std::string_view show) const override;
  std::vector<Credit> credits_of_person(std::string_view person) const override;
  std::vector<Membership> members_of(std::string_view group) const override;
  std::vector<Membership> memberships_of(std::string_view person) const override;
  std::vector<CatalogAlias> catalog_aliases() const override;
  std::vector<CatalogAlias> article_aliases(std::int64_t article_id) const override;
  std::vector<ArticleEntity> article_entities(std::int64_t article_id) const override;
  std::optional<RenderedBody> rendered_body(std::int64_t article_id, int revision, std::string_view renderer) const override;
  std::int64_t links_version() const override;

  std::vector<RecordedVote> record_reactions(const std::vector<ReactionVote>& votes, Instant at) override;
  ReactionCounts reaction_counts(std::int64_t article_id) const override;
  std::optional<Reaction> reaction_of(std::int64_t article_id, std::string_view reader) const override;

  std::optional<User> user_by_email(std::string_view email) const override;
  std::optional<User> user_by_id(std::int64_t id) const override;
  std::vector<User> users() const override;
  std::optional<Session> session(std::string_view token_hash) const override;
  std::vector<AuditEntry> audit_log(int limit, int offset) const override;
  int count_failed_sign_ins(const FailedSignIns& which) const override;
  std::optional<Revision> autosave(std::int64_t user_id, std::int64_t article_id) const override;
  std::optional<MediaItem> media(std::int64_t id) const override;
  std::vector<MediaItem> media_items(int limit, int offset) const override;
  std::vector<FeaturedStory> featured(std::string_view language) const override;
  std::optional<Comment> comment(std::int64_t id) const override;
  std::vector<Comment> comments_of(std::int64_t article_id, std::optional<CommentStatus> status) const override;
  CommentList comments(const CommentQuery& query) const override;
  std::map<std::int64_t, std::int64_t> comment_counts(const std::vector<std::int64_t>& article_ids) const override;
  bool commenter_known(std::string_view email_key, std::string_view browser_key) const override;
  SpamFilterTotals spam_filter_totals() const override;
  bool mail_unsubscribed(std::string_view email_key) const override;
  std::optional<Redirect> redirect(std::string_view from) const override;
  RedirectList redirects(const RedirectQuery& query) const override;
  std::vector<TokenCounts> spam_word_counts(const std::vector<std::string>& tokens) const override;

  std::unique_ptr<ReadSnapshot> read_snapshot() const override;
  std::unique_ptr<WriteTransaction> begin_write() override;
  StoreHealth health(Instant) const override { return {.reachable = true, .current = true}; }

  struct State;

 private:
  class Snapshot;
  std::shared_ptr<const State> state() const;  // this thread's snapshot's, else the newest
  std::int64_t newest_change() override;
  std::vector<ChangeLogEntry> changes_after(std::int64_t after, int limit) override;

  std::shared_ptr<MemoryDatabase> database_;
  std::unique_ptr<ChangeFeed> feed_;
};

}  // namespace kpress::testing
