// Removal advice: the concrete, ordered steps a practice takes to get a finding's details off
// its site, out of search engines and out of web archives, written for a physician, not a web
// developer. Always on (no network); the archive look-ups only make the archive steps
// specific. Pure functions, thread-safe. Steps follow Google Search Console's Removals and
// outdated-content tools, Google's personal-information removal request, Bing Webmaster Tools
// content removal, the Internet Archive's exclusion-by-email policy and Common Crawl's CCBot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "storage/report_model.h"

namespace sightline::reports {

struct AdviceContext {
  analyzer::FindingKind kind = analyzer::FindingKind::kPatientReidentification;
  storage::FindingStatus status = storage::FindingStatus::kNew;
  // The page's state in the latest audit: gone (404/410 or removed from the site) or still
  // served. status_code 0 = unknown.
  bool page_exists = true;
  int status_code = 200;
  bool indexable_now = false;   // search engines may index the page today
  bool ever_indexable = false;  // at any point of the exposure window
  // Archives known to hold a copy made while the finding was on the page ("wayback",
  // "commoncrawl", "archivetoday"); empty with archives_checked = false means "not looked".
  std::vector<std::string> archives_with_captures;
  bool archives_checked = false;
  // The details include a patient's contact details (phone, email, address) or medical
  // records / record numbers: Google's personal-information removal request applies.
  bool patient_contact_or_records = false;
  bool acknowledged = false;  // `sightline ack` marked the removal handled
};

// True when the finding still needs removal steps in the report: every current finding, and
// a resolved finding that was ever indexable or has archive captures, until acknowledged.
bool NeedsRemovalAdvice(const AdviceContext& ctx);

// The ordered steps (each one plain sentence or two, no numbering); empty when
// NeedsRemovalAdvice is false.
std::vector<std::string> RemovalSteps(const AdviceContext& ctx);

// RemovalSteps numbered "1. …\n2. …" — the report's `advice` text; empty when none is needed.
std::string RemovalAdvice(const AdviceContext& ctx);

// The context for a finding as the store reports it. `page_exists`/`status_code` describe the
// finding's page in the latest audit (the caller knows the pages); the rest comes from the
// finding: kind, status, exposure, archived captures, acknowledgement, and whether any detail
// is a contact or identifier (record number, SSN, ...) tied to a patient.
AdviceContext AdviceContextFor(const storage::ReportedFinding& finding, bool page_exists,
                               int status_code, bool archives_checked);

}  // namespace sightline::reports
