// Small ASCII/UTF-8 string helpers shared by the extraction code (internal).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sightline::analyzer::internal {

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline char AsciiLowerChar(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

std::string AsciiLower(std::string_view s);
std::string_view Trim(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle);

// Appends `text` to `out` with runs of whitespace (ASCII and U+00A0) collapsed to one
// space; `pending_space` carries a trailing space between calls so words of adjacent text
// nodes stay apart and leading/trailing space is never emitted.
void AppendCollapsed(std::string_view text, std::string* out, bool* pending_space);

// Whitespace-collapsed, trimmed copy.
std::string CollapseWhitespace(std::string_view text);

// True when an inline style declares display:none or visibility:hidden (or collapse).
bool StyleHides(std::string_view style);

// Splits on ASCII whitespace (rel tokens, class lists).
bool HasToken(std::string_view list, std::string_view token);

}  // namespace sightline::analyzer::internal
