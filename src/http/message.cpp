#include "http/message.hpp"

namespace kpress::http {

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

}  // namespace kpress::http
