#pragma once
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "core/lru_map.hpp"
#include "store/sql/migrations.hpp"
#include "store/sql/recent_topics.hpp"
#include "store/store.hpp"

namespace kpress::sql {

class Connection;

// The Store on a SQL database, whichever backend's connections it is given (sqlite/, postgres/):
// the same statements and change log on both (what pages ask again and again is kept above it, by
// MemoizedStore, over any Store). Readers run in parallel, each thread on a connection of its
// own; this process's writes go through one connection, one transaction at a time,
// and other processes' writers wait for the backend's write lock. The change log is read through
// a connection of its own.
class SqlStore : public Store, private ChangeLogSource {
 public:
  // Entries of the change log kept: a process that stopped reading it for longer (thousands of
  // editorial saves) drops everything it keeps instead.
  static constexpr std::int64_t kChangeLogKept = 10000;

  // `connect` opens a connection to the database (one now, for writes). Migrations are not
  // applied here: see migrate().
  // `newest_read_again_after`: how often the newest articles held for related lists are read
  // again whole (see RecentTopics); tests shorten it.
  // `poll_interval`: how often the change log is looked at for other processes' writes.
  SqlStore(Connect connect, MigrationFiles migrations,
           std::chrono::steady_clock::duration newest_read_again_after = std::chrono::minutes(10),
           std::chrono::milliseconds poll_interval = std::chrono::milliseconds(250));
  ~SqlStore() override;

  // A connection of its own to the store's database (a copy reads or writes it whole).
  std::unique_ptr<Connection> connect() const { return connect_(); }
  std::vector<MigrationStatus> migration_status() override;
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
  StoreHealth health(Instant now) const override;
  void give_back_memory() override;

 protected:
  // The change log has grown (a backend's notice): read it now.
  void changes_announced() { feed_->poke(); }
  // The server ended this process's sessions (a backend saw its own go): every connection
  // is opened again at its next use, none fails a request first.
  void connections_lost() const;

 private:
  class Lease;
  class Snapshot;
  Lease read() const;
  // How many change sets this process had been told of when what read() reads was fixed: it
  // shows each of them at least.
  std::uint64_t changes_seen_by_reads() const;
  // The count `sql` answers with these parameters (a count reads every row it counts: all
  // 100,000 articles for the home page's pager), kept until a change is delivered.
  std::int64_t count_until_change(Connection& db, const std::string& sql, const std::vector<std::string>& values) const;
  Lease lease_from_pool() const;
  ArticleList related_articles(const ArticleQuery& query) const;
  void start_feed();  // once the change log exists
  Connection& writer();  // with writer_mutex_ held
  Connection& begun_writer();  // writer(), its write transaction begun
  Connection& feed_reader();  // with feed_mutex_ held
  std::int64_t newest_change() override;
  std::vector<ChangeLogEntry> changes_after(std::int64_t after, int limit) override;

  Connect connect_;
  MigrationFiles migrations_;
  // Each thread's idle read connection, used by that thread alone: a page reaches the database
  // with no lock taken. Threads past the first kThreadSlots of the process share pool_.
  static constexpr std::size_t kThreadSlots = 64;
  struct alignas(64) ThreadSlot {
    std::unique_ptr<Connection> idle;
    std::uint64_t lost = 0;  // connections_lost_ when it was put here
  };
  mutable std::unique_ptr<ThreadSlot[]> thread_slots_ = std::make_unique<ThreadSlot[]>(kThreadSlots);
  mutable std::atomic<std::uint64_t> connections_lost_{0};  // times a read connection was found broken
  mutable std::mutex pool_mutex_;
  mutable std::vector<std::unique_ptr<Connection>> pool_;  // idle read connections
  mutable RecentTopics recent_topics_;  // for related_articles
  std::atomic<std::uint64_t> changes_seen_{0};  // change sets delivered to this process
  mutable std::mutex counts_mutex_;
  // By query and parameters (readers' filters: kept few): (changes seen, count).
  mutable LruMap<std::string, std::pair<std::uint64_t, std::int64_t>> counts_{256};
  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;
  std::uint64_t writer_lost_ = 0;  // connections_lost_ when writer_ was opened
  std::mutex feed_mutex_;
  std::unique_ptr<Connection> feed_reader_;
  bool more_in_log_ = false;  // the last read of the log filled its batch
  std::unique_ptr<ChangeFeed> feed_;  // last: its thread stops before the rest goes
};

}  // namespace kpress::sql
