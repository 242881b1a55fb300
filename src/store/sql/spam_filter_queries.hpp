#pragma once
// The spam filter's words and totals in SQL, shared by the store's readers and its write
// transaction.
#include <string>
#include <vector>

#include "core/spam_filter.hpp"

namespace kpress::sql {

class Connection;

namespace spam_filter {

SpamFilterTotals totals(Connection& db);
std::vector<TokenCounts> word_counts(Connection& db, const std::vector<std::string>& tokens);
void train(Connection& db, const SpamTraining& training);

}  // namespace spam_filter
}  // namespace kpress::sql
