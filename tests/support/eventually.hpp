#pragma once
// Waits on a condition that another thread or process makes true, with a deadline: never a
// sleep followed by an assertion.
#include <chrono>
#include <thread>

namespace kpress::testing {

template <typename Condition>
bool eventually(Condition&& condition, std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
  auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace kpress::testing
