#include "store/postgres/postgres_store.hpp"

#include <poll.h>

#include "resources/embedded.hpp"
#include "store/postgres/connection.hpp"

namespace kpress::postgres {

PostgresStore::PostgresStore(const std::string& url, PostgresOptions options)
    : SqlStore([url, timeout = options.statement_timeout] { return std::make_unique<Connection>(url, timeout); },
               resources::postgres_migrations(), options.newest_read_again_after, options.poll_interval),
      url_(url),
      timeout_(options.statement_timeout),
      listener_(options.listen ? std::thread([this] { listen(); }) : std::thread()) {}

PostgresStore::~PostgresStore() {
  stopping_ = true;
  if (listener_.joinable()) listener_.join();
}

void PostgresStore::listen() {
  constexpr auto kWait = std::chrono::milliseconds(200);  // how soon a stop or a lost server is seen
  std::unique_ptr<Connection> connection;
  while (!stopping_) {
    try {
      if (!connection || connection->broken()) {
        connection = std::make_unique<Connection>(url_, timeout_);
        connection->exec(std::string("LISTEN ") + Connection::kChannel);
        changes_announced();  // whatever was sent while no one listened is in the log
      }
      pollfd socket{PQsocket(connection->handle()), POLLIN, 0};
      if (poll(&socket, 1, static_cast<int>(kWait.count())) <= 0) continue;
      if (!PQconsumeInput(connection->handle())) {  // lost: opened again above, and so is every other
        connections_lost();
        continue;
      }
      bool noticed = false;
      while (PGnotify* notice = PQnotifies(connection->handle())) {
        noticed = true;
        PQfreemem(notice);
      }
      if (noticed) changes_announced();
    } catch (const std::exception&) {
      // The server is away: the feed's polling says so; tried again after a while.
      connection.reset();
      std::this_thread::sleep_for(kWait);
    }
  }
}

}  // namespace kpress::postgres
