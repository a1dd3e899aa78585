// ProgressLine: one self-rewriting line on stderr while a crawl runs (pages done / queued /
// failed, rate, ETA), only when stderr is a terminal; silent otherwise (cron, CI).
// Thread-safety: Update may be called from the crawler's thread while Finish runs after it.
#pragma once

#include <chrono>
#include <mutex>

#include "crawler/crawler.h"

namespace sightline::app {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled) {}
  void Update(const crawler::CrawlProgress& progress);
  void Finish();

 private:
  const bool enabled_;
  std::mutex mu_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace sightline::app
