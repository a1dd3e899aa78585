// Robots directives from <meta name="robots|googlebot|..."> and X-Robots-Tag headers
// (Google Search Central "Robots meta tag, data-nosnippet, and X-Robots-Tag"; Bing's robots
// meta tags page). Values are comma-separated rules; a header rule may start with
// "botname:" to address one crawler; unavailable_after dates may contain commas (RFC 822 /
// RFC 850), which the parser rejoins. Unknown rules are ignored, as search engines do.
// Internal; pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"

namespace sightline::analyzer::internal {

struct DirectiveSet {
  bool noindex = false;
  bool nofollow = false;
  bool noarchive = false;  // noarchive or nocache
  bool nosnippet = false;  // nosnippet or max-snippet:0
  std::optional<WallTime> unavailable_after;
  std::string unavailable_after_text;

  // Union: the more restrictive rule wins; the earliest unavailable_after.
  void Merge(const DirectiveSet& other);
};

// Directives per user agent (lower-case); "*" holds rules addressed to every crawler.
using AgentDirectives = std::map<std::string, DirectiveSet>;

// `agent` is the crawler a meta tag names ("*" for name="robots"); header values may switch
// agent with "botname:" prefixes.
void ParseRobotsValue(std::string_view value, const std::string& agent, bool allow_agent_prefix,
                      AgentDirectives* out);

// What one crawler obeys: "*" merged with its own names' rules.
DirectiveSet EffectiveFor(const AgentDirectives& all, const std::vector<std::string>& names);

}  // namespace sightline::analyzer::internal
