// Shared presentation helpers for every report format: finding order, plain-language labels
// for risks, kinds, detail types and exposure reason codes, date arithmetic on ISO 8601
// strings, and per-risk counts. Stateless and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "reports/report.h"
#include "storage/report_model.h"

namespace sightline::reports::internal {

// Highest risk first, then new, persisting, resolved; then fewest matching people; then id,
// so output is deterministic.
std::vector<const storage::ReportedFinding*> SortFindings(
    const std::vector<storage::ReportedFinding>& findings);

const char* RiskLabel(analyzer::Risk risk);               // "Critical"
const char* StatusLabel(storage::FindingStatus status);   // "New"
const char* KindLabel(analyzer::FindingKind kind);        // "A patient could be recognised"
const char* DetailTypeLabel(analyzer::MentionType type);  // "condition", "postal code"
// A reason code ("noindex_meta") in plain words; unknown codes are shown de-underscored.
std::string ReasonText(const std::string& code);
// "wayback" -> "Internet Archive (Wayback Machine)", "commoncrawl" -> "Common Crawl",
// "archivetoday" -> "archive.today"; unknown names pass through.
std::string ArchiveLabel(const std::string& archive);
// "about 0.01 people", "about 3 people", "about 1,200 people".
std::string PeopleText(double k);
std::string ThousandsSeparated(long long value);

// First 10 characters ("2024-03-14") of an ISO 8601 string; empty stays empty.
std::string Day(const std::string& iso);
// Seconds since the epoch, when `iso` parses.
std::optional<double> EpochSeconds(const std::string& iso);
// The instant used as "now": options.generated_at, else the audit's finished_at/started_at.
std::string ReportTime(const storage::AuditSummary& audit, const RenderOptions& options);

struct RiskCounts {
  int critical = 0, high = 0, medium = 0, low = 0;
  int new_findings = 0, persisting = 0, resolved = 0;
  int Open() const { return critical + high + medium + low; }
};
// Open (new + persisting) findings per risk; resolved ones are counted apart.
void CountFinding(const storage::ReportedFinding& finding, RiskCounts* counts);
RiskCounts CountFindings(const std::vector<storage::ReportedFinding>& findings);

// The finding's page URLs plus any detail URL not already listed, in first-seen order.
std::vector<std::string> FindingPages(const analyzer::Finding& finding);

}  // namespace sightline::reports::internal
