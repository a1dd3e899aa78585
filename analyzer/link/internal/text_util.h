// Small text helpers for linkage: ASCII case folding (offsets preserved), sentence bounds
// inside a block, snippets around a span, and block fingerprints. Pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sightline::analyzer::link_internal {

// Lower-cases ASCII letters only, so byte offsets into the result match the input.
std::string AsciiLower(std::string_view text);

// [begin, end) of the sentence holding the span [begin, end) of `text`. Sentences end at
// ". ", "! ", "? " (not after "Dr.", "Mr.", "St.", initials or digits) and at newlines.
std::pair<size_t, size_t> SentenceAround(std::string_view text, size_t begin, size_t end);

// Start offsets of every sentence in `text`, ascending, first one 0.
std::vector<size_t> SentenceStarts(std::string_view text);
// The same with the sentence starts of `text` precomputed (one pass per block, then a
// binary search per span: pages with thousands of mentions stay linear).
std::pair<size_t, size_t> SentenceAround(std::string_view text, const std::vector<size_t>& starts,
                                         size_t begin, size_t end);
std::string Snippet(std::string_view text, const std::vector<size_t>& starts, size_t begin,
                    size_t end, size_t* span_begin, size_t* span_end, size_t max_chars = 240);

// The sentence around [begin, end), trimmed and capped at about `max_chars` (cut on word
// boundaries, keeping the span); `span_begin`/`span_end` receive the span inside it.
std::string Snippet(std::string_view text, size_t begin, size_t end, size_t* span_begin,
                    size_t* span_end, size_t max_chars = 240);

// Whitespace-collapsed text hashed with common/hash.h Fingerprint: the same block on two
// pages gets the same value.
uint64_t TextFingerprint(std::string_view text);

// Lower-case, alphanumerics only, single spaces: "Lincoln Elementary." → "lincoln elementary".
std::string NormalizeKey(std::string_view text);
// Digits only: phone numbers compare by this.
std::string DigitsOnly(std::string_view text);

}  // namespace sightline::analyzer::link_internal
