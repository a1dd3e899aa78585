#include "analyzer/link/internal/cues.h"

#include <re2/re2.h>

#include <algorithm>
#include <cassert>

namespace sightline::analyzer::link_internal {
namespace {

const RE2& Compile(const std::string& pattern) {
  // Leaked on purpose: shared by every thread for the life of the process.
  RE2::Options options;
  options.set_log_errors(false);
  auto* re = new RE2(pattern, options);
  assert(re->ok() && "constant cue pattern must compile");
  return *re;
}

// Appends every match of `re` in `text` as a cue.
void AddMatches(const RE2& re, std::string_view text, CueStrength strength, std::vector<Cue>& out) {
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  size_t pos = 0;
  while (pos <= text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
    size_t b = static_cast<size_t>(match.data() - text.data());
    size_t e = b + match.size();
    out.push_back({b, e, strength});
    pos = e > b ? e : e + 1;
  }
}

bool Contains(const RE2& re, std::string_view text) {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

}  // namespace

// Patient-cue patterns, kept as text so FindPatientCues can first ask one combined pattern
// whether a block holds any cue at all (most blocks hold none).
constexpr char kNewPatientCue[] =
    R"(\b(an? \d{1,3}[- ](year|month|week|day)s?[- ]old|another patient|a (second|third|new) )"
    R"(patient|one of (my|our) (\w+ )?patients|a patient( of (mine|ours))?|a (young|elderly|)"
    R"(older|middle-aged|pregnant|retired|local) (man|woman|boy|girl|patient|mother|father|)"
    R"(gentleman|lady|couple|teenager|teen|athlete)|an? (newborn|infant|toddler|teenager))\b)";
constexpr char kWeakPatientCue[] =
    R"(\b((my|our|this|the) patient|presented (with|to)|came (in|to see me|to the clinic))"
    R"(|was (admitted|brought in|rushed in|referred)|walked into (my|our|the) (office|clinic))"
    R"(|i (saw|treated|examined|diagnosed) (a|an|her|him)|the (cyclist|runner|jogger|hiker|)"
    R"(swimmer|climber|skier|farmer|driver|teacher|firefighter|veteran|retiree|boy|girl|)"
    R"(toddler|teenager|newborn|baby|infant))\b)";
constexpr char kFirstPersonPatientCue[] =
    R"(\b(i was (diagnosed|treated|admitted|hospitali[sz]ed|operated on|rushed)|)"
    R"(i(('ve| have) been| am|'m) (diagnosed|treated|being treated|hospitali[sz]ed)|)"
    R"(my (diagnosis|surgeon|oncologist|doctor diagnosed me|own diagnosis)|)"
    R"((as|i am|i'm|i was|i've been|i have been) an? (former |longtime |long-time )?)"
    R"(patient (of|at)|i (had|underwent) (surgery|an operation|a transplant|chemo))\b)";

std::vector<Cue> FindPatientCues(std::string_view lower) {
  static const RE2& kAny = Compile(std::string("(?:") + kNewPatientCue + ")|(?:" + kWeakPatientCue +
                                   ")|(?:" + kFirstPersonPatientCue + ")");
  static const RE2& kNew = Compile(kNewPatientCue);
  static const RE2& kWeak = Compile(kWeakPatientCue);
  static const RE2& kFirstPerson = Compile(kFirstPersonPatientCue);
  std::vector<Cue> cues;
  if (!Contains(kAny, lower)) return cues;
  AddMatches(kNew, lower, CueStrength::kNew, cues);
  AddMatches(kFirstPerson, lower, CueStrength::kFirstPerson, cues);
  AddMatches(kWeak, lower, CueStrength::kWeak, cues);
  std::sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) { return a.begin < b.begin; });
  return cues;
}

bool IsGenericStatement(std::string_view lower) {
  static const RE2& kGeneric = Compile(
      R"(\b((many|most|some|all|few|several|lots) of (my|our|the) patients|patients (who|with|)"
      R"(often|usually|tend)|one in (\d+|two|three|four|five|six|seven|eight|nine|ten|a hundred|)"
      R"(a thousand)|if you|you should|he or she|his or her|him or her|your doctor|in general|people (who|with)|adults (over|)"
      R"(under|aged|who)|children (under|who)|anyone who|every year|each year)\b)");
  return Contains(kGeneric, lower);
}

bool HasSubjectReference(std::string_view lower) {
  static const RE2& kRef = Compile(
      R"(\b(she|he|her|him|his|hers|herself|himself|(the|my|our|this) (patient|cyclist|)"
      R"(runner|hiker|farmer|driver|teacher|boy|girl|toddler|baby|man|woman)|i (ordered|)"
      R"(examined|referred|diagnosed|told|asked|called|sent|started|prescribed|admitted))\b)");
  return Contains(kRef, lower);
}

std::vector<std::string> DisparagingTerms(std::string_view lower) {
  static const RE2& kTerms = Compile(
      R"(\b(incompetent|incompetence|lazy|clueless|useless|negligent|negligence|sloppy|)"
      R"(arrogant|idiot|idiotic|moron|stupid|inept|careless|reckless|dangerous|disgrace|)"
      R"(disgraceful|pathetic|dismissive|rude|hack|butcher|quack|botched|bungled|screwed up|)"
      R"(messed up|should not be practicing|shouldn't be practicing|no idea what|)"
      R"(couldn't care less|terrible|awful|horrible|worst|liar|lied|cover(ed)? up|)"
      R"(greedy|cruel|unprofessional|drunk|impaired)\b)");
  std::vector<Cue> found;
  AddMatches(kTerms, lower, CueStrength::kWeak, found);
  std::vector<std::string> terms;
  for (const auto& c : found) {
    std::string t(lower.substr(c.begin, c.end - c.begin));
    if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(t);
  }
  return terms;
}

std::vector<std::pair<size_t, size_t>> ColleagueRoles(std::string_view lower) {
  static const RE2& kRoles =
      Compile(R"(\b((my|our|the) (former )?(supervisor|boss|chief|department chair|chair|)"
              R"(attending|medical director|practice manager|partner|colleague|co-worker|coworker|)"
              R"(employer|administrator|administrators|administration|residency director|)"
              R"(program director|head nurse|charge nurse|on-call (surgeon|physician|radiologist)))"
              R"(|the (chief|head) of \w+)\b)");
  std::vector<Cue> found;
  AddMatches(kRoles, lower, CueStrength::kWeak, found);
  std::vector<std::pair<size_t, size_t>> spans;
  for (const auto& c : found) spans.emplace_back(c.begin, c.end);
  return spans;
}

// The private-life cue patterns, kept as text so IsPrivateLifeSentence can scan a sentence
// once for all four instead of four times (it runs for every profile-page mention).
constexpr char kFamilyCue[] =
    R"(\b(my|our) (wife|husband|spouse|partner|son|sons|daughter|daughters|kids|children|)"
    R"(twins|boys|girls|mother|father|mom|dad|brother|sister|family)\b)";
constexpr char kChildCue[] =
    R"(\b(my|our) (son|sons|daughter|daughters|kids|children|twins|boys|girls|)"
    R"(youngest|oldest|eldest|little ones)\b)";
constexpr char kHomeCue[] =
    R"(\b(we live|i live|our (house|home|place|farm)|my (house|home)|we moved|)"
    R"(live on|home address)\b)";
constexpr char kPersonalContactCue[] =
    R"(\b(my (cell|mobile|personal|home|private) (phone|number|email|line)?|text me|)"
    R"(call me (directly|at home|on my)|my cell|personal (email|phone|number)|)"
    R"(home (phone|number))\b)";

bool HasFamilyCue(std::string_view lower) {
  static const RE2& kFamily = Compile(kFamilyCue);
  return Contains(kFamily, lower);
}

bool HasChildCue(std::string_view lower) {
  static const RE2& kChild = Compile(kChildCue);
  return Contains(kChild, lower);
}

bool HasHomeCue(std::string_view lower) {
  static const RE2& kHome = Compile(kHomeCue);
  return Contains(kHome, lower);
}

bool HasPersonalContactCue(std::string_view lower) {
  static const RE2& kPersonal = Compile(kPersonalContactCue);
  return Contains(kPersonal, lower);
}

bool IsPrivateLifeSentence(std::string_view lower) {
  static const RE2& kAny = Compile(std::string("(?:") + kFamilyCue + ")|(?:" + kChildCue +
                                   ")|(?:" + kHomeCue + ")|(?:" + kPersonalContactCue + ")");
  return Contains(kAny, lower);
}

bool IsSchoolName(std::string_view lower) {
  static const RE2& kSchoolWord =
      Compile(R"(\b(school|elementary|academy|preschool|pre-school|kindergarten|daycare|day care|)"
              R"(montessori|middle|high)\b)");
  return Contains(kSchoolWord, lower);
}

std::vector<std::pair<size_t, size_t>> SchoolNames(std::string_view text) {
  static const RE2& kSchoolName =
      Compile(R"(\b((?:[A-Z][A-Za-z'.-]*\s+){1,5}(?:(?:Elementary|Middle|High|Primary|Junior High|)"
              R"(Montessori|Grammar|Day)\s+)?(?:School|Academy|Preschool|Elementary|Kindergarten|)"
              R"(Daycare|Day Care))\b)");
  std::vector<Cue> found;
  AddMatches(kSchoolName, text, CueStrength::kWeak, found);
  std::vector<std::pair<size_t, size_t>> spans;
  for (const auto& c : found) spans.emplace_back(c.begin, c.end);
  return spans;
}

bool IsHospitalName(std::string_view lower) {
  static const RE2& kHospital =
      Compile(R"(\b(hospital|medical center|medical centre|health system|healthcare|infirmary|)"
              R"(clinic|health center|regional)\b)");
  return Contains(kHospital, lower);
}

bool MentionsOnePatient(std::string_view lower) {
  static const RE2& kOne = Compile(R"(\bpatient('s)?\b)");
  return Contains(kOne, lower);
}

bool IsNegated(std::string_view lower, size_t begin) {
  static const RE2& kNegation = Compile(
      R"(\b(no|not|without|denies|denied|negative for|ruled out|rule out|free of|never had))"
      R"(( [a-z'-]+){0,2} $)");
  begin = std::min(begin, lower.size());
  size_t from = begin > 40 ? begin - 40 : 0;
  return Contains(kNegation, lower.substr(from, begin - from));
}

bool HasBirthLabelBefore(std::string_view lower, size_t begin) {
  static const RE2& kLabel =
      Compile(R"(\b(dob|d\.o\.b\.?|date of birth|birth ?date|born|birthday)( (on|is|was|in))?)"
              R"(( the)?[\s:#=,(-]*$)");
  begin = std::min(begin, lower.size());
  size_t from = begin > 40 ? begin - 40 : 0;
  return Contains(kLabel, lower.substr(from, begin - from));
}

bool IsProfileUrl(std::string_view lower_url) {
  static const RE2& kProfile = Compile(
      R"(/(about|about-us|about-me|contact|contact-us|team|our-team|staff|bio|our-doctors?|)"
      R"(our-physicians?|providers|our-practice|meet-[a-z0-9-]+|dr-[a-z0-9-]+)(\.html?|\.php)?/?$)");
  std::string_view path = lower_url;
  size_t q = path.find_first_of("?#");
  if (q != std::string_view::npos) path = path.substr(0, q);
  return Contains(kProfile, path);
}

}  // namespace sightline::analyzer::link_internal
