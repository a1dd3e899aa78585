// AuditStore::Impl: the state behind AuditStore, shared by the .cc files that implement its
// parts (audit_store.cc: open, audits, pages; finish_audit.cc + lifecycle.cc: FinishAudit;
// report_queries.cc and finding_cursor.cc: reports, diff, history; retention.cc: Prune). Every
// database access holds `mu`; the page writer thread takes it per batch.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "storage/audit_store.h"
#include "storage/internal/audit_lock.h"
#include "storage/internal/finding_texts.h"
#include "storage/internal/page_writer.h"
#include "storage/internal/reader_pool.h"
#include "storage/internal/sqlite.h"

namespace sightline::storage {

class AuditStore::Impl {
 public:
  std::string path;
  OpenOptions options;

  std::mutex mu;
  internal::Db db;
  internal::AuditLock lock;

  // Read-only connections for the look-ups an audit makes while its pages are being written
  // (validators, stored copies, analyses, snapshots): WAL lets them read the last committed
  // state while the writer holds `mu` for a batch transaction, so the crawl and the analysis
  // threads do not wait for commits, nor (one connection each) for one another. Null
  // (read-only stores, or when none could be opened): reads use `db` under `mu`.
  std::unique_ptr<internal::ReaderPool> readers;
  // What a read holds while it uses its connection: a pooled one, or `mu` for `db`. Declared
  // before the statements made on the connection, so they end first.
  struct ReadHold {
    std::optional<internal::ReaderPool::Lease> lease;
    std::unique_lock<std::mutex> lock;
  };
  internal::Db& ReadDb(ReadHold& held) {
    if (readers) {
      // Should another connection fail to open (out of file descriptors), the read still
      // happens, on the writer's connection.
      if (auto lease = readers->Acquire()) {
        held.lease.emplace(std::move(*lease));
        return held.lease->db();
      }
    }
    held.lock = std::unique_lock(mu);
    return db;
  }
  std::optional<int64_t> locked_audit;  // the audit this store is writing

  // Declared last: its thread uses the members above and is joined first on destruction.
  std::unique_ptr<internal::PageWriter> writer;

  Status WriteBatch(std::vector<internal::PendingPage>& batch);
  // MarkStaleAuditsInterrupted with `mu` held.
  Status MarkStaleLocked();
};

namespace internal {

// Row helpers over a locked Db.
Result<std::optional<int64_t>> FindSiteId(Db& db, const std::string& site);
Result<int64_t> SiteIdOfAudit(Db& db, int64_t audit_id);
Result<AuditSummary> LoadAuditSummary(Db& db, int64_t audit_id);
// The newest complete audit of the site older than `before` (any when before is 0).
Result<std::optional<int64_t>> PreviousCompleteAudit(Db& db, int64_t site_id, int64_t before);
Result<std::vector<ReportedFinding>> LoadOccurrences(Db& db, int64_t audit_id);

// Page rows (page_rows.cc).
Status WritePage(Db& db, const PendingPage& pending);
// Up to `limit` pages of the audit with fetch id > after_fetch_id, in fetch order; sets
// *last_fetch_id to the last one read.
Result<std::vector<crawler::FetchedPage>> ReadAuditPages(Db& db, int64_t audit_id,
                                                         int64_t after_fetch_id, int limit,
                                                         int64_t* last_fetch_id);

// The audit's record of one URL, body included, or nullopt.
Result<std::optional<crawler::FetchedPage>> ReadAuditPage(Db& db, int64_t audit_id,
                                                          const std::string& url);

// Lifecycle (lifecycle.cc), inside the caller's transaction: Begin reads the previous audit's
// statuses and the pages' dates, Add stores one finding's occurrence as it comes (new /
// persisting / resolved as noindex), Finish resolves what the previous audit had and this
// one did not report. Memory: a few small fields per previous finding, not the findings.
// A finding as the lifecycle stores it, its texts already serialised and digested: done by
// PrepareFinding on the thread that produces the findings, a third of the work of storing one,
// while the thread holding the database writes the previous ones.
struct PreparedFinding {
  std::string id;  // the finding's fingerprint
  analyzer::FindingKind kind = analyzer::FindingKind::kPatientReidentification;
  analyzer::Risk risk = analyzer::Risk::kLow;
  double anonymity_set = 0;
  bool indexable = false;
  std::vector<std::string> pages;
  FindingText text;
  std::string text_digest;  // FindingTextDigest(text)
};
PreparedFinding PrepareFinding(const analyzer::Finding& finding);

class LifecycleWriter {
 public:
  static Result<LifecycleWriter> Begin(Db& db, int64_t audit_id);
  ~LifecycleWriter();
  LifecycleWriter(LifecycleWriter&&) noexcept;
  Status Add(const PreparedFinding& finding);
  Status Finish();

 private:
  struct State;
  LifecycleWriter(Db& db, int64_t audit_id, std::unique_ptr<State> state);
  Db& db_;
  int64_t audit_id_;
  std::unique_ptr<State> state_;
};

}  // namespace internal
}  // namespace sightline::storage
