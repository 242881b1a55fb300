#pragma once
// Full-text search over articles and the catalog. The index follows the store's change events;
// `rebuild` makes it again from the store.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/time.hpp"
#include "store/change_set.hpp"

namespace kpress {

struct SearchQuery {
  std::string text;       // as the reader typed it (any syntax, any length: it is made safe)
  std::string type;       // "", "article", "show", "person", "group"
  std::string language;   // articles in this language only
  std::string section;    // articles of this section only
  std::optional<Date> from, to;  // articles published between (inclusive)
  int offset = 0;
  int limit = 10;
  Instant now{};  // what is visible: published, or scheduled for before now
};

struct SearchHit {
  std::string type;   // article, show, person, group
  std::string url;    // /articles/SLUG, /shows/SLUG...
  std::string title;
  std::string snippet_html;  // escaped, matched terms in <mark>
  std::string language;
  std::optional<Instant> published_at;
};

struct SearchResults {
  std::vector<SearchHit> hits;
  std::int64_t total = 0;          // an estimate beyond the first pages
  std::string suggestion;          // "did you mean", when the index knows better spellings
  std::optional<SearchHit> entity; // the person, group or show the query names exactly
};

// Called while rebuilding: documents done, documents in all.
using ReindexProgress = std::function<void(std::size_t done, std::size_t total)>;

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;
  virtual SearchResults search(const SearchQuery& query) const = 0;
  // A change from the store's log: re-reads the articles and entities it names (everything when
  // it says anything may have changed).
  virtual void update(const ChangeSet& changes) = 0;
  // Indexes everything again; returns the number of documents.
  virtual std::size_t rebuild(const ReindexProgress& progress = {}) = 0;
};

}  // namespace kpress
