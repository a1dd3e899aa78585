// PoliteHttp: the archive clients' one-request-at-a-time HTTP GET on a libcurl easy handle
// (kept between requests so the connection is reused), spaced by a minimum interval. Retries 429,
// 5xx and transfer errors at most `max_tries` times, waiting Retry-After (seconds or HTTP date) or
// an exponential backoff through the sleep seam; caps the body size. Failures are returned as text.
// Thread-safety: Get serialises callers with a mutex (one request at a time per archive).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/result.h"

namespace sightline::archive::internal {

struct HttpAnswer {
  long status = 0;
  std::string body;
};

struct PoliteHttpOptions {
  std::string archive;  // for problem messages
  std::chrono::milliseconds timeout{15000};
  std::chrono::milliseconds connect_timeout{5000};
  int max_tries = 3;
  std::chrono::milliseconds retry_delay{1000};
  std::chrono::seconds max_retry_after{120};
  std::chrono::milliseconds min_interval{0};  // between the starts of two requests
  size_t max_response_bytes = 8 << 20;
  std::string user_agent;
  const Clock* clock = nullptr;
  std::function<void(std::chrono::milliseconds)> sleep;
};

// Seconds to wait from a Retry-After value ("120" or an HTTP date) at `now`; nullopt when the
// value is unreadable. Dates in the past mean no wait.
std::optional<std::chrono::seconds> ParseRetryAfter(const std::string& value, WallTime now);

class PoliteHttp {
 public:
  explicit PoliteHttp(PoliteHttpOptions options);
  ~PoliteHttp();
  PoliteHttp(const PoliteHttp&) = delete;
  PoliteHttp& operator=(const PoliteHttp&) = delete;

  // The final answer (any status that is not retried, e.g. 200 or 404), or an error whose
  // message says what went wrong ("HTTP 503 after 3 tries", "timed out after 3 tries", ...).
  Result<HttpAnswer> Get(const std::string& url);

  int requests_made() const;

 private:
  struct Handle;
  PoliteHttpOptions options_;
  mutable std::mutex mu_;
  std::unique_ptr<Handle> handle_;
  int requests_made_ = 0;
  std::optional<SteadyTime> last_start_;
};

}  // namespace sightline::archive::internal
