// The anonymity-set estimate of one patient story: the place that sets N (the story's own
// town, a facility's town from another page, or the practice's catchment inherited from the
// profile), the independent factors taken from the details' priors, k, and what each
// factor would become if the detail were dropped or generalised (for advice). Pure.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analyzer/detect/priors.h"
#include "analyzer/link/anonymity.h"
#include "analyzer/link/internal/site_profile.h"
#include "analyzer/link/page_analysis.h"

namespace sightline::analyzer::link_internal {

struct Factor {
  MentionType type = MentionType::kOther;
  std::string text;             // the detail as written ("41-year-old")
  double share = 1.0;           // its share of the population
  double generalised = 1.0;     // share after generalising (1 = can only be dropped)
  std::string generalise_hint;  // "say \"in her forties\""
  bool direct = false;          // a direct identifier: advice removes it first
};

struct Estimate {
  std::vector<LinkedDetail> details;  // the story's own, then inherited ones
  double population = 0;              // N
  std::string place;                  // "Chardon, OH"
  bool place_inherited = false;
  bool place_unknown = false;  // N is the country's population
  std::vector<Factor> factors;
  double k = 0;
  bool direct = false;               // a direct identifier is among the details
  bool direct_only_old_age = false;  // the only direct identifier is an age over 89
  int informative = 0;               // the story's own details with a prior < 0.5
};

// facility_places: NormalizeKey(facility) → the place named with it on some page.
Estimate EstimateSubject(const Subject& subject, const SiteProfile& profile,
                         const std::map<std::string, LinkedDetail>& facility_places,
                         const Priors* priors);

// k with the factors at the given shares (same N).
double KWith(const Estimate& e, const std::vector<double>& shares);

}  // namespace sightline::analyzer::link_internal
