#include "site/cache_tags.hpp"

#include "http/page_cache.hpp"
#include "site/comment_views.hpp"
#include "store/store.hpp"

namespace kpress {

void mark_cacheable(http::Response& res, std::vector<std::string> tags, const Store& store, Instant now,
                    std::optional<Instant> until) {
  std::string header = "site";
  for (const auto& t : tags) header += " " + t;
  res.set(http::kTagsHeader, header);
  if (auto next = store.next_publication_after(now); next && (!until || *next < *until)) until = next;
  if (until) res.set(http::kCacheUntilHeader, std::to_string(until->time_since_epoch().count()));
}

std::string entity_tag(const EntityRef& e) { return "entity:" + std::string(to_string(e.kind)) + "/" + e.slug; }

std::vector<std::string> cache_tags(const ChangeSet& c) {
  std::vector<std::string> tags;
  auto entity = [](std::string_view prefix, const EntityKey& e) {
    return std::string(prefix) + std::string(to_string(e.kind)) + "/" + e.slug;
  };
  if (c.site) tags.emplace_back("site");
  if (c.catalog) tags.emplace_back("catalog");
  if (c.home) tags.emplace_back("list:home");
  if (c.redirects) tags.emplace_back("redirects");
  for (auto id : c.articles) tags.push_back("article:" + std::to_string(id));
  for (const auto& s : c.editions) tags.push_back("edition:" + s);
  for (const auto& s : c.sections) tags.push_back("list:section:" + s);
  for (const auto& s : c.tags) tags.push_back("list:tag:" + s);
  for (const auto& s : c.authors) tags.push_back("list:author:" + s);
  for (const auto& e : c.entities) tags.push_back(entity("entity:", e));
  for (const auto& e : c.about) tags.push_back(entity("about:", e));
  for (const auto& s : c.networks) tags.push_back("network:" + s);
  for (auto id : c.comments) tags.push_back(comments_tag(id));
  if (!c.comments.empty()) tags.emplace_back(kAllCommentsTag);  // the site's feed of comments
  return tags;
}

void follow_changes(http::PageCache& cache, Store& store) {
  store.on_change([&cache](const ChangeSet& changes) {
    if (changes.everything) cache.clear();
    else cache.invalidate(cache_tags(changes));
  });
}

}  // namespace kpress
