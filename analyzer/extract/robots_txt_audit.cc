// AuditRobotsTxt (declared in exposure.h): robots.txt is public (RFC 9309 §2.3), so a
// Disallow line that names a private-looking path advertises it rather than hiding it.
#include <array>

#include "analyzer/extract/exposure.h"
#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer {
namespace {

struct Keyword {
  std::string_view word;
  bool whole_segment;  // short words only match a whole path segment
};

constexpr std::array<Keyword, 31> kPrivateWords{{
    {"draft", false},    {"patient", false},  {"private", false},
    {"staff", false},    {"internal", false}, {"admin-notes", false},
    {"notes", false},    {"record", false},   {"confidential", false},
    {"secret", false},   {"hidden", false},   {"backup", false},
    {"intake", false},   {"chart", false},    {"medical", false},
    {"clinical", false}, {"personal", false}, {"unpublished", false},
    {"preview", false},  {"member", false},   {"client", false},
    {"employee", false}, {"payroll", false},  {"invoice", false},
    {"referral", false}, {"phi", true},       {"ehr", true},
    {"emr", true},       {"hr", true},        {"case", true},
    {"cases", true},
}};

bool SegmentMatches(std::string_view path, const Keyword& k) {
  if (!k.whole_segment) return path.find(k.word) != std::string_view::npos;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && (path[i] == '/' || path[i] == '-' || path[i] == '_' ||
                               path[i] == '.' || path[i] == '*' || path[i] == '$' ||
                               path[i] == '?' || path[i] == '=' || path[i] == '&')) {
      ++i;
    }
    size_t j = i;
    while (j < path.size() && path[j] != '/' && path[j] != '-' && path[j] != '_' &&
           path[j] != '.' && path[j] != '*' && path[j] != '$' && path[j] != '?' && path[j] != '=' &&
           path[j] != '&') {
      ++j;
    }
    if (path.substr(i, j - i) == k.word) return true;
    i = j;
  }
  return false;
}

}  // namespace

std::vector<PrivatePathHint> AuditRobotsTxt(std::string_view robots_txt, std::string_view origin) {
  std::vector<PrivatePathHint> hints;
  std::string base(origin);
  while (!base.empty() && base.back() == '/') base.pop_back();
  int line_number = 0;
  size_t pos = 0;
  while (pos <= robots_txt.size()) {
    size_t end = robots_txt.find('\n', pos);
    if (end == std::string_view::npos) end = robots_txt.size();
    std::string_view line = robots_txt.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    const size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = internal::Trim(line);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (!internal::EqualsIgnoreCase(internal::Trim(line.substr(0, colon)), "disallow")) continue;
    const std::string_view path = internal::Trim(line.substr(colon + 1));
    if (path.empty()) continue;
    const std::string lower = internal::AsciiLower(path);
    for (const Keyword& k : kPrivateWords) {
      if (!SegmentMatches(lower, k)) continue;
      PrivatePathHint hint;
      hint.path = std::string(path);
      const size_t wildcard = path.find_first_of("*$");
      hint.url = base + std::string(path.substr(0, wildcard));
      hint.line = line_number;
      hint.reason = "Disallow names a private-looking path (\"" + std::string(k.word) +
                    "\"); robots.txt is public, so it tells everyone where to look";
      hints.push_back(std::move(hint));
      break;
    }
    if (end == robots_txt.size()) break;
  }
  return hints;
}

}  // namespace sightline::analyzer
