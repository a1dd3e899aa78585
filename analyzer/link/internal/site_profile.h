// SiteProfile: the author/practice facts of a whole site merged from every page's
// ProfileFacts (phase 2), with the practice's catchment (town, population, the page that
// says so) and the business contacts that are *not* personal information. Immutable after
// BuildSiteProfile; pure.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/detect/priors.h"
#include "analyzer/link/page_analysis.h"

namespace sightline::analyzer::link_internal {

struct Catchment {
  std::string name;        // "Chardon"
  std::string region;      // "OH"
  int64_t population = 0;  // 0 = unknown
  std::string url;         // page that names the practice's town
  std::string snippet;
  std::string Label() const { return region.empty() ? name : name + ", " + region; }
};

struct SiteProfile {
  std::vector<ProfileFact> facts;  // one per (key, value), from the most authoritative page
  std::optional<Catchment> catchment;
  std::set<std::string> business_phones;     // digits only
  std::set<std::string> business_emails;     // lower case
  std::set<std::string> business_addresses;  // NormalizeKey
  int64_t country_population = 0;

  const ProfileFact* Find(const std::string& key) const;
  std::vector<const ProfileFact*> FindAll(const std::string& key) const;
};

// US population when no Priors are given (2020 Census).
inline constexpr int64_t kUsPopulation2020 = 331449281;

SiteProfile BuildSiteProfile(const std::vector<PageAnalysis>& pages, const Priors* priors);

}  // namespace sightline::analyzer::link_internal
