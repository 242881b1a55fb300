#include "store/postgres/postgres_store.hpp"

#include "resources/embedded.hpp"
#include "store/postgres/connection.hpp"

namespace kpress::postgres {

PostgresStore::PostgresStore(const std::string& url, PostgresOptions options)
    : SqlStore([url, timeout = options.statement_timeout] { return std::make_unique<Connection>(url, timeout); },
               resources::postgres_migrations(), options.newest_read_again_after, options.poll_interval) {}

}  // namespace kpress::postgres
