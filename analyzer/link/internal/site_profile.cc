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

namespace {

// The contact page is where a practice states its address; then other profile pages
// (about, team), then pages that only carry the practice's JSON-LD.
int PageRank(const std::string& url, bool profile_page) {
  std::string lower = AsciiLower(url);
  bool profile_url = IsProfileUrl(lower);
  if (profile_url && lower.find("contact") != std::string::npos) return 0;
  if (profile_url) return 1;
  return profile_page ? 2 : 3;
}

}  // namespace

void ProfileFold::Add(const PageAnalysis& page) {
  if (page.profile.empty()) return;
  const int rank = PageRank(page.url, page.profile_page);
  for (size_t i = 0; i < page.profile.size(); ++i) {
    const ProfileFact& f = page.profile[i];
    if (f.key == "locality") votes_[NormalizeKey(SplitPlace(f.value).first)]++;
    Order order{f.from_json_ld ? 0 : 1, rank, page.url, i};
    auto [it, fresh] = groups_.try_emplace({f.key, NormalizeKey(f.value)});
    Group& g = it->second;
    if (fresh || order < g.first_order) {
      g.first = f;
      g.first_order = order;
    }
    if (f.population > 0 && (!g.with_population || order < g.population_order)) {
      g.with_population = f;
      g.population_order = std::move(order);
    }
  }
}

std::vector<ProfileFact> ProfileFold::Facts() const {
  std::vector<std::pair<const Order*, const ProfileFact*>> kept;
  for (const auto& [key, g] : groups_) {
    kept.emplace_back(&g.first_order, &g.first);
    if (g.with_population && g.population_order != g.first_order) {
      kept.emplace_back(&g.population_order, &*g.with_population);
    }
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const auto& a, const auto& b) { return *a.first < *b.first; });
  std::vector<ProfileFact> out;
  out.reserve(kept.size());
  for (const auto& [order, fact] : kept) out.push_back(*fact);
  return out;
}

SiteProfile BuildSiteProfile(const std::vector<PageAnalysis>& pages, const Priors* priors) {
  ProfileFold fold;
  for (const auto& p : pages) fold.Add(p);
  return BuildSiteProfile(fold, priors);
}

SiteProfile BuildSiteProfile(const ProfileFold& fold, const Priors* priors) {
  SiteProfile profile;
  profile.country_population = priors ? priors->UsPopulation() : kUsPopulation2020;
  if (profile.country_population <= 0) profile.country_population = kUsPopulation2020;

  // In authority order; a later fact of the same (key, value) only lends its population.
  const std::vector<ProfileFact> all = fold.Facts();
  std::map<std::string, int> locality_votes = fold.locality_votes();
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& f : all) {
    std::string norm = NormalizeKey(f.value);
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
