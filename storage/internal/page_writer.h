// PageWriter: the store's single writer. RecordPage calls Enqueue from any thread; one thread
// drains the queue into a caller-supplied batch function (one transaction per batch), when
// `batch_pages` are queued, the oldest has waited `batch_interval`, or Flush asks. The first
// write error is sticky: later Enqueue/Flush calls return it. The queue is bounded, so a slow
// disk slows the crawl instead of growing memory.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "analyzer/mention.h"
#include "common/result.h"
#include "crawler/fetched_page.h"
#include "storage/audit_store.h"

namespace sightline::storage::internal {

struct PendingPage {
  int64_t audit_id = 0;
  crawler::FetchedPage page;
  PageMeta meta;
  std::vector<analyzer::Mention> mentions;
};

class PageWriter {
 public:
  using BatchFn = std::function<Status(std::vector<PendingPage>& batch)>;

  PageWriter(BatchFn write, int batch_pages, std::chrono::milliseconds batch_interval,
             size_t max_queued_bytes);
  // Writes what is still queued, then stops the thread.
  ~PageWriter();
  PageWriter(const PageWriter&) = delete;
  PageWriter& operator=(const PageWriter&) = delete;

  Status Enqueue(PendingPage page);
  Status Flush();
  // The sticky error, if any.
  std::optional<Error> error() const;

 private:
  void Run();

  const BatchFn write_;
  const size_t batch_pages_;
  const size_t max_queued_;
  const std::chrono::milliseconds batch_interval_;
  const size_t max_queued_bytes_;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::deque<PendingPage> queue_;
  size_t queued_bytes_ = 0;
  uint64_t enqueued_ = 0;
  uint64_t settled_ = 0;  // written or dropped after an error
  uint64_t flush_target_ = 0;
  bool stop_ = false;
  std::optional<Error> error_;
  std::thread thread_;
};

}  // namespace sightline::storage::internal
