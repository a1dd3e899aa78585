// Retry policy: which fetch outcomes are worth another try, the exponential back-off with
// jitter between tries, and Retry-After parsing (RFC 9110 10.2.3: delay-seconds or an
// HTTP-date). Plain functions, no state; randomness is passed in so tests are exact.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "common/clock.h"

namespace sightline::crawler {

// 429, 500, 502, 503 and 504: the server may answer differently later.
bool IsRetryableStatus(int status);
// Transport failures that are often transient: "connect", "reset", "timeout", "first_byte",
// "low_speed", "recv".
bool IsRetryableError(std::string_view error);

// delay-seconds ("120") or an HTTP-date; a date in the past is 0 s; nullopt when malformed.
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value, WallTime now);

// base * 2^(attempt-1) scaled by (1 + jitter/2) with jitter in [0, 1): attempt 1 -> [base,
// 1.5 base), attempt 2 -> [2 base, 3 base), ... Capped at 10 minutes.
std::chrono::milliseconds BackoffDelay(int attempt, std::chrono::milliseconds base, double jitter);

}  // namespace sightline::crawler
