#include "storage/internal/page_writer.h"

#include <algorithm>
#include <utility>

#include "common/batch_thread.h"

namespace sightline::storage::internal {

namespace {
size_t BytesOf(const PendingPage& p) {
  return p.page.body.size() + (p.meta.analysis ? p.meta.analysis->data.size() : 0) + 1024;
}
}  // namespace

PageWriter::PageWriter(BatchFn write, int batch_pages, std::chrono::milliseconds batch_interval,
                       size_t max_queued_bytes)
    : write_(std::move(write)),
      batch_pages_(static_cast<size_t>(std::max(1, batch_pages))),
      max_queued_(static_cast<size_t>(std::max(1, batch_pages)) * 4),
      batch_interval_(batch_interval),
      max_queued_bytes_(max_queued_bytes) {
  thread_ = std::thread([this] { Run(); });
}

PageWriter::~PageWriter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  thread_.join();
}

Status PageWriter::Enqueue(PendingPage page) {
  std::unique_lock lock(mu_);
  const size_t bytes = BytesOf(page);
  done_cv_.wait(lock, [&] {
    return error_.has_value() || queue_.empty() ||
           (queue_.size() < max_queued_ && queued_bytes_ + bytes <= max_queued_bytes_);
  });
  if (error_) return Unexpected(*error_);
  queued_bytes_ += bytes;
  queue_.push_back(std::move(page));
  ++enqueued_;
  if (queue_.size() >= batch_pages_) work_cv_.notify_all();
  if (queue_.size() == 1) work_cv_.notify_all();
  return Ok();
}

Status PageWriter::Flush() {
  std::unique_lock lock(mu_);
  const uint64_t target = enqueued_;
  flush_target_ = std::max(flush_target_, target);
  work_cv_.notify_all();
  done_cv_.wait(lock, [&] { return settled_ >= target; });
  if (error_) return Unexpected(*error_);
  return Ok();
}

std::optional<Error> PageWriter::error() const {
  std::lock_guard lock(mu_);
  return error_;
}

void PageWriter::Run() {
  MarkThreadAsBatch();
  std::unique_lock lock(mu_);
  while (true) {
    work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping and nothing left
    // Give the batch time to fill unless someone is waiting for it.
    const auto deadline = std::chrono::steady_clock::now() + batch_interval_;
    work_cv_.wait_until(lock, deadline, [&] {
      return stop_ || queue_.size() >= batch_pages_ || flush_target_ > settled_;
    });
    std::vector<PendingPage> batch;
    // A batch also ends at the byte budget, so one transaction never holds many large pages.
    size_t batch_bytes = 0;
    while (!queue_.empty() && batch.size() < batch_pages_ &&
           (batch.empty() || batch_bytes + BytesOf(queue_.front()) <= max_queued_bytes_)) {
      batch_bytes += BytesOf(queue_.front());
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    const bool failed_before = error_.has_value();
    lock.unlock();
    Status s = failed_before ? Status() : write_(batch);
    lock.lock();
    if (!s && !error_) error_ = s.error();
    settled_ += batch.size();
    queued_bytes_ -= batch_bytes;
    batch.clear();  // release the bodies before waking producers
    done_cv_.notify_all();
  }
}

}  // namespace sightline::storage::internal
