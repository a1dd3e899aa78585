// Plain-words explanations of findings: the one-sentence summary a physician understands
// ("A 41-year-old bus driver with Wilson's disease, seen at a practice in Fairview (pop.
// 6,000): about 0.01 people match.") and advice naming which details to drop or generalise
// so k rises above the medium threshold (greedy: the change that raises k most first). Pure.
#pragma once

#include <string>

#include "analyzer/link/anonymity.h"
#include "analyzer/link/internal/estimate.h"

namespace sightline::analyzer::link_internal {

// "a 41-year-old bus driver with Wilson's disease, seen at a practice in Chardon, OH (pop.
// 5,100)" — without the leading capital.
std::string DescribeSubject(const Estimate& e);

std::string SubjectSummary(const Estimate& e);
std::string SubjectAdvice(const Estimate& e, const RiskThresholds& thresholds);

// Upper-cases the first letter.
std::string Capitalize(std::string s);

}  // namespace sightline::analyzer::link_internal
