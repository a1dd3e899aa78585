// SiteProfile: the author/practice facts of a whole site merged from every page's
// ProfileFacts (phase 2), with the practice's catchment (town, population, the page that
// says so) and the business contacts that are *not* personal information. Immutable after
// BuildSiteProfile; pure.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
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

// Every page's profile facts folded as pages arrive into what BuildSiteProfile reads: per
// (key, normalised value) the most authoritative fact and the most authoritative one that
// knows a population, plus the locality votes. A footer address on each of 100,000 pages is
// then two facts and a count, not 100,000 facts. Not thread-safe.
class ProfileFold {
 public:
  void Add(const PageAnalysis& page);
  // The kept facts in authority order (JSON-LD first, then contact, about/team, other pages;
  // then URL and order on the page) and the locality votes of all facts.
  std::vector<ProfileFact> Facts() const;
  const std::map<std::string, int>& locality_votes() const { return votes_; }

 private:
  struct Order {
    int json_ld = 1;  // 0 first
    int rank = 3;
    std::string page_url;
    size_t index = 0;
    auto operator<=>(const Order&) const = default;
  };
  struct Group {
    ProfileFact first;
    Order first_order;
    std::optional<ProfileFact> with_population;
    Order population_order;
  };
  std::map<std::pair<std::string, std::string>, Group> groups_;
  std::map<std::string, int> votes_;
};

SiteProfile BuildSiteProfile(const ProfileFold& fold, const Priors* priors);
SiteProfile BuildSiteProfile(const std::vector<PageAnalysis>& pages, const Priors* priors);

}  // namespace sightline::analyzer::link_internal
