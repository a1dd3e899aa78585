// ArchiveCache: where archive look-ups keep their answers for a day, so a nightly audit asks
// each archive about each URL at most once a day. Keys are (archive, key) where key is the
// page URL (or a URL plus a crawl id for Common Crawl); values are opaque JSON text written by
// ArchiveClient. The app adapts storage::AuditStore's archive cache table to this interface;
// MemoryArchiveCache serves tests and runs without a database.
// Thread-safety: implementations must be safe to call from several threads.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/clock.h"

namespace sightline::archive {

class ArchiveCache {
 public:
  virtual ~ArchiveCache() = default;
  // The value stored for (archive, key) unless it is older than the cache's time to live
  // at `now`.
  virtual std::optional<std::string> Get(std::string_view archive, std::string_view key,
                                         WallTime now) = 0;
  // Stores (replaces) the value for (archive, key), stamped with `now`.
  virtual void Put(std::string_view archive, std::string_view key, std::string_view value,
                   WallTime now) = 0;
};

inline constexpr std::chrono::hours kDefaultArchiveCacheTtl{24};

class MemoryArchiveCache final : public ArchiveCache {
 public:
  explicit MemoryArchiveCache(std::chrono::seconds ttl = kDefaultArchiveCacheTtl) : ttl_(ttl) {}

  std::optional<std::string> Get(std::string_view archive, std::string_view key,
                                 WallTime now) override;
  void Put(std::string_view archive, std::string_view key, std::string_view value,
           WallTime now) override;

  size_t size() const;

 private:
  struct Entry {
    std::string value;
    WallTime stored_at;
  };
  std::chrono::seconds ttl_;
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Entry, std::less<>> entries_;
};

}  // namespace sightline::archive
