#include "analyzer/detect/internal/word_classes.h"

#include <cstring>
#include <iterator>

#include "analyzer/detect/internal/string_table.h"

namespace sightline::analyzer::detect_internal {
namespace {

constexpr std::string_view kHonorifics[] = {
    "dr",      "doctor",     "mr",        "mrs",      "ms",       "miss",    "mx",
    "prof",    "professor",  "nurse",     "sgt",      "sergeant", "officer", "pastor",
    "rev",     "reverend",   "judge",     "coach",    "baby",     "captain", "capt",
    "lt",      "lieutenant", "detective", "deputy",   "senora",   "senor",   "sra",
    "sr",      "srta",       "madam",     "mister",   "sister",   "brother", "father",
    "aunt",    "uncle",      "grandma",   "grandpa",  "nana",     "auntie",  "corporal",
    "private", "major",      "colonel",   "chaplain", "rabbi",    "imam"};
constexpr std::string_view kFacilityStrong[] = {
    "hospital",   "hospitals", "clinic",     "clinics",    "institute",   "school",
    "elementary", "academy",   "college",    "university", "church",      "chapel",
    "cathedral",  "synagogue", "mosque",     "temple",     "station",     "library",
    "hospice",    "pharmacy",  "hotel",      "prison",     "jail",        "penitentiary",
    "airport",    "infirmary", "sanitarium", "seminary",   "children's",  "ymca",
    "ywca",       "firehouse", "courthouse", "mill",       "plant",       "factory",
    "shipyard",   "refinery",  "mine",       "mines",      "steel",       "motors",
    "foods",      "inc",       "llc",        "corp",       "corporation", "company"};
constexpr std::string_view kFacilityWeak[] = {
    "center",      "centre",   "health",         "healthcare",   "medicine",
    "medical",     "care",     "group",          "associates",   "partners",
    "department",  "services", "dermatology",    "pediatrics",   "cardiology",
    "orthopedics", "oncology", "surgery",        "practice",     "home",
    "homes",       "lab",      "laboratory",     "laboratories", "system",
    "network",     "rehab",    "rehabilitation", "center's"};
constexpr std::string_view kFacilityLower[] = {"plant",    "factory",  "mill",     "mine",
                                               "refinery", "shipyard", "warehouse"};
constexpr std::string_view kMonthsFull[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};
constexpr std::string_view kMonthsShort[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                             "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::string_view kWeekdays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                          "thursday", "friday", "saturday"};
constexpr std::string_view kLocationPrepositions[] = {
    "in",      "from", "near",    "outside", "to",       "at",      "around", "of",      "toward",
    "towards", "into", "through", "via",     "visiting", "between", "across", "downtown"};
constexpr std::string_view kRelationWords[] = {
    "husband",  "wife",          "son",         "daughter",    "brother", "sister",   "mother",
    "father",   "mom",           "dad",         "friend",      "partner", "fiance",   "fiancee",
    "grandson", "granddaughter", "grandmother", "grandfather", "niece",   "nephew",   "cousin",
    "aunt",     "uncle",         "boyfriend",   "girlfriend",  "twins",   "twin",     "baby",
    "child",    "kids",          "children",    "daughters",   "sons",    "brothers", "sisters",
    "stepson",  "stepdaughter",  "neighbor"};
constexpr std::string_view kStopWords[] = {
    "the",          "a",         "an",     "our",     "my",    "his",    "her",   "their",
    "your",         "its",       "at",     "in",      "from",  "to",     "of",    "on",
    "and",          "or",        "for",    "with",    "by",    "call",   "visit", "contact",
    "affiliations", "office",    "during", "this",    "that",  "these",  "those", "i",
    "we",           "you",       "he",     "she",     "they",  "it",     "if",    "when",
    "after",        "before",    "but",    "so",      "as",    "about",  "yes",   "no",
    "today",        "yesterday", "tel",    "fax",     "phone", "email",  "note",  "todo",
    "remove",       "follow",    "meet",   "welcome", "dear",  "thanks", "thank", "please",
    "every",        "each",      "all",    "some",    "any",   "both",   "three", "two",
    "one",          "four",      "five",   "six",     "many",  "most",   "while", "since",
    "until",        "where",     "what",   "who",     "why",   "how",    "there", "here",
    "then",         "also",      "just",   "only"};
constexpr std::string_view kPatientCues[] = {
    "patient", "patients", "pt", "named", "called", "client", "resident", "admitted", "diagnosed"};
// Injury verbs and the injury they name (index into kInjuries).
constexpr std::string_view kInjuries[] = {"", "fracture", "dislocation", "tear", "sprain"};
struct InjuryVerb {
  std::string_view verb;
  uint32_t injury;
};
constexpr InjuryVerb kInjuryVerbs[] = {
    {"broke", 1},    {"broken", 1},    {"breaking", 1}, {"fractured", 1},  {"fracturing", 1},
    {"cracked", 1},  {"shattered", 1}, {"snapped", 1},  {"dislocated", 2}, {"dislocating", 2},
    {"tore", 3},     {"torn", 3},      {"tearing", 3},  {"ruptured", 3},   {"rupturing", 3},
    {"sprained", 4}, {"spraining", 4}};
// Head nouns that make the words before them a condition ("vitamin D deficiency").
constexpr std::string_view kConditionHeads[] = {
    "deficiency", "poisoning",     "toxicity", "allergy",  "allergies", "intolerance", "inhalation",
    "overdose",   "insufficiency", "injury",   "injuries", "infection", "fracture",    "fractures"};
// Capitalised words that are never part of a person's name.
constexpr std::string_view kNotNameWords[] = {"county",  "city",     "street", "avenue", "road",
                                              "disease", "syndrome", "day",    "eve"};

// A closed word class as a hash set, built once (thread-safe static initialisation).
template <size_t N>
StringTable MakeSet(const std::string_view (&set)[N]) {
  StringTable table;
  table.Reserve(N);
  for (size_t i = 0; i < N; ++i) table.Upsert(set[i], static_cast<uint32_t>(i + 1));
  return table;
}

// Words that start a relative date in rules_dates.cc's TokenDates ("today", "last week").
constexpr std::string_view kRelativeDateCues[] = {"yesterday", "today", "tonight", "this",
                                                  "last",      "next",  "past"};

}  // namespace

bool IsHonorific(std::string_view w) {
  static const StringTable kTable = MakeSet(kHonorifics);
  return kTable.Find(w) != nullptr;
}

FacilityHead FacilityHeadOf(std::string_view w, bool capitalized) {
  static const StringTable kStrongTable = MakeSet(kFacilityStrong);
  static const StringTable kWeakTable = MakeSet(kFacilityWeak);
  static const StringTable kLowerTable = MakeSet(kFacilityLower);
  if (!capitalized) {
    return kLowerTable.Find(w) ? FacilityHead::kLowerCase : FacilityHead::kNone;
  }
  if (kStrongTable.Find(w)) return FacilityHead::kStrong;
  if (kWeakTable.Find(w)) return FacilityHead::kWeak;
  return FacilityHead::kNone;
}

int MonthOf(std::string_view w) {
  if (w.size() < 3 || w.size() > 9 || !std::strchr("jfmasond", w[0])) return 0;
  for (int i = 0; i < 12; ++i) {
    if (w == kMonthsFull[i] || w == kMonthsShort[i]) return i + 1;
  }
  if (w == "sept") return 9;
  return 0;
}

int WeekdayOf(std::string_view w) {
  if (w.size() < 6 || w.size() > 9 || !std::strchr("mtwfs", w[0])) return -1;
  for (int i = 0; i < 7; ++i) {
    if (w == kWeekdays[i]) return i;
  }
  return -1;
}

bool IsLocationPreposition(std::string_view w) {
  static const StringTable kTable = MakeSet(kLocationPrepositions);
  return kTable.Find(w) != nullptr;
}

bool IsRelationWord(std::string_view w) {
  static const StringTable kTable = MakeSet(kRelationWords);
  return kTable.Find(w) != nullptr;
}

bool IsStopWord(std::string_view w) {
  static const StringTable kTable = MakeSet(kStopWords);
  return kTable.Find(w) != nullptr;
}

bool IsPatientCue(std::string_view w) {
  static const StringTable kTable = MakeSet(kPatientCues);
  return kTable.Find(w) != nullptr;
}

bool IsConditionHead(std::string_view w) {
  static const StringTable kTable = MakeSet(kConditionHeads);
  return kTable.Find(w) != nullptr;
}

std::string_view InjuryOf(std::string_view verb) {
  static const StringTable kVerbs = [] {
    StringTable t;
    for (const InjuryVerb& v : kInjuryVerbs) t.Upsert(v.verb, v.injury);
    return t;
  }();
  const uint32_t* v = kVerbs.Find(verb);
  return v ? kInjuries[*v] : std::string_view();
}

bool IsNotNameWord(std::string_view w) {
  for (std::string_view x : kNotNameWords) {
    if (w == x) return true;
  }
  return false;
}

bool IsRelativeDateCue(std::string_view w) {
  for (std::string_view x : kRelativeDateCues) {
    if (w == x) return true;
  }
  return false;
}

uint32_t WordClassesOf(std::string_view w) {
  uint32_t bits = 0;
  if (IsStopWord(w)) bits |= kClsStop;
  if (IsHonorific(w)) bits |= kClsHonorific;
  if (IsLocationPreposition(w)) bits |= kClsLocationPreposition;
  if (IsRelationWord(w)) bits |= kClsRelation;
  if (IsPatientCue(w)) bits |= kClsPatientCue;
  FacilityHead head = FacilityHeadOf(w, true);
  if (head == FacilityHead::kStrong) bits |= kClsFacilityStrong;
  if (head == FacilityHead::kWeak) bits |= kClsFacilityWeak;
  if (FacilityHeadOf(w, false) == FacilityHead::kLowerCase) bits |= kClsFacilityLower;
  if (IsConditionHead(w)) bits |= kClsConditionHead;
  if (!InjuryOf(w).empty()) bits |= kClsInjuryVerb;
  if (MonthOf(w) != 0) bits |= kClsMonth;
  if (WeekdayOf(w) >= 0) bits |= kClsWeekday;
  if (IsNotNameWord(w)) bits |= kClsNotName;
  if (IsRelativeDateCue(w)) bits |= kClsDateCue;
  return bits;
}

void ForEachClassWord(const std::function<void(std::string_view, uint32_t)>& fn) {
  auto all = [&](const auto& list) {
    for (std::string_view w : list) fn(w, WordClassesOf(w));
  };
  all(kHonorifics);
  all(kFacilityStrong);
  all(kFacilityWeak);
  all(kFacilityLower);
  all(kMonthsFull);
  all(kMonthsShort);
  fn("sept", WordClassesOf("sept"));
  all(kWeekdays);
  all(kLocationPrepositions);
  all(kRelationWords);
  all(kStopWords);
  all(kPatientCues);
  all(kConditionHeads);
  for (const InjuryVerb& v : kInjuryVerbs) fn(v.verb, WordClassesOf(v.verb));
  all(kNotNameWords);
  all(kRelativeDateCues);
}

}  // namespace sightline::analyzer::detect_internal
