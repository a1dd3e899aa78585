#include "analyzer/link/internal/page_facts.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>

#include "analyzer/link/internal/cues.h"
#include "analyzer/link/internal/subjects.h"
#include "analyzer/link/internal/text_util.h"

namespace sightline::analyzer::link_internal {
namespace {

// "hospitalAffiliation[0].name" / "hospitalAffiliation.0.name" → {"hospitalaffiliation", "name"}.
std::vector<std::string> KeyPath(const std::string& key) {
  std::vector<std::string> parts;
  std::string cur;
  auto flush = [&] {
    bool numeric = !cur.empty() &&
                   std::all_of(cur.begin(), cur.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!cur.empty() && !numeric) parts.push_back(AsciiLower(cur));
    cur.clear();
  };
  for (char c : key) {
    if (c == '.' || c == '[' || c == ']') {
      flush();
    } else {
      cur.push_back(c);
    }
  }
  flush();
  return parts;
}

bool IsPersonType(const std::string& lower_type) {
  return lower_type.find("physician") != std::string::npos || lower_type == "person";
}

bool IsPracticeType(const std::string& lower_type) {
  for (const char* t : {"medicalclinic", "medicalorganization", "medicalbusiness", "localbusiness",
                        "organization", "dentist", "optician", "pharmacy"}) {
    if (lower_type.find(t) != std::string::npos) return true;
  }
  return false;
}

// What a JSON-LD fact shows as its snippet: the value and, in plain words, where it sits. A
// physician reading the report would not know "address.addressLocality: Chardon".
std::string JsonLdSnippet(const std::string& fact, const std::string& value) {
  static const std::map<std::string, std::string> kWords = {
      {"locality", "town"},
      {"street_address", "street address"},
      {"postal_code", "postal code"},
      {"region", "state or region"},
      {"country", "country"},
      {"business_phone", "phone number"},
      {"business_email", "email address"},
      {"specialty", "specialty"},
      {"author_name", "author's name"},
      {"hospital", "hospital"},
      {"practice_name", "practice's name"},
  };
  auto it = kWords.find(fact);
  const std::string what = it == kWords.end() ? "details" : it->second;
  return value + " (the " + what +
         " in the page's structured data, which visitors do not see and search engines read)";
}

void AddJsonLdFacts(const PageView& view, std::vector<ProfileFact>& facts) {
  for (const JsonLdEntity& e : view.page.json_ld) {
    std::string type = AsciiLower(e.type);
    bool person = IsPersonType(type);
    bool practice = IsPracticeType(type);
    bool hospital = type.find("hospital") != std::string::npos;
    bool address_only = type == "postaladdress";
    bool article =
        type.find("posting") != std::string::npos || type.find("article") != std::string::npos;
    if (!person && !practice && !hospital && !address_only && !article) continue;
    for (const auto& [key, value] : e.properties) {
      if (value.empty()) continue;
      std::vector<std::string> path = KeyPath(key);
      if (path.empty()) continue;
      const std::string& last = path.back();
      const std::string& first = path.front();
      std::string fact;
      if (article) {
        if (first == "author" && last == "name") fact = "author_name";
      } else if (last == "streetaddress") {
        fact = "street_address";
      } else if (last == "addresslocality") {
        fact = "locality";
      } else if (last == "addressregion") {
        fact = "region";
      } else if (last == "postalcode") {
        fact = "postal_code";
      } else if (last == "addresscountry") {
        fact = "country";
      } else if (last == "telephone" || last == "faxnumber") {
        fact = "business_phone";
      } else if (last == "email") {
        fact = "business_email";
      } else if (last == "medicalspecialty") {
        fact = "specialty";
      } else if (path.size() == 1 && last == "name") {
        fact = person ? "author_name" : hospital ? "hospital" : "practice_name";
      } else if (last == "name" && (first == "hospitalaffiliation" || first == "affiliation")) {
        fact = "hospital";
      } else if (last == "name" &&
                 (first == "worksfor" || first == "memberof" || first == "parentorganization")) {
        fact = IsHospitalName(AsciiLower(value)) ? "hospital" : "practice_name";
      }
      if (fact.empty()) continue;
      ProfileFact f;
      f.key = fact;
      f.value = value;
      f.url = view.page.url;
      f.snippet = JsonLdSnippet(fact, value);
      f.from_json_ld = true;
      facts.push_back(std::move(f));
    }
  }
}

int64_t ParsePopulation(const std::string& s) {
  if (s.empty()) return 0;
  return std::strtoll(s.c_str(), nullptr, 10);
}

ProfileFact FactFrom(const PageView& view, const Mention& m, const std::string& key) {
  LinkedDetail d = view.Detail(m);
  ProfileFact f;
  f.key = key;
  f.value = m.type == MentionType::kLocation && !m.normalized.empty() ? m.normalized : m.text;
  f.url = view.page.url;
  f.snippet = d.detail.snippet;
  f.population = ParsePopulation(m.Attribute("population"));
  f.block_fingerprint = d.block_fingerprint;
  return f;
}

std::string_view SentenceOf(const PageView& view, const Mention& m) {
  auto [s, e] = view.Sentence(m.block, m.begin, m.end);
  return std::string_view(view.lower[m.block]).substr(s, e - s);
}

// The profile fact a footer or profile-page mention states, or "" when its type states none.
std::string ProfileFactKey(const Mention& m) {
  switch (m.type) {
    case MentionType::kLocation:
      return "locality";
    case MentionType::kAddress:
      return "street_address";
    case MentionType::kPostalCode:
      return "postal_code";
    case MentionType::kFacility:
      return IsHospitalName(AsciiLower(m.text)) ? "hospital" : "";
    case MentionType::kContact: {
      const std::string kind = m.Attribute("kind");
      if (kind == "phone") return "business_phone";
      if (kind == "email") return "business_email";
      return "";
    }
    default:
      return "";
  }
}

}  // namespace

bool IsProfilePage(const PageContent& page) {
  if (IsProfileUrl(AsciiLower(page.url))) return true;
  for (const JsonLdEntity& e : page.json_ld) {
    std::string type = AsciiLower(e.type);
    if (IsPersonType(type) || IsPracticeType(type)) return true;
  }
  return false;
}

std::vector<ProfileFact> ProfileFacts(const PageView& view, bool profile_page) {
  std::vector<ProfileFact> facts;
  AddJsonLdFacts(view, facts);
  std::map<std::pair<size_t, size_t>, bool> private_sentence;  // (block, sentence start)
  for (const Mention& m : view.mentions) {
    if (m.block >= view.page.blocks.size()) continue;
    std::string role = m.Attribute("role");
    if (m.type == MentionType::kPersonName && role == "author") {
      facts.push_back(FactFrom(view, m, "author_name"));
      continue;
    }
    bool source = profile_page || view.footer[m.block];
    if (!source || view.hidden_text[m.block]) continue;
    std::string key = ProfileFactKey(m);
    if (key.empty()) continue;
    // A footer line holds several mentions of one sentence: judge each sentence once.
    const auto [sentence_begin, sentence_end] = view.Sentence(m.block, m.begin, m.end);
    const auto [verdict, fresh] =
        private_sentence.try_emplace(std::make_pair(m.block, sentence_begin), false);
    if (fresh) {
      verdict->second =
          IsPrivateLifeSentence(std::string_view(view.lower[m.block])
                                    .substr(sentence_begin, sentence_end - sentence_begin));
    }
    if (verdict->second) continue;
    facts.push_back(FactFrom(view, m, key));
  }
  return facts;
}

std::vector<PersonalDetail> PersonalDetails(const PageView& view, const std::vector<bool>& used) {
  std::vector<PersonalDetail> out;
  for (size_t i = 0; i < view.mentions.size(); ++i) {
    const Mention& m = view.mentions[i];
    if (used[i] || m.block >= view.page.blocks.size()) continue;
    std::string_view sentence = SentenceOf(view, m);
    std::string category;
    switch (m.type) {
      case MentionType::kPersonName:
        if (!IsProfessionalName(m) &&
            (m.Attribute("role") == "relative" || m.Attribute("role") == "unknown" ||
             m.Attribute("role").empty()) &&
            HasFamilyCue(sentence)) {
          category = "family_member";
        }
        break;
      case MentionType::kFacility:
        if (IsSchoolName(AsciiLower(m.text)) && HasChildCue(sentence)) category = "child_school";
        break;
      case MentionType::kAddress:
        if (HasHomeCue(sentence)) category = "home_address";
        break;
      case MentionType::kContact:
        if (HasPersonalContactCue(sentence)) {
          category = m.Attribute("kind") == "email" ? "personal_email" : "personal_phone";
        }
        break;
      default:
        break;
    }
    if (category.empty()) continue;
    out.push_back({category, view.Detail(m)});
  }
  // "My twins start second grade at Maple Street Elementary School": the school's name in a
  // sentence about the author's children, even when detection typed it as a street or not
  // at all.
  const auto& blocks = view.page.blocks;
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (view.in_chrome[b] || blocks[b].kind == BlockKind::kJsonLd) continue;
    for (const auto& [begin, end] : SchoolNames(blocks[b].text)) {
      auto [s, e] = view.Sentence(b, begin, end);
      if (!HasChildCue(std::string_view(view.lower[b]).substr(s, e - s))) continue;
      bool covered = std::any_of(out.begin(), out.end(), [&](const PersonalDetail& p) {
        return p.category == "child_school" && p.detail.block == b;
      });
      if (covered) continue;
      Mention school;
      school.type = MentionType::kFacility;
      school.block = b;
      school.begin = begin;
      school.end = end;
      school.text = blocks[b].text.substr(begin, end - begin);
      school.normalized = NormalizeKey(school.text);
      school.hidden = blocks[b].hidden;
      out.push_back({"child_school", view.Detail(school)});
    }
  }
  return out;
}

std::vector<CriticismCandidate> CriticismCandidates(const PageView& view) {
  std::vector<CriticismCandidate> out;
  const auto& blocks = view.page.blocks;
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (view.in_chrome[b] || blocks[b].kind == BlockKind::kJsonLd) continue;
    const std::string& lower = view.lower[b];
    const auto& starts = view.Starts(b);
    for (size_t k = 0; k < starts.size(); ++k) {
      size_t s = starts[k];
      size_t e = k + 1 < starts.size() ? starts[k + 1] : lower.size();
      std::string_view sentence = std::string_view(lower).substr(s, e - s);
      std::vector<std::string> terms = DisparagingTerms(sentence);
      if (terms.empty()) continue;
      CriticismCandidate c;
      c.terms = std::move(terms);
      bool found = false;
      const Mention* facility = nullptr;
      for (size_t idx : view.MentionsIn(b)) {
        const Mention& m = view.mentions[idx];
        if (m.begin < s || m.begin >= e) continue;
        if (m.type == MentionType::kPersonName && m.Attribute("role") != "author" &&
            m.Attribute("role") != "patient" && m.Attribute("role") != "relative" &&
            IsProfessionalName(m)) {
          c.target = view.Detail(m);
          c.named = true;
          found = true;
          break;
        }
        if (m.type == MentionType::kFacility && !facility && IsHospitalName(AsciiLower(m.text))) {
          facility = &m;
        }
      }
      if (!found) {
        auto roles = ColleagueRoles(sentence);
        if (!roles.empty()) {
          Mention role;
          role.type = MentionType::kOther;
          role.block = b;
          role.begin = s + roles.front().first;
          role.end = s + roles.front().second;
          role.text = blocks[b].text.substr(role.begin, role.end - role.begin);
          role.normalized = AsciiLower(role.text);
          role.hidden = blocks[b].hidden;
          c.target = view.Detail(role);
          // A role plus a named employer in the same sentence identifies the person.
          if (facility) c.target.attributes["employer"] = facility->text;
          found = true;
        } else if (facility) {
          c.target = view.Detail(*facility);
          c.target.attributes["employer"] = facility->text;
          found = true;
        }
      }
      if (found) out.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<FacilityPlace> FacilityPlaces(const PageView& view) {
  std::vector<FacilityPlace> out;
  for (const Mention& f : view.mentions) {
    if (f.type != MentionType::kFacility || f.block >= view.page.blocks.size()) continue;
    auto [s, e] = view.Sentence(f.block, f.begin, f.end);
    for (size_t idx : view.MentionsIn(f.block)) {
      const Mention& p = view.mentions[idx];
      if (p.type != MentionType::kLocation || p.begin < s || p.begin >= e) continue;
      out.push_back({NormalizeKey(f.normalized.empty() ? f.text : f.normalized), view.Detail(p)});
      break;
    }
  }
  return out;
}

std::vector<LinkedDetail> LooseIdentifiers(const PageView& view, const std::vector<bool>& used,
                                           bool profile_page) {
  std::vector<LinkedDetail> out;
  for (size_t i = 0; i < view.mentions.size(); ++i) {
    const Mention& m = view.mentions[i];
    if (used[i] || m.block >= view.page.blocks.size() || view.in_chrome[m.block]) continue;
    if (m.type != MentionType::kPersonName && m.type != MentionType::kIdentifier &&
        m.type != MentionType::kDate && m.type != MentionType::kAge) {
      continue;
    }
    if (view.NamesSiteOwner(m)) continue;
    LinkedDetail d = view.Detail(m);
    if (!IsDirectIdentifier(d) || IsProfessionalName(m)) continue;
    // Outside a story a phone, email or street address is the practice's until shown
    // otherwise; only names, numbers and birth dates/ages tie to a patient by themselves.
    if (m.type == MentionType::kContact || m.type == MentionType::kAddress) continue;
    std::string_view sentence = SentenceOf(view, m);
    // One patient ("patient", not "patients": a sentence about patients in general names
    // nobody in particular).
    bool patient_context = m.Attribute("role") == "patient" || MentionsOnePatient(sentence);
    if (m.type == MentionType::kIdentifier) {
      std::string kind = m.Attribute("kind");
      // A practitioner's NPI or licence on the profile page is the author's, not a patient's.
      if (profile_page && (kind == "npi" || kind == "license" || kind == "licence")) continue;
      if (!patient_context && kind != "mrn" && kind != "ssn" && kind != "health_plan") continue;
    } else if (!patient_context) {
      continue;
    }
    // A date outside any story is a direct identifier only as a labelled birth date in the
    // patient's own sentence ("patient John Miller, DOB 1/2/1950"); a post's date in a
    // listing next to "A birthday to remember" is not.
    if (m.type == MentionType::kDate && !HasBirthLabelBefore(view.lower[m.block], m.begin)) {
      continue;
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace sightline::analyzer::link_internal
