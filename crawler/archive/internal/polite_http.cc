#include "crawler/archive/internal/polite_http.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cctype>
#include <thread>

namespace sightline::archive::internal {
namespace {

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

void EnsureCurlGlobal() {
  static CurlGlobal once;  // thread-safe static initialisation
  (void)once;
}

struct Transfer {
  std::string body;
  size_t cap = 0;
  bool overflow = false;
  std::string retry_after;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (t->body.size() + n > t->cap) {
    t->overflow = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  std::string_view line(data, n);
  // A new status line (after a redirect or 100-continue) starts a new header block.
  if (line.starts_with("HTTP/")) t->retry_after.clear();
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    bool match = true;
    for (size_t i = 0; i < kName.size() && match; ++i) {
      match = std::tolower(static_cast<unsigned char>(line[i])) == kName[i];
    }
    if (match) {
      std::string_view v = line.substr(kName.size());
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) {
        v.remove_suffix(1);
      }
      t->retry_after = std::string(v);
    }
  }
  return n;
}

bool IsRetriedStatus(long status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

}  // namespace

struct PoliteHttp::Handle {
  CURL* curl = nullptr;
  Handle() : curl(curl_easy_init()) {}
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
};

std::optional<std::chrono::seconds> ParseRetryAfter(const std::string& value, WallTime now) {
  constexpr std::chrono::seconds kVeryLong = std::chrono::hours(24 * 365);
  if (value.empty()) return std::nullopt;
  bool digits = true, letters = false;
  for (char c : value) {
    digits = digits && c >= '0' && c <= '9';
    letters = letters || std::isalpha(static_cast<unsigned char>(c)) != 0;
  }
  if (digits) {
    if (value.size() > 9) return kVeryLong;  // beyond any wait worth making
    return std::chrono::seconds(std::stol(value));
  }
  // An HTTP-date always names its month; curl_getdate would read bare numbers relative to
  // the real current time, which makes no sense here.
  if (!letters) return std::nullopt;
  const time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  // Past 2200 the date would overflow WallTime; such a wait is refused anyway.
  if (when > 7258118400) return kVeryLong;
  const auto wait = std::chrono::system_clock::from_time_t(when) - now;
  if (wait <= WallTime::duration::zero()) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(wait);
}

PoliteHttp::PoliteHttp(PoliteHttpOptions options) : options_(std::move(options)) {
  EnsureCurlGlobal();
  if (options_.clock == nullptr) options_.clock = &DefaultClock();
  if (!options_.sleep) {
    options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  }
  if (options_.max_tries < 1) options_.max_tries = 1;
}

PoliteHttp::~PoliteHttp() = default;

int PoliteHttp::requests_made() const {
  std::lock_guard lock(mu_);
  return requests_made_;
}

Result<HttpAnswer> PoliteHttp::Get(const std::string& url) {
  std::lock_guard lock(mu_);
  if (!handle_) handle_ = std::make_unique<Handle>();
  if (handle_->curl == nullptr) return Fail(ErrorCode::kInternal, "cannot create a curl handle");
  CURL* curl = handle_->curl;
  std::chrono::milliseconds backoff = options_.retry_delay;
  std::string last_problem;
  for (int attempt = 1; attempt <= options_.max_tries; ++attempt) {
    if (last_start_ && options_.min_interval.count() > 0) {
      const auto since = options_.clock->SteadyNow() - *last_start_;
      if (since < options_.min_interval) {
        options_.sleep(std::chrono::ceil<std::chrono::milliseconds>(options_.min_interval - since));
      }
    }
    last_start_ = options_.clock->SteadyNow();
    Transfer transfer;
    transfer.cap = options_.max_response_bytes;
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_reset(curl);  // keeps the connection cache
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
    // A configured proxy is used for the archives, never for a loopback mirror.
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // the cap applies to decoded bytes
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    ++requests_made_;
    const CURLcode code = curl_easy_perform(curl);
    // The buffers above die with this iteration; the handle must not point at them.
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, nullptr);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, nullptr);
    std::chrono::milliseconds wait = backoff;
    if (code != CURLE_OK) {
      if (transfer.overflow) {
        return Fail(ErrorCode::kNetwork,
                    fmt::format("answer larger than {} bytes", options_.max_response_bytes));
      }
      last_problem =
          code == CURLE_OPERATION_TIMEDOUT
              ? fmt::format("timed out after {} ms", options_.timeout.count())
              : std::string(error_buffer[0] != 0 ? error_buffer : curl_easy_strerror(code));
    } else {
      long status = 0;
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
      if (!IsRetriedStatus(status)) return HttpAnswer{status, std::move(transfer.body)};
      last_problem = fmt::format("HTTP {}", status);
      if (auto asked = ParseRetryAfter(transfer.retry_after, options_.clock->WallNow())) {
        if (*asked > options_.max_retry_after) {
          return Fail(
              ErrorCode::kNetwork,
              fmt::format("HTTP {}, asked to retry after {} s; gave up", status, asked->count()));
        }
        wait = std::chrono::duration_cast<std::chrono::milliseconds>(*asked);
      }
    }
    if (attempt == options_.max_tries) break;
    options_.sleep(wait);
    backoff *= 2;
  }
  return Fail(ErrorCode::kNetwork, fmt::format("{} after {} {}", last_problem, options_.max_tries,
                                               options_.max_tries == 1 ? "try" : "tries"));
}

}  // namespace sightline::archive::internal
