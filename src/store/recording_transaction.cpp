#include "store/recording_transaction.hpp"

#include <spdlog/spdlog.h>

namespace kpress {

RecordingTransaction::RecordingTransaction(std::unique_ptr<BackendTransaction> backend, ChangeFeed& feed)
    : backend_(std::move(backend)), feed_(feed) {}

void RecordingTransaction::save_site(const Site& site) {
  changes_.site = true;
  backend_->save_site(site);
}
void RecordingTransaction::save_language(const Language& language) {
  changes_.site = true;
  backend_->save_language(language);
}
void RecordingTransaction::save_section(const Section& section) {
  changes_.site = true;
  backend_->save_section(section);
}
void RecordingTransaction::save_tag(const Tag& tag) {
  changes_.site = true;
  backend_->save_tag(tag);
}
void RecordingTransaction::save_author(const Author& author) {
  changes_.site = true;
  backend_->save_author(author);
}

void RecordingTransaction::lists_of(const Article& a) {
  changes_.home = true;
  changes_.editions.insert(a.translation_of.empty() ? a.slug : a.translation_of);
  if (!a.section.empty()) changes_.sections.insert(a.section);
  if (!a.author.empty()) changes_.authors.insert(a.author);
  changes_.tags.insert(a.tags.begin(), a.tags.end());
}

void RecordingTransaction::about_of(std::int64_t article_id) {
  for (const auto& e : backend_->article_entities(article_id)) changes_.about.insert({e.entity.kind, e.entity.slug});
}

SavedArticle RecordingTransaction::save_article(const Article& article, Instant saved_at, std::optional<int> based_on) {
  if (auto other = backend_->article_by_slug(article.slug); other && other->id != article.id) {
    return {.conflict = Conflict{.kind = Conflict::Kind::slug,
                                 .other_article = other->id,
                                 .message = "the slug '" + article.slug + "' belongs to another article (" +
                                            std::to_string(other->id) + ")"}};
  }
  std::optional<Article> before;
  if (article.id) before = backend_->article_by_id(article.id);
  if (before && based_on && before->revision != *based_on) {
    return {.conflict = Conflict{.kind = Conflict::Kind::revision,
                                 .current_revision = before->revision,
                                 .message = "article " + std::to_string(article.id) + " was saved as revision " +
                                            std::to_string(before->revision) + " since revision " +
                                            std::to_string(*based_on)}};
  }
  // What lists showed the article before this save, and what lists show it after.
  if (before) {
    lists_of(*before);
    about_of(article.id);
  }
  lists_of(article);
  auto saved = backend_->save_article(article, saved_at, based_on);
  changes_.articles.insert(saved.id);
  return saved;
}

void RecordingTransaction::trash_article(std::int64_t id, std::optional<Instant> at) {
  if (auto before = backend_->article_by_id(id)) lists_of(*before);
  about_of(id);
  backend_->trash_article(id, at);
  changes_.articles.insert(id);
}

// Readers see approved comments only: a comment held, marked spam or trashed before anyone saw
// it changes no page, so the article stays in caches while comments wait; nor does a report.
std::int64_t RecordingTransaction::save_comment(const Comment& comment) {
  auto before = comment.id ? backend_->comment(comment.id) : std::nullopt;
  bool shown_before = before && before->status == CommentStatus::approved;
  bool shown_after = comment.status == CommentStatus::approved;
  // What readers see of a shown comment; its reports and the commenter's keys they do not.
  auto seen_the_same = [&] {
    return before->author_name == comment.author_name && before->author_url == comment.author_url &&
           before->body == comment.body && before->edited_at == comment.edited_at;
  };
  if (shown_before != shown_after || (shown_after && (!before || !seen_the_same())))
    changes_.comments.insert(before ? before->article_id : comment.article_id);
  return backend_->save_comment(comment);
}

void RecordingTransaction::erase_comments(const std::vector<std::int64_t>& ids) {
  for (auto id : ids) {
    if (auto before = backend_->comment(id); before && before->status == CommentStatus::approved)
      changes_.comments.insert(before->article_id);
  }
  backend_->erase_comments(ids);
}

std::vector<std::int64_t> RecordingTransaction::publish_due(Instant now) {
  auto ids = backend_->publish_due(now);
  for (auto id : ids) {
    if (auto after = backend_->article_by_id(id)) lists_of(*after);  // they list it from now on
    changes_.articles.insert(id);
  }
  return ids;
}

void RecordingTransaction::save_network(const Network& network) {
  changes_.catalog = true;
  changes_.networks.insert(network.slug);
  backend_->save_network(network);
}

void RecordingTransaction::save_show(const Show& show) {
  changes_.catalog = true;
  changes_.entities.insert({EntityKind::show, show.slug});
  if (auto before = backend_->show(show.slug); before && !before->network.empty()) changes_.networks.insert(before->network);
  if (!show.network.empty()) changes_.networks.insert(show.network);
  backend_->save_show(show);
}

void RecordingTransaction::save_person(const Person& person) {
  changes_.catalog = true;
  changes_.entities.insert({EntityKind::person, person.slug});
  backend_->save_person(person);
}

void RecordingTransaction::save_group(const Group& group) {
  changes_.catalog = true;
  changes_.entities.insert({EntityKind::group, group.slug});
  backend_->save_group(group);
}

void RecordingTransaction::save_membership(const Membership& m) {
  changes_.entities.insert({EntityKind::group, m.group});
  changes_.entities.insert({EntityKind::person, m.person});
  backend_->save_membership(m);
}

void RecordingTransaction::save_credit(const Credit& c) {
  changes_.entities.insert({EntityKind::show, c.show});
  changes_.entities.insert({EntityKind::person, c.person});
  backend_->save_credit(c);
}

void RecordingTransaction::save_episode(const Episode& e) {
  changes_.entities.insert({EntityKind::show, e.show});
  backend_->save_episode(e);
}

void RecordingTransaction::clear_show_cast_and_episodes(std::string_view show) {
  for (const auto& c : backend_->credits_of_show(show)) changes_.entities.insert({EntityKind::person, c.person});
  changes_.entities.insert({EntityKind::show, std::string(show)});
  backend_->clear_show_cast_and_episodes(show);
}

void RecordingTransaction::clear_group_members(std::string_view group) {
  for (const auto& m : backend_->members_of(group)) changes_.entities.insert({EntityKind::person, m.person});
  changes_.entities.insert({EntityKind::group, std::string(group)});
  backend_->clear_group_members(group);
}

void RecordingTransaction::set_article_entities(std::int64_t article_id, const std::vector<EntityRef>& found) {
  // The entity pages that listed the article and those that will.
  about_of(article_id);
  backend_->set_article_entities(article_id, found);
  about_of(article_id);
  changes_.articles.insert(article_id);
}

void RecordingTransaction::commit() {
  auto entry = backend_->commit_changes(changes_);
  if (entry && !feed_.committed(entry))
    spdlog::warn("change {} is durable but not yet delivered to this process's caches", entry);
}

}  // namespace kpress
