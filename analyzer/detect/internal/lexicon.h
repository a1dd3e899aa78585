// Lexicon: everything the detection rules consult besides the Priors — the phrase dictionary
// (conditions, occupations, relations, events, holidays, age and sex words), closed word
// classes (honorifics, facility head nouns, months, weekdays, prepositions) and the compiled
// RE2 patterns. Built once by Detector::Create; immutable and thread-safe afterwards.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/detect/internal/phrase_matcher.h"
#include "analyzer/detect/internal/word_classes.h"
#include "analyzer/detect/priors.h"
#include "common/result.h"

namespace sightline::analyzer::detect_internal {

enum class PhraseKind : uint8_t {
  kCondition,
  kOccupation,
  kRelation,
  kEvent,
  kHoliday,
  kAgeWord,
  kSexWord,
};

struct PhraseEntry {
  PhraseKind kind = PhraseKind::kCondition;
  std::string canonical;
  double prior = 1.0;
  int age_lo = 0, age_hi = 0;  // age words
  char sex = 0;                // sex words and gendered relations
};

// Cheap per-block features from one hash lookup per word token: a pattern family runs only
// when the block holds a word it needs (most blocks hold none, and a regex call has a fixed
// cost that dominates on short blocks).
enum Feature : uint32_t {
  kFeatMonth = 1u << 0,
  kFeatStreet = 1u << 1,   // street suffixes
  kFeatRoute = 1u << 2,    // route, highway, interstate
  kFeatIdLabel = 1u << 3,  // mrn, npi, member, account, licence, serial, ...
  kFeatZip = 1u << 4,
  kFeatOld = 1u << 5,
  kFeatAge = 1u << 6,  // age, aged
  kFeatTurn = 1u << 7,
  kFeatYo = 1u << 8,
  kFeatPronoun = 1u << 9,             // he, she, who
  kFeatPossessivePronoun = 1u << 10,  // his, her, their
  kFeatAt = 1u << 11,
  kFeatCopula = 1u << 12,       // is, was ("Jasmine was 15")
  kFeatPhraseStart = 1u << 13,  // the first word of a phrase in Lexicon::phrases
};

struct Lexicon {
  PhraseMatcher phrases;  // payload: index into entries
  std::vector<PhraseEntry> entries;
  // Folded word -> its Feature bits (low half) and WordClass bits (high half); the detector
  // looks every token up once and keeps the bits in Token::info.
  StringTable word_bits;

  // Patterns (RE2, linear time on hostile input).
  std::unique_ptr<RE2> age_years_old, age_months_old, age_spelled, age_aged, age_yo, age_turned,
      age_apposition, age_pronoun, age_decade, age_at, age_name_copula;
  std::unique_ptr<RE2> date_numeric, date_iso, date_month_day, date_day_month, date_month_year;
  std::unique_ptr<RE2> address_numbered, address_street, address_route;
  std::unique_ptr<RE2> postal_state, postal_label;
  std::unique_ptr<RE2> email, handle, profile_url, url;
  std::unique_ptr<RE2> ssn, id_label;
  std::unique_ptr<RE2> phone_hint;  // cheap pre-check before libphonenumber

  // All the patterns above in one RE2::Set: one DFA pass over a block tells which of them
  // can match it at all, so the others are never run (each RE2::Match has a fixed cost that
  // dominates on short blocks). Null when the set did not compile: then every pattern runs.
  std::unique_ptr<RE2::Set> prefilter;
  std::vector<const RE2*> prefilter_members;  // index in the set -> pattern

  static Result<std::unique_ptr<Lexicon>> Build(const Priors& priors);
};

int NumberWord(std::string_view fold);  // "forty-one" -> 41, "eight" -> 8, else -1

}  // namespace sightline::analyzer::detect_internal
