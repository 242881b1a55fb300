#pragma once
// Readers' comments in SQL, shared by the store's readers and its write transaction.
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/comments.hpp"

namespace kpress {
struct CommentQuery;
struct CommentList;
}  // namespace kpress

namespace kpress::sql {

class Connection;

namespace comments {

std::int64_t save(Connection& db, const Comment& comment);
void erase(Connection& db, const std::vector<std::int64_t>& ids);

std::optional<Comment> by_id(Connection& db, std::int64_t id);
std::vector<Comment> of_article(Connection& db, std::int64_t article_id, std::optional<CommentStatus> status);
CommentList find(Connection& db, const CommentQuery& query);
std::map<std::int64_t, std::int64_t> counts(Connection& db, const std::vector<std::int64_t>& article_ids);
bool commenter_known(Connection& db, std::string_view email_key, std::string_view browser_key);
void unsubscribe(Connection& db, std::string_view email_key, Instant at);
bool unsubscribed(Connection& db, std::string_view email_key);

}  // namespace comments
}  // namespace kpress::sql
