// Numeric character references beyond U+10FFFF, which the HTML Standard maps to U+FFFD.
// Gumbo 0.10, the parser before MyHTML, summed their digits in an `int` without a bound and
// wrote the overflowed value as bytes that are not UTF-8 ("a&#xdb37fFEb", found by
// extract_fuzzer). MyHTML maps them correctly; the rewrite stays so the text never depends
// on one parser's arithmetic, and its count is reported as a page problem (a page full of
// such references is usually broken or hostile). Internal; pure function.
#pragma once

#include <cstddef>
#include <string>

namespace sightline::analyzer::internal {

// Rewrites, in place, the digits of every numeric character reference whose value exceeds
// U+10FFFF to the digits of U+FFFD (same base, same terminator). Returns how many it rewrote.
size_t NeutralizeOutOfRangeCharRefs(std::string* html);

}  // namespace sightline::analyzer::internal
