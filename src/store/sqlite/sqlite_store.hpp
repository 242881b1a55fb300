#pragma once
// The default Store: one SQLite file in WAL mode, with nothing to set up.
#include <filesystem>

#include "store/sql/sql_store.hpp"

namespace kpress::sqlite {

class SqliteStore final : public sql::SqlStore {
 public:
  // Opens (creating if needed) the database file; see SqlStore for the rest.
  explicit SqliteStore(const std::filesystem::path& file,
                       std::chrono::steady_clock::duration newest_read_again_after = std::chrono::minutes(10),
                       std::chrono::milliseconds poll_interval = std::chrono::milliseconds(250));
};

}  // namespace kpress::sqlite
