#pragma once
// What a request may fail on without being wrong: a service it needs (the database) cannot
// answer now. The server answers 503 with the reason rather than 500, and the request may be
// tried again; everything else that throws is a 500.
#include <stdexcept>
#include <string>

namespace kpress {

class Unavailable : public virtual std::runtime_error {
 public:
  explicit Unavailable(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace kpress
