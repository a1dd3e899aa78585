// PhraseMatcher: a dictionary of multi-word phrases (conditions, occupations, holidays, …)
// matched over word tokens, longest first. Keys are NormalizeKey()'d word sequences stored in
// StringTables (complete phrases + every proper prefix), so a walk from a token stops as soon
// as no phrase continues. Single-token acronyms can be added case-sensitively ("ALS" but not
// "als"). Immutable after building; LongestAt is const and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/detect/internal/string_table.h"
#include "analyzer/detect/internal/tokenizer.h"

namespace sightline::analyzer::detect_internal {

class PhraseMatcher {
 public:
  // The first payload added for a key wins.
  void Add(std::string_view phrase, uint32_t payload);
  void AddExact(std::string_view token, uint32_t payload);  // case-sensitive, one token

  struct Match {
    size_t first = 0, last = 0;  // token indices, inclusive
    uint32_t payload = 0;
    bool found = false;
  };
  Match LongestAt(std::string_view text, const std::vector<Token>& tokens, size_t i) const;
  // The first word of every phrase added with Add(): LongestAt finds nothing at a token that
  // is not upper case and whose fold is none of these.
  const std::vector<std::string>& first_words() const { return first_words_; }

 private:
  StringTable phrases_;  // key -> payload + 1 (0 = only a prefix)
  StringTable exact_;
  size_t max_words_ = 1;
  std::vector<std::string> first_words_;
};

// Whether punctuation token `t` may sit inside a phrase ("covid-19", "c. diff", "hand, foot").
bool IsPhraseGlue(const Token& t, const Token& previous_word);

}  // namespace sightline::analyzer::detect_internal
