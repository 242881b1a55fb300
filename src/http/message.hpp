#pragma once
// Requests and responses are Beast's; a handler is a plain function from one to the other.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace kpress::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;
using Verb = beast_http::verb;
using Field = beast_http::field;

using Handler = std::function<Response(const Request&)>;
// A handler that answers later, from any thread, by calling `respond` once: what waits (for a
// group commit to be durable) then holds no thread.
using Respond = std::function<void(Response)>;
using AsyncHandler = std::function<void(const Request&, Respond)>;
// Whether a request is answered by the AsyncHandler (see Server).
using ReadsLater = std::function<bool(const Request&)>;

// The client's IP address, set on every request by the server (a value the client sent under
// this name is dropped first), so handlers can limit what one address may do.
inline constexpr std::string_view kRemoteAddressHeader = "X-Kpress-Remote-Address";
// "https" when a trusted proxy says the client reached it over HTTPS (Forwarded's proto=,
// X-Forwarded-Proto), set by the server likewise; absent otherwise.
inline constexpr std::string_view kRemoteSchemeHeader = "X-Kpress-Remote-Scheme";
inline bool came_over_https(const Request& request) { return request[kRemoteSchemeHeader] == "https"; }
// What a response to a request that came over HTTPS carries: browsers come back over HTTPS
// only, for a year (sent over plain HTTP it would mean nothing, RFC 6797).
inline constexpr std::string_view kStrictTransportSecurity = "max-age=31536000";

// Bytes of a whole HTTP/1.1 response (status line, headers, body), ready for the wire, kept so
// by the page cache. A FastPath returns them for the requests it can answer so, or null.
struct RawResponse {
  std::shared_ptr<const std::string> bytes;
  unsigned status = 200;
  std::size_t body_size = 0;
  // Header lines ("Name: value\r\n", in storage that outlives the write) sent after the status
  // line of these bytes, which are the same for every reader.
  std::string_view extra_headers;
};
using FastPath = std::function<RawResponse(const Request&)>;

Response make_response(Status status, std::string body, std::string_view content_type);
// Whether a browser sent the request for a page of this site (Sec-Fetch-Site, else Origin): a
// cross-site form or script may not act for a reader. A request with neither header is not a
// browser acting for another site, and passes. For forms on pages cached for every reader,
// which cannot carry a per-reader token.
bool from_this_site(const Request& request);
Response text_response(Status status, std::string body);  // text/plain; charset=utf-8
// The 500 for a request whose handler threw `error` (of any type: a library's own error types
// are not std::exceptions), logged with what it says.
Response failed_request(const Request& request, std::exception_ptr error);

}  // namespace kpress::http
