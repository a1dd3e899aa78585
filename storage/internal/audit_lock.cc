#include "storage/internal/audit_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

namespace sightline::storage::internal {

AuditLock::~AuditLock() { Release(); }

AuditLock::AuditLock(AuditLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

AuditLock& AuditLock::operator=(AuditLock&& other) noexcept {
  if (this != &other) {
    Release();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void AuditLock::Release() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
    fd_ = -1;
  }
}

Result<AuditLock> AuditLock::Acquire(const std::string& db_path, std::chrono::milliseconds wait) {
  const std::string lock_path = db_path + ".lock";
  AuditLock lock;
  lock.fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock.fd_ < 0) {
    return Fail(ErrorCode::kIo,
                fmt::format("cannot create lock file {}: {}", lock_path, std::strerror(errno)));
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    if (::flock(lock.fd_, LOCK_EX | LOCK_NB) == 0) return lock;
    if (errno != EWOULDBLOCK && errno != EINTR) {
      return Fail(ErrorCode::kIo,
                  fmt::format("cannot lock {}: {}", lock_path, std::strerror(errno)));
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Fail(
      ErrorCode::kBusy,
      fmt::format("another sightline audit is writing to {} (lock {} held{}); wait for "
                  "it to finish and try again",
                  db_path, lock_path,
                  wait.count() > 0 ? fmt::format(" for over {} ms", wait.count()) : std::string()));
}

}  // namespace sightline::storage::internal
