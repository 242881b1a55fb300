#pragma once
#include <boost/json/fwd.hpp>

#include <string>

#include "http/message.hpp"

namespace kpress {

// A JSON API response, readable from any origin (the API is public and read-only).
http::Response json_response(http::Status status, const boost::json::value& value);
// {"error": "what is wrong"}, for a request the API refuses.
http::Response json_error(http::Status status, std::string message);

}  // namespace kpress
