#pragma once
// A browser for the admin in HTTP tests: it keeps its cookies and the CSRF token of the last
// page it read, signs in, and posts forms as a browser encodes them.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support/http_client.hpp"

namespace kpress::testing {

inline constexpr const char* kTestPassword = "correct horse battery staple";

// name=value&... with everything but unreserved characters percent-encoded.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
// The value of the first csrf field of a page; "" when it has none.
std::string csrf_in(const std::string& page);

class AdminBrowser {
 public:
  explicit AdminBrowser(std::uint16_t port) : port_(port) {}
  ClientResponse get(const std::string& target);
  // Posts the fields, with the CSRF token of the last page unless `with_csrf` is false.
  ClientResponse post(const std::string& target, std::vector<std::pair<std::string, std::string>> fields, bool with_csrf = true);
  // Posts a raw body of the given type, with the session's cookies.
  ClientResponse post_body(const std::string& target, const std::string& content_type, const std::string& body);
  ClientResponse sign_in(const std::string& email, const std::string& password = kTestPassword);
  const std::string& csrf() const { return csrf_; }

 private:
  std::map<std::string, std::string> headers() const;
  void keep(const ClientResponse& res);
  std::uint16_t port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

}  // namespace kpress::testing
