#include "reports/internal/redaction.h"

#include <algorithm>
#include <string>
#include <vector>

#include "reports/report.h"

namespace sightline::reports::internal {
// Replaces every occurrence of each term (longest first, so "Fairview Hospital" wins over
// "Fairview") with its masked form. Scans left to right so masked output is never rescanned.
std::string MaskTerms(const std::string& text, const std::vector<std::string>& terms) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    bool matched = false;
    for (const auto& term : terms) {
      if (!term.empty() && text.compare(i, term.size(), term) == 0) {
        out += Redact(term);
        i += term.size();
        matched = true;
        break;
      }
    }
    if (!matched) out.push_back(text[i++]);
  }
  return out;
}

void RedactionTerms::Add(const analyzer::Finding& finding) {
  for (const auto& d : finding.details) {
    for (const auto* t : {&d.text, &d.normalized}) {
      if (t->size() >= 2 && seen_.insert(*t).second) terms_.push_back(*t);
    }
  }
}

std::vector<std::string> RedactionTerms::Sorted() const {
  std::vector<std::string> terms = terms_;
  std::stable_sort(terms.begin(), terms.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return terms;
}

namespace {

std::vector<std::string> TermsOf(const std::vector<const analyzer::Finding*>& findings) {
  RedactionTerms terms;
  for (const auto* f : findings) terms.Add(*f);
  return terms.Sorted();
}

}  // namespace

storage::ReportedFinding RedactWith(const storage::ReportedFinding& in,
                                    const std::vector<std::string>& terms) {
  storage::ReportedFinding out = in;
  auto& f = out.finding;
  f.summary = MaskTerms(f.summary, terms);
  f.advice = MaskTerms(f.advice, terms);
  for (auto& d : f.details) {
    const size_t begin = std::min(d.snippet_begin, d.snippet.size());
    const size_t end = std::clamp(d.snippet_end, begin, d.snippet.size());
    const std::string pre = MaskTerms(d.snippet.substr(0, begin), terms);
    const std::string hit = Redact(d.snippet.substr(begin, end - begin));
    const std::string post = MaskTerms(d.snippet.substr(end), terms);
    d.snippet = pre + hit + post;
    d.snippet_begin = pre.size();
    d.snippet_end = pre.size() + hit.size();
    d.text = Redact(d.text);
    d.normalized = Redact(d.normalized);
  }
  out.exposure.ack_note = MaskTerms(out.exposure.ack_note, terms);
  return out;
}

storage::ReportedFinding RedactFinding(const storage::ReportedFinding& finding) {
  return RedactWith(finding, TermsOf({&finding.finding}));
}

storage::AuditReport RedactAudit(const storage::AuditReport& report) {
  std::vector<const analyzer::Finding*> all;
  for (const auto& f : report.findings) all.push_back(&f.finding);
  const auto terms = TermsOf(all);
  storage::AuditReport out = report;
  for (auto& f : out.findings) f = RedactWith(f, terms);
  for (auto& p : out.pages) p.title = MaskTerms(p.title, terms);
  return out;
}

storage::DiffReport RedactDiff(const storage::DiffReport& diff) {
  std::vector<const analyzer::Finding*> all;
  for (const auto* list : {&diff.new_findings, &diff.resolved_findings, &diff.changed_risk}) {
    for (const auto& f : *list) all.push_back(&f.finding);
  }
  const auto terms = TermsOf(all);
  storage::DiffReport out = diff;
  for (auto* list : {&out.new_findings, &out.resolved_findings, &out.changed_risk}) {
    for (auto& f : *list) f = RedactWith(f, terms);
  }
  return out;
}

}  // namespace sightline::reports::internal
