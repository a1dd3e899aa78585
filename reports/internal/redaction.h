// Applies --redact to a whole report model before rendering, so every format masks the same
// text: each detail's text and normalized value, every occurrence of a detail's text in
// snippets, summaries, advice and page titles. Snippet spans are recomputed so highlighting
// still points at the (masked) detail. URLs are kept: the reader needs them to fix the page.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "storage/report_model.h"

namespace sightline::reports::internal {

// The terms a redacted report masks wherever they appear (every finding's detail texts and
// normalized values of two bytes or more), gathered one finding at a time so a streamed
// report need not hold the findings.
class RedactionTerms {
 public:
  void Add(const analyzer::Finding& finding);
  // Longest first (MaskTerms tries them in this order).
  std::vector<std::string> Sorted() const;

 private:
  std::unordered_set<std::string> seen_;
  std::vector<std::string> terms_;  // first-seen order
};

// `text` with every occurrence of a term (Sorted() order) replaced by its Redact() form.
std::string MaskTerms(const std::string& text, const std::vector<std::string>& terms);
// A finding as a redacted report shows it, masked with `terms` (of the whole report).
storage::ReportedFinding RedactWith(const storage::ReportedFinding& finding,
                                    const std::vector<std::string>& terms);

storage::ReportedFinding RedactFinding(const storage::ReportedFinding& finding);
storage::AuditReport RedactAudit(const storage::AuditReport& report);
storage::DiffReport RedactDiff(const storage::DiffReport& diff);

}  // namespace sightline::reports::internal
