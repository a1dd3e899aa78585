// BuildReport: a stored audit as reports render it, completed with what is decided at report
// time — archive look-ups (when --archives is set; cached in the database for a day) and the
// removal steps each finding still needs (reports/removal_advice.h).
#pragma once

#include <cstdint>

#include "app/settings.h"
#include "common/result.h"
#include "storage/audit_store.h"
#include "storage/report_model.h"

namespace sightline::app {

Result<storage::AuditReport> BuildReport(storage::AuditStore& store, int64_t audit_id,
                                         const Settings& settings);

// Exit code for cron: 1 when a current (not resolved) finding is at or above fail_on.
int ExitCodeFor(const storage::AuditReport& report, analyzer::Risk fail_on);

}  // namespace sightline::app
