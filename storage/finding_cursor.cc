// AuditStore::ForEachReportedFinding: an audit's findings one at a time, for reports that must
// not hold them all (a 100,000-page audit has ~145,000, ~0.7 GB as ReportedFindings). The keys
// of all are read and sorted first (a few dozen bytes each), then each finding is read by its
// row, on a second thread and a read connection of its own where the store has one.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "common/pipeline.h"
#include "storage/audit_store.h"
#include "storage/internal/occurrence_rows.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage {

namespace {
// Findings read ahead of the one being reported (each a few KB): more than the report renders
// at once (reports/json_audit_stream.cc), so reading goes on while a chunk renders.
constexpr size_t kFindingsAhead = 256;
}  // namespace

Status AuditStore::ForEachReportedFinding(int64_t audit_id,
                                          const std::function<Status(ReportedFinding)>& fn,
                                          const FindingOrder& order) {
  std::vector<internal::KeyedOccurrence> keys;
  {
    std::lock_guard lock(impl_->mu);
    auto site_id = internal::SiteIdOfAudit(impl_->db, audit_id);
    if (!site_id) return Unexpected(site_id.error());
    auto loaded = internal::LoadOccurrenceKeys(impl_->db, audit_id);
    if (!loaded) return Unexpected(loaded.error());
    keys = std::move(*loaded);
  }
  if (order) {
    std::stable_sort(keys.begin(), keys.end(),
                     [&](const internal::KeyedOccurrence& a, const internal::KeyedOccurrence& b) {
                       return order(a.key, b.key);
                     });
  }
  // Rows are read on a second thread, ahead of `fn` (the report's rendering).
  return RunPipelined<ReportedFinding>(
      kFindingsAhead,
      [&](const Emit<ReportedFinding>& emit) -> Status {
        for (auto& keyed : keys) {
          std::optional<ReportedFinding> finding;
          {
            // One row at a time (on a pooled reader, or under the store's mutex), so `fn` may
            // use the store meanwhile.
            Impl::ReadHold held;
            auto read = internal::LoadOccurrenceByRow(impl_->ReadDb(held), keyed.row);
            if (!read) return Unexpected(read.error());
            finding = std::move(*read);
          }
          if (!finding) {
            return Fail(ErrorCode::kNotFound, fmt::format("finding {} of audit {} is gone from {}",
                                                          keyed.key.id, audit_id, impl_->path));
          }
          std::string().swap(keyed.key.id);  // the keys behind the walk are done with
          if (Status s = emit(std::move(*finding)); !s) return s;
        }
        return Ok();
      },
      fn);
}

}  // namespace sightline::storage
