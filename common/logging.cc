#include "common/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace sightline {

void InitLogging(LogLevel level) {
  auto logger = spdlog::get("sightline");
  if (!logger) {
    logger = spdlog::stderr_color_mt("sightline");
    logger->set_pattern("%^%l%$: %v");
    spdlog::set_default_logger(logger);
  }
  switch (level) {
    case LogLevel::kQuiet:
      spdlog::set_level(spdlog::level::err);
      break;
    case LogLevel::kWarn:
      spdlog::set_level(spdlog::level::warn);
      break;
    case LogLevel::kInfo:
      spdlog::set_level(spdlog::level::info);
      break;
    case LogLevel::kDebug:
      spdlog::set_level(spdlog::level::debug);
      break;
  }
}

}  // namespace sightline
