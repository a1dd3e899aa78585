// JSON pieces shared by the audit, diff and history documents (reports/json_report.cc) and the
// streamed audit document (reports/json_audit_stream.cc): one finding, page, audit summary,
// history point in the `sightline.audit/1` shapes, and the document around them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "reports/internal/presentation.h"
#include "reports/report.h"
#include "storage/report_model.h"

namespace sightline::reports::internal {

nlohmann::json FindingToJson(const storage::ReportedFinding& finding);
// The same finding as the streamed document's text (reports/finding_json_text.cc): exactly what
// FindingToJson gives sanitised and dumped with indent 2, four spaces deep, without the DOM.
std::string FindingJsonText(const storage::ReportedFinding& finding);
// Whether `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);
nlohmann::json PageToJson(const storage::PageRecord& page);
// The audit document with `pages` and `findings` as its two large arrays (empty ones for the
// streamed form, which writes them into the places the dump leaves), `counts` as its summary,
// sanitized (see ReplaceInvalidUtf8; an error document when that fails).
nlohmann::json AuditDocument(const storage::AuditReport& report, const RiskCounts& counts,
                             const RenderOptions& options, nlohmann::json pages,
                             nlohmann::json findings);
// Re-encodes, in place, every string value that is not valid UTF-8 (U+FFFD replacements), so
// dump() does not throw on page text. May throw json::exception.
void ReplaceInvalidUtf8(nlohmann::json& value);
nlohmann::json AuditSummaryToJson(const storage::AuditSummary& audit);
nlohmann::json HistoryPointToJson(const storage::HistoryPoint& point);
// Optional strings are null when empty ("published", "error", "finished_at").
inline nlohmann::json StringOrNull(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace sightline::reports::internal
