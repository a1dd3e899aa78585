// Finding: a detail or combination of details that narrows down who a page is about, with
// its anonymity-set estimate k, risk, a one-sentence summary and advice. Produced by linkage
// at the end of a crawl; its id is a stable fingerprint (same finding, same id, every audit).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/mention.h"

namespace sightline::analyzer {

enum class FindingKind {
  kPatientReidentification,
  kAuthorReidentification,
  kDirectIdentifier,
  kPersonalInformation,
  kColleagueCriticism,
  // robots.txt names a private-looking path (analyzer/extract/robots_txt_findings.h).
  kAdvertisedPrivatePath,
};
const char* FindingKindName(FindingKind kind);  // "patient_reidentification", ...
std::optional<FindingKind> ParseFindingKind(std::string_view name);

enum class Risk { kLow = 0, kMedium = 1, kHigh = 2, kCritical = 3 };
const char* RiskName(Risk risk);  // "low", "medium", "high", "critical"
std::optional<Risk> ParseRisk(std::string_view name);

struct FindingDetail {
  MentionType type = MentionType::kOther;
  std::string text;
  std::string normalized;
  std::string url;           // page the detail came from
  std::string snippet;       // the sentence around it
  size_t snippet_begin = 0;  // the detail's span inside `snippet`
  size_t snippet_end = 0;
  bool hidden = false;
  double prior = 1.0;
  bool inherited = false;  // taken from the author profile / another page, not the story
};

struct Finding {
  std::string id;  // stable fingerprint
  FindingKind kind = FindingKind::kPatientReidentification;
  Risk risk = Risk::kLow;
  // k: expected number of people the details fit (N(place) × Π priors, see
  // analyzer/link/anonymity.h). Findings about one known person — personal_information,
  // colleague_criticism, identifiers outside any story — carry k = 1; an advertised private
  // path is about no one in particular and carries k = 1 too.
  double anonymity_set = 0;
  std::string summary;
  std::vector<std::string> pages;
  std::vector<FindingDetail> details;
  std::string advice;
  bool indexable = false;  // any of its pages indexable
  std::vector<std::string> exposure_reasons;
};

}  // namespace sightline::analyzer
