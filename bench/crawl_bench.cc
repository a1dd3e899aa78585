// Crawler hot paths the issue asks numbers for: robots.txt matching (RobotsTxt::Allowed and
// AllowedUrl against a realistic and a large robots.txt) and URL normalisation/resolution
// (NormalizeUrl, ResolveUrl on curl_url), each reported as operations per second.
// Run: build/rel-bench/bench/crawl_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "common/url.h"
#include "crawler/robots.h"

namespace {

using sightline::crawler::RobotsTxt;

constexpr const char* kAgent = "Sightline/0.1 (+https://example.org/sightline)";

// A robots.txt like the ones real CMS sites ship: a few agent groups, wildcards, '$'.
const char* kTypicalRobots = R"(# typical CMS robots.txt
User-agent: *
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php
Disallow: /cgi-bin/
Disallow: /*?replytocom=
Disallow: /*.pdf$
Disallow: /search
Disallow: /tag/*/feed/
Allow: /tag/
Crawl-delay: 1

User-agent: Googlebot
User-agent: Bingbot
Disallow: /private/
Allow: /private/press/

User-agent: GPTBot
Disallow: /

Sitemap: https://clinic.example/sitemap.xml
)";

// A large robots.txt (hundreds of groups and rules) such as big sites publish.
std::string LargeRobots(int groups, int rules_per_group) {
  std::mt19937_64 rng(7);
  std::string out;
  for (int g = 0; g < groups; ++g) {
    out += "User-agent: bot" + std::to_string(g) + "\n";
    for (int r = 0; r < rules_per_group; ++r) {
      out += (rng() % 3 == 0 ? "Allow: /" : "Disallow: /") + std::to_string(rng() % 1000) +
             "/*/section" + std::to_string(r) + (r % 5 == 0 ? "$" : "") + "\n";
    }
  }
  out += "User-agent: *\n";
  for (int r = 0; r < rules_per_group * 4; ++r) {
    out += "Disallow: /dir" + std::to_string(r) + "/*.php?id=*&page=\n";
  }
  return out;
}

std::vector<std::string> SamplePaths(size_t n) {
  static const char* kShapes[] = {"/posts/%d.html",        "/wp-admin/edit.php?post=%d",
                                  "/tag/health/feed/%d",   "/files/report-%d.pdf",
                                  "/search?q=term%d",      "/private/press/%d",
                                  "/dir%d/index.php?id=1", "/blog/2024/03/%d/a%%20b"};
  std::mt19937_64 rng(11);
  std::vector<std::string> paths;
  paths.reserve(n);
  char buf[128];
  for (size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, kShapes[rng() % std::size(kShapes)],
                  static_cast<int>(rng() % 5000));
    paths.emplace_back(buf);
  }
  return paths;
}

void BM_RobotsParseTypical(benchmark::State& state) {
  for (auto _ : state) {
    RobotsTxt robots = RobotsTxt::Parse(kTypicalRobots);
    benchmark::DoNotOptimize(robots);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(std::char_traits<char>::length(kTypicalRobots)));
}
BENCHMARK(BM_RobotsParseTypical);

void BM_RobotsAllowedTypical(benchmark::State& state) {
  const RobotsTxt robots = RobotsTxt::Parse(kTypicalRobots);
  const std::vector<std::string> paths = SamplePaths(1024);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(robots.Allowed(kAgent, paths[i++ & 1023]));
  }
  state.counters["checks/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RobotsAllowedTypical);

// What the crawl engine calls for every page it dispatches (URL parse + match).
void BM_RobotsAllowedUrlTypical(benchmark::State& state) {
  const RobotsTxt robots = RobotsTxt::Parse(kTypicalRobots);
  std::vector<std::string> urls;
  for (const std::string& p : SamplePaths(1024)) urls.push_back("https://clinic.example" + p);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(robots.AllowedUrl(kAgent, urls[i++ & 1023]));
  }
  state.counters["checks/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RobotsAllowedUrlTypical);

void BM_RobotsAllowedLarge(benchmark::State& state) {
  const std::string text = LargeRobots(static_cast<int>(state.range(0)), 20);
  const RobotsTxt robots = RobotsTxt::Parse(text);
  const std::vector<std::string> paths = SamplePaths(1024);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(robots.Allowed(kAgent, paths[i++ & 1023]));
  }
  state.counters["checks/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["robots_KB"] = static_cast<double>(text.size()) / 1024.0;
}
BENCHMARK(BM_RobotsAllowedLarge)->Arg(10)->Arg(200);

void BM_NormalizeUrl(benchmark::State& state) {
  std::vector<std::string> urls;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 1024; ++i) {
    urls.push_back("HTTP://Clinic.Example:80/Blog/../posts/./" + std::to_string(rng() % 5000) +
                   ".html?utm=%7e" + std::to_string(i) + "#section");
  }
  size_t i = 0;
  for (auto _ : state) {
    auto r = sightline::NormalizeUrl(urls[i++ & 1023]);
    benchmark::DoNotOptimize(r);
  }
  state.counters["urls/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NormalizeUrl);

// Every link of every page goes through this (relative href against the page URL).
void BM_ResolveUrl(benchmark::State& state) {
  std::vector<std::string> refs;
  std::mt19937_64 rng(5);
  for (int i = 0; i < 1024; ++i) {
    switch (i % 4) {
      case 0:
        refs.push_back("/posts/" + std::to_string(rng() % 5000) + ".html");
        break;
      case 1:
        refs.push_back("../img/" + std::to_string(rng() % 50) + ".jpg");
        break;
      case 2:
        refs.push_back("related.html?page=" + std::to_string(i));
        break;
      default:
        refs.push_back("https://other.example/a/b#frag");
        break;
    }
  }
  const std::string base = "https://clinic.example/blog/2024/post.html";
  size_t i = 0;
  for (auto _ : state) {
    auto r = sightline::ResolveUrl(base, refs[i++ & 1023]);
    benchmark::DoNotOptimize(r);
  }
  state.counters["urls/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ResolveUrl);

}  // namespace

BENCHMARK_MAIN();
