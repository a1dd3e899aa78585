// PageAnalysis: what phase 1 of linkage (AnalyzePage) keeps of one page so that phase 2
// (LinkSite) can cross-reference the whole site without holding any page in memory:
// patient stories (subjects) with their details and snippets, author/practice profile facts,
// private-life details of the author, colleague-criticism candidates, facility→place links
// and block fingerprints for boilerplate. Plain data, copyable; built by one thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analyzer/finding.h"
#include "analyzer/mention.h"

namespace sightline::analyzer {

// One detail as linkage keeps it: the finding-ready detail (url, snippet, prior, ...) plus
// the mention's extra facts and the fingerprint of the block it came from.
struct LinkedDetail {
  FindingDetail detail;
  std::map<std::string, std::string> attributes;  // Mention::attributes
  double confidence = 1.0;
  uint64_t block_fingerprint = 0;  // same text block on many pages = boilerplate
  size_t block = 0;                // index of the block in its page

  std::string Attribute(const std::string& key) const {
    auto it = attributes.find(key);
    return it == attributes.end() ? std::string() : it->second;
  }
};

// A patient story: a span of blocks anchored by a patient cue ("my patient", "a 41-year-old
// woman", "presented with") that ends where the story ends.
struct Subject {
  std::string url;
  std::string cue;         // the anchor text, e.g. "a 41-year-old woman"
  size_t first_block = 0;  // inclusive block range of the story
  size_t last_block = 0;
  std::vector<LinkedDetail> details;
};

// A site-wide fact about the author or the practice, with the URL it came from.
// Keys: author_name, practice_name, specialty, street_address, locality, region,
// postal_code, country, hospital, business_phone, business_email.
struct ProfileFact {
  std::string key;
  std::string value;
  std::string url;
  std::string snippet;
  int64_t population = 0;  // for locality facts, when detection knew it (0 = unknown)
  bool from_json_ld = false;
  uint64_t block_fingerprint = 0;
};

// A detail of the author's private life (personal_information): home address, family
// member names, children's school, personal phone or email.
struct PersonalDetail {
  std::string category;  // home_address | family_member | child_school | personal_phone |
                         // personal_email
  LinkedDetail detail;
};

// A sentence that names (or identifies) a colleague, supervisor or employer together with
// disparaging words.
struct CriticismCandidate {
  LinkedDetail target;             // the named person / role / employer
  std::vector<std::string> terms;  // the disparaging words found, lower case
  bool named = false;              // a person's name (vs. a role such as "my supervisor")
};

// A facility and the place it was named with ("Riverside General Hospital in Fairview").
struct FacilityPlace {
  std::string facility;  // normalised facility name
  LinkedDetail place;
};

struct PageAnalysis {
  std::string url;
  bool indexable = false;
  std::vector<std::string> exposure_reasons;  // ExposureReason codes
  std::string published_date;
  bool profile_page = false;  // about/contact/team page or one carrying Physician JSON-LD
  std::vector<Subject> subjects;
  std::vector<ProfileFact> profile;
  std::vector<PersonalDetail> personal;
  std::vector<CriticismCandidate> criticism;
  std::vector<FacilityPlace> facility_places;
  // Direct identifiers not inside any story but tied to a patient by their own context
  // (e.g. "patient John Miller" in an HTML comment).
  std::vector<LinkedDetail> loose_identifiers;
  // Fingerprints of the text blocks that hold a detail, each once: phase 2 counts pages per
  // fingerprint (the same block on many pages is one disclosure).
  std::vector<uint64_t> block_fingerprints;
};

}  // namespace sightline::analyzer
