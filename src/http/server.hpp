#pragma once
// The HTTP/1.1 server: Boost.Beast, one event loop per thread, keep-alive,
// limits on header and body size, read and idle timeouts, and a graceful stop that lets requests
// in flight finish. It does I/O only; what to answer is the handler's business.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace spdlog {
class logger;
}

namespace kpress::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (see Server::port())
  unsigned threads = 0;       // 0: one per CPU this process may run on
  // With as many threads as CPUs, each thread stays on one CPU and serves the connections whose
  // packets arrive there (see Server::State::home_for).
  bool pin_threads = true;
  std::uint32_t header_limit = 16 * 1024;          // larger request headers: 431
  std::uint64_t body_limit = 1024 * 1024;          // larger request bodies: 413
  // Targets under this prefix (image uploads) may send up to upload_body_limit.
  std::string upload_prefix = "/admin/media";
  std::uint64_t upload_body_limit = 32 * 1024 * 1024;
  std::chrono::milliseconds read_timeout{10'000};  // to receive a whole request once it has begun
  std::chrono::milliseconds idle_timeout{30'000};  // between requests on a kept-alive connection
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{10'000};  // for requests in flight when stopping
  std::shared_ptr<spdlog::logger> access_log;        // one JSON line per request; none if null
  // The reverse proxies in front (IP addresses): for a request coming from one of them, the
  // client is who X-Forwarded-For names, read from the right past the trusted proxies. Without
  // it, every reader behind a proxy would share its address, and its per-address limits.
  std::vector<std::string> trusted_proxies;
  // Run by an event loop that has made no answer for a second after making some (answers from
  // the page cache's kept bytes make nothing): what the allocator kept for them can go back.
  std::function<void()> when_idle;
};

// An IPv4 or IPv6 address as text (what trusted_proxies holds).
bool is_ip_address(const std::string& text);

class Server {
 public:
  // `fast_path`, when given, is asked first about plain GET requests (HTTP/1.1, kept alive);
  // what it answers is written as it is. `writes`, when given, takes the requests other than GET
  // and HEAD and answers them when it is ready (a vote once it is on disk), while the event loop
  // goes on with other connections; it takes the GET and HEAD requests `reads_later` says yes to
  // as well (a search, run on threads of its own), which skip `handler` and its page cache.
  Server(ServerConfig config, Handler handler, FastPath fast_path = nullptr, AsyncHandler writes = nullptr,
         ReadsLater reads_later = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads; throws std::runtime_error when the address cannot be bound.
  void start();
  std::uint16_t port() const;  // the bound port, once started
  // Stops accepting, closes idle connections, lets requests in flight finish (at most
  // shutdown_grace), then returns once every thread has ended. Safe to call more than once.
  void stop();
  // Blocks until SIGINT or SIGTERM, then stops gracefully. `meanwhile`, if given, runs on the
  // calling thread every few seconds until then.
  void run_until_signal(std::function<void()> meanwhile = {});

 private:
  struct State;
  // Owned here alone: the io_context inside owns the connections' coroutines, which refer back
  // to the state, so nothing they hold may keep the state alive.
  std::unique_ptr<State> state_;
};

}  // namespace kpress::http
