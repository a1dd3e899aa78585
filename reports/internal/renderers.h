// One renderer per format and document; reports/report.cc dispatches to them. Inputs are
// already redacted when RenderOptions::redact is set.
#pragma once

#include <string>
#include <vector>

#include "reports/report.h"
#include "storage/report_model.h"

namespace sightline::reports::internal {

std::string AuditText(const storage::AuditReport& report, const RenderOptions& options);
std::string DiffText(const storage::DiffReport& diff, const RenderOptions& options);
std::string HistoryText(const std::vector<storage::HistoryPoint>& history, const std::string& site,
                        const RenderOptions& options);

std::string AuditHtml(const storage::AuditReport& report, const RenderOptions& options);
std::string DiffHtml(const storage::DiffReport& diff, const RenderOptions& options);
std::string HistoryHtml(const std::vector<storage::HistoryPoint>& history, const std::string& site,
                        const RenderOptions& options);

std::string AuditCsv(const storage::AuditReport& report);
std::string DiffCsv(const storage::DiffReport& diff);
std::string HistoryCsv(const std::vector<storage::HistoryPoint>& history, const std::string& site);

}  // namespace sightline::reports::internal
