#pragma once
#include <boost/json/fwd.hpp>

#include "http/message.hpp"

namespace kpress {

// A JSON API response, readable from any origin (the API is public and read-only).
http::Response json_response(http::Status status, const boost::json::value& value);

}  // namespace kpress
