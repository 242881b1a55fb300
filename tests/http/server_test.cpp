// The HTTP server on its own: keep-alive, HEAD, limits, timeouts and graceful stop.
#include "http/server.hpp"

#include <gtest/gtest.h>
#include <sched.h>

#include <atomic>
#include <csignal>
#include <unistd.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <future>
#include <thread>

#include "http/blocking_pool.hpp"
#include "http/router.hpp"
#include "support/http_client.hpp"

namespace kpress::http {
namespace {

using testing::http_get;
using testing::raw_exchange;
using namespace std::chrono_literals;

struct RunningServer {
  explicit RunningServer(ServerConfig config, Handler handler = nullptr) {
    config.host = "127.0.0.1";
    config.port = 0;
    config.threads = 2;
    if (!handler) handler = [](const Request& req) {
      if (req.target() == "/slow") std::this_thread::sleep_for(600ms);
      return text_response(Status::ok, "hello " + std::string(req.target()) + " " + std::to_string(req.body().size()));
    };
    server = std::make_unique<Server>(config, handler);
    server->start();
  }
  std::unique_ptr<Server> server;
  std::uint16_t port() const { return server->port(); }
};

// What the allocator kept for a burst of work goes back once the thread that did it falls idle:
// an event loop that made answers, and a pool's thread, each run when_idle after their work, and
// again after the next.
TEST(Server, AThreadThatFallsIdleAfterWorkRunsWhenIdle) {
  std::atomic<int> loop_idle{0}, pool_idle{0};
  auto reaches = [](const std::atomic<int>& count, int value) {
    for (auto deadline = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < deadline;) {
      if (count >= value) return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  };
  BlockingPool pool(1, [&] { ++pool_idle; });
  Router router;
  router.add(Verb::get, "/page", [](const Request&, const RouteParams&) { return text_response(Status::ok, "page"); });
  ServerConfig config;
  config.host = "127.0.0.1";
  config.port = 0;
  config.threads = 1;
  config.when_idle = [&] { ++loop_idle; };
  Server server(config, [&](const Request& req) { return router.dispatch(req); });
  server.start();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(http_get(server.port(), "/page").body, "page");
  for (int i = 0; i < 3; ++i) pool.post([] {});
  EXPECT_TRUE(reaches(loop_idle, 1));
  EXPECT_TRUE(reaches(pool_idle, 1));
  int after_first = loop_idle;
  EXPECT_EQ(http_get(server.port(), "/page").body, "page");  // work again, then idle again
  pool.post([] {});
  EXPECT_TRUE(reaches(loop_idle, after_first + 1));
  EXPECT_TRUE(reaches(pool_idle, 2));
}

// A GET route added with add_async (a search) runs off the event loop: on a one-thread server,
// other readers are answered while it works, and it still answers, HEAD included.
TEST(Server, AReadThatAnswersLaterLeavesTheEventLoopFree) {
  BlockingPool pool(1);
  Router router;
  router.add_async(Verb::get, "/slow", pool.run_here([](const Request&, const RouteParams&) {
    std::this_thread::sleep_for(1500ms);
    return text_response(Status::ok, "slow done");
  }));
  router.add(Verb::get, "/fast", [](const Request&, const RouteParams&) { return text_response(Status::ok, "fast"); });
  ServerConfig config;
  config.host = "127.0.0.1";
  config.port = 0;
  config.threads = 1;
  Server server(
      config, [&](const Request& req) { return router.dispatch(req); }, nullptr,
      [&](const Request& req, Respond respond) { router.dispatch_async(req, std::move(respond)); },
      [&](const Request& req) { return router.answers_later(req); });
  server.start();
  EXPECT_TRUE(router.answers_later(Request{Verb::get, "/slow", 11}));
  EXPECT_TRUE(router.answers_later(Request{Verb::head, "/slow?x=1", 11}));
  EXPECT_FALSE(router.answers_later(Request{Verb::get, "/fast", 11}));
  EXPECT_FALSE(router.answers_later(Request{Verb::get, "/nowhere", 11}));
  auto slow = std::async(std::launch::async, [&] { return http_get(server.port(), "/slow"); });
  std::this_thread::sleep_for(200ms);  // the slow request is being worked on
  auto started = std::chrono::steady_clock::now();
  auto fast = http_get(server.port(), "/fast");
  EXPECT_EQ(fast.body, "fast");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 700ms);
  EXPECT_EQ(slow.get().body, "slow done");
  auto head = raw_exchange(server.port(), "HEAD /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(head.find("HTTP/1.1 200 OK"), std::string::npos);
  EXPECT_EQ(head.find("slow done"), std::string::npos);
  server.stop();
}

TEST(Server, AnswersAndAddsSecurityHeaders) {
  RunningServer s({});
  auto res = http_get(s.port(), "/x");
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.body, "hello /x 0");
  EXPECT_NE(res.header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(res.header("x-content-type-options"), "nosniff");
  EXPECT_FALSE(res.header("referrer-policy").empty());
}

TEST(Server, KeepsConnectionsAliveForSeveralRequests) {
  RunningServer s({});
  auto reply = raw_exchange(s.port(),
                            "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
                            "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"
                            "GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(reply.find("hello /a"), std::string::npos);
  EXPECT_NE(reply.find("hello /b"), std::string::npos);
  EXPECT_NE(reply.find("hello /c"), std::string::npos);
}

TEST(Server, AnswersHeadWithHeadersAndNoBody) {
  RunningServer s({});
  auto reply = raw_exchange(s.port(), "HEAD /abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(reply.find("HTTP/1.1 200 OK"), std::string::npos);
  EXPECT_NE(reply.find("Content-Length: 12\r\n"), std::string::npos);  // the size of "hello /abc 0"
  EXPECT_EQ(reply.find("hello"), std::string::npos);
}

TEST(Server, RefusesAMalformedRequestLineWith400AndStaysUp) {
  RunningServer s({});
  auto reply = raw_exchange(s.port(), "GARBAGE\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply;
  reply = raw_exchange(s.port(), "GET / HTTP/9.9\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply;
  reply = raw_exchange(s.port(), "GET / HTTP/1.1\r\nHost x\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply;
  EXPECT_EQ(http_get(s.port(), "/still-up").status, 200u);
}

TEST(Server, RefusesOversizedHeadersWith431) {
  ServerConfig config;
  config.header_limit = 4096;
  RunningServer s(config);
  auto reply = raw_exchange(s.port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8000, 'a') + "\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 431")) << reply.substr(0, 100);
  EXPECT_EQ(http_get(s.port(), "/").status, 200u);
}

TEST(Server, RefusesOversizedBodiesWith413) {
  ServerConfig config;
  config.body_limit = 1000;
  RunningServer s(config);
  std::string body(5000, 'x');
  auto reply = raw_exchange(s.port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + body);
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply.substr(0, 100);
  reply = raw_exchange(s.port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123456789");
  EXPECT_NE(reply.find("hello / 10"), std::string::npos);
}

TEST(Server, ClosesAStalledRequestAfterTheReadTimeout) {
  ServerConfig config;
  config.read_timeout = 300ms;
  RunningServer s(config);
  auto start = std::chrono::steady_clock::now();
  auto reply = raw_exchange(s.port(), "GET / HTTP/1.1\r\nHost: x\r\n", 5000);
  auto elapsed = std::chrono::steady_clock::now() - start;
  // The connection is closed: the worker is free again, and the server answers others.
  EXPECT_EQ(reply, "");
  EXPECT_LT(elapsed, 3s);
  EXPECT_EQ(http_get(s.port(), "/").status, 200u);
}

TEST(Server, ClosesIdleConnectionsAfterTheIdleTimeout) {
  ServerConfig config;
  config.idle_timeout = 300ms;
  RunningServer s(config);
  auto start = std::chrono::steady_clock::now();
  auto reply = raw_exchange(s.port(), "", 5000);
  EXPECT_EQ(reply, "");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

// A reader that stops reading does not keep its answer in memory for ever: once the write has
// waited write_timeout, the connection is closed and the reader gets only what it had been sent.
TEST(Server, GivesUpAnAnswerTheReaderStoppedReadingAfterTheWriteTimeout) {
  ServerConfig config;
  config.write_timeout = 300ms;
  const std::size_t size = 64 * 1024 * 1024;  // far more than the sockets' buffers hold
  RunningServer s(config, [&](const Request& req) {
    return text_response(Status::ok, req.target() == "/big" ? std::string(size, 'k') : "small");
  });
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), s.port()});
  std::string request = "GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(request));
  std::this_thread::sleep_for(1500ms);  // reading nothing
  std::size_t received = 0;
  std::vector<char> chunk(1 << 20);
  boost::system::error_code ec;
  while (!ec) received += socket.read_some(boost::asio::buffer(chunk), ec);
  EXPECT_GT(received, 0u);
  EXPECT_LT(received, size) << "the whole answer came, " << ec.message();
  EXPECT_EQ(http_get(s.port(), "/x").body, "small");  // and the server goes on
}

TEST(Server, StopsGracefullyFinishingRequestsInFlight) {
  RunningServer s({});
  auto port = s.port();
  auto slow = std::async(std::launch::async, [port] { return http_get(port, "/slow"); });
  std::this_thread::sleep_for(150ms);  // the request is being handled
  auto idle = std::async(std::launch::async, [port] { return raw_exchange(port, "", 5000); });
  std::this_thread::sleep_for(50ms);
  auto start = std::chrono::steady_clock::now();
  s.server->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  auto res = slow.get();
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.body, "hello /slow 0");
  EXPECT_EQ(idle.get(), "");  // an idle connection is closed, not left hanging
  EXPECT_THROW(http_get(port, "/"), std::exception);  // no longer accepting
}

// The main thread waits for a signal; what it was given to do meanwhile (give back the memory
// it allocated while starting) runs on it, again and again, until the signal stops the server.
TEST(Server, RunsItsWorkMeanwhileOnTheWaitingThreadUntilASignal) {
  RunningServer s({});
  auto waiting = std::this_thread::get_id();
  std::atomic<int> runs{0};
  std::atomic<bool> on_the_waiting_thread{true};
  // The signal comes from elsewhere, as a service manager's does, once the work ran twice.
  auto signaller = std::async(std::launch::async, [&] {
    for (auto deadline = std::chrono::steady_clock::now() + 30s; runs < 2 && std::chrono::steady_clock::now() < deadline;)
      std::this_thread::sleep_for(20ms);
    ::kill(::getpid(), SIGTERM);
  });
  s.server->run_until_signal([&] {
    if (std::this_thread::get_id() != waiting) on_the_waiting_thread = false;
    ++runs;
  });
  signaller.get();
  EXPECT_GE(runs, 2);
  EXPECT_TRUE(on_the_waiting_thread);  // and run_until_signal returned: the signal ended the wait
}

TEST(Server, TurnsAnExceptionIntoA500WithoutDetails) {
  RunningServer s({}, [](const Request&) -> Response { throw std::runtime_error("secret internal detail"); });
  auto res = http_get(s.port(), "/");
  EXPECT_EQ(res.status, 500u);
  EXPECT_EQ(res.body.find("secret"), std::string::npos);
}

// A library's own error type (Xapian's are not std::exceptions) is still an answer: the
// connection is neither closed nor left waiting.
TEST(Server, AnExceptionOfAnyTypeIsA500Too) {
  struct LibraryError {};
  RunningServer s({}, [](const Request&) -> Response { throw LibraryError{}; });
  auto res = http_get(s.port(), "/");
  EXPECT_EQ(res.status, 500u);
  EXPECT_EQ(http_get(s.port(), "/").status, 500u);  // and the server goes on
}

TEST(Server, RefusesAPortAnotherServerListensOn) {
  RunningServer first({});
  ServerConfig config;
  config.host = "127.0.0.1";
  config.port = first.port();
  config.threads = 2;
  Server second(config, [](const Request&) { return text_response(Status::ok, "second"); });
  try {
    second.start();
    FAIL() << "two servers on port " << first.port();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(first.port())), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(http_get(first.port(), "/x").body, "hello /x 0");
}

TEST(Server, EveryWorkerAnswersOnTheSharedPort) {
  RunningServer s({});
  // Connections are spread over the workers by the kernel; all of them answer.
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < 16; ++i) {
    clients.emplace_back([&] {
      if (http_get(s.port(), "/y").body == "hello /y 0") ++ok;
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(ok, 16);
}

// With a thread per CPU, a connection is served on the CPU its client sends from, so a client
// thread and the server thread answering it take turns on one CPU instead of each waiting for the
// other to be scheduled. When the client moves to another CPU, its kept-alive connection follows
// it between requests, and no request is lost on the way.
TEST(Server, AConnectionIsServedOnTheCpuItsClientSendsFrom) {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  ASSERT_EQ(sched_getaffinity(0, sizeof allowed, &allowed), 0);
  std::vector<int> cpus;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &allowed)) cpus.push_back(cpu);
  if (cpus.size() < 2) GTEST_SKIP() << "needs two CPUs, this test may run on " << cpus.size();
  ServerConfig config;
  config.host = "127.0.0.1";
  config.port = 0;
  config.threads = static_cast<unsigned>(cpus.size());
  Server server(config, [](const Request&) { return text_response(Status::ok, std::to_string(sched_getcpu())); });
  server.start();

  namespace asio = boost::asio;
  namespace beast = boost::beast;
  std::vector<std::vector<std::string>> answers;  // per stay on a CPU, in order
  std::thread client([&] {
    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    auto pin = [](int cpu) {
      cpu_set_t one;
      CPU_ZERO(&one);
      CPU_SET(cpu, &one);
      return pthread_setaffinity_np(pthread_self(), sizeof one, &one) == 0;
    };
    if (!pin(cpus[0])) return;
    socket.connect({asio::ip::make_address("127.0.0.1"), server.port()});
    beast::flat_buffer buffer;
    for (int cpu : {cpus[0], cpus[1], cpus[0]}) {
      if (!pin(cpu)) return;
      auto& here = answers.emplace_back();
      for (int i = 0; i < 16; ++i) {
        beast_http::request<beast_http::string_body> req{Verb::get, "/cpu", 11};
        req.set(Field::host, "x");
        beast_http::write(socket, req);
        beast_http::response<beast_http::string_body> res;
        beast_http::read(socket, buffer, res);
        here.push_back(res.result() == Status::ok ? res.body() : "status " + std::to_string(res.result_int()));
      }
    }
  });
  client.join();
  ASSERT_EQ(answers.size(), 3u) << "the client thread could not be kept on a CPU";
  std::vector<int> stays{cpus[0], cpus[1], cpus[0]};
  for (std::size_t stay = 0; stay < answers.size(); ++stay) {
    ASSERT_EQ(answers[stay].size(), 16u);
    // It moves within a few requests of its client; then every answer comes from there.
    for (std::size_t i = 10; i < 16; ++i)
      EXPECT_EQ(answers[stay][i], std::to_string(stays[stay])) << "stay " << stay << ", request " << i;
  }
  // From the first request on, it was served where its client connected from.
  EXPECT_EQ(answers[0][0], std::to_string(cpus[0]));
  server.stop();
}

}  // namespace
}  // namespace kpress::http
