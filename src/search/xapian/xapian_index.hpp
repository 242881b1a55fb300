#pragma once
// The SearchIndex in a Xapian database (DATA/search): article text stemmed in its language
// (French, English), Hangul as CJK n-grams, everything folded (case, accents) so that any
// spelling finds it; each document carries the catalog entities it is about, so a query naming
// an entity in any of its spellings or scripts finds the articles about it.
#include <filesystem>
#include <mutex>

#include "search/search_index.hpp"

namespace Xapian {
class Database;
}

namespace kpress {

class Store;

class XapianIndex final : public SearchIndex {
 public:
  // Opens (creating if needed) the index in `folder`.
  XapianIndex(const Store& store, std::filesystem::path folder);
  ~XapianIndex() override;
  SearchResults search(const SearchQuery& query) const override;
  void update(const ChangeSet& changes) override;
  std::size_t rebuild(const ReindexProgress& progress = {}) override;
  // Whether the index was built by this version's indexing (false when empty or older): if not,
  // it must be rebuilt before it answers as it should.
  bool current() const;

 private:
  SearchResults search_in(Xapian::Database& db, const SearchQuery& q) const;

  const Store& store_;
  std::filesystem::path folder_;
  std::mutex writer_mutex_;  // one writer at a time in this process
};

}  // namespace kpress
