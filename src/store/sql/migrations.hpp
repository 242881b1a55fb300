#pragma once
// Versioned schema migrations, built into the binary from migrations/BACKEND/NNNN_name.sql and
// applied in order, each in its own write transaction, recorded in schema_migrations. A
// database that has a migration this binary does not know (a newer kpress's) is refused.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "resources/embedded.hpp"
#include "store/store.hpp"

namespace kpress::sql {

class Connection;


using MigrationFiles = std::span<const resources::EmbeddedFile>;

// Throws StoreError when the database holds a migration the files do not.
std::vector<MigrationStatus> migration_status(Connection& db, MigrationFiles files);
// Applies the pending migrations; returns how many it applied.
int migrate(Connection& db, MigrationFiles files, Instant now);

}  // namespace kpress::sql
