#include "crawler/archive/archive_cache.h"

namespace sightline::archive {

std::optional<std::string> MemoryArchiveCache::Get(std::string_view archive, std::string_view key,
                                                   WallTime now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(std::make_pair(std::string(archive), std::string(key)));
  if (it == entries_.end()) return std::nullopt;
  // An entry stamped in the future (clock stepped back) is treated as fresh until its TTL.
  if (now - it->second.stored_at >= ttl_) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.value;
}

void MemoryArchiveCache::Put(std::string_view archive, std::string_view key, std::string_view value,
                             WallTime now) {
  std::lock_guard lock(mu_);
  entries_[std::make_pair(std::string(archive), std::string(key))] = Entry{std::string(value), now};
}

size_t MemoryArchiveCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace sightline::archive
