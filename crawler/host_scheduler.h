// HostScheduler: per-origin politeness as plain logic over a Clock. It answers "when may the
// next request to this origin start?" from the origin's transfers in flight (at most
// per_host), the minimum gap between request starts (max of --delay and robots.txt
// Crawl-delay, the latter capped at 30 s) and any back-off (Retry-After, retries). It never
// sleeps or waits; the crawler arms a timer for NextStart(). Not thread-safe: the network
// thread owns it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace sightline::crawler {

class HostScheduler {
 public:
  HostScheduler(const Clock& clock, int per_host, std::chrono::milliseconds min_delay);

  // robots.txt Crawl-delay for the origin; capped at kMaxCrawlDelay (robots.h).
  void SetCrawlDelay(const std::string& origin, std::chrono::milliseconds delay);
  // No request to the origin starts before `until` (429/503 Retry-After, retry back-off).
  void BackOffUntil(const std::string& origin, SteadyTime until);

  // Earliest time a new request to the origin may start; nullopt while the origin already has
  // per_host transfers in flight (the next Finished() frees a slot).
  std::optional<SteadyTime> NextStart(const std::string& origin) const;
  // NextStart() has come.
  bool CanStart(const std::string& origin) const;

  void Started(const std::string& origin);
  void Finished(const std::string& origin);

  int InFlight(const std::string& origin) const;
  // The gap enforced between two request starts to the origin.
  std::chrono::milliseconds Gap(const std::string& origin) const;

 private:
  struct HostState {
    int in_flight = 0;
    std::optional<SteadyTime> last_start;
    std::chrono::milliseconds crawl_delay{0};
    SteadyTime backoff_until{};
  };

  const Clock& clock_;
  const int per_host_;
  const std::chrono::milliseconds min_delay_;
  std::unordered_map<std::string, HostState> hosts_;
};

}  // namespace sightline::crawler
