#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer::internal {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLowerChar(c);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLowerChar(a[i]) != AsciiLowerChar(b[i])) return false;
  }
  return true;
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > haystack.size()) return false;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (EqualsIgnoreCase(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

void AppendCollapsed(std::string_view text, std::string* out, bool* pending_space) {
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const char c = text[i];
    if (IsAsciiSpace(c)) {
      *pending_space = true;
      ++i;
      continue;
    }
    // U+00A0 NO-BREAK SPACE (C2 A0) separates words just like a space.
    if (c == '\xC2' && i + 1 < n && text[i + 1] == '\xA0') {
      *pending_space = true;
      i += 2;
      continue;
    }
    size_t j = i + 1;
    while (j < n && !IsAsciiSpace(text[j]) && text[j] != '\xC2') ++j;
    if (*pending_space && !out->empty()) out->push_back(' ');
    *pending_space = false;
    out->append(text.data() + i, j - i);
    i = j;
  }
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  bool pending = false;
  AppendCollapsed(text, &out, &pending);
  return out;
}

bool StyleHides(std::string_view style) {
  // Declarations are "name : value" pairs separated by ';'; compare without spaces.
  std::string compact;
  compact.reserve(style.size());
  for (char c : style) {
    if (!IsAsciiSpace(c)) compact.push_back(AsciiLowerChar(c));
  }
  size_t start = 0;
  while (start <= compact.size()) {
    size_t end = compact.find(';', start);
    if (end == std::string::npos) end = compact.size();
    std::string_view decl(compact.data() + start, end - start);
    if (decl.ends_with("!important")) decl.remove_suffix(10);
    if (decl == "display:none" || decl == "visibility:hidden" || decl == "visibility:collapse") {
      return true;
    }
    start = end + 1;
  }
  return false;
}

bool HasToken(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && IsAsciiSpace(list[i])) ++i;
    size_t j = i;
    while (j < list.size() && !IsAsciiSpace(list[j])) ++j;
    if (j > i && EqualsIgnoreCase(list.substr(i, j - i), token)) return true;
    i = j;
  }
  return false;
}

}  // namespace sightline::analyzer::internal
