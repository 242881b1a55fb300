#include "http/message.hpp"

#include <spdlog/spdlog.h>

#include "core/errors.hpp"

namespace kpress::http {

bool from_this_site(const Request& req) {
  if (auto site = req.find("Sec-Fetch-Site"); site != req.end()) {
    return site->value() == "same-origin" || site->value() == "none";
  }
  if (auto origin = req.find(Field::origin); origin != req.end()) {
    std::string_view host = req[Field::host];
    return origin->value() == "http://" + std::string(host) || origin->value() == "https://" + std::string(host);
  }
  return true;
}

Response make_response(Status status, std::string body, std::string_view content_type) {
  Response res{status, 11};
  res.set(Field::content_type, content_type);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response text_response(Status status, std::string body) {
  return make_response(status, std::move(body), "text/plain; charset=utf-8");
}

Response failed_request(const Request& request, std::exception_ptr error) {
  std::string what = "an exception of unknown type";
  try {
    std::rethrow_exception(error);
  } catch (const Unavailable& e) {
    spdlog::warn("request {} {}: {}", std::string(request.method_string()), std::string(request.target()), e.what());
    auto res = text_response(Status::service_unavailable, "Service unavailable: " + std::string(e.what()) + "\n");
    res.set(Field::retry_after, "5");
    return res;
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  spdlog::error("request {} {} failed: {}", std::string(request.method_string()), std::string(request.target()), what);
  return text_response(Status::internal_server_error, "Internal server error\n");
}

}  // namespace kpress::http
