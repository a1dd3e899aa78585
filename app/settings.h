// Settings: everything a flag can set, for audit/scan/check/report/diff. Built from defaults,
// then a --config TOML file, then the flags actually given (flags win). Plain data.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/finding.h"

namespace sightline::app {

struct RiskThresholds {
  double critical = 1.0;  // k below this is critical
  double high = 5.0;
  double medium = 20.0;
};

struct Settings {
  std::string db = "sightline.db";
  // Crawl.
  int max_pages = 1000;
  int max_depth = 20;
  std::string scope = "domain";  // host | domain | prefix
  int concurrency = 16;
  int per_host = 2;
  int delay_ms = 250;
  std::string user_agent;
  bool allow_private = false;
  bool follow = false;  // scan: also follow links from the listed pages
  size_t max_body_bytes = 10u << 20;
  // Analysis.
  bool author_anonymous = false;
  std::string region;  // e.g. "US-OH": disambiguates town names
  RiskThresholds thresholds;
  // Archives.
  std::vector<std::string> archives;
  std::map<std::string, std::string> archive_bases;
  // Storage.
  bool resume = false;
  int keep = 0;  // 0 = keep every audit
  // Output.
  bool redact = false;
  std::string format = "text";  // text | json | html | csv
  std::string out;
  analyzer::Risk fail_on = analyzer::Risk::kHigh;
};

// One site of an agency's list (`[[site]]` tables); fields left unset inherit the settings.
struct SiteEntry {
  std::string url;
  std::optional<int> max_pages;
  std::optional<std::string> scope;
  std::optional<bool> author_anonymous;
  std::optional<std::string> region;
};

struct ConfigFile {
  Settings settings;
  std::vector<SiteEntry> sites;
};

}  // namespace sightline::app
