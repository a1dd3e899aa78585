// Redact(): the masking behind --redact. Words are runs of ASCII letters/digits or non-ASCII
// code points (so accented names mask as one word); everything else passes through.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "reports/report.h"

namespace sightline::reports {
namespace {

// Generic words that carry no identity but keep a masked detail readable
// ("F***y disease", "##-year-old", "F***w Hospital").
constexpr std::array<std::string_view, 44> kKeptWords{
    "a",        "an",         "and",    "at",     "by",     "for",   "from",    "in",
    "of",       "on",         "or",     "the",    "to",     "with",  "disease", "syndrome",
    "disorder", "deficiency", "cancer", "tumor",  "tumour", "type",  "stage",   "year",
    "years",    "old",        "month",  "months", "week",   "weeks", "day",     "days",
    "dr",       "mr",         "mrs",    "ms",     "street", "road",  "avenue",  "county",
    "hospital", "clinic",     "center", "centre"};

bool IsKept(std::string_view word) {
  std::string lower;
  for (char c : word)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (std::string_view kept : kKeptWords) {
    if (lower == kept) return true;
  }
  return false;
}

bool IsAsciiWordByte(unsigned char c) { return std::isalnum(c) != 0; }

// Length of the UTF-8 sequence starting with `lead`; invalid leads count as one byte so
// malformed input never makes us skip past the end.
size_t CodePointLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

void MaskWord(std::string_view word, std::string& out) {
  if (IsKept(word)) {
    out.append(word);
    return;
  }
  // Split into code points once; digits become '#', letters are masked by position.
  std::vector<std::string_view> points;
  for (size_t i = 0; i < word.size();) {
    size_t len = std::min(CodePointLength(static_cast<unsigned char>(word[i])), word.size() - i);
    points.push_back(word.substr(i, len));
    i += len;
  }
  auto is_digit = [](std::string_view p) {
    return p.size() == 1 && std::isdigit(static_cast<unsigned char>(p[0])) != 0;
  };
  bool any_digit = false;
  for (auto p : points) any_digit = any_digit || is_digit(p);
  if (any_digit) {
    for (size_t i = 0; i < points.size(); ++i) {
      if (is_digit(points[i])) {
        out.push_back('#');
      } else if (i == 0) {
        out.append(points[i]);
      } else {
        out.push_back('*');
      }
    }
    return;
  }
  if (points.size() == 1) {
    out.push_back('*');
  } else if (points.size() <= 3) {
    out.append(points.front());
    out.push_back('*');
  } else {
    out.append(points.front());
    out.append("***");
    out.append(points.back());
  }
}

}  // namespace

std::string Redact(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && !IsAsciiWordByte(c)) {
      out.push_back(text[i]);
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size()) {
      const auto b = static_cast<unsigned char>(text[end]);
      if (b < 0x80 && !IsAsciiWordByte(b)) break;
      end += std::min(CodePointLength(b), text.size() - end);
    }
    MaskWord(text.substr(i, end - i), out);
    i = end;
  }
  return out;
}

}  // namespace sightline::reports
