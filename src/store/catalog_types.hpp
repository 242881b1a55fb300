#pragma once
// What the Store answers about the catalog, beyond the entities themselves.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/entity_matcher.hpp"

namespace kpress {

struct CatalogQuery {
  std::string q;                     // matches any alias, in any script; empty: all
  std::string network;               // shows only: a network slug
  std::optional<ShowStatus> status;  // shows only
  int limit = 20;
  int offset = 0;
};

template <typename T>
struct CatalogPage {
  std::vector<T> items;
  std::int64_t total = 0;
};

// One spelling of one entity, for entity linking.
struct CatalogAlias {
  EntityRef entity;
  std::string alias;
};

// An entity an article is about.
struct ArticleEntity {
  EntityRef entity;
  enum class Source { automatic, editor, dropped } source = Source::automatic;
};

// A matcher that knows every spelling in `aliases`.
inline EntityMatcher matcher_for(const std::vector<CatalogAlias>& aliases) {
  EntityMatcher matcher;
  for (const auto& a : aliases) matcher.add(a.entity, a.alias);
  return matcher;
}

}  // namespace kpress
