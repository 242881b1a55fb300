#pragma once
// Moves a whole site from one database to another (SQLite to PostgreSQL and back): every row of
// every table (articles with every revision, catalog, accounts and sessions, the audit log,
// media records, reactions, kept bodies), ids kept, in one transaction of the target, then the
// rows of each table counted on both sides. The change log is not copied: the target's starts
// empty, and processes on it begin from there.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/sql/connection.hpp"

namespace kpress::sql {

struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;
};

struct CopyReport {
  std::vector<CopiedTable> tables;
  std::int64_t rows = 0;
};

// Called after each table: its name and how many rows it had.
using CopyProgress = std::function<void(const CopiedTable&)>;

// Both databases migrated to the same schema. A target that holds a site is refused (StoreError
// naming what it holds) unless `replace`, which empties it first, in the same transaction.
// Throws StoreError when counts differ: nothing is kept.
CopyReport copy_site(Connection& from, Connection& to, bool replace, const CopyProgress& progress = {});

}  // namespace kpress::sql
