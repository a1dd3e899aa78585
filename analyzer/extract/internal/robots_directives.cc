#include "analyzer/extract/internal/robots_directives.h"

#include <vector>

#include "analyzer/extract/internal/dates.h"
#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer::internal {
namespace {

// Rules that take a value after ':' (so "max-snippet: 0" is not an agent named max-snippet).
bool IsValuedRule(std::string_view key) {
  return key == "max-snippet" || key == "max-image-preview" || key == "max-video-preview" ||
         key == "unavailable_after";
}

std::vector<std::string> SplitCommas(std::string_view value) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= value.size()) {
    size_t j = value.find(',', i);
    if (j == std::string_view::npos) j = value.size();
    out.emplace_back(Trim(value.substr(i, j - i)));
    i = j + 1;
  }
  return out;
}

// Applies one rule ("noindex", "max-snippet:0", "unavailable_after: ...") to `set`; returns
// how many following tokens it consumed (an RFC 850 date's comma splits it in two).
size_t ApplyRule(std::string_view rule, const std::vector<std::string>& tokens, size_t next,
                 DirectiveSet* set) {
  const size_t colon = rule.find(':');
  const std::string key = AsciiLower(Trim(rule.substr(0, colon)));
  const std::string_view value =
      colon == std::string_view::npos ? std::string_view() : Trim(rule.substr(colon + 1));
  if (key == "noindex") set->noindex = true;
  if (key == "nofollow") set->nofollow = true;
  if (key == "none") set->noindex = set->nofollow = true;
  if (key == "noarchive" || key == "nocache") set->noarchive = true;
  if (key == "nosnippet") set->nosnippet = true;
  if (key == "max-snippet") {
    const std::string v(value);
    if (v == "0") set->nosnippet = true;
  }
  if (key == "unavailable_after") {
    std::optional<WallTime> when = ParseRobotsDate(value);
    size_t consumed = 0;
    std::string text(value);
    if (!when && next < tokens.size()) {
      const std::string joined = text + ", " + tokens[next];
      when = ParseRobotsDate(joined);
      if (when) {
        consumed = 1;
        text = joined;
      }
    }
    if (when && (!set->unavailable_after || *when < *set->unavailable_after)) {
      set->unavailable_after = when;
      set->unavailable_after_text = text;
    }
    return consumed;
  }
  return 0;
}

}  // namespace

void DirectiveSet::Merge(const DirectiveSet& other) {
  noindex = noindex || other.noindex;
  nofollow = nofollow || other.nofollow;
  noarchive = noarchive || other.noarchive;
  nosnippet = nosnippet || other.nosnippet;
  if (other.unavailable_after &&
      (!unavailable_after || *other.unavailable_after < *unavailable_after)) {
    unavailable_after = other.unavailable_after;
    unavailable_after_text = other.unavailable_after_text;
  }
}

void ParseRobotsValue(std::string_view value, const std::string& agent, bool allow_agent_prefix,
                      AgentDirectives* out) {
  const std::vector<std::string> tokens = SplitCommas(value);
  std::string current = agent;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string_view token = tokens[i];
    if (token.empty()) continue;
    const size_t colon = token.find(':');
    if (allow_agent_prefix && colon != std::string_view::npos) {
      const std::string key = AsciiLower(Trim(token.substr(0, colon)));
      if (!IsValuedRule(key) && !key.empty()) {
        current = key;  // "googlebot: noindex" addresses one crawler from here on
        token = Trim(token.substr(colon + 1));
        if (token.empty()) continue;
      }
    }
    i += ApplyRule(token, tokens, i + 1, &(*out)[current]);
  }
}

DirectiveSet EffectiveFor(const AgentDirectives& all, const std::vector<std::string>& names) {
  DirectiveSet effective;
  auto star = all.find("*");
  if (star != all.end()) effective.Merge(star->second);
  for (const std::string& name : names) {
    auto it = all.find(name);
    if (it != all.end()) effective.Merge(it->second);
  }
  return effective;
}

}  // namespace sightline::analyzer::internal
