// Applies --redact to a whole report model before rendering, so every format masks the same
// text: each detail's text and normalized value, every occurrence of a detail's text in
// snippets, summaries, advice and page titles. Snippet spans are recomputed so highlighting
// still points at the (masked) detail. URLs are kept: the reader needs them to fix the page.
#pragma once

#include "storage/report_model.h"

namespace sightline::reports::internal {

storage::ReportedFinding RedactFinding(const storage::ReportedFinding& finding);
storage::AuditReport RedactAudit(const storage::AuditReport& report);
storage::DiffReport RedactDiff(const storage::DiffReport& diff);

}  // namespace sightline::reports::internal
