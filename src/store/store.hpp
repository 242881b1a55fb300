#pragma once
// The one interface to stored content. Site code reads through Store and writes through a
// WriteTransaction, so a PostgreSQL backend can stand in for SQLite without touching it.
// Expected outcomes (not found, conflicts) are values; a failing database throws StoreError.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts.hpp"
#include "core/comments.hpp"
#include "core/content.hpp"
#include "core/errors.hpp"
#include "core/media.hpp"
#include "core/reactions.hpp"
#include "core/redirects.hpp"
#include "store/catalog_types.hpp"
#include "store/change_feed.hpp"

namespace kpress {

class StoreError : public virtual std::runtime_error {
 public:
  explicit StoreError(const std::string& what) : std::runtime_error(what) {}
};

// The database cannot be reached, or did not answer in time: the request gets a 503.
class StoreUnavailable final : public StoreError, public Unavailable {
 public:
  explicit StoreUnavailable(const std::string& what) : std::runtime_error(what), StoreError(what), Unavailable(what) {}
};

struct ArticleQuery {
  // Articles by default: pages are in no list but the newsroom's own (unset: both).
  std::optional<ArticleKind> kind = ArticleKind::article;
  std::optional<std::string> language;
  std::optional<std::string> section;
  std::optional<std::string> tag;
  std::optional<std::string> author;
  std::optional<std::string> translation_of;  // translations of the article with this slug
  std::optional<EntityRef> about;             // articles about this person, group or show
  // The newsroom's filters: a status, words of the title (any case), the trash (true: only
  // trashed articles, false: none of them, unset: both), the account that created them.
  std::optional<ArticleStatus> status;
  std::string title_contains;
  std::optional<bool> trashed;
  std::optional<std::int64_t> created_by;
  // Articles sharing a show, person, group or tag with the article of this id (itself left out).
  std::optional<std::int64_t> related_to;
  // Set: only what a reader may see at that instant. Unset: every article, drafts included.
  std::optional<Instant> visible_at;
  int limit = 20;
  int offset = 0;
  bool count = true;  // false: total is left 0 (a count reads every match, a page only a few)
};

struct ArticleList {
  std::vector<ArticleSummary> items;
  std::int64_t total = 0;  // matching articles, all pages together
};

// The moderation queue and a commenter's own: comments of any article, newest first.
struct CommentQuery {
  std::optional<CommentStatus> status;
  bool reported = false;                      // only those readers reported
  std::optional<std::int64_t> article_id;
  std::optional<std::int64_t> articles_created_by;  // on articles this account created
  std::string email_key;                      // one commenter's, by e-mail ...
  std::string browser_key;                    // ... or by browser (either matches when both set)
  int limit = 50;
  int offset = 0;
};

struct CommentList {
  std::vector<Comment> items;
  std::int64_t total = 0;  // matching comments, all pages together
};

// What an import made of one thing of another site (see WriteTransaction::save_import_origin).
struct ImportOrigin {
  std::string origin;     // the other site: "wordpress https://old.example"
  std::string kind;       // "post", "comment", "author", "category", "post_tag", "attachment"
  std::string source_id;  // its id there
  std::string target;     // what it is here: an id or a slug
  std::string fingerprint;  // a hash of what it was when imported
  bool operator==(const ImportOrigin&) const = default;
};

// The newsroom's list of redirects: those whose old address or target holds `contains`.
struct RedirectQuery {
  std::string contains;
  int limit = 50;
  int offset = 0;
};

struct RedirectList {
  std::vector<Redirect> items;  // by old address
  std::int64_t total = 0;
};

struct ArticleWithEntities {
  Article article;
  std::vector<ArticleEntity> entities;  // what it is about, as the store gives them
};

// An article's body as readers get it (its Markdown rendered, mentions of its entities linked to
// their pages) and the entities it links, kept between views: made from one revision of the
// article and one state of the links (see Store::links_version).
struct StoreHealth {
  bool reachable = false;              // the database answered
  bool current = false;                // the change log is being read (Store::changes_current)
  std::int64_t changes_behind = 0;     // entries committed that this process has not applied
  std::chrono::seconds behind_for{0};  // since the oldest of them was committed
};

struct RenderedBody {
  std::int64_t article_id = 0;
  int revision = 0;
  std::int64_t links_version = 0;
  std::string html;
  std::vector<EntityRef> entities;  // what the article is about, those an editor dropped left out
  std::vector<EntityRef> about;     // what its title names: kind and slug, no name
  std::string renderer;             // the build of kpress that rendered it (BodyKeeper)
};

struct DroppedBodies {
  std::int64_t count = 0;
  std::optional<std::int64_t> go_on_after;  // the next range's `after`; none once no such body is left
};

// Another save came first: the article was saved since the revision a save started from, or
// its slug is another article's. Nothing of that save was written.
struct Conflict {
  enum class Kind { revision, slug };
  Kind kind = Kind::revision;
  int current_revision = 0;        // revision: the article's revision now
  std::int64_t other_article = 0;  // slug: the article that has the slug
  std::string message;             // what happened, in English, for logs and the command line
};

struct SavedArticle {
  std::int64_t id = 0;
  int revision = 0;
  std::optional<Conflict> conflict;  // set: refused, nothing written (id and revision 0)
};

class WriteTransaction {
 public:
  virtual ~WriteTransaction() = default;
  virtual void save_site(const Site& site) = 0;
  virtual void save_language(const Language& language) = 0;
  virtual void save_section(const Section& section) = 0;
  virtual void save_tag(const Tag& tag) = 0;
  virtual void save_author(const Author& author) = 0;
  // Creates the article (id 0, or an id not in use) or updates the one with that id, and
  // appends a new revision, numbered one after the one before whoever else writes. Refused with
  // a Conflict when the slug is another article's, or, given `based_on`, when the article's
  // revision is no longer that one (another save came first, from this process or another).
  virtual SavedArticle save_article(const Article& article, Instant saved_at, std::optional<int> based_on) = 0;
  SavedArticle save_article(const Article& article, Instant saved_at) { return save_article(article, saved_at, std::nullopt); }
  // Into the trash (`at` set; a published article stops being shown) or back out of it (unset).
  virtual void trash_article(std::int64_t id, std::optional<Instant> at) = 0;
  // Scheduled articles whose time has come (by `now`) become published: the ids of those this
  // transaction turned. Every node tries at the same moment and the writers take turns, so
  // each article is turned once: the others find nothing left to turn.
  virtual std::vector<std::int64_t> publish_due(Instant now) = 0;
  // The account this transaction writes for: revisions it saves name it, articles it creates
  // belong to it. Unset (imports, the command line): nobody.
  virtual void set_actor(std::optional<std::int64_t> user_id) = 0;

  // Accounts: save_user inserts (id 0, the new id returned) or updates; an email already taken
  // is a StoreError naming it.
  virtual std::int64_t save_user(const User& user) = 0;
  virtual void save_session(const Session& session) = 0;
  virtual void delete_session(std::string_view token_hash) = 0;
  virtual int delete_sessions_of(std::int64_t user_id) = 0;  // sign out everywhere
  virtual void append_audit(const AuditEntry& entry) = 0;  // never changed or deleted after
  // The site's signing key (cookies, CSRF tokens, reader ids): the one stored, or `proposed`
  // stored now when none is, so every node of a site signs with the same.
  virtual std::string adopt_signing_key(const std::string& proposed) = 0;
  // The editor's autosave of an article for one account, replacing the previous one; dropped
  // when that account saves the article.
  virtual void save_autosave(std::int64_t user_id, const Article& article, Instant at) = 0;
  virtual void drop_autosave(std::int64_t user_id, std::int64_t article_id) = 0;
  // The media library: inserts (id 0, the new id returned) or updates alt and credit.
  virtual std::int64_t save_media(const MediaItem& item) = 0;
  // The stories pinned to `language`'s front page, replacing those it had (positions as given).
  virtual void set_featured(std::string_view language, const std::vector<FeaturedStory>& stories) = 0;
  // Comments: inserts (id 0, the new id returned) or updates what may change of one (status,
  // text, name, e-mail, reports, edit time). Erasing deletes them for good (a commenter's
  // request): their replies stay, as threads of their own.
  virtual std::int64_t save_comment(const Comment& comment) = 0;
  virtual void erase_comments(const std::vector<std::int64_t>& ids) = 0;
  virtual std::optional<Comment> comment(std::int64_t id) = 0;
  // A moderator's decision taught to the spam filter: the words' counts and its totals.
  virtual void train_spam_filter(const SpamTraining& training) = 0;
  // The owner of this e-mail (its keyed hash) wants no more e-mail from the site: recorded, and
  // the address is forgotten from their comments (it was kept for reply notices only).
  virtual void unsubscribe_mail(std::string_view email_key, Instant at) = 0;
  // Imports: what each thing of another site became here, so that importing it again updates
  // it (a newer export of the same site) rather than making it twice. Saving replaces the target
  // of the same origin, kind and source id.
  virtual void save_import_origin(const ImportOrigin& origin) = 0;
  virtual std::optional<ImportOrigin> imported_as(std::string_view origin, std::string_view kind,
                                                  std::string_view source_id) = 0;
  // Redirects: saving replaces the one of the same old address.
  virtual void save_redirect(const Redirect& redirect) = 0;
  virtual void delete_redirect(std::string_view from) = 0;
  // The catalog: each save creates or updates the entity with that slug and replaces its
  // aliases (names count as aliases: they need not be repeated).
  virtual void save_network(const Network& network) = 0;
  virtual void save_show(const Show& show) = 0;
  virtual void save_person(const Person& person) = 0;
  virtual void save_group(const Group& group) = 0;
  virtual void save_membership(const Membership& membership) = 0;
  virtual void save_credit(const Credit& credit) = 0;
  virtual void save_episode(const Episode& episode) = 0;
  // Before a show's cast and episodes, or a group's members, are written again whole (the
  // admin's catalog editor): the ones it had go.
  virtual void clear_show_cast_and_episodes(std::string_view show) = 0;
  virtual void clear_group_members(std::string_view group) = 0;
  // Sets what an article is about: the entities found in its text, less those its editor
  // unlinked, plus those its editor linked (Article::link, Article::unlink).
  virtual void set_article_entities(std::int64_t article_id, const std::vector<EntityRef>& found) = 0;
  // Keeps a rendered body, unless its article was saved or the links changed since it was
  // rendered (then false, and nothing is kept: it would be out of date), or its renderer is not
  // one the site records (a build it has forgotten: nothing would ever drop that body).
  virtual bool keep_rendered_body(const RenderedBody& body) = 0;
  // Bodies are kept per renderer (a build of kpress), so that two builds running side by side
  // during a rolling upgrade neither serve nor drop each other's. A renderer new to the site is
  // recorded (then true).
  virtual bool adopt_body_renderer(std::string_view renderer) = 0;
  // The bodies of all but the two newest renderers are dropped: the builds before the last
  // upgrade run nowhere any more. A range of articles at a time, so that no transaction grows
  // with the archive (a single one dropping 100,000 bodies made the page cache of the process
  // that started 32 MB): drops those of the articles with ids in (after, after + articles].
  virtual DroppedBodies drop_bodies_of_old_renderers(std::int64_t after, std::int64_t articles) = 0;

  // Reads that see this transaction's own writes. An article read here is the writer's until
  // commit: no other transaction saves it meanwhile (SQLite: one writer; PostgreSQL: the row is
  // locked), so a check made on it holds when the save is written.
  virtual std::optional<Article> article_by_slug(std::string_view slug) = 0;
  virtual std::optional<Article> article_by_id(std::int64_t id) = 0;
  virtual std::vector<ArticleEntity> article_entities(std::int64_t article_id) = 0;
  virtual std::vector<Credit> credits_of_show(std::string_view show) = 0;
  virtual std::vector<Membership> members_of(std::string_view group) = 0;
  virtual bool article_id_in_use(std::int64_t id) = 0;
  // The slugs of the entities of this kind with this spelling (compared folded), oldest first.
  virtual std::vector<std::string> slugs_by_alias(EntityKind kind, std::string_view alias) = 0;
  virtual std::optional<std::string> network_by_alias(std::string_view alias) = 0;
  virtual std::optional<Person> person(std::string_view slug) = 0;
  virtual std::optional<Show> show(std::string_view slug) = 0;
  virtual std::optional<Group> group(std::string_view slug) = 0;
  // Makes every write durable at once; without it the destructor rolls them all back.
  virtual void commit() = 0;
};

// A backend's transaction: the writes and reads above, run as SQL, and a commit that appends
// what the transaction changed (worked out above the backends: see RecordingTransaction) to the
// change log in the same transaction. Handed out only wrapped in a RecordingTransaction.
class BackendTransaction : public WriteTransaction {
 public:
  // Commits, with `changes` appended to the change log when not empty: that entry's id, else 0.
  virtual std::int64_t commit_changes(const ChangeSet& changes) = 0;
  void commit() final { throw std::logic_error("a backend's transaction commits through RecordingTransaction"); }
};

// While it lives, the reads this thread makes of the store see one state of it, whatever
// commits meanwhile, and cost less: a page's dozen queries share one read transaction.
class ReadSnapshot {
 public:
  virtual ~ReadSnapshot() = default;
};

struct MigrationStatus {
  int version = 0;
  std::string name;
  std::optional<Instant> applied_at;  // unset: pending
};

class Store {
 public:
  virtual ~Store() = default;

  // The schema's migrations, applied or pending; a database with a migration this binary does
  // not know (a newer kpress's) is a StoreError naming it. migrate() applies the pending ones.
  virtual std::vector<MigrationStatus> migration_status() = 0;
  virtual int migrate(Instant now) = 0;

  // What every write committed, this process's and other processes' (see ChangeFeed), in
  // commit order, on the feed's thread. A commit returns once its own change was delivered.
  virtual void on_change(ChangeListener listener) = 0;
  // No change is delivered any more: for an owner about to destroy what its listeners use.
  virtual void stop_changes() = 0;
  // Changes are being delivered as they come (see ChangeFeed::current): what a listener keeps
  // from the store may be trusted. False while the change log cannot be read, and once stopped.
  virtual bool changes_current() const = 0;
  // The first instant after `now` at which a scheduled article goes live, if any: what a reader
  // sees changes then with no write at all.
  virtual std::optional<Instant> next_publication_after(Instant now) const = 0;

  virtual bool has_site() const = 0;  // false until a site has been saved
  virtual Site site() const = 0;
  virtual std::vector<Language> languages() const = 0;
  virtual std::vector<Section> sections() const = 0;
  virtual std::vector<Tag> tags() const = 0;
  virtual std::vector<Author> authors() const = 0;

  virtual std::optional<Article> article_by_slug(std::string_view slug) const = 0;
  virtual std::optional<Article> article_by_id(std::int64_t id) const = 0;
  // Without the body, tags and links: for what only needs to know the article is there.
  virtual std::optional<ArticleSummary> article_summary(std::int64_t id) const = 0;
  virtual ArticleList articles(const ArticleQuery& query) const = 0;
  // The translations of the story whose first edition has the slug `root`, as readers see them
  // at `visible_at`, newest first: what an article's page lists as its other editions. Unset:
  // every one readers see now or will once its time comes (published and scheduled).
  virtual std::vector<ArticleSummary> translations(std::string_view root, std::optional<Instant> visible_at) const = 0;
  virtual std::vector<Article> all_articles() const = 0;  // every article, for export
  virtual std::vector<std::int64_t> article_ids() const = 0;  // every article's, drafts and trash too
  // Every article whose id is in [first_id, last_id], by id, with what each is about (the
  // search index reads the whole site this way).
  virtual std::vector<ArticleWithEntities> articles_between(std::int64_t first_id, std::int64_t last_id) const = 0;
  virtual std::vector<Revision> revisions(std::int64_t article_id) const = 0;

  virtual std::vector<Network> networks() const = 0;
  virtual std::optional<Network> network(std::string_view slug) const = 0;
  virtual std::optional<Show> show(std::string_view slug) const = 0;
  virtual std::optional<Person> person(std::string_view slug) const = 0;
  virtual std::optional<Group> group(std::string_view slug) const = 0;
  virtual CatalogPage<Show> shows(const CatalogQuery& query) const = 0;
  virtual CatalogPage<Person> people(const CatalogQuery& query) const = 0;
  // Shows with a computable schedule (slots, first air date, episode count) that may air between
  // the two dates: begun by `to`, and not ended more than a year before `from` (pre-emptions
  // can push the last episodes past the announced last date).
  virtual std::vector<Show> shows_on_air(const Date& from, const Date& to) const = 0;
  // People born on `month`/`day` of any year, or in `month` when `day` is 0, by day then name.
  virtual std::vector<Person> people_born_on(unsigned month, unsigned day) const = 0;
  virtual CatalogPage<Group> groups(const CatalogQuery& query) const = 0;
  virtual std::vector<Episode> episodes(std::string_view show) const = 0;
  virtual std::vector<Credit> credits_of_show(std::string_view show) const = 0;
  virtual std::vector<Credit> credits_of_person(std::string_view person) const = 0;
  virtual std::vector<Membership> members_of(std::string_view group) const = 0;
  virtual std::vector<Membership> memberships_of(std::string_view person) const = 0;
  virtual std::vector<CatalogAlias> catalog_aliases() const = 0;  // every spelling of every entity
  // Every spelling of the entities an article is about (those an editor dropped left out).
  virtual std::vector<CatalogAlias> article_aliases(std::int64_t article_id) const = 0;
  virtual std::vector<ArticleEntity> article_entities(std::int64_t article_id) const = 0;
  // The kept body of that revision of the article rendered by `renderer`, if there is one.
  virtual std::optional<RenderedBody> rendered_body(std::int64_t article_id, int revision,
                                                    std::string_view renderer) const = 0;
  // Changes whenever an article's entities or an entity's names and aliases do: what a body is
  // rendered with.
  virtual std::int64_t links_version() const = 0;

  // Readers' reactions, written in batches (group commit): one transaction for all of `votes`,
  // durable when this returns. Each vote replaces the reader's earlier one on that article; what
  // each did is returned, in order, so counts kept elsewhere can be updated exactly. No change
  // event: pages do not show counts. A vote marked new_reader is taken as that reader's first
  // (their id was just made): no earlier one is looked for.
  virtual std::vector<RecordedVote> record_reactions(const std::vector<ReactionVote>& votes, Instant at) = 0;
  virtual ReactionCounts reaction_counts(std::int64_t article_id) const = 0;
  virtual std::optional<Reaction> reaction_of(std::int64_t article_id, std::string_view reader) const = 0;

  virtual std::optional<Comment> comment(std::int64_t id) const = 0;
  // An article's comments of that status (every status when unset), of every kind, by id.
  virtual std::vector<Comment> comments_of(std::int64_t article_id, std::optional<CommentStatus> status) const = 0;
  virtual CommentList comments(const CommentQuery& query) const = 0;
  // How many approved comments (not pingbacks) each of these articles has; none: not listed.
  virtual std::map<std::int64_t, std::int64_t> comment_counts(const std::vector<std::int64_t>& article_ids) const = 0;
  // Whether a comment of this commenter (by e-mail key, else browser key) was ever approved.
  virtual bool commenter_known(std::string_view email_key, std::string_view browser_key) const = 0;
  // What the spam filter has learned: in all, and of these words (one entry each, in order).
  virtual SpamFilterTotals spam_filter_totals() const = 0;
  virtual bool mail_unsubscribed(std::string_view email_key) const = 0;
  virtual std::vector<TokenCounts> spam_word_counts(const std::vector<std::string>& tokens) const = 0;

  // Where an old address (a redirect_key) leads, if anywhere.
  virtual std::optional<Redirect> redirect(std::string_view from) const = 0;
  virtual RedirectList redirects(const RedirectQuery& query) const = 0;

  virtual std::optional<User> user_by_email(std::string_view email) const = 0;  // any case
  virtual std::optional<User> user_by_id(std::int64_t id) const = 0;
  virtual std::vector<User> users() const = 0;
  virtual std::optional<Session> session(std::string_view token_hash) const = 0;
  virtual std::vector<AuditEntry> audit_log(int limit, int offset) const = 0;  // newest first
  virtual int count_failed_sign_ins(const FailedSignIns& which) const = 0;
  virtual std::optional<Revision> autosave(std::int64_t user_id, std::int64_t article_id) const = 0;
  virtual std::optional<MediaItem> media(std::int64_t id) const = 0;
  virtual std::vector<MediaItem> media_items(int limit, int offset) const = 0;  // newest first
  // The stories pinned to `language`'s front page by position, those whose time has passed too
  // (a reader's page leaves those out, and articles readers cannot see).
  virtual std::vector<FeaturedStory> featured(std::string_view language) const = 0;

  // For a request that only reads (a page): nested snapshots on one thread share the outer one.
  virtual std::unique_ptr<ReadSnapshot> read_snapshot() const = 0;
  // Writers may be many, in this process and others: the backend runs their transactions one
  // after another (a second caller waits until the first commits or rolls back).
  virtual std::unique_ptr<WriteTransaction> begin_write() = 0;

  // Whether the database answers, and how far this process is behind the change log: what
  // /healthz tells a load balancer.
  virtual StoreHealth health(Instant now) const = 0;
  // The process fell idle: what the backend keeps for speed alone and can read again (SQLite's
  // page caches, filled by a crawl) goes back, as far as it can without waiting for a lock.
  virtual void give_back_memory() {}
};

}  // namespace kpress
