#include "store/memoized_store.hpp"

namespace kpress {

namespace {
// This thread's read snapshot: whose store, and the versions it began with.
struct PinnedVersions {
  const MemoizedStore* store = nullptr;
  MemoizedStore::Versions versions;
};
thread_local PinnedVersions pinned;
}  // namespace

class MemoizedStore::Snapshot final : public ReadSnapshot {
 public:
  explicit Snapshot(std::unique_ptr<ReadSnapshot> inner) : inner_(std::move(inner)) {}
  ~Snapshot() override { pinned = {}; }

 private:
  std::unique_ptr<ReadSnapshot> inner_;
};

MemoizedStore::MemoizedStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {
  // Subscribed before anyone else can be (the page cache, the search index): a page begun after
  // the page cache dropped what a change showed reads with the versions that change moved.
  inner_->on_change([this](const ChangeSet& changes) { changed(changes); });
}

MemoizedStore::~MemoizedStore() { inner_->stop_changes(); }  // its listener uses this

void MemoizedStore::changed(const ChangeSet& c) {
  bool articles = c.everything || !c.articles.empty();
  bool catalog = c.everything || c.catalog || !c.entities.empty() || !c.networks.empty();
  // Kept bodies go when an article's links are set again (it is among `articles`), when an
  // entity's names change (among `entities`), and all at once for another build (`bodies`).
  bool bodies = articles || catalog || c.bodies;
  if (catalog) ++catalog_version_;
  if (articles) ++articles_version_;
  if (bodies) ++bodies_version_;
  if (c.everything || !c.comments.empty()) ++comments_version_;
}

MemoizedStore::Versions MemoizedStore::versions() const {
  if (pinned.store == this) return pinned.versions;
  return {catalog_version_.load(), articles_version_.load(), bodies_version_.load(), comments_version_.load()};
}

std::unique_ptr<ReadSnapshot> MemoizedStore::read_snapshot() const {
  if (pinned.store == this) return inner_->read_snapshot();  // nested: shares the outer one
  // The versions first: what the inner snapshot reads, later, is at least as new.
  auto versions_now = versions();
  auto inner = inner_->read_snapshot();
  auto snapshot = std::make_unique<Snapshot>(std::move(inner));
  pinned = {this, versions_now};
  return snapshot;
}

std::optional<Instant> MemoizedStore::next_publication_after(Instant now) const {
  if (!trusted()) return inner_->next_publication_after(now);
  auto version = versions().articles;
  {
    std::lock_guard lock(next_publication_mutex_);
    const auto& kept = next_publication_;
    if (kept && kept->version == version && kept->asked <= now && (!kept->next || now < *kept->next)) return kept->next;
  }
  auto next = inner_->next_publication_after(now);
  std::lock_guard lock(next_publication_mutex_);
  if (!next_publication_ || next_publication_->version <= version) next_publication_ = NextPublication{version, now, next};
  return next;
}

std::optional<Article> MemoizedStore::article_by_slug(std::string_view slug) const {
  return through(articles_by_slug_, slug, &Versions::articles, [&] { return inner_->article_by_slug(slug); });
}

std::vector<ArticleSummary> MemoizedStore::translations(std::string_view root, std::optional<Instant> visible_at) const {
  // Every translation a reader may see now or once its time comes, kept until an article
  // changes; what is visible at `visible_at` is picked from them.
  auto all = through(translations_, root, &Versions::articles, [&] { return inner_->translations(root, std::nullopt); });
  if (visible_at) std::erase_if(all, [&](const ArticleSummary& t) { return !is_visible(t.status, t.published_at, *visible_at); });
  return all;
}

std::map<std::int64_t, std::int64_t> MemoizedStore::comment_counts(const std::vector<std::int64_t>& article_ids) const {
  if (!trusted()) return inner_->comment_counts(article_ids);
  auto version = versions().comments;
  std::map<std::int64_t, std::int64_t> counts;
  std::vector<std::int64_t> unknown;
  for (auto id : article_ids) {
    if (auto kept = comment_counts_.find(std::to_string(id), version)) counts[id] = *kept;
    else unknown.push_back(id);
  }
  if (unknown.empty()) return counts;
  for (auto [id, n] : inner_->comment_counts(unknown)) {
    comment_counts_.keep(std::to_string(id), version, n);
    counts[id] = n;
  }
  return counts;
}

std::vector<Comment> MemoizedStore::comments_of(std::int64_t article_id, std::optional<CommentStatus> status) const {
  // Only readers' view is kept: the change log names an article's comments only when it changes.
  if (status != CommentStatus::approved) return inner_->comments_of(article_id, status);
  return through(approved_comments_, std::to_string(article_id), &Versions::comments,
                 [&] { return inner_->comments_of(article_id, status); });
}

std::optional<Network> MemoizedStore::network(std::string_view slug) const {
  return through(networks_, slug, &Versions::catalog, [&] { return inner_->network(slug); });
}

std::optional<Show> MemoizedStore::show(std::string_view slug) const {
  return through(shows_, slug, &Versions::catalog, [&] { return inner_->show(slug); });
}

std::vector<Episode> MemoizedStore::episodes(std::string_view show) const {
  return through(episodes_, show, &Versions::catalog, [&] { return inner_->episodes(show); });
}

std::optional<RenderedBody> MemoizedStore::rendered_body(std::int64_t article_id, int revision,
                                                         std::string_view renderer) const {
  return through(
      rendered_bodies_, std::to_string(article_id) + "/" + std::to_string(revision) + "/" + std::string(renderer),
      &Versions::bodies,
      [&] { return inner_->rendered_body(article_id, revision, renderer); },
      [](const std::optional<RenderedBody>& found) { return found.has_value(); });
}

// What articles' pages read, let go when an event loop falls idle: after a crawl these memos hold
// thousands of articles scattered over the allocator's pages, which then cannot go back (7 MiB
// more a few seconds after a crawl of the bench's site). The catalog's memos stay: they are small.
void MemoizedStore::give_back_memory() {
  translations_.forget();
  articles_by_slug_.forget();
  rendered_bodies_.forget();
  approved_comments_.forget();
  comment_counts_.forget();
  inner_->give_back_memory();
}

}  // namespace kpress
