// CSV renderings for spreadsheets: one row per finding detail (a finding without details
// still gets one row), RFC 4180 quoting and a formula-injection guard via CsvCell().
#include <fmt/format.h>

#include <string>
#include <vector>

#include "reports/internal/escape.h"
#include "reports/internal/presentation.h"
#include "reports/internal/renderers.h"

namespace sightline::reports::internal {
namespace {

void Row(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += CsvCell(cells[i]);
  }
  out += "\r\n";  // RFC 4180 line ends
}

const std::vector<std::string> kFindingColumns{
    "finding_id",  "kind",        "risk",       "status",       "anonymity_set",   "summary",
    "detail_type", "detail_text", "normalized", "detail_url",   "hidden",          "snippet",
    "indexable",   "first_seen",  "last_seen",  "exposed_days", "archived_copies", "advice"};

void FindingRows(std::string& out, const storage::ReportedFinding& rf, const std::string& change) {
  const auto& f = rf.finding;
  auto row = [&](const analyzer::FindingDetail* d) {
    std::vector<std::string> cells;
    if (!change.empty()) cells.push_back(change);
    for (std::string cell :
         {f.id, std::string(analyzer::FindingKindName(f.kind)),
          std::string(analyzer::RiskName(f.risk)),
          std::string(storage::FindingStatusName(rf.status)), fmt::format("{:g}", f.anonymity_set),
          f.summary, d ? std::string(analyzer::MentionTypeName(d->type)) : std::string(),
          d ? d->text : std::string(), d ? d->normalized : std::string(),
          d ? d->url : std::string(), d ? (d->hidden ? "yes" : "no") : std::string(),
          d ? d->snippet : std::string(), std::string(rf.exposure.indexable ? "yes" : "no"),
          rf.exposure.first_seen, rf.exposure.last_seen, std::to_string(rf.exposure.exposed_days),
          std::to_string(rf.exposure.archived.size()), f.advice}) {
      cells.push_back(std::move(cell));
    }
    Row(out, cells);
  };
  if (f.details.empty()) row(nullptr);
  for (const auto& d : f.details) row(&d);
}

}  // namespace

std::string AuditCsv(const storage::AuditReport& report) {
  std::string out;
  Row(out, kFindingColumns);
  for (const auto* f : SortFindings(report.findings)) FindingRows(out, *f, "");
  return out;
}

std::string DiffCsv(const storage::DiffReport& diff) {
  std::string out;
  std::vector<std::string> header{"change"};
  header.insert(header.end(), kFindingColumns.begin(), kFindingColumns.end());
  Row(out, header);
  for (const auto* f : SortFindings(diff.new_findings)) FindingRows(out, *f, "new");
  for (const auto* f : SortFindings(diff.resolved_findings)) FindingRows(out, *f, "resolved");
  for (const auto* f : SortFindings(diff.changed_risk)) {
    FindingRows(out, *f,
                f->previous_risk
                    ? fmt::format("risk {} -> {}", analyzer::RiskName(*f->previous_risk),
                                  analyzer::RiskName(f->finding.risk))
                    : std::string("risk changed"));
  }
  // Page changes as rows of their own: the change and the URL (in detail_url), rest empty.
  auto page_rows = [&](const char* change, const std::vector<std::string>& urls) {
    for (const auto& url : urls) {
      std::vector<std::string> cells(header.size());
      cells[0] = change;
      cells[10] = url;  // "detail_url", after "change" and nine finding columns
      Row(out, cells);
    }
  };
  page_rows("page added", diff.pages_added);
  page_rows("page removed", diff.pages_removed);
  page_rows("page changed", diff.pages_changed);
  return out;
}

std::string HistoryCsv(const std::vector<storage::HistoryPoint>& history, const std::string& site) {
  std::string out;
  Row(out, {"site", "audit_id", "started_at", "state", "pages", "critical", "high", "medium", "low",
            "new", "resolved"});
  for (const auto& h : history) {
    Row(out, {site, std::to_string(h.audit_id), h.started_at, h.state, std::to_string(h.pages),
              std::to_string(h.critical), std::to_string(h.high), std::to_string(h.medium),
              std::to_string(h.low), std::to_string(h.new_findings),
              std::to_string(h.resolved_findings)});
  }
  return out;
}

}  // namespace sightline::reports::internal
