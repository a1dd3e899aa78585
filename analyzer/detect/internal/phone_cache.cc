#include "analyzer/detect/internal/phone_cache.h"

namespace sightline::analyzer::detect_internal {

bool PhoneCache::Lookup(const std::string& window, std::vector<PhoneHit>* hits) const {
  if (capacity_ == 0) return false;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = map_.find(window);
  if (it == map_.end()) return false;
  *hits = it->second;
  return true;
}

void PhoneCache::Insert(const std::string& window, const std::vector<PhoneHit>& hits) {
  if (capacity_ == 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  // Emptied rather than evicted one by one: simple, and the windows that matter (a site's
  // own numbers) come back on the next page.
  if (map_.size() >= capacity_) map_.clear();
  map_.emplace(window, hits);
}

}  // namespace sightline::analyzer::detect_internal
