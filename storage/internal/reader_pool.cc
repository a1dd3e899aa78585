#include "storage/internal/reader_pool.h"

#include <fmt/format.h>

#include <utility>

namespace sightline::storage::internal {

ReaderPool::ReaderPool(std::string path, std::chrono::milliseconds busy_timeout)
    : path_(std::move(path)), busy_timeout_(busy_timeout) {}

ReaderPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), db_(std::move(other.db_)) {}

ReaderPool::Lease::~Lease() {
  if (pool_ == nullptr) return;
  std::lock_guard lock(pool_->mu_);
  pool_->idle_.push_back(std::move(db_));
}

Result<ReaderPool::Lease> ReaderPool::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      Db db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  // Opened outside the lock: the other threads keep taking idle connections meanwhile.
  auto db = OpenOne();
  if (!db) return Unexpected(db.error());
  return Lease(this, std::move(*db));
}

Result<Db> ReaderPool::OpenOne() const {
  auto db = Db::Open(path_, /*read_only=*/true);
  if (!db) return Unexpected(db.error());
  if (auto s = db->Exec(fmt::format("PRAGMA busy_timeout = {}", busy_timeout_.count())); !s) {
    return Unexpected(s.error());
  }
  return db;
}

}  // namespace sightline::storage::internal
