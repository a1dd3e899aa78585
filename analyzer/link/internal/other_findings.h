// Phase-2 findings that are not patient stories: the author's private life
// (personal_information, business contacts excluded), criticism of identifiable colleagues,
// patient identifiers outside any story, and — for a pseudonymous blog — how far the
// author's own details narrow down who wrote it. Also the stable finding id. Pure.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "analyzer/finding.h"
#include "analyzer/link/anonymity.h"
#include "analyzer/link/internal/site_profile.h"
#include "analyzer/link/page_analysis.h"

namespace sightline::analyzer::link_internal {

using BlockPages = std::map<uint64_t, std::vector<std::string>>;

// The non-story findings, each made once, in the order first met. A detail in a block
// repeated on N pages (a footer) is the same finding on each of them; making it N times, each
// time with the block's N pages, was quadratic (4 GB for a footer on 5,000 pages). It is made
// on its first page; the others only ask Made().
class OtherFindings {
 public:
  bool Made(const std::string& id) const { return made_ids_.count(id) > 0; }
  // Callers ask Made first; a finding whose id is made already is dropped (the first is kept).
  void Add(Finding f);

  std::vector<Finding>& findings() { return findings_; }

 private:
  std::vector<Finding> findings_;
  std::unordered_set<std::string> made_ids_;
};

// Fingerprint of kind + sorted pages + sorted "type=normalised" keys: independent of the
// surrounding text, new when a detail changes.
std::string FindingId(FindingKind kind, std::vector<std::string> pages,
                      std::vector<std::string> keys);

// Share of US physicians in a specialty (rounded AAMC figures); 0.05 when unknown.
double SpecialtyShare(const std::string& specialty);

// The pages with such details, sorted by URL: a repeated block's finding is made on its first
// page in that order, so its detail (and snippet) is the same whatever order the crawl took.
using PagesInUrlOrder = std::vector<const PageAnalysis*>;

void AppendPersonalFindings(const PagesInUrlOrder& pages, const SiteProfile& profile,
                            const BlockPages& block_pages, OtherFindings& out);
void AppendCriticismFindings(const PagesInUrlOrder& pages, const SiteProfile& profile,
                             const BlockPages& block_pages, OtherFindings& out);
// `names_author` drops details that are the author's own name.
void AppendLooseIdentifierFindings(const PagesInUrlOrder& pages, const BlockPages& block_pages,
                                   const std::function<bool(const LinkedDetail&)>& names_author,
                                   OtherFindings& out);
void AppendAuthorFinding(const std::vector<PageAnalysis>& pages, const SiteProfile& profile,
                         const RiskThresholds& thresholds, OtherFindings& out);

}  // namespace sightline::analyzer::link_internal
