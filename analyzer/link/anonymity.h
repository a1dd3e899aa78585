// Anonymity-set arithmetic (k-map style): k ≈ N(place) × Π P(detail) with independent
// factors, the risk bands over k (El Emam's thresholds, configurable), the uniform-birthday
// uniqueness model used to sanity-check the estimate against Sweeney's ZIP+sex+DOB result,
// and the people-friendly number formatting the summaries use. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/finding.h"

namespace sightline::analyzer {

// k below `critical` → critical, below `high` → high, below `medium` → medium, else low.
struct RiskThresholds {
  double critical = 1.0;
  double high = 5.0;
  double medium = 20.0;
};
Risk RiskForAnonymitySet(double k, const RiskThresholds& thresholds);

// One independent factor of the estimate: a share of the population (0 < share <= 1).
struct AnonymityFactor {
  std::string label;  // "age", "condition", ...
  double share = 1.0;
};

// k = population × Π shares (shares clamped to (0, 1]; a non-positive population gives 0).
double AnonymitySet(double population, const std::vector<AnonymityFactor>& factors);

// Probability that one given person is unique in a population of `z` people spread uniformly
// over `d` equally likely cells: (1 − 1/d)^(z−1). With z = 9,330 (people in a ZIP code) and
// d = 56,940 (sex × date of birth over ~78 years) it is ≈ 0.849.
double UniformUniquenessProbability(double z, double d);
// Expected number of *other* people sharing a cell: (z − 1) / d.
double UniformExpectedMatches(double z, double d);

// "6,000", "1,234,567" — integer with thousands separators.
std::string FormatThousands(int64_t value);
// A population for a sentence, rounded to 2 significant digits above 1,000: "6,000",
// "2.3 million".
std::string FormatPopulation(int64_t population);
// k for a sentence: "about 1,200 people", "about 3 people", "about 0.4 people",
// "fewer than 0.01 people".
std::string FormatPeople(double k);

}  // namespace sightline::analyzer
