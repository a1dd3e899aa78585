// Fuzzes the robots.txt parser and matcher (crawler/robots.h, RFC 9309) on arbitrary bytes.
// Properties from the header's contract: /robots.txt is always allowed, Crawl-delay is
// capped, input beyond kRobotsMaxBytes sets truncated(), path normalisation is idempotent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crawler/robots.h"
#include "tests/fuzz/fuzz_checks.h"

using sightline::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  namespace crawler = sightline::crawler;
  const crawler::RobotsTxt robots = crawler::RobotsTxt::Parse(input);

  // Probe with paths taken from the input itself so that rules and paths meet.
  std::string_view probe = input.substr(0, input.find('\n'));
  std::string path = "/" + std::string(probe.substr(0, 200));
  for (const char* agent : {"Sightline/0.1 (+https://example.org)", "Googlebot", "*", ""}) {
    (void)robots.Allowed(agent, path);
    (void)robots.AllowedUrl(agent, "https://example.com" + path);
    Check(robots.Allowed(agent, "/robots.txt"), "/robots.txt is always allowed");
    if (auto delay = robots.CrawlDelay(agent)) {
      Check(*delay <= crawler::kMaxCrawlDelay, "crawl delay is capped");
    }
  }
  (void)robots.AllowedForAnyAgent(path);
  Check(!robots.truncated() || size > crawler::kRobotsMaxBytes, "truncated only when too long");

  const std::string normal = crawler::RobotsNormalizePath(path);
  Check(crawler::RobotsNormalizePath(normal) == normal, "path normalisation is idempotent");
  for (const auto& group : robots.groups()) {
    for (const auto& rule : group.rules) (void)crawler::RobotsPatternMatches(rule.pattern, normal);
  }
  return 0;
}
