// Logging set-up on spdlog. Logs go to stderr and never contain page text or snippets: log
// URLs, counts, codes and timings only (the database holds the sensitive text, mode 0600).
#pragma once

#include <spdlog/spdlog.h>

namespace sightline {

enum class LogLevel { kQuiet, kWarn, kInfo, kDebug };

// Idempotent; safe to call from tests. kQuiet still lets errors through.
void InitLogging(LogLevel level);

}  // namespace sightline
