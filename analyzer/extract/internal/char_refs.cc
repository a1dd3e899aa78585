#include "analyzer/extract/internal/char_refs.h"

#include <cstring>
#include <string_view>

namespace sightline::analyzer::internal {
namespace {

constexpr unsigned long kMaxCodePoint = 0x10FFFF;

int DigitValue(char c, bool hex) {
  if (c >= '0' && c <= '9') return c - '0';
  if (!hex) return -1;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

size_t NeutralizeOutOfRangeCharRefs(std::string* html) {
  size_t rewritten = 0;
  size_t i = 0;
  while (i < html->size()) {
    const void* hit = std::memchr(html->data() + i, '&', html->size() - i);
    if (hit == nullptr) break;
    const size_t amp = static_cast<size_t>(static_cast<const char*>(hit) - html->data());
    i = amp + 1;
    if (i >= html->size() || (*html)[i] != '#') continue;
    size_t digits_begin = i + 1;
    const bool hex = digits_begin < html->size() &&
                     ((*html)[digits_begin] == 'x' || (*html)[digits_begin] == 'X');
    if (hex) ++digits_begin;
    // Saturating sum: only "above U+10FFFF or not" matters.
    unsigned long value = 0;
    size_t end = digits_begin;
    while (end < html->size()) {
      const int digit = DigitValue((*html)[end], hex);
      if (digit < 0) break;
      if (value <= kMaxCodePoint) value = value * (hex ? 16 : 10) + static_cast<unsigned>(digit);
      ++end;
    }
    i = end;
    if (value <= kMaxCodePoint) continue;
    const std::string_view replacement = hex ? "FFFD" : "65533";
    html->replace(digits_begin, end - digits_begin, replacement);
    i = digits_begin + replacement.size();
    ++rewritten;
  }
  return rewritten;
}

}  // namespace sightline::analyzer::internal
