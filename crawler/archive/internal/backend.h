// The per-archive look-up behind ArchiveClient: each Backend asks one archive for the copies
// of a URL (through its own PoliteHttp, so one request at a time per archive), caches them
// for a day, and leaves window/digest matching to ArchiveClient. Internal to sightline_archive.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/archive/archive_client.h"
#include "crawler/archive/internal/polite_http.h"

namespace sightline::archive {

// A copy as an archive reports it, before matching against the finding's window.
struct RawCapture {
  WallTime at;
  std::string digest;
  std::string url;  // replay URL
};

struct BackendConfig {
  std::string base;  // without trailing '/'
  internal::PoliteHttpOptions http;
  ArchiveCache* cache = nullptr;
  const Clock* clock = nullptr;
  int wayback_limit = 200;
  int commoncrawl_max_crawls = 24;
};

class ArchiveClient::Backend {
 public:
  virtual ~Backend() = default;
  virtual const char* name() const = 0;
  // Appends what the archive holds for request.url (at least the copies inside the window).
  // Returns false when the archive could not answer at all; `problems` says why, prefixed
  // with the archive's name. Partial answers return true with problems.
  virtual bool Find(const LookupRequest& request, std::vector<RawCapture>* out,
                    std::vector<std::string>* problems) = 0;

  // Look-ups in a row that returned false; ArchiveClient skips the archive past a limit.
  std::atomic<int> consecutive_failures{0};
};

std::unique_ptr<ArchiveClient::Backend> MakeWaybackBackend(BackendConfig config);
std::unique_ptr<ArchiveClient::Backend> MakeCommonCrawlBackend(BackendConfig config);
std::unique_ptr<ArchiveClient::Backend> MakeArchiveTodayBackend(BackendConfig config);

namespace internal {

// Percent-encodes all but RFC 3986 unreserved characters (query parameter values).
std::string QueryEscape(std::string_view value);

// "/CC-MAIN-2024-10-index" from "https://index.commoncrawl.org/CC-MAIN-2024-10-index": the
// path (and query) of an absolute URL, so archive-provided URLs are re-based on the
// configured base and a test never leaves the loopback server.
std::string PathOf(std::string_view url);

// Cache values: {"captures": [{"t": "20240305123456", "d": digest, "u": url}], ...extra}.
std::string CapturesToJson(const std::vector<RawCapture>& captures, const std::string& from_ts,
                           const std::string& to_ts);
// False when the text is not a cache value written by CapturesToJson.
bool CapturesFromJson(std::string_view text, std::vector<RawCapture>* captures,
                      std::string* from_ts, std::string* to_ts);

}  // namespace internal
}  // namespace sightline::archive
