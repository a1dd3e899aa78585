// Occurrence rows for the read side of AuditStore: the keys findings are ordered by and one
// finding by its row, so a report can walk an audit's findings one at a time
// (AuditStore::ForEachReportedFinding) in the order LoadOccurrences lists them. Callers hold
// the store's mutex.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/result.h"
#include "storage/internal/sqlite.h"
#include "storage/report_model.h"

namespace sightline::storage::internal {

struct KeyedOccurrence {
  int64_t row = 0;  // occurrences.rowid
  FindingOrderKey key;
};

// Every occurrence's key with its row, in LoadOccurrences's order.
Result<std::vector<KeyedOccurrence>> LoadOccurrenceKeys(Db& db, int64_t audit_id);
// The occurrence in this row as LoadOccurrences reads it; nullopt when the row is gone.
Result<std::optional<ReportedFinding>> LoadOccurrenceByRow(Db& db, int64_t row);

}  // namespace sightline::storage::internal
