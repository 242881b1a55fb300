#include "store/sqlite/sqlite_store.hpp"

#include "resources/embedded.hpp"
#include "store/sqlite/connection.hpp"

namespace kpress::sqlite {

SqliteStore::SqliteStore(const std::filesystem::path& file, std::chrono::steady_clock::duration newest_read_again_after,
                         std::chrono::milliseconds poll_interval)
    : SqlStore([path = file.string()] { return std::make_unique<Connection>(path); }, resources::sqlite_migrations(),
               newest_read_again_after, poll_interval) {}

}  // namespace kpress::sqlite
