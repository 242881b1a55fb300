#pragma once
// Redirects and what imports made (import_origins) in SQL, shared by the store's readers and its
// write transaction.
#include <optional>
#include <string>
#include <string_view>

#include "core/redirects.hpp"

namespace kpress {
struct ImportOrigin;
struct RedirectQuery;
struct RedirectList;
}  // namespace kpress

namespace kpress::sql {

class Connection;

namespace redirects {

void save(Connection& db, const Redirect& redirect);
void erase(Connection& db, std::string_view from);
std::optional<Redirect> find(Connection& db, std::string_view from);
RedirectList list(Connection& db, const RedirectQuery& query);

}  // namespace redirects

namespace import_origins {

void save(Connection& db, const ImportOrigin& origin);
std::optional<ImportOrigin> find(Connection& db, std::string_view origin, std::string_view kind, std::string_view source_id);

}  // namespace import_origins
}  // namespace kpress::sql
