// The audit as reports see it: one audit's summary, its pages, and its findings with their
// lifecycle status and exposure windows. Built by AuditStore from the database; consumed by
// reports/. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/finding.h"

namespace sightline::storage {

struct AuditSummary {
  int64_t id = 0;
  std::string site;
  std::string started_at;              // ISO 8601 UTC
  std::string finished_at;             // empty while running
  std::string state;                   // "running", "complete", "interrupted"
  std::optional<int64_t> previous_id;  // previous complete audit of the same site
  int pages_fetched = 0;
  int pages_failed = 0;
  int not_modified = 0;
  int pages_skipped = 0;
  std::string options_json;  // the audit's options as recorded by BeginAudit
};

struct PageRecord {
  std::string url;
  int status = 0;
  bool indexable = false;
  std::vector<std::string> exposure_reasons;  // codes
  std::string title;
  std::string published;  // YYYY-MM-DD or empty
  std::string content_hash;
  std::string error;  // fetch failure code, empty when fetched
};

enum class FindingStatus { kNew, kPersisting, kResolved };
const char* FindingStatusName(FindingStatus status);  // "new", "persisting", "resolved"

struct ArchiveCapture {
  std::string archive;      // "wayback", "commoncrawl", "archivetoday"
  std::string captured_at;  // ISO 8601 UTC
  std::string url;          // replay URL
};

struct FindingExposure {
  bool indexable = false;  // now: false for a finding resolved because it is gone or noindex
                           // (ever_indexable says whether it was exposed before)
  bool ever_indexable = false;
  std::vector<std::string> reasons;
  std::string first_seen;  // ISO 8601: the earlier of the first audit and the page's
                           // published / Last-Modified date
  std::string last_seen;
  int exposed_days = 0;
  bool exposed_since_published = false;  // first_seen comes from the page's own date
  std::vector<ArchiveCapture> archived;
  bool acknowledged = false;  // `sightline ack` marked the removal handled
  std::string ack_note;
};

struct ReportedFinding {
  analyzer::Finding finding;
  FindingStatus status = FindingStatus::kNew;
  FindingExposure exposure;
  std::optional<analyzer::Risk> previous_risk;  // when the risk changed since the last audit
  // For a resolved finding: "absent" (page gone or changed) or "noindex" (still present but no
  // longer indexable). Empty otherwise.
  std::string resolved_reason;
};

// The fields findings are ordered by, read for every finding of an audit before the findings
// themselves (AuditStore::ForEachReportedFinding): a few dozen bytes each.
struct FindingOrderKey {
  std::string id;
  FindingStatus status = FindingStatus::kNew;
  analyzer::Risk risk = analyzer::Risk::kLow;
  double anonymity_set = 0;
};

// Findings per risk for one audit: the history chart and `sightline history`.
struct HistoryPoint {
  int64_t audit_id = 0;
  std::string started_at;
  std::string state;
  int pages = 0;
  int critical = 0, high = 0, medium = 0, low = 0;
  int new_findings = 0, resolved_findings = 0;
};

// What changed between two audits of one site (`sightline diff`).
struct DiffReport {
  AuditSummary from;
  AuditSummary to;
  std::vector<ReportedFinding> new_findings;       // in `to`, not in `from`
  std::vector<ReportedFinding> resolved_findings;  // in `from`, not in `to`
  std::vector<ReportedFinding> changed_risk;       // in both; previous_risk set
  std::vector<std::string> pages_added;
  std::vector<std::string> pages_removed;
  std::vector<std::string> pages_changed;  // content hash differs
};

struct AuditReport {
  AuditSummary audit;
  std::vector<PageRecord> pages;
  std::vector<ReportedFinding> findings;  // current ones, then resolved ones
  std::vector<HistoryPoint> history;      // every audit of the site, oldest first
};

}  // namespace sightline::storage
