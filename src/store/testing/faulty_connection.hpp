#pragma once
// A connection that fails when told to, around a real one, in the manner of LevelDB's
// fault-injecting Env: a test arms it to fail a commit or every statement whose SQL contains some
// text, then checks what a failure leaves behind (nothing half-written) and what the reader or
// writer is told. Shared by every connection a store opens through faulty().
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "store/sql/connection.hpp"

namespace kpress::sql::testing {

class Faults {
 public:
  // The next COMMIT of a write transaction fails (once), as a full disk or a lost server would.
  void fail_next_commit() { commit_fails_ = true; }
  // Every statement whose SQL contains `text` fails until cleared ("" clears).
  void fail_statements_with(std::string text) {
    std::lock_guard lock(mutex_);
    statement_text_ = std::move(text);
  }
  bool take_commit_failure() { return commit_fails_.exchange(false); }
  bool fails(std::string_view sql) const {
    std::lock_guard lock(mutex_);
    return !statement_text_.empty() && sql.find(statement_text_) != std::string_view::npos;
  }

 private:
  std::atomic<bool> commit_fails_{false};
  mutable std::mutex mutex_;
  std::string statement_text_;
};

// `connect` wrapped: each connection it opens obeys `faults`.
Connect faulty(Connect connect, std::shared_ptr<Faults> faults);

}  // namespace kpress::sql::testing
