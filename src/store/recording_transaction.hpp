#pragma once
// Works out what a write transaction changes, the same way for every backend: it wraps the
// backend's transaction, reads what a write replaces before passing it on (an article's old
// section, tags and entities; a show's old network; a cast about to go) and, at commit, hands the
// backend the change set to append to the change log with the writes, then waits until this
// process's listeners have it (ChangeFeed::committed).
#include <memory>

#include "store/store.hpp"

namespace kpress {

class RecordingTransaction final : public WriteTransaction {
 public:
  RecordingTransaction(std::unique_ptr<BackendTransaction> backend, ChangeFeed& feed);

  void save_site(const Site& site) override;
  void save_language(const Language& language) override;
  void save_section(const Section& section) override;
  void save_tag(const Tag& tag) override;
  void save_author(const Author& author) override;
  SavedArticle save_article(const Article& article, Instant saved_at, std::optional<int> based_on) override;
  void trash_article(std::int64_t id, std::optional<Instant> at) override;
  std::vector<std::int64_t> publish_due(Instant now) override;
  void set_actor(std::optional<std::int64_t> user_id) override { backend_->set_actor(user_id); }
  std::int64_t save_user(const User& user) override { return backend_->save_user(user); }
  void save_session(const Session& session) override { backend_->save_session(session); }
  void delete_session(std::string_view token_hash) override { backend_->delete_session(token_hash); }
  int delete_sessions_of(std::int64_t user_id) override { return backend_->delete_sessions_of(user_id); }
  void append_audit(const AuditEntry& entry) override { backend_->append_audit(entry); }
  std::string adopt_signing_key(const std::string& proposed) override { return backend_->adopt_signing_key(proposed); }
  void save_autosave(std::int64_t user_id, const Article& article, Instant at) override {
    backend_->save_autosave(user_id, article, at);
  }
  void drop_autosave(std::int64_t user_id, std::int64_t article_id) override { backend_->drop_autosave(user_id, article_id); }
  std::int64_t save_media(const MediaItem& item) override { return backend_->save_media(item); }
  void set_featured(std::string_view language, const std::vector<FeaturedStory>& stories) override {
    changes_.home = true;  // the front pages
    backend_->set_featured(language, stories);
  }
  std::int64_t save_comment(const Comment& comment) override;
  void erase_comments(const std::vector<std::int64_t>& ids) override;
  std::optional<Comment> comment(std::int64_t id) override { return backend_->comment(id); }
  void train_spam_filter(const SpamTraining& training) override { backend_->train_spam_filter(training); }
  // Readers see nothing of an e-mail address: no change to announce.
  void unsubscribe_mail(std::string_view email_key, Instant at) override { backend_->unsubscribe_mail(email_key, at); }
  void save_import_origin(const ImportOrigin& origin) override { backend_->save_import_origin(origin); }
  std::optional<ImportOrigin> imported_as(std::string_view origin, std::string_view kind,
                                         std::string_view source_id) override {
    return backend_->imported_as(origin, kind, source_id);
  }
  void save_redirect(const Redirect& redirect) override {
    changes_.redirects = true;
    backend_->save_redirect(redirect);
  }
  void delete_redirect(std::string_view from) override {
    changes_.redirects = true;
    backend_->delete_redirect(from);
  }
  void save_network(const Network& network) override;
  void save_show(const Show& show) override;
  void save_person(const Person& person) override;
  void save_group(const Group& group) override;
  void save_membership(const Membership& membership) override;
  void save_credit(const Credit& credit) override;
  void save_episode(const Episode& episode) override;
  void clear_show_cast_and_episodes(std::string_view show) override;
  void clear_group_members(std::string_view group) override;
  void set_article_entities(std::int64_t article_id, const std::vector<EntityRef>& found) override;
  bool keep_rendered_body(const RenderedBody& body) override { return backend_->keep_rendered_body(body); }
  bool adopt_body_renderer(std::string_view renderer) override { return backend_->adopt_body_renderer(renderer); }
  DroppedBodies drop_bodies_of_old_renderers(std::int64_t after, std::int64_t articles) override {
    auto dropped = backend_->drop_bodies_of_old_renderers(after, articles);
    changes_.bodies |= dropped.count > 0;  // gone for every process, whatever it kept of them
    return dropped;
  }

  std::optional<Article> article_by_slug(std::string_view slug) override { return backend_->article_by_slug(slug); }
  std::optional<Article> article_by_id(std::int64_t id) override { return backend_->article_by_id(id); }
  std::vector<ArticleEntity> article_entities(std::int64_t id) override { return backend_->article_entities(id); }
  std::vector<Credit> credits_of_show(std::string_view show) override { return backend_->credits_of_show(show); }
  std::vector<Membership> members_of(std::string_view group) override { return backend_->members_of(group); }
  bool article_id_in_use(std::int64_t id) override { return backend_->article_id_in_use(id); }
  std::vector<std::string> slugs_by_alias(EntityKind kind, std::string_view alias) override {
    return backend_->slugs_by_alias(kind, alias);
  }
  std::optional<std::string> network_by_alias(std::string_view alias) override { return backend_->network_by_alias(alias); }
  std::optional<Person> person(std::string_view slug) override { return backend_->person(slug); }
  std::optional<Show> show(std::string_view slug) override { return backend_->show(slug); }
  std::optional<Group> group(std::string_view slug) override { return backend_->group(slug); }

  void commit() override;

 private:
  // The lists an article is in (home, its section, author and tags, its story's editions).
  void lists_of(const Article& article);
  void about_of(std::int64_t article_id);  // the entities it is about: their pages list it

  std::unique_ptr<BackendTransaction> backend_;
  ChangeFeed& feed_;
  ChangeSet changes_;
};

}  // namespace kpress
