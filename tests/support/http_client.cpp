#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <poll.h>

#include <algorithm>
#include <cctype>

namespace kpress::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::string ClientResponse::header(const std::string& name) const {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  auto it = headers.find(lower);
  return it == headers.end() ? std::string() : it->second;
}

ClientResponse http_request(std::uint16_t port, http::Verb method, const std::string& target,
                            const std::string& body, const std::map<std::string, std::string>& headers) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  http::Request req{method, target, 11};
  req.set(http::Field::host, "127.0.0.1:" + std::to_string(port));
  req.set(http::Field::connection, "close");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  if (!body.empty() || method == http::Verb::post) req.prepare_payload();
  boost::beast::http::write(socket, req);
  boost::beast::flat_buffer buffer;
  boost::beast::http::response_parser<boost::beast::http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == http::Verb::head) parser.skip(true);
  boost::beast::http::read(socket, buffer, parser);
  auto& res = parser.get();
  ClientResponse out;
  out.status = res.result_int();
  for (const auto& field : res) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    out.headers[name] = std::string(field.value());
  }
  out.body = res.body();
  return out;
}

ClientResponse http_get(std::uint16_t port, const std::string& target,
                        const std::map<std::string, std::string>& headers) {
  return http_request(port, http::Verb::get, target, {}, headers);
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes, int timeout_ms) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  boost::system::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
  std::string received;
  char chunk[65536];
  for (;;) {
    pollfd fd{socket.native_handle(), POLLIN, 0};
    if (poll(&fd, 1, timeout_ms) <= 0) break;
    std::size_t n = socket.read_some(asio::buffer(chunk), ec);
    if (ec || n == 0) break;
    received.append(chunk, n);
  }
  return received;
}

}  // namespace kpress::testing
