// JSON pieces shared by the audit, diff and history documents (reports/json_report.cc):
// one finding, one audit summary, one history point, in the `sightline.audit/1` shapes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "storage/report_model.h"

namespace sightline::reports::internal {

nlohmann::json FindingToJson(const storage::ReportedFinding& finding);
nlohmann::json AuditSummaryToJson(const storage::AuditSummary& audit);
nlohmann::json HistoryPointToJson(const storage::HistoryPoint& point);
// Optional strings are null when empty ("published", "error", "finished_at").
inline nlohmann::json StringOrNull(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace sightline::reports::internal
