#include "crawler/host_scheduler.h"

#include <algorithm>

#include "crawler/robots.h"

namespace sightline::crawler {

HostScheduler::HostScheduler(const Clock& clock, int per_host, std::chrono::milliseconds min_delay)
    : clock_(clock),
      per_host_(std::max(1, per_host)),
      min_delay_(std::max(min_delay.zero(), min_delay)) {}

void HostScheduler::SetCrawlDelay(const std::string& origin, std::chrono::milliseconds delay) {
  hosts_[origin].crawl_delay =
      std::clamp(delay, std::chrono::milliseconds(0), std::chrono::milliseconds(kMaxCrawlDelay));
}

void HostScheduler::BackOffUntil(const std::string& origin, SteadyTime until) {
  HostState& h = hosts_[origin];
  h.backoff_until = std::max(h.backoff_until, until);
}

std::chrono::milliseconds HostScheduler::Gap(const std::string& origin) const {
  const auto it = hosts_.find(origin);
  if (it == hosts_.end()) return min_delay_;
  return std::max(min_delay_, it->second.crawl_delay);
}

std::optional<SteadyTime> HostScheduler::NextStart(const std::string& origin) const {
  const SteadyTime now = clock_.SteadyNow();
  const auto it = hosts_.find(origin);
  if (it == hosts_.end()) return now;
  const HostState& h = it->second;
  if (h.in_flight >= per_host_) return std::nullopt;
  // A Crawl-delay asks for one request at a time, not merely spaced starts.
  if (h.crawl_delay > std::chrono::milliseconds(0) && h.in_flight > 0) return std::nullopt;
  SteadyTime next = now;
  if (h.last_start) next = std::max(next, *h.last_start + Gap(origin));
  next = std::max(next, h.backoff_until);
  return next;
}

bool HostScheduler::CanStart(const std::string& origin) const {
  const auto next = NextStart(origin);
  return next && *next <= clock_.SteadyNow();
}

void HostScheduler::Started(const std::string& origin) {
  HostState& h = hosts_[origin];
  ++h.in_flight;
  h.last_start = clock_.SteadyNow();
}

void HostScheduler::Finished(const std::string& origin) {
  HostState& h = hosts_[origin];
  if (h.in_flight > 0) --h.in_flight;
}

int HostScheduler::InFlight(const std::string& origin) const {
  const auto it = hosts_.find(origin);
  return it == hosts_.end() ? 0 : it->second.in_flight;
}

}  // namespace sightline::crawler
