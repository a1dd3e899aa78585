// AuditStore::FinishAudit: the end of an audit in one transaction — counts, state, and every
// finding through the lifecycle (storage/internal/lifecycle.cc) as the caller produces it (on
// a second thread, a few findings ahead).
#include <fmt/format.h>

#include "common/pipeline.h"
#include "storage/audit_store.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage {

using internal::Stmt;

namespace {
// Findings prepared ahead of the one being stored (each a few KB).
constexpr size_t kFindingsAhead = 64;
}  // namespace

Status AuditStore::FinishAudit(int64_t audit_id, const std::vector<analyzer::Finding>& findings,
                               const AuditCounts& counts, WallTime now) {
  return FinishAuditStreaming(
      audit_id,
      [&findings](const FindingSink& sink) -> Status {
        for (const auto& f : findings) {
          if (auto s = sink(f); !s) return s;
        }
        return Ok();
      },
      counts, now);
}

Status AuditStore::FinishAuditStreaming(int64_t audit_id,
                                        const std::function<Status(const FindingSink&)>& produce,
                                        const AuditCounts& counts, WallTime now) {
  if (auto s = Flush(); !s) return s;
  std::lock_guard lock(impl_->mu);
  auto tx = internal::Transaction::Begin(impl_->db);
  if (!tx) return Unexpected(tx.error());
  auto upd = Stmt::Prepare(impl_->db,
                           "UPDATE audits SET state = 'complete', finished_at = ?, "
                           "pages_fetched = ?, pages_failed = ?, not_modified = ?, "
                           "pages_skipped = ? WHERE id = ? AND state = 'running'");
  if (!upd) return Unexpected(upd.error());
  if (auto s = upd->Bind(1, FormatIso8601(now))
                   .Bind(2, counts.pages_fetched)
                   .Bind(3, counts.pages_failed)
                   .Bind(4, counts.not_modified)
                   .Bind(5, counts.pages_skipped)
                   .Bind(6, audit_id)
                   .Run();
      !s) {
    return s;
  }
  if (impl_->db.Changes() == 0) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("audit {} is not running in {}", audit_id, impl_->path));
  }
  auto lifecycle = internal::LifecycleWriter::Begin(impl_->db, audit_id);
  if (!lifecycle) return Unexpected(lifecycle.error());
  // The findings are made (and redacted, serialised and digested) on a second thread, a few
  // ahead of the one this thread stores.
  const auto& redact = impl_->options.redact_finding;
  Status produced = RunPipelined<internal::PreparedFinding>(
      kFindingsAhead,
      [&](const Emit<internal::PreparedFinding>& emit) -> Status {
        return produce([&](const analyzer::Finding& f) -> Status {
          return emit(redact ? internal::PrepareFinding(redact(f)) : internal::PrepareFinding(f));
        });
      },
      [&](internal::PreparedFinding f) { return lifecycle->Add(f); });
  if (!produced) return produced;
  if (auto s = lifecycle->Finish(); !s) return s;
  if (auto s = tx->Commit(); !s) return s;
  if (impl_->locked_audit == audit_id) {
    impl_->lock.Release();
    impl_->locked_audit.reset();
  }
  return Ok();
}

}  // namespace sightline::storage
