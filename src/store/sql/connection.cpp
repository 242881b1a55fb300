#include "store/sql/connection.hpp"

namespace kpress::sql {

PreparedStatement& Connection::prepared(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) it = cache_.emplace(std::string(sql), make_statement(sql)).first;
  return *it->second;
}

}  // namespace kpress::sql
