// Closed word classes over folded words: honorifics, stop words, facility head nouns, months,
// weekdays, location prepositions, relation words, patient cues, condition head nouns, injury
// verbs. Each is a predicate over a string, and all of them together are bits the detector
// looks up once per token (Token::info, via Lexicon::word_bits) so the rules test a bit
// instead of hashing the same word into several tables. Static tables; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace sightline::analyzer::detect_internal {

enum class FacilityHead : uint8_t { kNone, kStrong, kWeak, kLowerCase };

// Class bits (the high half of a word's bits; the low half holds lexicon.h's Feature bits).
enum WordClass : uint32_t {
  kClsStop = 1u << 16,
  kClsHonorific = 1u << 17,
  kClsLocationPreposition = 1u << 18,
  kClsRelation = 1u << 19,
  kClsPatientCue = 1u << 20,
  kClsFacilityStrong = 1u << 21,  // FacilityHeadOf(w, true) == kStrong
  kClsFacilityWeak = 1u << 22,    // FacilityHeadOf(w, true) == kWeak
  kClsFacilityLower = 1u << 23,   // FacilityHeadOf(w, false) == kLowerCase
  kClsConditionHead = 1u << 24,
  kClsInjuryVerb = 1u << 25,
  kClsMonth = 1u << 26,    // MonthOf(w) != 0
  kClsWeekday = 1u << 27,  // WeekdayOf(w) >= 0
  kClsNotName = 1u << 28,  // IsNotNameWord(w)
  kClsDateCue = 1u << 29,  // IsRelativeDateCue(w)
};

bool IsHonorific(std::string_view fold);
FacilityHead FacilityHeadOf(std::string_view fold, bool capitalized);
int MonthOf(std::string_view fold);    // 1..12 for full names and abbreviations, else 0
int WeekdayOf(std::string_view fold);  // 0 = sunday … 6, else -1
bool IsLocationPreposition(std::string_view fold);
bool IsRelationWord(std::string_view fold);
bool IsStopWord(std::string_view fold);  // function words never starting a name/facility
bool IsPatientCue(std::string_view fold);
bool IsConditionHead(std::string_view fold);
std::string_view InjuryOf(std::string_view verb);  // "broke" -> "fracture"; "" if none
bool IsNotNameWord(std::string_view fold);         // "county", "street", "syndrome", ...
bool IsRelativeDateCue(std::string_view fold);     // "today", "yesterday", "last", "next", ...

// The WordClass bits the predicates above give `fold`.
uint32_t WordClassesOf(std::string_view fold);
// Calls fn(word, WordClassesOf(word)) for every word with at least one class (some twice).
void ForEachClassWord(const std::function<void(std::string_view, uint32_t)>& fn);

}  // namespace sightline::analyzer::detect_internal
