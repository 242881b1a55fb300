#include "site/json_response.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace kpress {

http::Response json_response(http::Status status, const boost::json::value& value) {
  auto res = http::make_response(status, boost::json::serialize(value), "application/json");
  res.set(http::Field::access_control_allow_origin, "*");
  return res;
}

}  // namespace kpress
