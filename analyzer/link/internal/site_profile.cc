#include "analyzer/link/internal/site_profile.h"

#include <algorithm>
#include <map>

#include "analyzer/link/internal/cues.h"
#include "analyzer/link/internal/text_util.h"

namespace sightline::analyzer::link_internal {
namespace {

// "Chardon, OH" → ("Chardon", "OH"); "Chardon" → ("Chardon", "").
std::pair<std::string, std::string> SplitPlace(const std::string& value) {
  size_t comma = value.find(',');
  if (comma == std::string::npos) return {value, ""};
  std::string name = value.substr(0, comma);
  std::string rest = value.substr(comma + 1);
  while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
  size_t next = rest.find(',');
  if (next != std::string::npos) rest = rest.substr(0, next);
  return {name, rest};
}

}  // namespace

const ProfileFact* SiteProfile::Find(const std::string& key) const {
  for (const auto& f : facts) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::vector<const ProfileFact*> SiteProfile::FindAll(const std::string& key) const {
  std::vector<const ProfileFact*> out;
  for (const auto& f : facts) {
    if (f.key == key) out.push_back(&f);
  }
  return out;
}

SiteProfile BuildSiteProfile(const std::vector<PageAnalysis>& pages, const Priors* priors) {
  SiteProfile profile;
  profile.country_population = priors ? priors->UsPopulation() : kUsPopulation2020;
  if (profile.country_population <= 0) profile.country_population = kUsPopulation2020;

  // Profile pages speak with more authority than a footer on a blog post; JSON-LD most.
  std::vector<const PageAnalysis*> order;
  for (const auto& p : pages) order.push_back(&p);
  // The contact page is where a practice states its address; then other profile pages
  // (about, team), then pages that only carry the practice's JSON-LD.
  auto rank = [](const PageAnalysis* p) {
    std::string lower = AsciiLower(p->url);
    bool profile_url = IsProfileUrl(lower);
    if (profile_url && lower.find("contact") != std::string::npos) return 0;
    if (profile_url) return 1;
    return p->profile_page ? 2 : 3;
  };
  std::stable_sort(order.begin(), order.end(), [&](const PageAnalysis* a, const PageAnalysis* b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return a->url < b->url;
  });
  std::vector<ProfileFact> all;
  for (const PageAnalysis* p : order) {
    for (const auto& f : p->profile) all.push_back(f);
  }
  std::stable_sort(all.begin(), all.end(), [](const ProfileFact& a, const ProfileFact& b) {
    return a.from_json_ld && !b.from_json_ld;
  });
  std::set<std::pair<std::string, std::string>> seen;
  std::map<std::string, int> locality_votes;
  for (auto& f : all) {
    std::string norm = NormalizeKey(f.value);
    if (f.key == "locality") locality_votes[NormalizeKey(SplitPlace(f.value).first)]++;
    if (!seen.insert({f.key, norm}).second) {
      // Keep the population if a later mention of the same place knew it.
      for (auto& kept : profile.facts) {
        if (kept.key == f.key && NormalizeKey(kept.value) == norm && kept.population == 0) {
          kept.population = f.population;
        }
      }
      continue;
    }
    profile.facts.push_back(f);
  }
  for (const auto& f : profile.facts) {
    if (f.key == "business_phone") profile.business_phones.insert(DigitsOnly(f.value));
    if (f.key == "business_email") profile.business_emails.insert(AsciiLower(f.value));
    if (f.key == "street_address") profile.business_addresses.insert(NormalizeKey(f.value));
  }

  // The catchment: the JSON-LD locality when there is one, else the town profile pages name
  // most often.
  const ProfileFact* locality = nullptr;
  for (const auto& f : profile.facts) {
    if (f.key != "locality") continue;
    if (f.from_json_ld) {
      locality = &f;
      break;
    }
    if (!locality || locality_votes[NormalizeKey(SplitPlace(f.value).first)] >
                         locality_votes[NormalizeKey(SplitPlace(locality->value).first)]) {
      locality = &f;
    }
  }
  if (!locality) return profile;
  Catchment c;
  auto [name, region] = SplitPlace(locality->value);
  c.name = name;
  c.region = region;
  if (c.region.empty()) {
    if (const ProfileFact* r = profile.Find("region")) c.region = r->value;
  }
  if (priors && !c.region.empty()) {
    std::string code = priors->UsStateCode(c.region);
    if (!code.empty()) c.region = code;
  }
  c.url = locality->url;
  c.snippet = locality->snippet;
  c.population = locality->population;
  if (c.population == 0) {
    // Another mention of the same town (a contact page) may carry detection's population.
    for (const auto& f : all) {
      if (f.key == "locality" && f.population > 0 &&
          NormalizeKey(SplitPlace(f.value).first) == NormalizeKey(c.name)) {
        c.population = f.population;
        break;
      }
    }
  }
  if (priors) {
    std::string hint = c.region.empty() ? "US" : "US-" + c.region;
    if (auto place = priors->LookupPlace(c.name, hint)) {
      if (c.population == 0 || (!c.region.empty() && place->admin == c.region)) {
        c.population = place->population;
      }
    }
  }
  profile.catchment = c;
  return profile;
}

}  // namespace sightline::analyzer::link_internal
