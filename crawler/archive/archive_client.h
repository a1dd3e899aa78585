// ArchiveClient: asks web archives whether they hold a copy of a page made while a finding
// was on it — Internet Archive Wayback Machine (CDX server API, availability API as fallback),
// Common Crawl (collinfo.json, then the CDX index of each crawl overlapping the window) and
// archive.today (Memento TimeMap, RFC 7089). Off unless the user names archives.
// Polite: one request at a time per archive, min_interval apart, timeouts, Retry-After on 429,
// at most 3 tries, capped response size, answers cached for a day; every failure comes back
// as a problem string, never as an error. Thread-safety: Lookup may be called from several
// threads; each archive still sees one request at a time. No I/O at construction.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "crawler/archive/archive_cache.h"

namespace sightline::archive {

// Archive names as used on the command line, in the cache and in reports.
inline constexpr char kWayback[] = "wayback";
inline constexpr char kCommonCrawl[] = "commoncrawl";
inline constexpr char kArchiveToday[] = "archivetoday";

// Public default base URLs; tests always override them with a loopback server.
std::string DefaultArchiveBase(const std::string& archive);  // empty for unknown names

struct ArchiveOptions {
  std::vector<std::string> archives;             // subset of wayback, commoncrawl, archivetoday
  std::map<std::string, std::string> base_urls;  // archive -> base URL (no trailing path)
  std::chrono::milliseconds timeout{15000};      // whole transfer, per request
  std::chrono::milliseconds connect_timeout{5000};
  int max_tries = 3;                             // per request, 429/5xx/network errors retried
  std::chrono::milliseconds retry_delay{1000};   // first backoff when no Retry-After; doubles
  std::chrono::seconds max_retry_after{120};     // a longer Retry-After gives up instead
  std::chrono::milliseconds min_interval{1000};  // between two requests to one archive
  size_t max_response_bytes = 8 << 20;           // larger answers are dropped as a problem
  int wayback_limit = 200;                       // CDX `limit`
  int commoncrawl_max_crawls = 24;               // newest overlapping crawls asked per look-up
  // After this many consecutive failed look-ups an archive is skipped for the client's life,
  // so one dead archive does not cost every finding a full round of timeouts.
  int max_consecutive_failures = 2;
  const Clock* clock = nullptr;   // nullptr: DefaultClock()
  ArchiveCache* cache = nullptr;  // nullptr: no caching; not owned, must outlive the client
  std::string user_agent = "sightline-archive-lookup";
  // Seam for backoff waits; default sleeps the thread. Tests pass one that advances a FakeClock.
  std::function<void(std::chrono::milliseconds)> sleep;
};

// One archived copy. `captured_at` is ISO 8601 UTC; `url` opens the copy (Wayback and
// archive.today replay URLs; for Common Crawl, the replay route its collinfo.json names as the
// crawl's "timegate", which serves the WARC record).
struct Capture {
  enum class Match { kDigest, kDate };
  std::string archive;
  std::string captured_at;
  std::string url;
  std::string digest;          // base32 SHA-1 of the payload when the archive reports one
  Match match = Match::kDate;  // same content as a known snapshot, or made inside the window
};

struct LookupRequest {
  std::string url;  // the page, as audited
  WallTime from;    // the finding's exposure window: first_seen ..
  WallTime to;      // .. last_seen
  // WaybackDigest() of snapshots that contained the finding: a capture with one of these
  // digests is reported even when its date falls outside [from, to].
  std::vector<std::string> known_digests;
};

struct LookupResult {
  std::vector<Capture> captures;      // sorted by archive order of the options, then time
  std::vector<std::string> problems;  // "wayback: HTTP 503 after 3 tries", ...
};

class ArchiveClient {
 public:
  // Fails (kInvalidArgument) on an unknown archive name or an unusable base URL.
  static Result<std::unique_ptr<ArchiveClient>> Create(ArchiveOptions options);
  ~ArchiveClient();
  ArchiveClient(const ArchiveClient&) = delete;
  ArchiveClient& operator=(const ArchiveClient&) = delete;

  // Captures of request.url made while the finding was on the page. Never fails: archive
  // errors become `problems` and the other archives are still asked.
  LookupResult Lookup(const LookupRequest& request);

  class Backend;  // one per archive (internal)

 private:
  explicit ArchiveClient(ArchiveOptions options);
  ArchiveOptions options_;
  std::vector<std::unique_ptr<Backend>> backends_;
};

// base32 (RFC 4648, no padding) of the SHA-1 of `body`: the digest the Wayback CDX and Common
// Crawl indexes give for a capture's payload, to compare with stored snapshots.
std::string WaybackDigest(std::string_view body);

}  // namespace sightline::archive
