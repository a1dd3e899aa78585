// AuditLock: the exclusive per-database audit lock, an flock(2) on "<db>.lock" (mode 0600).
// The OS drops it when the holder dies (kill -9), so a stale lock never blocks the next run;
// two stores in one process conflict too (flock is per open file description).
// Thread-safety: none; owned by one AuditStore under its mutex.
#pragma once

#include <chrono>
#include <string>

#include "common/result.h"

namespace sightline::storage::internal {

class AuditLock {
 public:
  AuditLock() = default;
  ~AuditLock();
  AuditLock(AuditLock&& other) noexcept;
  AuditLock& operator=(AuditLock&& other) noexcept;
  AuditLock(const AuditLock&) = delete;
  AuditLock& operator=(const AuditLock&) = delete;

  // Waits up to `wait` (polling) for the lock. kBusy naming the database when another
  // holder keeps it; kIo when the lock file cannot be created.
  static Result<AuditLock> Acquire(const std::string& db_path, std::chrono::milliseconds wait);

  bool held() const { return fd_ >= 0; }
  void Release();

 private:
  int fd_ = -1;
};

}  // namespace sightline::storage::internal
