#include "crawler/archive/archive_client.h"

#include <fmt/format.h>

#include <algorithm>

#include "crawler/archive/internal/backend.h"

namespace sightline::archive {
namespace {

bool KnownArchive(const std::string& name) {
  return name == kWayback || name == kCommonCrawl || name == kArchiveToday;
}

}  // namespace

std::string DefaultArchiveBase(const std::string& archive) {
  if (archive == kWayback) return "https://web.archive.org";
  if (archive == kCommonCrawl) return "https://index.commoncrawl.org";
  if (archive == kArchiveToday) return "https://archive.ph";
  return {};
}

Result<std::unique_ptr<ArchiveClient>> ArchiveClient::Create(ArchiveOptions options) {
  for (const auto& [name, base] : options.base_urls) {
    if (!KnownArchive(name)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "unknown archive '" + name + "' (wayback, commoncrawl, archivetoday)");
    }
    if (!base.starts_with("http://") && !base.starts_with("https://")) {
      return Fail(ErrorCode::kInvalidArgument,
                  "archive base for " + name + " must be an http(s) URL: " + base);
    }
  }
  std::vector<std::string> unique;
  for (const std::string& name : options.archives) {
    if (!KnownArchive(name)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "unknown archive '" + name + "' (wayback, commoncrawl, archivetoday)");
    }
    if (std::find(unique.begin(), unique.end(), name) == unique.end()) unique.push_back(name);
  }
  options.archives = std::move(unique);
  if (options.clock == nullptr) options.clock = &DefaultClock();
  if (options.max_tries < 1) options.max_tries = 1;
  if (options.wayback_limit < 1) options.wayback_limit = 1;
  if (options.commoncrawl_max_crawls < 1) options.commoncrawl_max_crawls = 1;

  std::unique_ptr<ArchiveClient> client(new ArchiveClient(std::move(options)));
  const ArchiveOptions& o = client->options_;
  for (const std::string& name : o.archives) {
    BackendConfig config;
    auto base = o.base_urls.find(name);
    config.base = base != o.base_urls.end() ? base->second : DefaultArchiveBase(name);
    while (config.base.ends_with('/')) config.base.pop_back();
    config.http.archive = name;
    config.http.timeout = o.timeout;
    config.http.connect_timeout = o.connect_timeout;
    config.http.max_tries = o.max_tries;
    config.http.retry_delay = o.retry_delay;
    config.http.max_retry_after = o.max_retry_after;
    config.http.min_interval = o.min_interval;
    config.http.max_response_bytes = o.max_response_bytes;
    config.http.user_agent = o.user_agent;
    config.http.clock = o.clock;
    config.http.sleep = o.sleep;
    config.cache = o.cache;
    config.clock = o.clock;
    config.wayback_limit = o.wayback_limit;
    config.commoncrawl_max_crawls = o.commoncrawl_max_crawls;
    if (name == kWayback) {
      client->backends_.push_back(MakeWaybackBackend(std::move(config)));
    } else if (name == kCommonCrawl) {
      client->backends_.push_back(MakeCommonCrawlBackend(std::move(config)));
    } else {
      client->backends_.push_back(MakeArchiveTodayBackend(std::move(config)));
    }
  }
  return client;
}

ArchiveClient::ArchiveClient(ArchiveOptions options) : options_(std::move(options)) {}

ArchiveClient::~ArchiveClient() = default;

LookupResult ArchiveClient::Lookup(const LookupRequest& request) {
  LookupResult result;
  if (request.url.empty()) {
    result.problems.push_back("no URL to look up");
    return result;
  }
  for (const auto& backend : backends_) {
    if (backend->consecutive_failures.load() >= options_.max_consecutive_failures) {
      result.problems.push_back(fmt::format("{}: not asked after {} failed look-ups in a row",
                                            backend->name(), backend->consecutive_failures.load()));
      continue;
    }
    std::vector<RawCapture> raw;
    if (backend->Find(request, &raw, &result.problems)) {
      backend->consecutive_failures.store(0);
    } else {
      backend->consecutive_failures.fetch_add(1);
    }
    std::sort(raw.begin(), raw.end(),
              [](const RawCapture& a, const RawCapture& b) { return a.at < b.at; });
    std::vector<std::string> seen_urls;
    for (const RawCapture& copy : raw) {
      Capture capture;
      const bool same_content =
          !copy.digest.empty() &&
          std::find(request.known_digests.begin(), request.known_digests.end(), copy.digest) !=
              request.known_digests.end();
      if (same_content) {
        capture.match = Capture::Match::kDigest;
      } else if (copy.at >= request.from && copy.at <= request.to) {
        capture.match = Capture::Match::kDate;
      } else {
        continue;
      }
      if (std::find(seen_urls.begin(), seen_urls.end(), copy.url) != seen_urls.end()) continue;
      seen_urls.push_back(copy.url);
      capture.archive = backend->name();
      capture.captured_at = FormatIso8601(copy.at);
      capture.url = copy.url;
      capture.digest = copy.digest;
      result.captures.push_back(std::move(capture));
    }
  }
  return result;
}

}  // namespace sightline::archive
