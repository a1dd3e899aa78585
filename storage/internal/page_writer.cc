#include "storage/internal/page_writer.h"

#include <algorithm>
#include <utility>

namespace sightline::storage::internal {

PageWriter::PageWriter(BatchFn write, int batch_pages, std::chrono::milliseconds batch_interval)
    : write_(std::move(write)),
      batch_pages_(static_cast<size_t>(std::max(1, batch_pages))),
      max_queued_(static_cast<size_t>(std::max(1, batch_pages)) * 4),
      batch_interval_(batch_interval) {
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
  done_cv_.wait(lock, [&] { return error_.has_value() || queue_.size() < max_queued_; });
  if (error_) return Unexpected(*error_);
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
    const size_t n = std::min(queue_.size(), batch_pages_);
    batch.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    const bool failed_before = error_.has_value();
    lock.unlock();
    Status s = failed_before ? Status() : write_(batch);
    lock.lock();
    if (!s && !error_) error_ = s.error();
    settled_ += batch.size();
    done_cv_.notify_all();
  }
}

}  // namespace sightline::storage::internal
