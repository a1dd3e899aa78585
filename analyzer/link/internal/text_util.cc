#include "analyzer/link/internal/text_util.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <vector>

#include "common/hash.h"

namespace sightline::analyzer::link_internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Words after which a period does not end a sentence.
bool IsAbbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 22> kAbbrev = {
      "dr",  "mr",   "mrs", "ms", "st", "jr",  "sr", "no",   "vs",  "etc",  "e.g",
      "i.e", "prof", "rev", "mt", "ft", "ave", "rd", "blvd", "inc", "dept", "approx"};
  std::string lower = AsciiLower(word);
  for (auto a : kAbbrev) {
    if (lower == a) return true;
  }
  return word.size() == 1 && std::isupper(static_cast<unsigned char>(word[0]));  // initials
}

// Is text[i] (a '.', '!' or '?') the end of a sentence?
bool EndsSentence(std::string_view text, size_t i) {
  char c = text[i];
  if (c == '\n') return true;
  if (c != '.' && c != '!' && c != '?') return false;
  size_t next = i + 1;
  while (next < text.size() && (text[next] == '"' || text[next] == '\'' || text[next] == ')')) {
    ++next;
  }
  if (next < text.size() && !IsSpace(text[next])) return false;  // "3.5", "e.g."
  if (c == '.') {
    size_t w = i;
    while (w > 0 && !IsSpace(text[w - 1])) --w;
    if (IsAbbreviation(text.substr(w, i - w))) return false;
  }
  return true;
}

}  // namespace

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<size_t> SentenceStarts(std::string_view text) {
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (!EndsSentence(text, i)) continue;
    size_t s = i + 1;
    while (s < text.size() && (IsSpace(text[s]) || text[s] == '"' || text[s] == ')')) ++s;
    if (s < text.size() && s != starts.back()) starts.push_back(s);
  }
  return starts;
}

std::pair<size_t, size_t> SentenceAround(std::string_view text, size_t begin, size_t end) {
  return SentenceAround(text, SentenceStarts(text), begin, end);
}

std::pair<size_t, size_t> SentenceAround(std::string_view text, const std::vector<size_t>& starts,
                                         size_t begin, size_t end) {
  begin = std::min(begin, text.size());
  end = std::min(std::max(end, begin), text.size());
  // Last start <= begin; first start >= end (and after it).
  auto it = std::upper_bound(starts.begin(), starts.end(), begin);
  size_t s = it == starts.begin() ? 0 : *(it - 1);
  auto next = std::lower_bound(starts.begin(), starts.end(), std::max(end, s + 1));
  size_t e = next == starts.end() ? text.size() : *next;
  while (e > s && IsSpace(text[e - 1])) --e;
  return {s, std::max(e, end)};
}

std::string Snippet(std::string_view text, size_t begin, size_t end, size_t* span_begin,
                    size_t* span_end, size_t max_chars) {
  return Snippet(text, SentenceStarts(text), begin, end, span_begin, span_end, max_chars);
}

std::string Snippet(std::string_view text, const std::vector<size_t>& starts, size_t begin,
                    size_t end, size_t* span_begin, size_t* span_end, size_t max_chars) {
  begin = std::min(begin, text.size());
  end = std::min(std::max(end, begin), text.size());
  auto [s, e] = SentenceAround(text, starts, begin, end);
  if (e - s > max_chars) {
    size_t half = max_chars / 2;
    size_t mid = (begin + end) / 2;
    size_t ns = mid > half ? std::max(s, mid - half) : s;
    size_t ne = std::min(e, ns + max_chars);
    ns = std::min(ns, begin);
    ne = std::max(ne, end);
    // Move the cut to a word boundary (never past the span).
    while (ns > s && ns < begin && !IsSpace(text[ns - 1])) ++ns;
    while (ne < e && ne > end && !IsSpace(text[ne])) --ne;
    // Never split a UTF-8 sequence.
    while (ns > s && (static_cast<unsigned char>(text[ns]) & 0xC0) == 0x80) --ns;
    while (ne < e && (static_cast<unsigned char>(text[ne]) & 0xC0) == 0x80) ++ne;
    s = ns;
    e = ne;
  }
  if (span_begin) *span_begin = begin - s;
  if (span_end) *span_end = end - s;
  return std::string(text.substr(s, e - s));
}

uint64_t TextFingerprint(std::string_view text) {
  std::string collapsed;
  collapsed.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed.push_back(' ');
    space = false;
    collapsed.push_back(c);
  }
  std::string hex = Fingerprint(collapsed, 16);
  return std::strtoull(hex.c_str(), nullptr, 16);
}

std::string NormalizeKey(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(std::tolower(u)));
    } else if (c != '\'') {  // "Wilson's" → "wilsons"
      space = true;
    }
  }
  return out;
}

std::string DigitsOnly(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  // US numbers written with a leading country code compare equal to local ones.
  if (out.size() == 11 && out[0] == '1') out.erase(0, 1);
  return out;
}

}  // namespace sightline::analyzer::link_internal
