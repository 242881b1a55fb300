#include "site/cache_tags.hpp"

#include "http/page_cache.hpp"
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

}  // namespace kpress
