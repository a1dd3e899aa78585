#include "crawler/robots.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "common/url.h"
#include "crawler/crawler.h"

namespace sightline::crawler {
namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

enum class Key { kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap, kUnknown };

Key ClassifyKey(std::string_view raw) {
  const std::string key = ToLower(Trim(raw));
  if (key == "user-agent" || key == "useragent" || key == "user agent") return Key::kUserAgent;
  if (key == "allow") return Key::kAllow;
  if (key == "disallow" || key == "dissallow" || key == "dissalow" || key == "disalow" ||
      key == "diasllow" || key == "disallaw") {
    return Key::kDisallow;
  }
  if (key == "crawl-delay" || key == "crawldelay") return Key::kCrawlDelay;
  if (key == "sitemap" || key == "site-map") return Key::kSitemap;
  return Key::kUnknown;
}

// Parses a non-negative decimal number of seconds ("10", "0.5").
std::optional<std::chrono::milliseconds> ParseDelay(std::string_view value) {
  double seconds = 0;
  const auto* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, seconds);
  if (ec != std::errc() || ptr != end || !std::isfinite(seconds) || seconds < 0) {
    return std::nullopt;
  }
  // Anything beyond a day is as good as a day and must not overflow the conversion.
  seconds = std::min(seconds, 86400.0);
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

}  // namespace

std::string RobotsNormalizePath(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == '%' && i + 2 < in.size()) {
      const int hi = HexValue(in[i + 1]);
      const int lo = HexValue(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        const auto decoded = static_cast<unsigned char>(hi * 16 + lo);
        if (IsUnreserved(decoded)) {
          out.push_back(static_cast<char>(decoded));
        } else {
          out.push_back('%');
          out.push_back(kHex[hi]);
          out.push_back(kHex[lo]);
        }
        i += 2;
        continue;
      }
    }
    // A '%' that starts no escape is written "%25", its canonical form: left bare, it could
    // combine with a decoded "%34%31" into a new escape "%41" and a second pass would differ.
    if (c >= 0x80 || c < 0x20 || c == ' ' || c == '%') {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

bool RobotsPatternMatches(std::string_view pattern, std::string_view path) {
  bool anchored = false;
  if (!pattern.empty() && pattern.back() == '$') {
    anchored = true;
    pattern.remove_suffix(1);
  }
  // Cheap rejection: the literal characters alone must fit in the path.
  const auto literal = static_cast<size_t>(
      pattern.size() - static_cast<size_t>(std::count(pattern.begin(), pattern.end(), '*')));
  if (literal > path.size()) return false;
  // Glob matching with single backtrack point (the last '*'): O(|pattern| * |path|) at worst.
  size_t p = 0, s = 0;
  size_t star = std::string_view::npos, star_s = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;  // prefix match: the rest of the path is free
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string RobotsProductToken(std::string_view user_agent) {
  user_agent = Trim(user_agent);
  std::string token;
  for (char c : user_agent) {
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '_') {
      token.push_back(Lower(c));
    } else {
      break;
    }
  }
  if (token.empty() && !user_agent.empty() && user_agent.front() == '*') return "*";
  return token;
}

RobotsTxt RobotsTxt::DisallowAll() {
  RobotsTxt r;
  r.disallow_all_ = true;
  return r;
}

RobotsTxt RobotsTxt::Parse(std::string_view bytes) {
  RobotsTxt r;
  if (bytes.size() > kRobotsMaxBytes) {
    r.truncated_ = true;
    bytes = bytes.substr(0, kRobotsMaxBytes);
    // Drop a line cut in the middle: half a rule could mean something else.
    const size_t last = bytes.find_last_of("\r\n");
    if (last != std::string_view::npos) bytes = bytes.substr(0, last + 1);
    r.issues_.push_back({0, "file longer than 500 KiB; the rest was ignored"});
  }
  // UTF-8 byte order mark, also a truncated one.
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  for (size_t n = kBom.size(); n > 0; --n) {
    if (bytes.substr(0, n) == kBom.substr(0, n)) {
      bytes.remove_prefix(n);
      break;
    }
  }

  bool in_agent_lines = false;  // the previous directive was a user-agent line
  int line_number = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t end = bytes.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    // CR, LF and CRLF all end a line (RFC 9309 2.2).
    pos = end + 1;
    if (end < bytes.size() && bytes[end] == '\r' && pos < bytes.size() && bytes[pos] == '\n') ++pos;
    ++line_number;

    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = Trim(line);
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      r.issues_.push_back({line_number, "line without ':'"});
      continue;
    }
    const Key key = ClassifyKey(line.substr(0, colon));
    const std::string_view value = Trim(line.substr(colon + 1));
    switch (key) {
      case Key::kUserAgent: {
        if (!in_agent_lines) r.groups_.emplace_back();
        in_agent_lines = true;
        std::string token = RobotsProductToken(value);
        if (token.empty()) {
          r.issues_.push_back({line_number, "user-agent without a product token"});
          break;
        }
        r.groups_.back().agents.push_back(std::move(token));
        break;
      }
      case Key::kAllow:
      case Key::kDisallow:
        in_agent_lines = false;
        if (r.groups_.empty()) {
          r.issues_.push_back({line_number, "rule before any user-agent"});
          break;
        }
        if (value.empty()) break;  // "Disallow:" with no path allows everything: no rule
        r.groups_.back().rules.push_back(
            {key == Key::kAllow, RobotsNormalizePath(value), line_number});
        break;
      case Key::kCrawlDelay:
        in_agent_lines = false;
        if (r.groups_.empty()) {
          r.issues_.push_back({line_number, "crawl-delay before any user-agent"});
          break;
        }
        if (auto delay = ParseDelay(value)) {
          r.groups_.back().crawl_delay = *delay;
        } else {
          r.issues_.push_back({line_number, "crawl-delay is not a number"});
        }
        break;
      case Key::kSitemap:
        // Sitemap lines are not tied to groups and do not end the agent lines (RFC 9309 2.2.4).
        if (!value.empty()) r.sitemaps_.emplace_back(value);
        break;
      case Key::kUnknown:
        r.issues_.push_back({line_number, "unknown directive"});
        break;
    }
  }
  return r;
}

std::vector<size_t> RobotsTxt::GroupsFor(std::string_view user_agent) const {
  const std::string token = RobotsProductToken(user_agent);
  std::vector<size_t> specific, star;
  for (size_t i = 0; i < groups_.size(); ++i) {
    for (const std::string& agent : groups_[i].agents) {
      if (!token.empty() && token != "*" && agent == token) {
        specific.push_back(i);
        break;
      }
      if (agent == "*") {
        star.push_back(i);
        break;
      }
    }
  }
  return specific.empty() ? star : specific;
}

bool RobotsTxt::Evaluate(const std::vector<size_t>& groups, std::string_view path) const {
  if (disallow_all_) return false;
  const std::string normal = RobotsNormalizePath(path.empty() ? "/" : path);
  if (normal == "/robots.txt") return true;
  bool found = false;
  size_t best_length = 0;
  bool best_allow = true;
  for (size_t g : groups) {
    for (const RobotsRule& rule : groups_[g].rules) {
      if (found && rule.pattern.size() < best_length) continue;
      if (!RobotsPatternMatches(rule.pattern, normal)) continue;
      if (!found || rule.pattern.size() > best_length) {
        best_allow = rule.allow;
      } else {
        best_allow = best_allow || rule.allow;  // equal length: allow wins the tie
      }
      best_length = rule.pattern.size();
      found = true;
    }
  }
  return !found || best_allow;
}

bool RobotsTxt::Allowed(std::string_view user_agent, std::string_view path) const {
  return Evaluate(GroupsFor(user_agent), path);
}

bool RobotsTxt::AllowedForAnyAgent(std::string_view path) const {
  return Evaluate(GroupsFor("*"), path);
}

bool RobotsTxt::AllowedUrl(std::string_view user_agent, std::string_view url) const {
  auto parts = SplitUrl(url);
  if (!parts) return false;
  std::string path = parts->path;
  if (!parts->query.empty()) path += "?" + parts->query;
  return Allowed(user_agent, path);
}

std::optional<std::chrono::milliseconds> RobotsTxt::CrawlDelay(std::string_view user_agent) const {
  std::optional<std::chrono::milliseconds> delay;
  for (size_t g : GroupsFor(user_agent)) {
    if (groups_[g].crawl_delay)
      delay = std::max(delay.value_or(std::chrono::milliseconds(0)), *groups_[g].crawl_delay);
  }
  if (delay && *delay > kMaxCrawlDelay) delay = kMaxCrawlDelay;
  return delay;
}

// Declared in crawler/crawler.h: the CLI and the crawl share this code path.
bool RobotsAllows(std::string_view robots_txt, std::string_view user_agent, std::string_view url) {
  return RobotsTxt::Parse(robots_txt).AllowedUrl(user_agent, url);
}

}  // namespace sightline::crawler
