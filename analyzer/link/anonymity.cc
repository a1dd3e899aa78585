#include "analyzer/link/anonymity.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sightline::analyzer {

Risk RiskForAnonymitySet(double k, const RiskThresholds& thresholds) {
  if (k < thresholds.critical) return Risk::kCritical;
  if (k < thresholds.high) return Risk::kHigh;
  if (k < thresholds.medium) return Risk::kMedium;
  return Risk::kLow;
}

double AnonymitySet(double population, const std::vector<AnonymityFactor>& factors) {
  if (!(population > 0)) return 0;
  double k = population;
  for (const auto& f : factors) {
    // A zero or negative share is a missing prior, not an impossible detail: ignore it
    // rather than claim nobody matches.
    if (!(f.share > 0)) continue;
    k *= std::min(f.share, 1.0);
  }
  return k;
}

double UniformUniquenessProbability(double z, double d) {
  if (z <= 1) return 1.0;
  if (d <= 1) return 0.0;
  // log1p keeps precision for large d.
  return std::exp((z - 1) * std::log1p(-1.0 / d));
}

double UniformExpectedMatches(double z, double d) {
  if (z <= 1 || d <= 0) return 0.0;
  return (z - 1) / d;
}

std::string FormatThousands(int64_t value) {
  bool negative = value < 0;
  uint64_t v = negative ? static_cast<uint64_t>(-(value + 1)) + 1 : static_cast<uint64_t>(value);
  std::string digits = std::to_string(v);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.push_back(',');
    out.push_back(*it);
    ++count;
  }
  if (negative) out.push_back('-');
  std::reverse(out.begin(), out.end());
  return out;
}

namespace {

// Rounds to `digits` significant digits.
double RoundSignificant(double value, int digits) {
  if (value <= 0) return 0;
  double magnitude = std::pow(10.0, std::floor(std::log10(value)) - (digits - 1));
  return std::round(value / magnitude) * magnitude;
}

// "0.4", "2.5": trims a trailing ".0".
std::string Decimal(double value, int decimals) {
  std::string s = fmt::format("{:.{}f}", value, decimals);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s;
}

}  // namespace

std::string FormatPopulation(int64_t population) {
  if (population <= 0) return "unknown";
  if (population < 1000) return FormatThousands(population);
  double rounded = RoundSignificant(static_cast<double>(population), 2);
  if (rounded >= 1e9) return Decimal(rounded / 1e9, 1) + " billion";
  if (rounded >= 1e6) return Decimal(rounded / 1e6, 1) + " million";
  return FormatThousands(static_cast<int64_t>(rounded));
}

std::string FormatPeople(double k) {
  if (!(k > 0) || k < 0.01) return "fewer than 0.01 people";
  if (k >= 1e6) return "about " + FormatPopulation(static_cast<int64_t>(k)) + " people";
  if (k >= 100) {
    return "about " + FormatThousands(static_cast<int64_t>(RoundSignificant(k, 2))) + " people";
  }
  if (k >= 10) return "about " + FormatThousands(static_cast<int64_t>(std::round(k))) + " people";
  if (k >= 1) {
    std::string v = Decimal(RoundSignificant(k, 2), 1);
    return "about " + v + (v == "1" ? " person" : " people");
  }
  return "about " + Decimal(RoundSignificant(k, 1), 2) + " people";
}

}  // namespace sightline::analyzer
