#include "site/json_response.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace kpress {

http::Response json_response(http::Status status, const boost::json::value& value) {
  auto res = http::make_response(status, boost::json::serialize(value), "application/json");
  res.set(http::Field::access_control_allow_origin, "*");
  return res;
}

http::Response json_error(http::Status status, std::string message) {
  return json_response(status, boost::json::object{{"error", std::move(message)}});
}

}  // namespace kpress
