#include "http/server.hpp"

#include "http/forwarded.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <date/date.h>
#include <spdlog/spdlog.h>

#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <csignal>
#include <mutex>
#include <set>
#include <unordered_set>
#include <thread>
#include <vector>

#include "http/security_headers.hpp"

namespace kpress::http {

struct Worker;

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

using Clock = std::chrono::steady_clock;

struct Connection {
  Connection(tcp::socket s, Worker& w) : socket(std::move(s)), worker(w) {}
  tcp::socket socket;
  Worker& worker;  // whose event loop it lives on
  // Touched only on that worker's thread: whether a request is being answered, and when the
  // read or write under way is given up (see Server::State::sweep).
  bool busy = false;
  Clock::time_point deadline = Clock::time_point::max();
};

// What a failed read means for the client, or nothing when the connection just went away.
std::optional<std::pair<Status, std::string>> read_error_response(beast::error_code ec) {
  using error = beast_http::error;
  if (ec == error::header_limit) return {{Status::request_header_fields_too_large, "Request header fields too large\n"}};
  if (ec == error::body_limit) return {{Status::payload_too_large, "Request body too large\n"}};
  // Closed, reset, cancelled or timed out: the stream is closed already, nothing can be sent.
  if (ec == error::end_of_stream || ec.category() != beast_http::make_error_code(error::bad_target).category())
    return std::nullopt;
  return {{Status::bad_request, "Bad request: the request is not valid HTTP/1.1\n"}};
}

}  // namespace

// One per thread, as nginx has worker processes: its own event loop and its own listening socket
// on the shared port (SO_REUSEPORT), so no two threads ever wake each other or share a queue.
// A connection lives on the worker of the CPU its packets arrive on (see home_for), and moves
// there, between requests, when they start arriving on another.
struct Worker {
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  std::thread thread;
  std::atomic<int> connections{0};
  int cpu = -1;  // the one CPU its thread runs on, if pinned
  // Touched only on its thread: the time at its last sweep, and the connections it serves.
  Clock::time_point now = Clock::now();
  std::unordered_set<Connection*> live;
  // Answers made by the handler, as last seen by the sweep and since when; whether when_idle ran
  // since the last one.
  std::uint64_t made = 0, made_seen = 0;
  Clock::time_point made_seen_at = now;
  bool idle_done = true;
};

using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

struct Server::State {
  State(ServerConfig c, Handler h, FastPath f, AsyncHandler w, ReadsLater r)
      : config(std::move(c)),
        handler(std::move(h)),
        fast_path(std::move(f)),
        writes(std::move(w)),
        reads_later(std::move(r)),
        sweep_interval(std::clamp<Clock::duration>(
            std::min({config.read_timeout, config.idle_timeout, config.write_timeout}) / 8, std::chrono::milliseconds(20),
            std::chrono::seconds(1))) {
    for (const auto& proxy : config.trusted_proxies) {
      beast::error_code ec;
      auto address = asio::ip::make_address(proxy, ec);
      if (ec) throw std::runtime_error("trusted proxy '" + proxy + "': not an IP address");
      trusted.push_back(address);
    }
  }

  // Who sent the request: the connection's peer, or behind trusted proxies the address they
  // forwarded for (the rightmost one that is not a trusted proxy itself; anything before it
  // could have been written by the client).
  std::string client_address(const std::optional<asio::ip::address>& peer, const std::vector<std::string>& hops) const {
    if (!peer) return "-";
    asio::ip::address client = *peer;
    for (auto hop = hops.rbegin(); hop != hops.rend() && is_trusted(client); ++hop) {
      beast::error_code ec;
      auto address = asio::ip::make_address(*hop, ec);
      if (ec) break;  // not an address: the last good one stands
      client = address;
    }
    return client.to_string();
  }

  // An answer to a request that came over HTTPS (a trusted proxy says so): HSTS, and its
  // cookies only ever sent back over HTTPS, whatever the handler knew of the scheme.
  static void secure_over_https(Response& res) {
    res.set("Strict-Transport-Security", kStrictTransportSecurity);
    std::vector<std::string> cookies;
    for (auto [it, end] = res.equal_range(Field::set_cookie); it != end; ++it) cookies.emplace_back(it->value());
    if (cookies.empty()) return;
    res.erase(Field::set_cookie);
    for (auto& cookie : cookies) {
      bool secure = false;  // an attribute of its own, in any case: "; Secure"
      for (std::string_view rest = cookie; !rest.empty() && !secure;) {
        auto semicolon = rest.find(';');
        auto attribute = rest.substr(0, semicolon);
        while (attribute.starts_with(' ')) attribute.remove_prefix(1);
        secure = beast::iequals(attribute, "secure");
        rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
      }
      if (!secure) cookie += "; Secure";
      res.insert(Field::set_cookie, cookie);
    }
  }

  bool is_trusted(const asio::ip::address& a) const { return std::find(trusted.begin(), trusted.end(), a) != trusted.end(); }

  ServerConfig config;
  Handler handler;
  FastPath fast_path;
  AsyncHandler writes;
  ReadsLater reads_later;
  // How often each worker looks for overdue reads and writes (see sweep): a few times per
  // shortest timeout.
  const Clock::duration sweep_interval;
  std::vector<std::unique_ptr<Worker>> workers;
  std::uint16_t port = 0;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::condition_variable drained;
  std::set<std::shared_ptr<Connection>> connections;
  std::vector<asio::ip::address> trusted;  // config.trusted_proxies

  Worker* home_for(tcp::socket& socket) const;
  Worker& fewest() const;
  std::shared_ptr<Connection> adopt(tcp::socket socket, Worker& from, Worker& to);
  asio::awaitable<void> accept_loop(Worker& worker);
  asio::awaitable<void> sweep(Worker& worker);
  void give_up_after(Connection& c, Clock::duration timeout) const;
  asio::awaitable<void> session(std::shared_ptr<Connection> c);
  asio::awaitable<bool> write(Connection& c, Response& res, bool head);
  Response respond(const Request& request);
  asio::awaitable<Response> respond_later(const Request& request);
  void log(const std::string& remote, std::string_view method, std::string_view target, unsigned status,
           std::size_t bytes, std::chrono::steady_clock::time_point started);
};

// Where a connection is best served: on the worker for the CPU its client's packets last arrived
// on (the NIC queue's CPU for a remote client; for one on this machine, such as a reverse proxy,
// the CPU its thread sent from). Each client thread then has one worker to talk to, and the two
// wake each other in turn on one CPU. With every worker serving every client thread instead, all
// of them stay runnable, and a connection waits whole scheduler ticks while its worker is
// preempted (a p99 of two ticks, 8 ms, under load on a 2-core machine). Null when the socket does
// not say, or when that worker already holds more than its share (all packets arriving on one CPU).
Worker* Server::State::home_for(tcp::socket& socket) const {
  int cpu = -1;
  socklen_t size = sizeof cpu;
  if (::getsockopt(socket.native_handle(), SOL_SOCKET, SO_INCOMING_CPU, &cpu, &size) != 0 || cpu < 0) return nullptr;
  auto pinned = std::find_if(workers.begin(), workers.end(), [&](const auto& w) { return w->cpu == cpu; });
  Worker* home = pinned != workers.end() ? pinned->get() : workers[static_cast<std::size_t>(cpu) % workers.size()].get();
  int least = fewest().connections.load(std::memory_order_relaxed);
  return home->connections.load(std::memory_order_relaxed) <= least + std::max(8, least / 4) ? home : nullptr;
}

Worker& Server::State::fewest() const {
  Worker* fewest = workers.front().get();
  for (auto& w : workers) {
    if (w->connections.load(std::memory_order_relaxed) < fewest->connections.load(std::memory_order_relaxed))
      fewest = w.get();
  }
  return *fewest;
}

// The connection, on `to`'s event loop. Handed over whole, descriptor and all: no operation of one
// loop may hold a socket of another (their io_contexts are destroyed one after the other). Null
// when the descriptor could not be moved (it is closed then).
std::shared_ptr<Connection> Server::State::adopt(tcp::socket socket, Worker& from, Worker& to) {
  if (&from != &to) {
    beast::error_code ec;
    auto protocol = socket.local_endpoint(ec).protocol();
    auto handle = ec ? -1 : socket.release(ec);
    tcp::socket there(to.ioc);
    if (!ec) there.assign(protocol, handle, ec);
    if (ec) {
      if (handle >= 0) ::close(handle);
      return nullptr;
    }
    socket = std::move(there);
  }
  auto c = std::make_shared<Connection>(std::move(socket), to);
  ++to.connections;
  std::lock_guard lock(mutex);
  connections.insert(c);
  return c;
}

asio::awaitable<void> Server::State::accept_loop(Worker& worker) {
  for (;;) {
    auto [ec, socket] = co_await worker.acceptor.async_accept(use_tuple);
    if (stopping) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      // Out of descriptors or similar: wait a little rather than spin.
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(50));
      co_await pause.async_wait(use_tuple);
      continue;
    }
    Worker* home = home_for(socket);
    if (!home) home = &fewest();
    if (auto c = adopt(std::move(socket), worker, *home)) asio::co_spawn(home->ioc, session(c), asio::detached);
  }
}

// Timeouts without a timer per read and write (two timer operations a request, and a cancelled
// wait's handler to run, were a tenth of the CPU spent on a cached page): each connection notes
// when what it waits for is overdue, and its worker looks over its connections a few times per
// shortest timeout, cancelling what is overdue (see give_up_after for how late that may be).
asio::awaitable<void> Server::State::sweep(Worker& worker) {
  asio::steady_timer tick(worker.ioc);
  for (;;) {
    worker.now = Clock::now();
    if (config.when_idle) {
      if (worker.made != worker.made_seen) {
        worker.made_seen = worker.made;
        worker.made_seen_at = worker.now;
        worker.idle_done = false;
      } else if (!worker.idle_done && worker.now - worker.made_seen_at >= std::chrono::seconds(1)) {
        config.when_idle();
        worker.idle_done = true;
      }
    }
    for (Connection* c : worker.live) {
      if (c->deadline > worker.now) continue;
      beast::error_code ignored;
      c->socket.cancel(ignored);
      c->deadline = Clock::time_point::max();
    }
    tick.expires_after(sweep_interval);
    auto [ec] = co_await tick.async_wait(use_tuple);
    if (ec) co_return;
  }
}

// Gives up the next read or write of `c` once `timeout` has passed: never sooner (its worker's
// time may be one sweep old), up to two sweeps later.
void Server::State::give_up_after(Connection& c, Clock::duration timeout) const {
  c.deadline = c.worker.now + sweep_interval + timeout;
}

asio::awaitable<bool> Server::State::write(Connection& c, Response& res, bool head) {
  add_security_headers(res);
  give_up_after(c, config.write_timeout);
  if (head) {
    // Same headers, Content-Length included, and no body.
    auto size = res.body().size();
    beast_http::response<beast_http::empty_body> header_only{std::move(res.base())};
    header_only.content_length(size);
    auto [ec, n] = co_await beast_http::async_write(c.socket, header_only, use_tuple);
    co_return !ec;
  }
  auto [ec, n] = co_await beast_http::async_write(c.socket, res, use_tuple);
  co_return !ec;
}

asio::awaitable<void> Server::State::session(std::shared_ptr<Connection> c) {
  beast::flat_buffer buffer;
  beast::error_code ec;
  c->worker.live.insert(c.get());
  auto endpoint = c->socket.remote_endpoint(ec);
  std::optional<asio::ip::address> peer;
  if (!ec) peer = endpoint.address();
  std::string remote = peer ? peer->to_string() : "-";

  Worker* moving_to = nullptr;
  unsigned served = 0, away = 0;  // requests answered; checks in a row that found it away from home
  while (!stopping) {
    if (buffer.size() == 0) {
      // Between requests, nothing read ahead: where its packets arrive now is checked every few
      // requests (a system call), and it moves once it is found away twice in a row.
      if (served != 0 && served % 4 == 0 && workers.size() > 1) {
        Worker* home = home_for(c->socket);
        away = home && home != &c->worker ? away + 1 : 0;
        if (away == 2) {
          moving_to = home;
          break;
        }
      }
      // Between requests a connection may idle, but only so long.
      give_up_after(*c, config.idle_timeout);
      auto [read_ec, n] = co_await c->socket.async_read_some(buffer.prepare(4096), use_tuple);
      if (read_ec) break;
      buffer.commit(n);
    }
    c->busy = true;
    auto started = config.access_log ? Clock::now() : Clock::time_point{};
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(config.header_limit);
    // The header first: where the request goes decides how large its body may be. Beast checks
    // a Content-Length against the limit as it reads the header, so that limit is the larger
    // one, and the smaller one is applied once the target is known.
    parser.body_limit(std::max(config.body_limit, config.upload_body_limit));
    give_up_after(*c, config.read_timeout);
    auto [read_ec, n] = co_await beast_http::async_read_header(c->socket, buffer, parser, use_tuple);
    if (!read_ec) {
      bool upload = !config.upload_prefix.empty() && parser.get().target().starts_with(config.upload_prefix);
      if (!upload) {
        auto length = parser.content_length();
        if (length && *length > config.body_limit) read_ec = beast_http::error::body_limit;
        else parser.body_limit(config.body_limit);  // chunked bodies are counted as they come
      }
    }
    if (!read_ec && !parser.is_done()) std::tie(read_ec, n) = co_await beast_http::async_read(c->socket, buffer, parser, use_tuple);

    if (read_ec) {
      auto error = read_error_response(read_ec);
      if (!error) break;
      auto res = text_response(error->first, error->second);
      res.keep_alive(false);
      co_await write(*c, res, false);
      log(remote, "-", "-", static_cast<unsigned>(error->first), res.body().size(), started);
      // Read what the client still sends for a moment, so it sees the answer rather than a reset.
      c->socket.shutdown(tcp::socket::shutdown_send, ec);
      give_up_after(*c, std::chrono::seconds(2));
      std::size_t drained_bytes = 0;
      while (drained_bytes < 16 * 1024 * 1024) {
        auto [drain_ec, m] = co_await c->socket.async_read_some(buffer.prepare(64 * 1024), use_tuple);
        if (drain_ec) break;
        drained_bytes += m;
      }
      break;
    }

    parser.get().erase(kRemoteAddressHeader);
    parser.get().erase(kRemoteSchemeHeader);
    std::string client = remote;  // the peer's, worked out once a connection
    bool https = false;
    if (peer && is_trusted(*peer)) {
      auto joined = [&](std::string_view name) {  // several such headers count as one list, in their order
        std::string list;
        for (auto [it, end] = parser.get().equal_range(name); it != end; ++it)
          list += (list.empty() ? "" : ",") + std::string(it->value());
        return list;
      };
      auto forwarded = read_forwarded(joined("Forwarded"), joined("X-Forwarded-For"), joined("X-Forwarded-Proto"));
      client = client_address(peer, forwarded.hops);
      https = forwarded.proto == "https";
    }
    parser.get().set(kRemoteAddressHeader, client);
    if (https) parser.get().set(kRemoteSchemeHeader, "https");
    const auto& request = parser.get();
    if (fast_path && request.method() == Verb::get && request.version() == 11 && request.keep_alive() && !stopping) {
      if (RawResponse raw = fast_path(request); raw.bytes) {
        give_up_after(*c, config.write_timeout);
        // Kept bytes are the same for every reader: HSTS and what the fast path adds go in after
        // their status line.
        std::string_view bytes = *raw.bytes;
        bool more = https || !raw.extra_headers.empty();
        std::size_t status_line = more ? bytes.find("\r\n") + 2 : 0;
        static const std::string hsts = "Strict-Transport-Security: " + std::string(kStrictTransportSecurity) + "\r\n";
        std::array<asio::const_buffer, 4> parts{asio::buffer(bytes.data(), status_line),
                                                asio::buffer(hsts.data(), https ? hsts.size() : 0),
                                                asio::buffer(raw.extra_headers.data(), raw.extra_headers.size()),
                                                asio::buffer(bytes.data() + status_line, bytes.size() - status_line)};
        auto [write_ec, written] = co_await asio::async_write(c->socket, parts, use_tuple);
        log(client, request.method_string(), request.target(), raw.status, raw.body_size, started);
        c->busy = false;
        if (write_ec) break;
        ++served;
        continue;
      }
    }
    Response res;
    bool read = request.method() == Verb::get || request.method() == Verb::head;
    if (writes && (!read || (reads_later && reads_later(request)))) {
      res = co_await respond_later(request);
    } else {
      res = respond(request);
      ++c->worker.made;
    }
    bool keep_alive = request.keep_alive() && !stopping;
    res.keep_alive(keep_alive);
    if (https) secure_over_https(res);
    unsigned status = res.result_int();
    std::size_t bytes = res.body().size();
    bool ok = co_await write(*c, res, request.method() == Verb::head);
    log(client, request.method_string(), request.target(), status, bytes, started);
    c->busy = false;
    if (!ok || !keep_alive) break;
    ++served;
  }
  if (moving_to) {
    if (auto moved = adopt(std::move(c->socket), c->worker, *moving_to))
      asio::co_spawn(moving_to->ioc, session(moved), asio::detached);
  } else {
    c->socket.shutdown(tcp::socket::shutdown_send, ec);
    c->socket.close(ec);
  }
  c->worker.live.erase(c.get());
  --c->worker.connections;
  std::lock_guard lock(mutex);
  connections.erase(c);
  drained.notify_all();
}

Response Server::State::respond(const Request& request) {
  try {
    return handler(request);
  } catch (...) {
    // Whatever its type: an answer, never a connection left hanging by a coroutine ended on it.
    return failed_request(request, std::current_exception());
  }
}

asio::awaitable<Response> Server::State::respond_later(const Request& request) {
  // The coroutine waits without a thread: `writes` calls back from wherever it finished (the
  // writer thread), and the answer is handed to this connection's event loop.
  return asio::async_initiate<const asio::use_awaitable_t<>&, void(Response)>(
      [this, &request](auto completion) {
        auto shared = std::make_shared<decltype(completion)>(std::move(completion));
        auto answered = std::make_shared<std::atomic<bool>>(false);
        Respond respond = [shared, answered](Response res) {
          if (answered->exchange(true)) return;  // once only
          auto executor = asio::get_associated_executor(*shared);
          asio::post(executor, [shared, res = std::move(res)]() mutable { (*shared)(std::move(res)); });
        };
        try {
          writes(request, respond);
        } catch (...) {
          respond(failed_request(request, std::current_exception()));
        }
      },
      asio::use_awaitable);
}

void Server::State::log(const std::string& remote, std::string_view method, std::string_view target, unsigned status,
                        std::size_t bytes, std::chrono::steady_clock::time_point started) {
  if (!config.access_log) return;
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  boost::json::object entry{{"time", date::format("%FT%TZ", now)},
                            {"remote", remote},
                            {"method", method},
                            {"target", target},
                            {"status", status},
                            {"bytes", bytes},
                            {"us", micros.count()}};
  config.access_log->info(boost::json::serialize(entry));
}

Server::Server(ServerConfig config, Handler handler, FastPath fast_path, AsyncHandler writes, ReadsLater reads_later)
    : state_(std::make_unique<State>(std::move(config), std::move(handler), std::move(fast_path), std::move(writes),
                                     std::move(reads_later))) {}

bool is_ip_address(const std::string& text) {
  beast::error_code ec;
  asio::ip::make_address(text, ec);
  return !ec;
}

Server::~Server() { stop(); }

void Server::start() {
  auto& s = *state_;
  beast::error_code ec;
  auto address = asio::ip::make_address(s.config.host, ec);
  if (ec) throw std::runtime_error("cannot listen on '" + s.config.host + "': not an IP address");
  // The CPUs this process may run on (a container's or taskset's share, not all the machine's).
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  unsigned cpus = ::sched_getaffinity(0, sizeof allowed, &allowed) == 0 ? static_cast<unsigned>(CPU_COUNT(&allowed))
                                                                        : std::thread::hardware_concurrency();
  unsigned count = s.config.threads ? s.config.threads : std::max(1u, cpus);
  auto fail = [&] {
    throw std::runtime_error("cannot listen on " + s.config.host + ":" + std::to_string(s.config.port) + ": " +
                             ec.message());
  };
  // SO_REUSEPORT would let a second server share a port in use, or the kernel hand out one
  // already shared: a plain socket takes the port first, and the workers share only that one.
  std::uint16_t port = 0;
  {
    asio::io_context probe_ioc;
    tcp::acceptor probe(probe_ioc);
    probe.open(address.is_v6() ? tcp::v6() : tcp::v4(), ec);
    if (!ec) probe.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) probe.bind(tcp::endpoint(address, s.config.port), ec);
    if (ec) fail();
    port = probe.local_endpoint().port();
  }
  for (unsigned i = 0; i < count; ++i) {
    auto worker = std::make_unique<Worker>();
    tcp::endpoint endpoint(address, port);
    worker->acceptor.open(endpoint.protocol(), ec);
    if (!ec) worker->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) worker->acceptor.set_option(reuse_port(true), ec);
    if (!ec) worker->acceptor.bind(endpoint, ec);
    if (!ec) worker->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) fail();
    s.workers.push_back(std::move(worker));
  }
  s.port = port;
  // One thread per CPU: each stays on its own, where the connections home_for gives it arrive.
  if (s.config.pin_threads && count > 1 && static_cast<unsigned>(CPU_COUNT(&allowed)) == count) {
    int cpu = 0;
    for (auto& worker : s.workers) {
      while (!CPU_ISSET(cpu, &allowed)) ++cpu;
      worker->cpu = cpu++;
    }
  }
  for (auto& worker : s.workers) {
    asio::co_spawn(worker->ioc, s.accept_loop(*worker), asio::detached);
    asio::co_spawn(worker->ioc, s.sweep(*worker), asio::detached);
    worker->thread = std::thread([w = worker.get()] {
      if (w->cpu >= 0) {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(w->cpu, &one);
        // Without it the connections are still shared out by CPU, only less well.
        if (int error = ::pthread_setaffinity_np(::pthread_self(), sizeof one, &one))
          spdlog::warn("cannot keep a server thread on CPU {}: {}", w->cpu, std::strerror(error));
      }
      w->ioc.run();
    });
  }
}

std::uint16_t Server::port() const { return state_->port; }

void Server::stop() {
  State* s = state_.get();
  if (!s->stopping.exchange(true)) {
    for (auto& worker : s->workers) {
      asio::post(worker->ioc, [w = worker.get()] {
        beast::error_code ec;
        w->acceptor.close(ec);
      });
    }
    std::unique_lock lock(s->mutex);
    for (const auto& c : s->connections) {
      asio::post(c->worker.ioc, [c] {
        beast::error_code ignored;  // the connection may have closed meanwhile
        if (!c->busy) c->socket.cancel(ignored);
      });
    }
    s->drained.wait_for(lock, s->config.shutdown_grace, [&] { return s->connections.empty(); });
  }
  for (auto& worker : s->workers) worker->ioc.stop();
  for (auto& worker : s->workers) {
    if (worker->thread.joinable() && worker->thread.get_id() != std::this_thread::get_id()) worker->thread.join();
  }
}

void Server::run_until_signal(std::function<void()> meanwhile) {
  asio::io_context signals_ioc;
  asio::signal_set signals(signals_ioc, SIGINT, SIGTERM);
  asio::steady_timer tick(signals_ioc);
  std::function<void()> wait_tick = [&] {
    tick.expires_after(std::chrono::seconds(5));
    tick.async_wait([&](beast::error_code ec) {
      if (ec) return;
      meanwhile();
      wait_tick();
    });
  };
  signals.async_wait([&](beast::error_code, int signal) {
    spdlog::info("signal {}: stopping", signal);
    tick.cancel();
  });
  if (meanwhile) wait_tick();
  signals_ioc.run();
  stop();
}

}  // namespace kpress::http
