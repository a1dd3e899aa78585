// Phase-2 findings that are not patient stories: the author's private life
// (personal_information, business contacts excluded), criticism of identifiable colleagues,
// patient identifiers outside any story, and — for a pseudonymous blog — how far the
// author's own details narrow down who wrote it. Also the stable finding id. Pure.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "analyzer/link/anonymity.h"
#include "analyzer/link/internal/site_profile.h"
#include "analyzer/link/page_analysis.h"

namespace sightline::analyzer::link_internal {

using BlockPages = std::map<uint64_t, std::vector<std::string>>;

// Fingerprint of kind + sorted pages + sorted "type=normalised" keys: independent of the
// surrounding text, new when a detail changes.
std::string FindingId(FindingKind kind, std::vector<std::string> pages,
                      std::vector<std::string> keys);

// Share of US physicians in a specialty (rounded AAMC figures); 0.05 when unknown.
double SpecialtyShare(const std::string& specialty);

void AppendPersonalFindings(const std::vector<PageAnalysis>& pages, const SiteProfile& profile,
                            const BlockPages& block_pages, std::vector<Finding>& out);
void AppendCriticismFindings(const std::vector<PageAnalysis>& pages, const SiteProfile& profile,
                             const BlockPages& block_pages, std::vector<Finding>& out);
// `names_author` drops details that are the author's own name.
void AppendLooseIdentifierFindings(const std::vector<PageAnalysis>& pages,
                                   const BlockPages& block_pages,
                                   const std::function<bool(const LinkedDetail&)>& names_author,
                                   std::vector<Finding>& out);
void AppendAuthorFinding(const std::vector<PageAnalysis>& pages, const SiteProfile& profile,
                         const RiskThresholds& thresholds, std::vector<Finding>& out);

}  // namespace sightline::analyzer::link_internal
