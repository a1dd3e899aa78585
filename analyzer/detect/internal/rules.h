// The detection rules, one family per file, all writing candidate Mentions for one block.
// Candidates may overlap; Detector resolves overlaps by confidence and span length, so each
// rule states how sure it is rather than second-guessing the others. Stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/detect/internal/lexicon.h"
#include "analyzer/detect/internal/tokenizer.h"
#include "analyzer/detect/priors.h"
#include "analyzer/mention.h"

namespace sightline::analyzer::detect_internal {

class PhoneCache;

struct BlockContext {
  std::string_view text;
  const std::vector<Token>& tokens;
  std::optional<int64_t> published;  // days since 1970-01-01
  std::string_view region_hint;      // "US-OH"
  const Priors& priors;
  const Lexicon& lex;
  std::vector<Mention>* out;
  std::string_view lower = {};        // ASCII-lower-cased copy of `text`, for cheap pre-checks
  uint32_t features = ~0u;            // Feature bits of the block's words (all set = unknown)
  size_t digits = 0;                  // ASCII digits in `text`
  PhoneCache* phone_cache = nullptr;  // the Detector's; null = no caching
  mutable bool pattern_hits_known = false;
  mutable uint64_t pattern_hits = 0;  // bit i: lex.prefilter_members[i] matches somewhere

  bool Has(uint32_t feature) const { return (features & feature) != 0; }
  // False when the Lexicon's prefilter proves `re` matches nowhere in `text` (one RE2::Set
  // pass per block, run on the first call).
  bool MayMatch(const RE2& re) const;

  Mention& Add(MentionType type, size_t begin, size_t end, std::string normalized,
               double confidence, double prior) const;
  // Index of the word token before token i (skipping punctuation when `skip_punct`), or -1.
  int PrevWord(size_t i, bool skip_punct = false) const;
  // Index of the first token whose span starts at or after byte `pos`.
  size_t TokenAt(size_t pos) const;
};

void DetectAges(const BlockContext& ctx);               // rules_ages.cc
void DetectDates(const BlockContext& ctx);              // rules_dates.cc
void DetectContactsAndIds(const BlockContext& ctx);     // rules_contacts.cc (+ addresses)
void DetectPhrases(const BlockContext& ctx);            // rules_phrases.cc
void DetectConditionPatterns(const BlockContext& ctx);  // rules_condition_patterns.cc
void DetectNames(const BlockContext& ctx);              // rules_names.cc
void DetectPlaces(const BlockContext& ctx);             // rules_places.cc
void DetectFacilities(const BlockContext& ctx);         // rules_facilities.cc

// Date helpers shared by the date rules: a window [first, last] of days becomes a Mention
// with normalized value, window attributes and prior = window_days / 365.
void AddDateWindow(const BlockContext& ctx, size_t begin, size_t end, int64_t first, int64_t last,
                   double confidence, bool dob);
void AddUnresolvedDate(const BlockContext& ctx, size_t begin, size_t end, int window_days,
                       double confidence);
void AddAge(const BlockContext& ctx, size_t begin, size_t end, int lo, int hi, double confidence);

}  // namespace sightline::analyzer::detect_internal

namespace sightline::analyzer::detect_internal {

// Calls fn(groups) for every non-overlapping match of `re` in `text`; groups[0] is the whole
// match, unmatched groups have data() == nullptr.
template <typename Fn>
void ForEachMatch(const RE2& re, std::string_view text, Fn&& fn) {
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(static_cast<size_t>(n));
  re2::StringPiece input(text.data(), text.size());
  size_t pos = 0;
  while (pos <= text.size() &&
         re.Match(input, pos, text.size(), RE2::UNANCHORED, groups.data(), n)) {
    fn(groups);
    size_t end = static_cast<size_t>(groups[0].data() - text.data()) + groups[0].size();
    pos = end > pos ? end : pos + 1;
  }
}

// ForEachMatch over the whole block, skipped when the prefilter rules the pattern out.
template <typename Fn>
void ForEachMatch(const BlockContext& ctx, const RE2& re, Fn&& fn) {
  if (ctx.MayMatch(re)) ForEachMatch(re, ctx.text, std::forward<Fn>(fn));
}

inline size_t Offset(std::string_view text, const re2::StringPiece& piece) {
  return static_cast<size_t>(piece.data() - text.data());
}

inline int ToInt(const re2::StringPiece& piece) {
  int v = 0;
  for (char c : piece) {
    if (c < '0' || c > '9') break;
    v = v * 10 + (c - '0');
    if (v > 100000) break;
  }
  return v;
}

// Lower-cased text of the `n` bytes before `pos` (for "DOB", "over", "starting at" checks).
std::string LowerBefore(std::string_view text, size_t pos, size_t n);

}  // namespace sightline::analyzer::detect_internal
