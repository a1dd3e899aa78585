#include "analyzer/link/internal/estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "analyzer/link/internal/subjects.h"
#include "analyzer/link/internal/text_util.h"

namespace sightline::analyzer::link_internal {
namespace {

int64_t AttributeInt(const LinkedDetail& d, const std::string& key) {
  std::string v = d.Attribute(key);
  return v.empty() ? 0 : std::strtoll(v.c_str(), nullptr, 10);
}

// Shares for details detection could not price: unique or nearly so by construction.
double FallbackShare(const LinkedDetail& d, double population) {
  switch (d.detail.type) {
    case MentionType::kPersonName:
      return 1e-5;  // a full name: Census shares of first × last name are about this small
    case MentionType::kIdentifier:
    case MentionType::kContact:
      return 1.0 / std::max(population, 1.0);  // one person
    case MentionType::kAddress:
      return 2.5 / std::max(population, 1.0);  // one household (2.5 people, Census 2020)
    case MentionType::kDate:
      if (d.Attribute("dob") == "true") return 1.0 / (365.25 * 80);
      return 1.0;
    default:
      return 1.0;
  }
}

double Share(const LinkedDetail& d, double population) {
  double p = d.detail.prior;
  if (p > 0 && p < 1) return p;
  return FallbackShare(d, population);
}

LinkedDetail InheritedPlace(const std::string& text, const std::string& url,
                            const std::string& snippet, int64_t population,
                            int64_t country_population) {
  LinkedDetail d;
  d.detail.type = MentionType::kLocation;
  d.detail.text = text;
  d.detail.normalized = text;
  d.detail.url = url;
  d.detail.snippet = snippet;
  // Highlight the town's name where the snippet has it, else the whole snippet.
  const std::string town = text.substr(0, text.find(','));
  const size_t at = town.empty() ? std::string::npos : snippet.find(town);
  d.detail.snippet_begin = at == std::string::npos ? 0 : at;
  d.detail.snippet_end = at == std::string::npos ? snippet.size() : at + town.size();
  d.detail.inherited = true;
  d.detail.prior = population > 0 && country_population > 0
                       ? static_cast<double>(population) / static_cast<double>(country_population)
                       : 1.0;
  if (population > 0) d.attributes["population"] = std::to_string(population);
  return d;
}

std::string AgeHint(int age) {
  if (age < 1) return "say \"a baby\"";
  if (age < 13) return "say \"a child\"";
  if (age < 20) return "say \"a teenager\"";
  if (age > 89) return "say \"90 or older\"";
  int decade = age / 10 * 10;
  return "say \"in their " + std::to_string(decade) + "s\"";
}

}  // namespace

double KWith(const Estimate& e, const std::vector<double>& shares) {
  std::vector<AnonymityFactor> f;
  for (double s : shares) f.push_back({"", s});
  return AnonymitySet(e.population, f);
}

Estimate EstimateSubject(const Subject& subject, const SiteProfile& profile,
                         const std::map<std::string, LinkedDetail>& facility_places,
                         const Priors* priors) {
  Estimate e;
  e.details = subject.details;
  double country = static_cast<double>(profile.country_population);

  // N: the smallest place the story itself names.
  int64_t best = 0;
  for (const auto& d : subject.details) {
    if (d.detail.type != MentionType::kLocation) continue;
    int64_t pop = AttributeInt(d, "population");
    if (pop > 0 && (best == 0 || pop < best)) {
      best = pop;
      e.place = d.detail.normalized.empty() ? d.detail.text : d.detail.normalized;
    }
  }
  // Else a facility whose town another page gives.
  if (best == 0) {
    for (const auto& d : subject.details) {
      if (d.detail.type != MentionType::kFacility) continue;
      auto it = facility_places.find(NormalizeKey(d.detail.normalized));
      if (it == facility_places.end()) continue;
      int64_t pop = AttributeInt(it->second, "population");
      if (pop <= 0) continue;
      best = pop;
      LinkedDetail place = it->second;
      place.detail.inherited = true;
      e.place = place.detail.normalized.empty() ? place.detail.text : place.detail.normalized;
      e.place_inherited = true;
      e.details.push_back(std::move(place));
      break;
    }
  }
  // Else the practice's catchment: patients are local.
  if (best == 0 && profile.catchment && profile.catchment->population > 0) {
    const Catchment& c = *profile.catchment;
    best = c.population;
    e.place = c.Label();
    e.place_inherited = true;
    e.details.push_back(
        InheritedPlace(c.Label(), c.url, c.snippet, c.population, profile.country_population));
  }
  if (best == 0) {
    best = profile.country_population;
    e.place_unknown = true;
  }
  e.population = static_cast<double>(best);

  // One factor per detail type (the most specific mention); conditions multiply, up to two
  // distinct ones (comorbidities are rarer together, but not independent beyond that).
  std::map<MentionType, std::vector<const LinkedDetail*>> by_type;
  for (const auto& d : subject.details) {
    if (d.detail.type == MentionType::kLocation) continue;  // in N already
    by_type[d.detail.type].push_back(&d);
    if (IsDirectIdentifier(d)) {
      if (!e.direct) e.direct_only_old_age = true;
      e.direct = true;
      if (d.detail.type != MentionType::kAge) e.direct_only_old_age = false;
    }
    if (Share(d, e.population) < 0.5) ++e.informative;
  }
  for (const auto& d : subject.details) {
    if (d.detail.type == MentionType::kLocation && AttributeInt(d, "population") > 0) {
      ++e.informative;
      break;
    }
  }
  for (auto& [type, list] : by_type) {
    std::sort(list.begin(), list.end(), [&](const LinkedDetail* a, const LinkedDetail* b) {
      return Share(*a, e.population) < Share(*b, e.population);
    });
    size_t take = type == MentionType::kCondition ? 2 : 1;
    std::set<std::string> distinct;
    for (const LinkedDetail* d : list) {
      if (distinct.size() >= take) break;
      if (!distinct.insert(NormalizeKey(d->detail.normalized)).second) continue;
      Factor f;
      f.type = type;
      f.text = d->detail.text;
      f.share = Share(*d, e.population);
      f.direct = IsDirectIdentifier(*d);
      if (type == MentionType::kAge) {
        int age = std::atoi(d->detail.normalized.c_str());
        int lo = age / 10 * 10;
        double band = priors ? priors->AgeRangeShare(lo, lo + 9) : std::min(1.0, f.share * 10);
        if (age > 89) band = priors ? priors->AgeRangeShare(90, 120) : 0.008;
        if (band > f.share) {
          f.generalised = band;
          f.generalise_hint = AgeHint(age);
        }
      } else if (type == MentionType::kDate && d->Attribute("dob") != "true") {
        f.generalised = std::min(1.0, f.share * 30);
        f.generalise_hint = "say \"recently\" or give only the season";
      }
      e.factors.push_back(std::move(f));
    }
  }
  std::vector<double> shares;
  for (const auto& f : e.factors) shares.push_back(f.share);
  e.k = KWith(e, shares);
  (void)country;
  return e;
}

}  // namespace sightline::analyzer::link_internal
