// RunPipelined: one job's two stages on two threads. `produce` runs on a thread of its own and
// hands each item to `consume`, which runs on the calling thread, through a queue of at most
// `capacity` items. After the crawl an audit's remaining work (linking the pages into findings
// and storing them; reading the stored findings back and rendering the report) was one thread
// taking turns between stages while the second core idled.
//
// The result is what running the stages in turn would give: every item emitted before an
// error is consumed, in order, and the first error is returned. When `consume` fails, the
// producer's next `emit` returns kCancelled and the producer is expected to return it.
// Should no thread be available, the stages run in turn on the calling thread. An exception
// from either stage reaches the caller, after the producer's thread has ended.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

#include "common/result.h"

namespace sightline {

template <typename T>
using Emit = std::function<Status(T)>;

template <typename T>
Status RunPipelined(size_t capacity, const std::function<Status(const Emit<T>&)>& produce,
                    const std::function<Status(T)>& consume) {
  struct Queue {
    std::mutex mu;
    std::condition_variable changed;
    std::deque<T> items;
    bool produced = false;   // produce() returned
    bool cancelled = false;  // the consumer stopped
    Status producer_status;
  } q;
  const size_t limit = capacity == 0 ? 1 : capacity;

  const Emit<T> emit = [&q, limit](T item) -> Status {
    std::unique_lock lock(q.mu);
    q.changed.wait(lock, [&] { return q.cancelled || q.items.size() < limit; });
    if (q.cancelled) return Fail(ErrorCode::kCancelled, "the consumer stopped");
    q.items.push_back(std::move(item));
    q.changed.notify_all();
    return Ok();
  };
  std::exception_ptr producer_threw;
  std::optional<std::jthread> producer;
  try {
    producer.emplace([&q, &produce, &emit, &producer_threw] {
      Status s;
      try {
        s = produce(emit);
      } catch (...) {  // e.g. bad_alloc: rethrown on the calling thread, as without a pipeline
        producer_threw = std::current_exception();
      }
      std::lock_guard lock(q.mu);
      q.produced = true;
      q.producer_status = std::move(s);
      q.changed.notify_all();
    });
  } catch (const std::system_error&) {
    return produce([&consume](T item) { return consume(std::move(item)); });
  }
  // However this function ends (an error, or an exception from `consume`), a producer waiting
  // for room is released before it is joined.
  struct CancelOnExit {
    Queue& q;
    ~CancelOnExit() {
      std::lock_guard lock(q.mu);
      q.cancelled = true;
      q.changed.notify_all();
    }
  } cancel_on_exit{q};

  while (true) {
    std::unique_lock lock(q.mu);
    q.changed.wait(lock, [&] { return q.produced || !q.items.empty(); });
    if (q.items.empty()) break;  // produced and drained
    T item = std::move(q.items.front());
    q.items.pop_front();
    q.changed.notify_all();
    lock.unlock();
    if (Status s = consume(std::move(item)); !s) return s;  // cancels, then joins
  }
  producer.reset();  // joins
  if (producer_threw) std::rethrow_exception(producer_threw);
  return q.producer_status;
}

}  // namespace sightline
