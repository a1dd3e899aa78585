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
  std::string finding_id;  // for the `sightline ack` step; empty: "FINDING_ID"
  std::string url;         // the page, named in the steps; empty: "the page"
  analyzer::FindingKind kind = analyzer::FindingKind::kPatientReidentification;
  storage::FindingStatus status = storage::FindingStatus::kNew;
  // The page's state in the latest audit: gone (404/410 or removed from the site) or still
  // served. status_code 0 = unknown (not fetched in the latest audit).
  bool page_exists = true;
  int status_code = 200;
  bool indexable_now = false;   // search engines may index the page today
  bool ever_indexable = false;  // at any point of the exposure window
  // Archives known to hold a copy made while the finding was on the page ("wayback",
  // "commoncrawl", "archivetoday"); empty with archives_checked = false means "not looked".
  std::vector<std::string> archives_with_captures;
  bool archives_checked = false;
  // The details include contact details (phone, email, home address) or medical records /
  // record numbers — the patient's, or for personal_information findings the author's own:
  // Google's personal-information removal request applies.
  bool patient_contact_or_records = false;
  bool acknowledged = false;  // `sightline ack` marked the removal handled
  // For an advertised_private_path finding: the path its robots.txt line names.
  std::string advertised_path;
  // The details sit in a part of the site repeated on this many pages (a header, footer or
  // sidebar); `url` is then the page they were read on. 0: on one page.
  size_t repeated_on_pages = 0;
};

// True when the finding still needs removal steps in the report: every current finding, and
// a resolved finding that was ever indexable or has archive captures, until acknowledged.
bool NeedsRemovalAdvice(const AdviceContext& ctx);

// The ordered steps (each one plain sentence or two, no numbering); empty when
// NeedsRemovalAdvice is false.
std::vector<std::string> RemovalSteps(const AdviceContext& ctx);

// RemovalSteps numbered "1. …\n2. …" — the report's `advice` text; empty when none is needed.
std::string RemovalAdvice(const AdviceContext& ctx);

// The context for a finding as the store reports it. `page` is the finding's first page in
// the latest audit (its status and indexability now); nullptr when that audit did not fetch
// it, so the page's state is unknown. The rest comes from the finding: id, kind, status,
// exposure, archived captures, acknowledgement, and whether any detail is a contact, address
// or identifier (record number, SSN, ...). A finding whose details are all on one page but
// which lists several pages is a repeated block (a footer): that page and the count of pages.
AdviceContext AdviceContextFor(const storage::ReportedFinding& finding,
                               const storage::PageRecord* page, bool archives_checked);

}  // namespace sightline::reports
