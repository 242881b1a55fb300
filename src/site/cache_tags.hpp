#pragma once
// Marks responses cacheable for the page cache (http/page_cache.hpp) with the tags of what they
// show, named as the store's change events name them.
#include <optional>
#include <string>
#include <vector>

#include "core/entity_matcher.hpp"
#include "core/time.hpp"
#include "http/message.hpp"
#include "store/change_set.hpp"

namespace kpress {

class Store;
namespace http {
class PageCache;
}

// Every page shows the site (name, sections in the menu) besides `tags`; it holds until the next
// scheduled article goes live, when lists change with no write.
// `until`: an earlier time at which the page changes by itself (a birthday, a new slot).
void mark_cacheable(http::Response& res, std::vector<std::string> tags, const Store& store, Instant now,
                    std::optional<Instant> until = std::nullopt);
std::string entity_tag(const EntityRef& entity);  // entity:show/run-on

// The tags of the pages that show what `changes` names: "site" (settings, languages, sections,
// tags, authors), "article:ID", "list:home", "list:section:SLUG", "list:tag:SLUG",
// "list:author:SLUG", "edition:SLUG" (the editions of the story with that first slug),
// "entity:KIND/SLUG" (the entity itself), "about:KIND/SLUG" (which articles are about it),
// "network:SLUG", "catalog", "redirects" (the answers that send an old address on). Not for a change of everything: the whole cache goes then.
std::vector<std::string> cache_tags(const ChangeSet& changes);

// Keeps the page cache in step with the store: drops the pages each change shows.
void follow_changes(http::PageCache& cache, Store& store);

}  // namespace kpress
