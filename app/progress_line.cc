#include "app/progress_line.h"

#include <cstdio>

namespace sightline::app {

void ProgressLine::Update(const crawler::CrawlProgress& p) {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  // Redraw at most ten times a second: a fast crawl must not spend its time on the terminal.
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? p.fetched / seconds : 0;
  const int remaining = p.queued + p.in_flight;
  char eta[32] = "--";
  if (rate > 0 && remaining > 0) {
    std::snprintf(eta, sizeof eta, "%.0fs", remaining / rate);
  }
  std::fprintf(stderr, "\r\033[K%d pages, %d queued, %d failed, %d skipped, %.1f pages/s, ETA %s",
               p.fetched, remaining, p.failed, p.skipped, rate, eta);
  std::fflush(stderr);
}

void ProgressLine::Finish() {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  if (drawn_) std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace sightline::app
