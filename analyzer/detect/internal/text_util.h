// Text helpers shared by the priors loaders and the detector: case folding (ICU, with an ASCII
// fast path and Latin-1 accent stripping so "Lucía" finds the Census "LUCIA"), dictionary key
// normalisation, and capitalisation tests. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sightline::analyzer::detect_internal {

// Lower-case, accent-stripped (Latin-1 range) and ICU case-folded; ’ becomes '.
std::string FoldKey(std::string_view text);
void AppendFolded(std::string_view text, std::string* out);

// Dictionary key of a multi-word name: folded words joined by one space, with every run of
// punctuation/space between words collapsed ("St. Louis" -> "st louis", "covid-19" ->
// "covid 19"). Apostrophes inside words are kept ("wilson's disease").
std::string NormalizeKey(std::string_view text);

// Whether FoldKey(text) / NormalizeKey(text) would return `text` unchanged (plain ASCII
// already in key form), so a dictionary look-up can skip building the key.
bool IsFoldedAscii(std::string_view text);
bool IsNormalizedAscii(std::string_view text);

bool StartsUpper(std::string_view word);  // first code point is an upper-case letter
bool IsAllUpper(std::string_view word);   // every letter upper case, at least two letters
bool HasDigit(std::string_view word);
bool IsAsciiDigits(std::string_view word);

}  // namespace sightline::analyzer::detect_internal
