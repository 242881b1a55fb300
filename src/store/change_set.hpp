#pragma once
// What one write transaction changed, worked out above the backends (see RecordingTransaction)
// and kept in the change log in commit order, so every process of a site learns of every write,
// its own and others'. Only what is named here may have changed; the page cache turns it into the
// tags of the pages to drop (site/cache_tags.hpp), the search index and the memos read it as is.
#include <compare>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "core/entity_matcher.hpp"

namespace kpress {

struct EntityKey {
  EntityKind kind = EntityKind::person;
  std::string slug;
  auto operator<=>(const EntityKey&) const = default;
};

struct ChangeSet {
  // A process that fell behind the log's retention, or a log it cannot read: anything may have
  // changed, and whatever was kept from the store is dropped.
  bool everything = false;
  bool site = false;     // settings, languages, sections, tags or authors
  bool catalog = false;  // the catalog's indexes: a network, show, person or group saved
  bool home = false;     // the lists of every article (home, feeds, sitemaps)
  bool bodies = false;   // every kept rendered body dropped (another build renders them)
  bool redirects = false;  // an old address added, changed or removed
  std::set<std::int64_t> articles;        // saved, trashed, restored, relinked
  std::set<std::string> editions;         // the stories (by their first edition's slug) whose editions changed
  std::set<std::string> sections;         // whose article lists changed
  std::set<std::string> tags;
  std::set<std::string> authors;
  std::set<EntityKey> entities;           // the entity itself: its page, names, cast, episodes
  std::set<EntityKey> about;              // which articles are about it
  std::set<std::string> networks;         // a network's page (its shows)
  // Articles whose reaction counts changed (votes): no page shows them, every node's counts do.
  std::set<std::int64_t> reactions;
  // Articles whose shown comments changed (one approved, edited or removed): their pages only.
  std::set<std::int64_t> comments;

  bool empty() const;
  void merge(const ChangeSet& other);
  bool operator==(const ChangeSet&) const = default;

  // The log's form: compact JSON ({"articles":[42],"sections":["kdrama"],...}). from_log throws
  // StoreError on text it cannot read.
  std::string to_log() const;
  static ChangeSet from_log(std::string_view text);
};

}  // namespace kpress
