#include "crawler/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace sightline::crawler {

bool IsRetryableStatus(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool IsRetryableError(std::string_view error) {
  return error == "connect" || error == "reset" || error == "timeout" || error == "first_byte" ||
         error == "low_speed" || error == "recv";
}

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value, WallTime now) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
    value.remove_prefix(1);
  }
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
    value.remove_suffix(1);
  }
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    if (value.size() > 9) return std::chrono::seconds(999'999'999);
    return std::chrono::seconds(std::stol(std::string(value)));
  }
  // curl_getdate() reads the three HTTP-date forms of RFC 9110 5.6.7.
  const time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when < 0) return std::nullopt;
  const auto then = std::chrono::system_clock::from_time_t(when);
  if (then <= now) return std::chrono::seconds(0);
  return std::chrono::duration_cast<std::chrono::seconds>(then - now);
}

std::chrono::milliseconds BackoffDelay(int attempt, std::chrono::milliseconds base, double jitter) {
  constexpr std::chrono::milliseconds kCap = std::chrono::minutes(10);
  attempt = std::clamp(attempt, 1, 20);
  jitter = std::clamp(jitter, 0.0, 1.0);
  const double ms = static_cast<double>(base.count()) * static_cast<double>(1LL << (attempt - 1)) *
                    (1.0 + jitter / 2.0);
  if (ms >= static_cast<double>(kCap.count())) return kCap;
  return std::chrono::milliseconds(static_cast<long long>(ms));
}

}  // namespace sightline::crawler
