// BuildReport: a stored audit as reports render it, completed with what is decided at report
// time — archive look-ups (when --archives is set; cached in the database for a day) and the
// removal steps each finding still needs (reports/removal_advice.h) — whole, or one finding at
// a time for a JSON report streamed to a file (StreamAuditJson).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app/settings.h"
#include "common/result.h"
#include "reports/report.h"
#include "storage/audit_store.h"
#include "storage/report_model.h"

namespace sightline::app {

// Completes stored findings one at a time as BuildReport does: archive captures (when
// settings.archives is set) and the removal steps each still needs. Keeps the header's pages by
// URL (`header` must outlive it; its findings are not read) and one archive client, so a
// report can be completed while its findings stream past. Not thread-safe.
class FindingCompleter {
 public:
  FindingCompleter(storage::AuditStore& store, const storage::AuditReport& header,
                   const Settings& settings);
  ~FindingCompleter();
  FindingCompleter(const FindingCompleter&) = delete;
  FindingCompleter& operator=(const FindingCompleter&) = delete;

  void Complete(storage::ReportedFinding* finding);

 private:
  void AttachArchiveCaptures(storage::ReportedFinding* finding);
  void AttachRemovalAdvice(storage::ReportedFinding* finding);

  struct State;
  std::unique_ptr<State> state_;
};

Result<storage::AuditReport> BuildReport(storage::AuditStore& store, int64_t audit_id,
                                         const Settings& settings);

// Whether a finding fails the run for cron: current (not resolved) and at or above fail_on.
bool FailsOn(const storage::ReportedFinding& finding, analyzer::Risk fail_on);
// Exit code for cron: 1 when a current (not resolved) finding is at or above fail_on.
int ExitCodeFor(const storage::AuditReport& report, analyzer::Risk fail_on);

// The audit's JSON report written to the file `path` (not stdout) with its findings streamed
// from the store one at a time (never all in memory: a 100,000-page audit has ~145,000),
// completed as BuildReport completes them; the same text as rendering BuildReport's report.
// `redact_if_recorded`: also redact when the audit was run with --redact. Sets *exit_code to
// what ExitCodeFor(report, settings.fail_on) would return. kInternal when the text could not
// be encoded (the file is then left untouched; rendering the whole report says why).
Status StreamAuditJson(storage::AuditStore& store, int64_t audit_id, const Settings& settings,
                       reports::RenderOptions render, bool redact_if_recorded,
                       const std::string& path, int* exit_code);

}  // namespace sightline::app
