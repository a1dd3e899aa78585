// Read-only connections to the store's file for the look-ups an audit makes from several
// threads at once (the crawl thread's validators, each analysis thread's stored copies and
// analyses). One connection per thread reading at the same time, opened when first needed and
// kept for the next: with a single shared connection the crawl thread queued behind the
// analysis threads' reads, and a repeat audit's crawl waited on that lock instead of the
// network.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "common/result.h"
#include "storage/internal/sqlite.h"

namespace sightline::storage::internal {

class ReaderPool {
 public:
  ReaderPool(std::string path, std::chrono::milliseconds busy_timeout);

  // A connection for one thread until the lease ends; it then goes back to the pool with its
  // prepared statements. Statements made on it must end before the lease does.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    Db& db() { return db_; }

   private:
    friend class ReaderPool;
    Lease(ReaderPool* pool, Db db) : pool_(pool), db_(std::move(db)) {}
    ReaderPool* pool_;
    Db db_;
  };

  // An idle connection, or a new one (the error when it cannot be opened).
  Result<Lease> Acquire();

 private:
  Result<Db> OpenOne() const;

  const std::string path_;
  const std::chrono::milliseconds busy_timeout_;
  std::mutex mu_;
  std::vector<Db> idle_;
};

}  // namespace sightline::storage::internal
