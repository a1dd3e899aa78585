#include "analyzer/link/internal/explain.h"

#include <algorithm>
#include <cstdlib>

#include "analyzer/link/internal/subjects.h"
#include "analyzer/link/internal/text_util.h"

namespace sightline::analyzer::link_internal {
namespace {

const LinkedDetail* First(const Estimate& e, MentionType type) {
  const LinkedDetail* best = nullptr;
  for (const auto& d : e.details) {
    if (d.detail.type != type || d.detail.inherited) continue;
    if (!best || d.detail.prior < best->detail.prior) best = &d;
  }
  return best;
}

std::vector<const LinkedDetail*> All(const Estimate& e, MentionType type) {
  std::vector<const LinkedDetail*> out;
  std::vector<std::string> seen;
  for (const auto& d : e.details) {
    if (d.detail.type != type || d.detail.inherited) continue;
    std::string key = NormalizeKey(d.detail.normalized);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    out.push_back(&d);
  }
  return out;
}

std::string JoinAnd(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string TypeWord(MentionType type) {
  switch (type) {
    case MentionType::kAge:
      return "the age";
    case MentionType::kSex:
      return "the sex";
    case MentionType::kDate:
      return "the date";
    case MentionType::kCondition:
      return "the condition";
    case MentionType::kOccupation:
      return "the occupation";
    case MentionType::kEvent:
      return "the event";
    case MentionType::kFacility:
      return "the facility";
    case MentionType::kRelation:
      return "the family detail";
    case MentionType::kPersonName:
      return "the name";
    case MentionType::kIdentifier:
      return "the identifier";
    case MentionType::kContact:
      return "the contact detail";
    case MentionType::kAddress:
      return "the street address";
    case MentionType::kPostalCode:
      return "the ZIP code";
    default:
      return "the detail";
  }
}

std::string DirectWords(const LinkedDetail& d) {
  std::string where = d.detail.hidden ? " (hidden in the page source)" : "";
  std::string quoted = "\"" + d.detail.text + "\"";
  switch (d.detail.type) {
    case MentionType::kPersonName:
      return "the name " + quoted + where;
    case MentionType::kIdentifier:
      return "an identifier " + quoted + where;
    case MentionType::kContact:
      return "a phone number or email " + quoted + where;
    case MentionType::kAddress:
      return "a street address " + quoted + where;
    case MentionType::kDate:
      return "a date of birth " + quoted + where;
    case MentionType::kAge:
      return "an age over 89 " + quoted + where;
    default:
      return quoted + where;
  }
}

// "Last Friday" → "last Friday" in the middle of a sentence; "March 8" stays.
std::string LowerRelative(std::string text) {
  std::string lower = AsciiLower(text);
  for (const char* w : {"last ", "this ", "next ", "yesterday", "today", "earlier ", "two ",
                        "three ", "a few ", "on ", "over "}) {
    if (lower.rfind(w, 0) == 0) {
      text[0] = lower[0];
      break;
    }
  }
  return text;
}

}  // namespace

std::string Capitalize(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string DescribeSubject(const Estimate& e) {
  std::string out = "a";
  const LinkedDetail* age = First(e, MentionType::kAge);
  const LinkedDetail* sex = First(e, MentionType::kSex);
  const LinkedDetail* occupation = First(e, MentionType::kOccupation);
  int age_years = age ? std::atoi(age->detail.normalized.c_str()) : -1;
  if (age) {
    bool numeric = !age->detail.normalized.empty() &&
                   std::all_of(age->detail.normalized.begin(), age->detail.normalized.end(),
                               [](char c) { return c >= '0' && c <= '9'; });
    out += " " + (numeric ? age->detail.normalized + "-year-old" : age->detail.text);
  }
  std::string noun = "patient";
  if (sex) {
    bool child = age_years >= 0 && age_years < 18;
    if (sex->detail.normalized == "F") noun = child ? "girl" : "woman";
    if (sex->detail.normalized == "M") noun = child ? "boy" : "man";
  }
  if (occupation) noun = occupation->detail.text;
  out += " " + noun;
  if (out.size() > 1 && (out[2] == 'a' || out[2] == 'e' || out[2] == 'i' || out[2] == 'o' ||
                         out[2] == '8' || age_years == 11 || age_years == 18)) {
    out.insert(1, "n");
  }
  std::vector<std::string> conditions;
  for (const auto* c : All(e, MentionType::kCondition)) conditions.push_back(c->detail.text);
  if (!conditions.empty()) out += " with " + JoinAnd(conditions);
  if (const LinkedDetail* ev = First(e, MentionType::kEvent)) out += " (" + ev->detail.text + ")";
  const LinkedDetail* date = nullptr;
  for (const auto& d : e.details) {
    if (d.detail.type == MentionType::kDate && !d.detail.inherited &&
        d.Attribute("dob") != "true") {
      date = &d;
      break;
    }
  }
  if (date) {
    out += ", " + LowerRelative(date->detail.text);
    std::string ws = date->Attribute("window_start");
    if (!ws.empty() && date->detail.text.find(ws) == std::string::npos) out += " (" + ws + ")";
  }
  if (const LinkedDetail* f = First(e, MentionType::kFacility)) out += ", at " + f->detail.text;
  if (!e.place_unknown) {
    std::string pop;
    for (const auto& d : e.details) {
      if (d.detail.type == MentionType::kLocation && !d.Attribute("population").empty() &&
          (d.detail.normalized == e.place || d.detail.text == e.place)) {
        pop = " (pop. " +
              FormatPopulation(std::strtoll(d.Attribute("population").c_str(), nullptr, 10)) + ")";
        break;
      }
    }
    out += (e.place_inherited ? ", seen at a practice in " : ", in ") + e.place + pop;
  }
  return out;
}

std::string SubjectSummary(const Estimate& e) {
  std::string description = DescribeSubject(e);
  std::string people = FormatPeople(e.k);
  if (e.direct) {
    std::vector<std::string> direct;
    for (const auto& d : e.details) {
      if (!d.detail.inherited && IsDirectIdentifier(d)) direct.push_back(DirectWords(d));
    }
    return Capitalize(JoinAnd(direct)) + " identif" + (direct.size() > 1 ? "y" : "ies") +
           " a patient directly: " + description + ".";
  }
  return Capitalize(description) + ": " + people + " match" +
         (people.ends_with("person") ? "es" : "") + ".";
}

std::string SubjectAdvice(const Estimate& e, const RiskThresholds& thresholds) {
  std::string out;
  if (e.direct) {
    std::vector<std::string> direct;
    std::vector<std::string> ages;
    bool hidden = false;
    for (const auto& d : e.details) {
      if (d.detail.inherited || !IsDirectIdentifier(d)) continue;
      if (d.detail.type == MentionType::kAge) {
        ages.push_back("\"" + d.detail.text + "\"");
        continue;
      }
      direct.push_back("\"" + d.detail.text + "\"");
      hidden = hidden || d.detail.hidden;
    }
    if (!direct.empty()) {
      out = "Remove " + JoinAnd(direct) + " from the page" +
            (hidden ? " and its HTML source (comments and hidden text are public to anyone who "
                      "views the source, and to crawlers)"
                    : "") +
            ".";
    }
    if (!ages.empty()) {
      out += std::string(out.empty() ? "" : " ") + "Replace " + JoinAnd(ages) +
             " with \"90 or older\" (HIPAA Safe Harbor aggregates ages over 89).";
    }
  }
  if (e.k >= thresholds.medium) {
    if (out.empty()) out = "No change needed: " + FormatPeople(e.k) + " fit these details.";
    return out;
  }
  // Greedy: apply the change that raises k most until k reaches the medium threshold.
  // Direct identifiers go first (an age over 89 becomes "90 or older"); the greedy search
  // works on what is left.
  std::vector<double> shares;
  std::vector<bool> done(e.factors.size(), false);
  for (size_t i = 0; i < e.factors.size(); ++i) {
    const Factor& f = e.factors[i];
    shares.push_back(f.direct ? (f.type == MentionType::kAge ? f.generalised : 1.0) : f.share);
    done[i] = f.direct;
  }
  std::vector<std::string> steps;
  double k = KWith(e, shares);
  if (e.direct && k >= thresholds.medium) return out;
  while (k < thresholds.medium) {
    // Among changes that reach the threshold, generalising beats dropping (it keeps the
    // story); otherwise take the change that raises k most.
    size_t best = e.factors.size();
    double best_k = k;
    bool best_generalise = false;
    bool best_reaches = false;
    for (size_t i = 0; i < e.factors.size(); ++i) {
      if (done[i]) continue;
      const Factor& f = e.factors[i];
      for (bool generalise : {true, false}) {
        if (generalise && f.generalise_hint.empty()) continue;
        auto trial = shares;
        trial[i] = generalise ? f.generalised : 1.0;
        double tk = KWith(e, trial);
        if (!(tk > k * 1.000001)) continue;
        bool reaches = tk >= thresholds.medium;
        bool better;
        if (reaches != best_reaches) {
          better = reaches;
        } else if (reaches && generalise != best_generalise) {
          better = generalise;
        } else {
          better = tk > best_k;
        }
        if (best == e.factors.size() || better) {
          best = i;
          best_k = tk;
          best_generalise = generalise;
          best_reaches = reaches;
        }
      }
    }
    if (best == e.factors.size()) break;
    const Factor& f = e.factors[best];
    shares[best] = best_generalise ? f.generalised : 1.0;
    done[best] = true;
    k = best_k;
    steps.push_back(best_generalise ? "generalise " + TypeWord(f.type) + " (\"" + f.text +
                                          "\": " + f.generalise_hint + ")"
                                    : "drop " + TypeWord(f.type) + " (\"" + f.text + "\")");
  }
  if (!out.empty()) out += " ";
  if (steps.empty()) {
    out +=
        "Even the remaining details point to very few people; consider not publishing "
        "this story, or publish it only with the patient's written consent.";
  } else {
    out += Capitalize(JoinAnd(steps)) + ": then " + FormatPeople(k) + " would match" +
           (k < thresholds.medium ? " (still few; consider the patient's written consent)" : "") +
           ".";
  }
  if (e.place_inherited) {
    for (const auto& d : e.details) {
      if (d.detail.inherited && d.detail.type == MentionType::kLocation) {
        out += " The town comes from " + d.detail.url +
               ": readers assume a practice's patients are local.";
        break;
      }
    }
  }
  return out;
}

}  // namespace sightline::analyzer::link_internal
