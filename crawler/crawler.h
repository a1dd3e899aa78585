// Crawler: fetches a site (or exactly a URL list) politely and hands every settled URL to a
// PageSink as a FetchedPage. One network thread runs one Boost.Asio io_context driving one
// libcurl multi handle; robots.txt (RFC 9309), sitemaps, redirects, retries, per-host
// politeness and trap limits are handled here. The Crawler owns its network state; the sink
// and the clock are borrowed and must outlive Run(). Run() is called once, from one thread;
// Stop() may be called from any thread or a signal handler.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "crawler/fetched_page.h"

namespace sightline::crawler {

enum class Scope { kHost, kDomain, kPrefix };
const char* ScopeName(Scope s);  // "host", "domain", "prefix"
// Parses "host" | "domain" | "prefix".
Result<Scope> ParseScope(std::string_view name);

// The default user agent: "sightline/<version> (+https://github.com/sightline-audit/sightline)".
std::string DefaultUserAgent();

// Guards against crawler traps (calendars, session ids in paths, faceted search).
struct TrapLimits {
  size_t max_url_length = 2048;
  int max_path_segments = 32;
  int max_repeated_segment = 3;    // the same path segment appearing more often than this
  int max_queries_per_path = 100;  // distinct query strings for one scheme://host/path
};

struct CrawlProgress {
  int fetched = 0;  // pages settled with a response (including 304 and resumed)
  int failed = 0;
  int skipped = 0;
  int queued = 0;     // waiting in the frontier
  int in_flight = 0;  // transfers running (pages, robots.txt, sitemaps)
  uint64_t bytes = 0;
  double seconds = 0;
};

// One robots.txt the crawl consulted, so the analyzer can audit it.
struct RobotsFile {
  std::string origin;         // "https://example.org"
  int status = 0;             // HTTP status, 0 when unreachable
  std::string robots_status;  // "ok", "missing", "unreachable" (see RobotsAccess)
  std::string body;           // at most 500 KiB
};

// FetchedPage::error codes the crawler produces (stable; the app and the store key on them):
//   transport: "timeout", "first_byte", "low_speed", "connect", "dns", "reset" (also a body
//   shorter than announced; the partial body is kept, truncated=true), "tls", "protocol",
//   "decoding", "network";
//   HTTP: "http_<status>" for a final status >= 400 (after retries for 429/5xx);
//   redirects: "too_many_redirects", "redirect_loop", "redirect_out_of_scope" (final_url is
//   the refused target), "redirect_invalid" (non-http(s) or unparsable Location),
//   "redirect_private";
//   policy: "robots_disallowed" (not fetched; counted as skipped, not failed),
//   "private_address" (a link from a public page to a private address),
//   "host_unreachable" (robots.txt could not be fetched at all: the origin is not tried),
//   "host_given_up" (host_failure_limit consecutive failures; the rest of its queue).
// A body over max_body_bytes is not an error: truncated=true, the page is still handed on.
struct CrawlSummary {
  int fetched = 0;       // pages with a response handed on (incl. not_modified and resumed)
  int not_modified = 0;  // 304 to a conditional request
  int resumed = 0;       // taken from resume_lookup without network
  int failed = 0;
  int skipped = 0;
  std::map<std::string, int> failed_by_reason;   // FetchedPage::error codes
  std::map<std::string, int> skipped_by_reason;  // robots_disallowed, out_of_scope, max_pages,
                                                 // max_depth, url_too_long, ...
  uint64_t bytes = 0;                            // decoded body bytes received
  double seconds = 0;
  bool stopped = false;  // Stop() was called before the crawl finished
  std::vector<RobotsFile> robots_files;
  int sitemap_urls = 0;  // page URLs listed by the sitemaps read
};

struct CrawlOptions {
  std::vector<std::string> seeds;  // site URL, or the URL list
  bool follow_links = true;        // false in URL-list mode (scan without --follow)
  Scope scope = Scope::kDomain;
  int max_pages = 1000;
  int max_depth = 20;
  int concurrency = 16;  // transfers in flight over all hosts
  int per_host = 2;      // transfers in flight per origin (also CURLMOPT_MAX_HOST_CONNECTIONS)
  std::chrono::milliseconds delay{250};  // minimum gap between request starts per origin
  std::string user_agent;                // empty = DefaultUserAgent()
  size_t max_body_bytes = 10 << 20;      // decoded size cap; longer bodies are truncated
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds first_byte_timeout{20000};
  std::chrono::milliseconds total_timeout{60000};
  // A transfer slower than low_speed_bytes per second for low_speed_time is cut off.
  long low_speed_bytes = 100;
  std::chrono::seconds low_speed_time{15};
  bool allow_private = false;  // follow links/redirects from public to private addresses
  bool fetch_sitemaps = true;
  // Pages fetched or in flight that the sink has not released yet, at most (memory bound:
  // each holds its body). 0 = twice the concurrency.
  int max_unreleased_pages = 0;
  int max_retries = 3;  // attempts per URL in all (the first try included)
  // Base of the exponential retry backoff (base * 2^(attempt-1), plus up to 50% jitter).
  std::chrono::milliseconds retry_base_delay{1000};
  std::chrono::seconds max_retry_after{120};  // longer Retry-After values are capped
  int host_failure_limit = 5;  // consecutive failed URLs after which an origin is given up
  TrapLimits limits;
  // Timestamps of fetched pages (fetched_at). Politeness and back-off run on real time,
  // because Asio timers wait for them (HostScheduler alone is tested with FakeClock).
  const Clock* clock = &DefaultClock();
  // Conditional GET: the previous audit's validators for a URL, if any.
  std::function<std::optional<Validators>(const std::string& url)> validators;
  // A page already fetched by an interrupted audit: handed to the sink without network
  // (resumed=true).
  std::function<std::optional<FetchedPage>(const std::string& url)> resume_lookup;
  // Called on the network thread after each settled page and at the end. Keep it cheap.
  std::function<void(const CrawlProgress&)> on_progress;
  // Test seam: classifies the peer address of a transfer; empty = loopback, link-local and
  // private ranges (RFC 1918, RFC 4193, 100.64/10, ...) are private.
  std::function<bool(std::string_view ip, int port)> is_private_address;
  uint64_t random_seed = 0;  // jitter; 0 = seeded from std::random_device
};

class Crawler {
 public:
  // Validates the options (at least one http(s) seed, sane limits).
  static Result<std::unique_ptr<Crawler>> Create(CrawlOptions options, PageSink* sink);
  ~Crawler();
  Crawler(const Crawler&) = delete;
  Crawler& operator=(const Crawler&) = delete;

  // Blocks until the frontier is empty, nothing is in flight and the sink released every
  // page, or until Stop(). Fails only on setup errors (curl/asio initialisation).
  Result<CrawlSummary> Run();

  // Thread-safe and async-signal-safe: sets a flag and wakes the network thread, which
  // cancels in-flight transfers; pages already handed on are kept.
  void Stop();

 private:
  class Impl;
  explicit Crawler(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Whether robots.txt `robots_txt` lets `user_agent` fetch `url` (RFC 9309), exactly as the
// crawl decides it. `sightline robots --robots-file F --agent NAME URL` uses it.
bool RobotsAllows(std::string_view robots_txt, std::string_view user_agent, std::string_view url);

}  // namespace sightline::crawler
