#pragma once
// Versioned schema migrations, built into the binary from migrations/sqlite/NNNN_name.sql and
// applied in order, each in its own transaction, recorded in schema_migrations.
#include <string>
#include <vector>

#include "core/time.hpp"

namespace kpress::sqlite {

class Connection;

struct MigrationStatus {
  int version = 0;
  std::string name;
  std::optional<Instant> applied_at;  // unset: pending
};

std::vector<MigrationStatus> migration_status(Connection& db);
// Applies the pending migrations; returns how many it applied.
int migrate(Connection& db, Instant now);

}  // namespace kpress::sqlite
