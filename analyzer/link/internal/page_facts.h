// Phase-1 extraction of everything on a page that is not a patient story: author/practice
// profile facts (JSON-LD, profile pages, footers, bylines), details of the author's private
// life, colleague-criticism sentences, facility→place pairs and patient identifiers outside
// any story. Pure; mentions already used by a story are skipped where noted.
#pragma once

#include <vector>

#include "analyzer/link/internal/page_view.h"
#include "analyzer/link/page_analysis.h"

namespace sightline::analyzer::link_internal {

// Does the page describe the author or practice (URL or Physician/MedicalClinic JSON-LD)?
bool IsProfilePage(const PageContent& page);

std::vector<ProfileFact> ProfileFacts(const PageView& view, bool profile_page);
std::vector<PersonalDetail> PersonalDetails(const PageView& view, const std::vector<bool>& used);
std::vector<CriticismCandidate> CriticismCandidates(const PageView& view);
std::vector<FacilityPlace> FacilityPlaces(const PageView& view);
std::vector<LinkedDetail> LooseIdentifiers(const PageView& view, const std::vector<bool>& used,
                                           bool profile_page);

}  // namespace sightline::analyzer::link_internal
