// Time bounds for asynchronous tests: a hang becomes a test failure, never a stalled suite.
// RunFor drives an io_context on the calling thread; WaitUntil polls a predicate; WaitFor
// waits on a future. Each reports ADD_FAILURE (with the caller's description) on timeout and
// returns false, so a test can also `ASSERT_TRUE(RunFor(...))`. Header-only, stateless.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <future>
#include <string_view>
#include <thread>

namespace sightline::testing {

// Runs `io` until it runs out of work. Returns false (and fails the test) if work is still
// pending after `limit`; the context is then stopped so that its handlers do not run later.
inline bool RunFor(boost::asio::io_context& io, std::chrono::milliseconds limit,
                   std::string_view what = "io_context") {
  io.restart();
  io.run_for(limit);
  if (io.stopped()) return true;
  io.stop();
  ADD_FAILURE() << what << " still had work after " << limit.count() << " ms";
  return false;
}

// Polls `predicate` every `poll` until it returns true or `limit` passes.
template <class Predicate>
bool WaitUntil(Predicate predicate, std::chrono::milliseconds limit,
               std::string_view what = "condition",
               std::chrono::milliseconds poll = std::chrono::milliseconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ADD_FAILURE() << what << " not reached within " << limit.count() << " ms";
      return false;
    }
    std::this_thread::sleep_for(poll);
  }
  return true;
}

// Waits for `future` to become ready (it is not consumed).
template <class T>
bool WaitFor(std::future<T>& future, std::chrono::milliseconds limit,
             std::string_view what = "future") {
  if (future.wait_for(limit) == std::future_status::ready) return true;
  ADD_FAILURE() << what << " not ready within " << limit.count() << " ms";
  return false;
}

}  // namespace sightline::testing
