#include "analyzer/extract/internal/html_prepass.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer::internal {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Case-insensitive search for "</name" followed by a delimiter, from `from`.
size_t FindEndTag(std::string_view s, size_t from, std::string_view name) {
  size_t i = from;
  while (true) {
    const void* hit = std::memchr(s.data() + i, '<', s.size() - i);
    if (hit == nullptr) return std::string_view::npos;
    i = static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    if (i + 2 + name.size() <= s.size() && s[i + 1] == '/' &&
        EqualsIgnoreCase(s.substr(i + 2, name.size()), name)) {
      const size_t after = i + 2 + name.size();
      if (after == s.size() || IsAsciiSpace(s[after]) || s[after] == '>' || s[after] == '/') {
        return i;
      }
    }
    ++i;
  }
}

struct Tag {
  std::string_view name;
  size_t end = 0;  // index after '>' (or s.size())
  bool self_closing = false;
  bool json_ld = false;
};

// Parses the start tag at `lt` (s[lt] == '<', s[lt+1] a letter), skipping quoted values.
Tag ReadStartTag(std::string_view s, size_t lt) {
  Tag tag;
  size_t i = lt + 1;
  while (i < s.size() && !IsAsciiSpace(s[i]) && s[i] != '>' && s[i] != '/') ++i;
  tag.name = s.substr(lt + 1, i - lt - 1);
  std::string_view last_name;
  while (i < s.size() && s[i] != '>') {
    if (s[i] == '"' || s[i] == '\'') {
      const char quote = s[i];
      const size_t close = s.find(quote, i + 1);
      const size_t value_end = close == std::string_view::npos ? s.size() : close;
      if (EqualsIgnoreCase(last_name, "type") &&
          ContainsIgnoreCase(s.substr(i + 1, value_end - i - 1), "ld+json")) {
        tag.json_ld = true;
      }
      i = value_end == s.size() ? value_end : value_end + 1;
      continue;
    }
    if (IsAsciiAlpha(s[i])) {
      size_t j = i;
      while (j < s.size() && !IsAsciiSpace(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '"' &&
             s[j] != '\'') {
        ++j;
      }
      // An unquoted value: type=application/ld+json
      if (EqualsIgnoreCase(last_name, "type") && i > 0 && s[i - 1] == '=' &&
          ContainsIgnoreCase(s.substr(i, j - i), "ld+json")) {
        tag.json_ld = true;
      }
      last_name = s.substr(i, j - i);
      i = j;
      continue;
    }
    if (s[i] != '=' && !IsAsciiSpace(s[i])) last_name = {};
    ++i;
  }
  tag.self_closing = i > lt && i < s.size() && s[i - 1] == '/';
  tag.end = i < s.size() ? i + 1 : s.size();
  return tag;
}

bool NameIs(std::string_view name, std::string_view want) { return EqualsIgnoreCase(name, want); }

// Elements that do not nest: void elements and those the parser closes implicitly.
bool CountsForDepth(std::string_view name) {
  static constexpr std::string_view kFlat[] = {
      "area",  "base",  "br",     "col",      "embed",    "hr",      "img",    "input",
      "link",  "meta",  "source", "track",    "wbr",      "param",   "keygen", "p",
      "li",    "dt",    "dd",     "option",   "optgroup", "tr",      "td",     "th",
      "tbody", "thead", "tfoot",  "colgroup", "rb",       "rt",      "rp",     "rtc",
      "html",  "head",  "body",   "frame",    "basefont", "bgsound", "image"};
  for (std::string_view flat : kFlat) {
    if (EqualsIgnoreCase(name, flat)) return false;
  }
  return true;
}

std::string_view EndTagName(std::string_view s, size_t lt) {
  size_t i = lt + 2;
  while (i < s.size() && !IsAsciiSpace(s[i]) && s[i] != '>' && s[i] != '/') ++i;
  return s.substr(lt + 2, i - lt - 2);
}

}  // namespace

bool PrepareHtml(std::string_view s, size_t max_depth, std::string* out, PrepassResult* result) {
  // Ranges [begin, end) to drop, in order.
  std::vector<std::pair<size_t, size_t>> drop;
  size_t depth = 0;
  size_t excess = 0;  // start tags dropped whose end tags have not been seen
  size_t i = 0;
  while (i < s.size()) {
    const void* hit = std::memchr(s.data() + i, '<', s.size() - i);
    if (hit == nullptr) break;
    const size_t lt = static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    if (s.compare(lt, 4, "<!--") == 0) {
      const size_t end = s.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (lt + 2 < s.size() && s[lt + 1] == '/' && IsAsciiAlpha(s[lt + 2])) {
      const std::string_view name = EndTagName(s, lt);
      const size_t gt = s.find('>', lt);
      i = gt == std::string_view::npos ? s.size() : gt + 1;
      if (!CountsForDepth(name)) continue;
      if (excess > 0) {
        --excess;
        drop.emplace_back(lt, i);
        ++result->dropped_tags;
      } else if (depth > 0) {
        --depth;
      }
      continue;
    }
    if (lt + 1 >= s.size() || !IsAsciiAlpha(s[lt + 1])) {
      i = lt + 1;
      continue;
    }
    const Tag tag = ReadStartTag(s, lt);
    i = tag.end;
    if (!tag.self_closing && CountsForDepth(tag.name)) {
      if (depth >= max_depth) {
        // Only plain containers are dropped; script/style/raw-text elements must keep
        // their tags or their content would be parsed as markup.
        const bool special = NameIs(tag.name, "script") || NameIs(tag.name, "style") ||
                             NameIs(tag.name, "title") || NameIs(tag.name, "textarea") ||
                             NameIs(tag.name, "xmp") || NameIs(tag.name, "iframe") ||
                             NameIs(tag.name, "noembed") || NameIs(tag.name, "noframes") ||
                             NameIs(tag.name, "plaintext") || NameIs(tag.name, "template") ||
                             NameIs(tag.name, "noscript");
        if (!special) {
          drop.emplace_back(lt, tag.end);
          ++excess;
          ++result->dropped_tags;
          continue;
        }
      }
      ++depth;
      if (depth > result->max_depth_seen) result->max_depth_seen = depth;
    }
    if (NameIs(tag.name, "plaintext")) break;  // the rest is text
    const bool script = NameIs(tag.name, "script");
    const bool style = NameIs(tag.name, "style");
    const bool raw = NameIs(tag.name, "title") || NameIs(tag.name, "textarea") ||
                     NameIs(tag.name, "xmp") || NameIs(tag.name, "iframe") ||
                     NameIs(tag.name, "noembed") || NameIs(tag.name, "noframes");
    if (!script && !style && !raw) continue;
    if (tag.self_closing) continue;  // <script/> in SVG; leave the bytes to the parser
    const size_t close = FindEndTag(s, tag.end, tag.name);
    const size_t content_end = close == std::string_view::npos ? s.size() : close;
    if ((script && !tag.json_ld) || style) {
      if (content_end > tag.end) drop.emplace_back(tag.end, content_end);
    }
    i = content_end;
  }
  if (drop.empty()) return false;
  out->clear();
  out->reserve(s.size());
  const size_t target = result->offset_to_map;
  size_t at = 0;
  for (const auto& [begin, end] : drop) {
    if (target >= at && target < end && result->mapped_offset == std::string_view::npos) {
      // In the kept run before this drop, or inside the drop (then: where the drop was).
      result->mapped_offset = out->size() + (std::min(target, begin) - at);
    }
    out->append(s.substr(at, begin - at));
    at = end;
  }
  if (target >= at && target < s.size() && result->mapped_offset == std::string_view::npos) {
    result->mapped_offset = out->size() + (target - at);
  }
  out->append(s.substr(at));
  return true;
}

}  // namespace sightline::analyzer::internal
