// Guards Gumbo against numeric character references it decodes wrongly. Gumbo 0.10 sums the
// digits of "&#x…" / "&#…" in an `int` without a bound, so a long reference overflows (a
// signed-overflow bug in the library) and can come out as a negative code point that Gumbo
// then writes as bytes that are not UTF-8 ("a&#xdb37fFEb" did, found by extract_fuzzer).
// The HTML Standard maps every reference above U+10FFFF to U+FFFD, so rewriting the digits of
// such references to "FFFD" before parsing gives the document its specified meaning.
// Internal; pure function.
#pragma once

#include <cstddef>
#include <string>

namespace sightline::analyzer::internal {

// Rewrites, in place, the digits of every numeric character reference whose value exceeds
// U+10FFFF to the digits of U+FFFD (same base, same terminator). Returns how many it rewrote.
size_t NeutralizeOutOfRangeCharRefs(std::string* html);

}  // namespace sightline::analyzer::internal
