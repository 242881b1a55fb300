#include "exchange/entity_links.hpp"

#include "render/markdown.hpp"
#include "store/store.hpp"

namespace kpress {

int relink_articles(Store& store) {
  EntityMatcher entities = matcher_for(store.catalog_aliases());
  int linked = 0;
  auto tx = store.begin_write();
  for (const auto& a : store.all_articles()) {
    auto found = mentioned_entities(article_text(a), entities);
    tx->set_article_entities(a.id, found);
    if (!found.empty() || !a.link.empty()) ++linked;
  }
  tx->commit();
  return linked;
}

}  // namespace kpress
