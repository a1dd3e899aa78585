#include "analyzer/detect/internal/lexicon.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "analyzer/detect/internal/text_util.h"

namespace sightline::analyzer::detect_internal {
namespace {

template <size_t N>
bool In(const std::string_view (&set)[N], std::string_view w) {
  return std::find(std::begin(set), std::end(set), w) != std::end(set);
}

// Short dictionary forms that are real words rather than acronyms, so they match in any case.
constexpr std::string_view kShortWords[] = {
    "lupus",  "gout",  "acne",   "mono",   "flu",    "lice",   "colic",  "croup",  "zika",
    "ebola",  "chemo", "stent",  "covid",  "mpox",   "tinea",  "coma",   "mumps",  "hives",
    "deaf",   "obese", "nurse",  "nurses", "vet",    "cop",    "maid",   "chef",   "baker",
    "miner",  "judge", "coach",  "mayor",  "actor",  "rabbi",  "imam",   "priest", "pilot",
    "sailor", "nanny", "teller", "singer", "artist", "farmer", "roofer", "welder", "logger",
    "cook",   "cpa",   "stye",   "polio",  "cyst",   "ulcer"};

// Forms that would collide with everyday text more often than they name a condition.
constexpr std::string_view kNoisyForms[] = {
    "ED",     "PE",       "PA",     "MI",      "AF",       "DID",    "LAM",      "AAA",
    "ICD",    "UC",       "EB",     "NAS",     "burns",    "reflux", "resident", "principal",
    "server", "retired",  "marine", "cleaner", "student",  "intern", "manager",  "developer",
    "pa",     "minister", "cook",   "pilot",   "detective"};

void AddEntry(Lexicon* lex, std::string_view form, PhraseEntry entry, bool plural) {
  for (std::string_view noisy : kNoisyForms) {
    if (NormalizeKey(form) == NormalizeKey(noisy)) return;
  }
  uint32_t idx = static_cast<uint32_t>(lex->entries.size());
  std::string key = NormalizeKey(form);
  bool single = key.find(' ') == std::string::npos;
  bool acronym = single && key.size() <= 5 && !In(kShortWords, key);
  lex->entries.push_back(std::move(entry));
  if (acronym) {
    std::string upper(form);
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    lex->phrases.AddExact(upper, idx);
    return;
  }
  lex->phrases.Add(form, idx);
  if (plural && !key.empty() && key.back() != 's') lex->phrases.Add(std::string(form) + "s", idx);
}

std::unique_ptr<RE2> Compile(const char* pattern, bool* ok) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) *ok = false;
  return re;
}

#define SL_MONTHS                                                                          \
  "January|February|March|April|May|June|July|August|September|October|November|December|" \
  "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"

void BuildPrefilter(Lexicon* l) {
  const RE2* members[] = {l->age_years_old.get(),
                          l->age_months_old.get(),
                          l->age_spelled.get(),
                          l->age_aged.get(),
                          l->age_yo.get(),
                          l->age_turned.get(),
                          l->age_apposition.get(),
                          l->age_pronoun.get(),
                          l->age_decade.get(),
                          l->age_at.get(),
                          l->age_name_copula.get(),
                          l->date_numeric.get(),
                          l->date_iso.get(),
                          l->date_month_day.get(),
                          l->date_day_month.get(),
                          l->date_month_year.get(),
                          l->address_numbered.get(),
                          l->address_street.get(),
                          l->address_route.get(),
                          l->postal_state.get(),
                          l->postal_label.get(),
                          l->email.get(),
                          l->handle.get(),
                          l->profile_url.get(),
                          l->url.get(),
                          l->ssn.get(),
                          l->id_label.get(),
                          l->phone_hint.get()};
  static_assert(std::size(members) <= 64, "hits are a 64-bit mask");
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(32 << 20);
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const RE2* re : members) {
    if (set->Add(re->pattern(), nullptr) < 0) return;
  }
  if (!set->Compile()) return;
  l->prefilter = std::move(set);
  l->prefilter_members.assign(std::begin(members), std::end(members));
}

}  // namespace

Result<std::unique_ptr<Lexicon>> Lexicon::Build(const Priors& priors) {
  auto lex = std::make_unique<Lexicon>();
  // Holidays first: "christmas" must stay a date, not an event.
  static constexpr std::string_view kHolidays[] = {"christmas eve",
                                                   "christmas day",
                                                   "christmas",
                                                   "new year's eve",
                                                   "new year's day",
                                                   "new years day",
                                                   "new years eve",
                                                   "valentine's day",
                                                   "valentine's day eve",
                                                   "halloween",
                                                   "veterans day",
                                                   "veterans' day",
                                                   "independence day",
                                                   "fourth of july",
                                                   "st. patrick's day",
                                                   "saint patrick's day",
                                                   "juneteenth",
                                                   "thanksgiving",
                                                   "thanksgiving day",
                                                   "black friday",
                                                   "labor day",
                                                   "memorial day",
                                                   "mother's day",
                                                   "father's day",
                                                   "martin luther king day",
                                                   "mlk day",
                                                   "presidents day",
                                                   "presidents' day",
                                                   "easter",
                                                   "easter sunday",
                                                   "good friday"};
  for (std::string_view h : kHolidays) {
    PhraseEntry e;
    e.kind = PhraseKind::kHoliday;
    e.canonical = NormalizeKey(h);
    if (e.canonical == "st patrick's day") e.canonical = "st patrick's day";
    AddEntry(lex.get(), h, e, false);
  }
  struct AgeWord {
    std::string_view word;
    int lo, hi;
  };
  static constexpr AgeWord kAgeWords[] = {
      {"newborn", 0, 0},        {"neonate", 0, 0},        {"infant", 0, 1},
      {"toddler", 1, 3},        {"preschooler", 3, 5},    {"teenager", 13, 19},
      {"teen", 13, 19},         {"adolescent", 12, 18},   {"centenarian", 100, 110},
      {"nonagenarian", 90, 99}, {"octogenarian", 80, 89}, {"septuagenarian", 70, 79}};
  for (const AgeWord& a : kAgeWords) {
    PhraseEntry e;
    e.kind = PhraseKind::kAgeWord;
    e.canonical = std::string(a.word);
    e.age_lo = a.lo;
    e.age_hi = a.hi;
    AddEntry(lex.get(), a.word, e, false);
  }
  struct Gendered {
    std::string_view word;
    PhraseKind kind;
    char sex;
  };
  static constexpr Gendered kGendered[] = {
      {"woman", PhraseKind::kSexWord, 'F'},         {"man", PhraseKind::kSexWord, 'M'},
      {"girl", PhraseKind::kSexWord, 'F'},          {"boy", PhraseKind::kSexWord, 'M'},
      {"lady", PhraseKind::kSexWord, 'F'},          {"gentleman", PhraseKind::kSexWord, 'M'},
      {"female", PhraseKind::kSexWord, 'F'},        {"male", PhraseKind::kSexWord, 'M'},
      {"husband", PhraseKind::kRelation, 'M'},      {"wife", PhraseKind::kRelation, 'F'},
      {"son", PhraseKind::kRelation, 'M'},          {"daughter", PhraseKind::kRelation, 'F'},
      {"sons", PhraseKind::kRelation, 'M'},         {"daughters", PhraseKind::kRelation, 'F'},
      {"brother", PhraseKind::kRelation, 'M'},      {"sister", PhraseKind::kRelation, 'F'},
      {"brothers", PhraseKind::kRelation, 'M'},     {"sisters", PhraseKind::kRelation, 'F'},
      {"mother", PhraseKind::kRelation, 'F'},       {"father", PhraseKind::kRelation, 'M'},
      {"mom", PhraseKind::kRelation, 'F'},          {"dad", PhraseKind::kRelation, 'M'},
      {"grandmother", PhraseKind::kRelation, 'F'},  {"grandfather", PhraseKind::kRelation, 'M'},
      {"grandson", PhraseKind::kRelation, 'M'},     {"granddaughter", PhraseKind::kRelation, 'F'},
      {"grandchildren", PhraseKind::kRelation, 0},  {"grandkids", PhraseKind::kRelation, 0},
      {"parents", PhraseKind::kRelation, 0},        {"children", PhraseKind::kRelation, 0},
      {"kids", PhraseKind::kRelation, 0},           {"aunt", PhraseKind::kRelation, 'F'},
      {"uncle", PhraseKind::kRelation, 'M'},        {"niece", PhraseKind::kRelation, 'F'},
      {"nephew", PhraseKind::kRelation, 'M'},       {"cousin", PhraseKind::kRelation, 0},
      {"fiance", PhraseKind::kRelation, 'M'},       {"fiancee", PhraseKind::kRelation, 'F'},
      {"boyfriend", PhraseKind::kRelation, 'M'},    {"girlfriend", PhraseKind::kRelation, 'F'},
      {"twins", PhraseKind::kRelation, 0},          {"stepson", PhraseKind::kRelation, 'M'},
      {"stepdaughter", PhraseKind::kRelation, 'F'}, {"widow", PhraseKind::kRelation, 'F'},
      {"widower", PhraseKind::kRelation, 'M'},      {"family of", PhraseKind::kRelation, 0},
      {"mother of", PhraseKind::kRelation, 'F'},    {"father of", PhraseKind::kRelation, 'M'}};
  for (const Gendered& g : kGendered) {
    PhraseEntry e;
    e.kind = g.kind;
    e.canonical = std::string(g.word);
    e.sex = g.sex;
    e.prior = g.kind == PhraseKind::kSexWord ? priors.SexShare(g.sex) : 1.0;
    AddEntry(lex.get(), g.word, e, false);
  }
  static constexpr std::string_view kEvents[] = {"accident",
                                                 "car accident",
                                                 "car crash",
                                                 "crash",
                                                 "motorcycle crash",
                                                 "house fire",
                                                 "wildfire",
                                                 "explosion",
                                                 "shooting",
                                                 "stabbing",
                                                 "tornado",
                                                 "hurricane",
                                                 "tropical storm",
                                                 "flood",
                                                 "flooding",
                                                 "earthquake",
                                                 "triplets",
                                                 "quadruplets",
                                                 "quintuplets",
                                                 "marathon",
                                                 "lottery",
                                                 "the only",
                                                 "first in the state",
                                                 "first in the county",
                                                 "the first set",
                                                 "collapsed",
                                                 "plane crash",
                                                 "drowning",
                                                 "overdosed",
                                                 "fell from",
                                                 "struck by lightning",
                                                 "parking lot",
                                                 "back of a pickup truck",
                                                 "back seat"};
  for (std::string_view ev : kEvents) {
    PhraseEntry e;
    e.kind = PhraseKind::kEvent;
    e.canonical = std::string(ev);
    AddEntry(lex.get(), ev, e, false);
  }
  for (const auto& [form, canonical] : priors.ConditionForms()) {
    auto info = priors.LookupCondition(canonical);
    PhraseEntry e;
    e.kind = PhraseKind::kCondition;
    e.canonical = canonical;
    e.prior = info ? info->prevalence : 1e-4;
    AddEntry(lex.get(), form, e, true);
  }
  for (const auto& [form, canonical] : priors.OccupationForms()) {
    auto info = priors.LookupOccupation(canonical);
    PhraseEntry e;
    e.kind = PhraseKind::kOccupation;
    e.canonical = canonical;
    e.prior = info ? info->share : 1e-3;
    AddEntry(lex.get(), form, e, false);
  }

  struct FeatureWord {
    std::string_view word;
    uint32_t bits;
  };
  static constexpr FeatureWord kFeatureWords[] = {{"street", kFeatStreet},
                                                  {"st", kFeatStreet},
                                                  {"avenue", kFeatStreet},
                                                  {"ave", kFeatStreet},
                                                  {"road", kFeatStreet | kFeatRoute},
                                                  {"rd", kFeatStreet},
                                                  {"drive", kFeatStreet},
                                                  {"dr", kFeatStreet},
                                                  {"lane", kFeatStreet},
                                                  {"ln", kFeatStreet},
                                                  {"boulevard", kFeatStreet},
                                                  {"blvd", kFeatStreet},
                                                  {"court", kFeatStreet},
                                                  {"ct", kFeatStreet},
                                                  {"way", kFeatStreet},
                                                  {"place", kFeatStreet},
                                                  {"pl", kFeatStreet},
                                                  {"parkway", kFeatStreet},
                                                  {"pkwy", kFeatStreet},
                                                  {"circle", kFeatStreet},
                                                  {"cir", kFeatStreet},
                                                  {"highway", kFeatStreet | kFeatRoute},
                                                  {"hwy", kFeatStreet | kFeatRoute},
                                                  {"terrace", kFeatStreet},
                                                  {"trail", kFeatStreet},
                                                  {"pike", kFeatStreet},
                                                  {"square", kFeatStreet},
                                                  {"route", kFeatRoute},
                                                  {"interstate", kFeatRoute},
                                                  {"i", kFeatRoute},
                                                  {"us", kFeatRoute},
                                                  {"sr", kFeatRoute},
                                                  {"mrn", kFeatIdLabel},
                                                  {"record", kFeatIdLabel},
                                                  {"chart", kFeatIdLabel},
                                                  {"patient", kFeatIdLabel},
                                                  {"ssn", kFeatIdLabel},
                                                  {"social", kFeatIdLabel},
                                                  {"npi", kFeatIdLabel},
                                                  {"member", kFeatIdLabel},
                                                  {"subscriber", kFeatIdLabel},
                                                  {"policy", kFeatIdLabel},
                                                  {"insurance", kFeatIdLabel},
                                                  {"plan", kFeatIdLabel},
                                                  {"medicaid", kFeatIdLabel},
                                                  {"medicare", kFeatIdLabel},
                                                  {"group", kFeatIdLabel},
                                                  {"account", kFeatIdLabel},
                                                  {"acct", kFeatIdLabel},
                                                  {"license", kFeatIdLabel},
                                                  {"licence", kFeatIdLabel},
                                                  {"driver's", kFeatIdLabel},
                                                  {"drivers", kFeatIdLabel},
                                                  {"dea", kFeatIdLabel},
                                                  {"serial", kFeatIdLabel},
                                                  {"device", kFeatIdLabel},
                                                  {"udi", kFeatIdLabel},
                                                  {"imei", kFeatIdLabel},
                                                  {"vin", kFeatIdLabel},
                                                  {"plate", kFeatIdLabel},
                                                  {"passport", kFeatIdLabel},
                                                  {"zip", kFeatZip},
                                                  {"zipcode", kFeatZip},
                                                  {"postal", kFeatZip},
                                                  {"old", kFeatOld},
                                                  {"age", kFeatAge},
                                                  {"aged", kFeatAge},
                                                  {"turned", kFeatTurn},
                                                  {"turns", kFeatTurn},
                                                  {"turning", kFeatTurn},
                                                  {"yo", kFeatYo},
                                                  {"y", kFeatYo},
                                                  {"yrs", kFeatYo},
                                                  {"y.o", kFeatYo},
                                                  {"he", kFeatPronoun},
                                                  {"she", kFeatPronoun},
                                                  {"who", kFeatPronoun},
                                                  {"he's", kFeatPronoun},
                                                  {"she's", kFeatPronoun},
                                                  {"his", kFeatPossessivePronoun},
                                                  {"her", kFeatPossessivePronoun},
                                                  {"their", kFeatPossessivePronoun},
                                                  {"at", kFeatAt},
                                                  {"is", kFeatCopula},
                                                  {"was", kFeatCopula},
                                                  {"are", kFeatCopula},
                                                  {"were", kFeatCopula}};
  for (const FeatureWord& f : kFeatureWords) lex->word_bits.Upsert(f.word, 0) |= f.bits;
  for (std::string_view m :
       {"january",   "february", "march",    "april",    "may",  "june", "july", "august",
        "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
        "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec"}) {
    lex->word_bits.Upsert(m, 0) |= kFeatMonth;
  }
  for (const std::string& w : lex->phrases.first_words()) {
    lex->word_bits.Upsert(w, 0) |= kFeatPhraseStart;
  }
  ForEachClassWord([&](std::string_view w, uint32_t bits) { lex->word_bits.Upsert(w, 0) |= bits; });

  bool ok = true;
  Lexicon& l = *lex;
  l.age_years_old = Compile(R"((?i)\b(\d{1,3})(?:-| |- | -)?(?:year|yr)s?[- ]old\b)", &ok);
  l.age_months_old = Compile(R"((?i)\b(\d{1,2})[- ](?:month|week|day)s?[- ]old\b)", &ok);
  l.age_spelled = Compile(
      R"((?i)\b((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)[- ]years?[- ]old\b)",
      &ok);
  l.age_aged = Compile(R"((?i)\b(?:aged?|age of) (\d{1,3})\b)", &ok);
  l.age_yo = Compile(R"((?i)\b((\d{1,3}) ?(?:yo|y/o|y\.o\.?|yrs\.? old))(?:[^A-Za-z0-9]|$))", &ok);
  l.age_turned = Compile(R"((?i)\b(?:turned|turns|turning) (\d{1,3})\b)", &ok);
  l.age_apposition = Compile(
      R"((?:\b[A-Z][A-Za-z'\x{2019}-]+|\b(?:son|daughter|girl|boy|man|woman|patient|wife|husband|brother|sister|mother|father|grandson|granddaughter|baby)), (\d{1,3})[,.;)])",
      &ok);
  l.age_pronoun = Compile(
      R"((?i)\b(?:he|she|who)(?:'s| is| was| turns) (\d{1,3})(?: (?:and|now|years|when|but|today)\b|[.,;!?]|$))",
      &ok);
  l.age_decade = Compile(
      R"((?i)\bin (?:his|her|their) (early |mid-|mid |late )?(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|20s|30s|40s|50s|60s|70s|80s|90s)\b)",
      &ok);
  // "at 91.", "At 44 he ...": an age when a pronoun (or "years") follows.
  l.age_at = Compile(R"(\b[Aa]t (\d{2,3})(?:[.,;)!?]|$| (?:he|she|they|i|years)\b))", &ok);
  // "Jasmine was 15 when ...", "The youngest is 4.": a capitalised word (checked to be a
  // first name) or a person noun + is/was + a number.
  l.age_name_copula = Compile(
      R"(\b(?:([A-Z][a-z]+)|(?i:the (?:youngest|oldest|eldest|baby|boy|girl|son|daughter|)"
      R"(older one|younger one|twins|patient))) (?:is|was|is now|was only|was just|is only|)"
      R"(are|were) (\d{1,3})(?: (?:and|now|years|when|but|today|at|last|this|in|that|so|)"
      R"(with)\b|[.,;!?]|$))",
      &ok);
  l.date_numeric = Compile(R"(\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b)", &ok);
  l.date_iso = Compile(R"(\b(\d{4})-(\d{2})-(\d{2})\b)", &ok);
  l.date_month_day =
      Compile(R"(\b()" SL_MONTHS R"()\.? (\d{1,2})(?:st|nd|rd|th)?\b(?:,? (\d{4})\b)?)", &ok);
  l.date_day_month = Compile(
      R"(\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?()" SL_MONTHS R"()\b\.?(?:,? (\d{4})\b)?)", &ok);
  l.date_month_year = Compile(
      R"(\b(January|February|March|April|May|June|July|August|September|October|November|December),? (?:of )?(\d{4})\b)",
      &ok);
  l.address_numbered = Compile(
      R"(\b\d{1,6}(?: [NSEW]\.?)?(?: [A-Z][A-Za-z'\x{2019}.-]+){1,4} (?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Terrace|Trail|Pike|Square)\b\.?)",
      &ok);
  l.address_street = Compile(
      R"(\b(?:on|at|off|near|along) ((?:[A-Z][a-z]+ ){1,2}(?:Street|Avenue|Road|Lane|Drive|Boulevard))\b)",
      &ok);
  l.address_route = Compile(
      R"(\b((?:Route|Highway|Hwy|Interstate|County Road|State Route|US Route|Farm Road)[ -]\d{1,4}[A-Z]?|I-\d{1,3}|US-\d{1,3}|SR-\d{1,3})\b)",
      &ok);
  l.postal_state = Compile(R"(\b([A-Z]{2}),? (\d{5}(?:-\d{4})?)\b)", &ok);
  l.postal_label =
      Compile(R"((?i)\b(?:zip|zip code|zipcode|postal code)[: ]+(\d{5}(?:-\d{4})?)\b)", &ok);
  l.email =
      Compile(R"(\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)", &ok);
  l.handle = Compile(R"((?:^|[\s(:,;])(@[A-Za-z0-9_]{2,30})\b)", &ok);
  l.profile_url = Compile(
      R"((?i)\b((?:https?://)?(?:www\.)?(?:facebook|instagram|twitter|x|linkedin|tiktok|youtube|doximity|healthgrades|threads|pinterest|zocdoc|vitals)\.(?:com|net)/[A-Za-z0-9_.@%/-]*[A-Za-z0-9_]))",
      &ok);
  l.url = Compile(R"(\bhttps?://[^\s<>"']+[^\s<>"'.,;:!?)])", &ok);
  l.ssn = Compile(R"(\b(\d{3})-(\d{2})-(\d{4})\b)", &ok);
  l.id_label = Compile(
      R"((?i)\b(mrn|medical record (?:number|no\.?|#)|chart (?:number|no\.?|#)|patient id|ssn|social security (?:number|no\.?|#)|npi(?: number| no\.?| #)?|member id|subscriber id|policy (?:number|no\.?|#)|insurance id|health plan (?:id|number)|medicaid (?:id|number)|medicare (?:id|number)|group (?:number|no\.?|#)|plan id|account (?:number|no\.?|#)|acct\.?(?: number| no\.?| #)?|licen[cs]e (?:number|no\.?|#)|driver'?s licen[cs]e(?: number)?|dea (?:number|no\.?|#)|serial (?:number|no\.?|#)|device id|udi|imei|vin|license plate|plate (?:number|no\.?)|passport (?:number|no\.?))(?:[^A-Za-z0-9]|$))",
      &ok);
  l.phone_hint = Compile(
      R"(\d{3}\)?[ .\-\x{2013}\x{2011}/]{0,3}\d{3}[ .\-\x{2013}\x{2011}]{0,3}\d{4}|\+\d)", &ok);
  if (!ok) return Fail(ErrorCode::kInternal, "a detection pattern failed to compile");
  BuildPrefilter(&l);
  return lex;
}

int NumberWord(std::string_view w) {
  static constexpr std::string_view kOnes[] = {
      "zero",     "one",     "two",     "three",     "four",     "five",    "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static constexpr std::string_view kTens[] = {"twenty", "thirty",  "forty",  "fifty",
                                               "sixty",  "seventy", "eighty", "ninety"};
  for (int i = 0; i < 20; ++i) {
    if (w == kOnes[i]) return i;
  }
  for (int t = 0; t < 8; ++t) {
    if (w.substr(0, kTens[t].size()) != kTens[t]) continue;
    std::string_view rest = w.substr(kTens[t].size());
    if (rest.empty()) return 20 + 10 * t;
    if (rest[0] == '-' || rest[0] == ' ') rest.remove_prefix(1);
    for (int i = 1; i < 10; ++i) {
      if (rest == kOnes[i]) return 20 + 10 * t + i;
    }
  }
  return -1;
}

}  // namespace sightline::analyzer::detect_internal
