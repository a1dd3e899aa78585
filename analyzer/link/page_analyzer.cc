// Phase 1 of linkage: AnalyzePage (see linker.h).
#include <algorithm>

#include "analyzer/link/internal/page_facts.h"
#include "analyzer/link/internal/page_view.h"
#include "analyzer/link/internal/subjects.h"
#include "analyzer/link/linker.h"

namespace sightline::analyzer {

PageAnalysis AnalyzePage(const PageContent& page, const std::vector<Mention>& mentions,
                         const ExposureVerdict& verdict) {
  using namespace link_internal;
  PageView view(page, mentions);
  PageAnalysis out;
  out.url = page.url;
  out.indexable = verdict.indexable;
  for (const auto& r : verdict.reasons) out.exposure_reasons.push_back(r.code);
  out.published_date = page.published_date.value_or("");
  out.profile_page = IsProfilePage(page);

  std::vector<bool> used(mentions.size(), false);
  out.subjects = SplitSubjects(view, used, out.profile_page);
  out.profile = ProfileFacts(view, out.profile_page);
  out.personal = PersonalDetails(view, used);
  out.criticism = CriticismCandidates(view);
  out.facility_places = FacilityPlaces(view);
  out.loose_identifiers = LooseIdentifiers(view, used, out.profile_page);

  // Only blocks that hold a detail can make a repeated disclosure (a footer phone on every
  // page); nav and prose blocks would cost 8 bytes each per page for nothing.
  for (const auto& m : mentions) {
    if (m.block < view.fingerprints.size()) {
      out.block_fingerprints.push_back(view.fingerprints[m.block]);
    }
  }
  std::sort(out.block_fingerprints.begin(), out.block_fingerprints.end());
  out.block_fingerprints.erase(
      std::unique(out.block_fingerprints.begin(), out.block_fingerprints.end()),
      out.block_fingerprints.end());
  return out;
}

}  // namespace sightline::analyzer
