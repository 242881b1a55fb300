#pragma once
// A small blocking HTTP/1.1 client for tests: one request per connection, or raw bytes for
// requests no real client would send.
#include <cstdint>
#include <map>
#include <string>

#include "http/message.hpp"

namespace kpress::testing {

struct ClientResponse {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string header(const std::string& name) const;
};

ClientResponse http_get(std::uint16_t port, const std::string& target,
                        const std::map<std::string, std::string>& headers = {});
ClientResponse http_request(std::uint16_t port, http::Verb method, const std::string& target,
                            const std::string& body = {}, const std::map<std::string, std::string>& headers = {});
// Sends `bytes` as they are and returns everything the server sends back until it closes the
// connection (or `timeout_ms` passes).
std::string raw_exchange(std::uint16_t port, const std::string& bytes, int timeout_ms = 5000);

}  // namespace kpress::testing
