// RobotsTxt: a robots.txt parser and matcher following RFC 9309 (Robots Exclusion Protocol).
// Parse() accepts any bytes and never fails: problems are recorded as data (issues()). Only
// the first 500 KiB are read (RFC 9309 2.5). Matching: groups by product token,
// case-insensitive, same-agent groups merged, `*` group as fallback; longest match wins, allow
// wins ties; `*` and `$` patterns; percent-encoding normalised on both sides; /robots.txt is
// always allowed. Extensions beyond the RFC: Crawl-delay (per group) and Sitemap (global).
// Deviation: a few common misspellings of directives are accepted ("useragent", "dissallow").
// Immutable after Parse(); safe to share between threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sightline::crawler {

inline constexpr size_t kRobotsMaxBytes = 500 * 1024;
inline constexpr std::chrono::seconds kMaxCrawlDelay{30};

struct RobotsRule {
  bool allow = false;
  std::string pattern;  // percent-encoding normalised
  int line = 0;         // 1-based
};

struct RobotsGroup {
  std::vector<std::string> agents;  // product tokens as written, lower-case ("*" for any)
  std::vector<RobotsRule> rules;
  std::optional<std::chrono::milliseconds> crawl_delay;  // as written, not capped
};

struct RobotsIssue {
  int line = 0;
  std::string message;  // e.g. "unknown directive", "rule before any user-agent"
};

class RobotsTxt {
 public:
  // An empty robots.txt: everything allowed.
  RobotsTxt() = default;
  static RobotsTxt Parse(std::string_view bytes);
  // What RFC 9309 2.3.1 prescribes when robots.txt is unreachable (5xx, network error).
  static RobotsTxt DisallowAll();

  // `path` is the URL's path plus optional "?query" (e.g. "/a/b?x=1"); `user_agent` may be a
  // full User-Agent string: its product token (leading letters, '-' and '_') is matched.
  bool Allowed(std::string_view user_agent, std::string_view path) const;
  // Same as Allowed() for an absolute URL; false for a URL that does not parse.
  bool AllowedUrl(std::string_view user_agent, std::string_view url) const;
  // Evaluates only the `*` groups (what an unnamed crawler obeys).
  bool AllowedForAnyAgent(std::string_view path) const;

  // Crawl-delay of the group that applies to `user_agent`, capped at kMaxCrawlDelay.
  std::optional<std::chrono::milliseconds> CrawlDelay(std::string_view user_agent) const;

  const std::vector<RobotsGroup>& groups() const { return groups_; }
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }
  const std::vector<RobotsIssue>& issues() const { return issues_; }
  bool truncated() const { return truncated_; }  // input was longer than kRobotsMaxBytes

 private:
  // Indexes of the groups for the agent's product token, or of the `*` groups.
  std::vector<size_t> GroupsFor(std::string_view user_agent) const;
  bool Evaluate(const std::vector<size_t>& groups, std::string_view path) const;

  std::vector<RobotsGroup> groups_;
  std::vector<std::string> sitemaps_;
  std::vector<RobotsIssue> issues_;
  bool truncated_ = false;
  bool disallow_all_ = false;
};

// The product token of a User-Agent string, lower-case: "Sightline/0.1 (+...)" -> "sightline".
std::string RobotsProductToken(std::string_view user_agent);

// Whether robots.txt `pattern` (with `*` and a trailing `$`) matches the start of `path`; both
// already percent-normalised. Exposed for tests and the fuzzer.
bool RobotsPatternMatches(std::string_view pattern, std::string_view path);

// Percent-encoding normal form used for patterns and paths (RFC 9309 2.2.2): %XX of
// unreserved characters decoded, other %xx upper-cased, raw non-ASCII octets, controls,
// spaces and a "%" that starts no escape encoded. Idempotent.
std::string RobotsNormalizePath(std::string_view path);

}  // namespace sightline::crawler
