// Mention: one detail found in a page's text that could help identify a patient or the
// author, with its span, a normalised value, a confidence and a prior (the share of the
// population it fits). Produced by detection, consumed by linkage and stored per audit.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sightline::analyzer {

// The `type` values of the JSON contract (DESIGN.md).
enum class MentionType {
  kPersonName,
  kAge,
  kSex,
  kDate,
  kLocation,
  kAddress,
  kPostalCode,
  kFacility,
  kCondition,
  kOccupation,
  kEvent,
  kRelation,
  kContact,
  kIdentifier,
  kOther,
};
const char* MentionTypeName(MentionType type);  // "person_name", "age", ...
std::optional<MentionType> ParseMentionType(std::string_view name);

struct Mention {
  MentionType type = MentionType::kOther;
  std::string text;        // exactly as on the page
  std::string normalized;  // "41", "F", "2024-03-08", "Fairview, OH", "wilson disease"
  size_t block = 0;        // index into PageContent::blocks
  size_t begin = 0;        // byte span within that block's text
  size_t end = 0;
  bool hidden = false;      // copied from the block
  double confidence = 1.0;  // 0..1
  double prior = 1.0;       // share of the population the detail fits; 1 = uninformative
  // Extra facts by type: "role" (patient|relative|colleague|author|unknown) for names;
  // "population", "admin", "country" for places; "dob", "window_start", "window_end" for
  // dates; "safe_harbor" ("true") for details that are HIPAA identifiers by themselves;
  // "kind" for contacts (phone|email|url|handle) and identifiers (mrn|ssn|npi|...).
  std::map<std::string, std::string> attributes;

  std::string Attribute(const std::string& key) const {
    auto it = attributes.find(key);
    return it == attributes.end() ? std::string() : it->second;
  }
};

}  // namespace sightline::analyzer
