// Fuzzes date parsing: common/clock.h (ParseIso8601) and extraction's date helpers
// (analyzer/extract/internal/dates.h). Properties: an accepted ISO date prints to something
// that parses back to the same second; extracted dates are valid YYYY-MM-DD.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/extract/internal/dates.h"
#include "common/clock.h"
#include "tests/fuzz/fuzz_checks.h"

using sightline::fuzz::Check;

namespace {

void CheckCalendarDate(const std::string& date) {
  Check(date.size() == 10 && date[4] == '-' && date[7] == '-', "date is YYYY-MM-DD");
  const int y = std::stoi(date.substr(0, 4));
  const int m = std::stoi(date.substr(5, 2));
  const int d = std::stoi(date.substr(8, 2));
  Check(sightline::analyzer::internal::ValidDate(y, m, d), "date is a calendar date");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  namespace internal = sightline::analyzer::internal;

  sightline::WallTime parsed;
  if (sightline::ParseIso8601(input, &parsed)) {
    sightline::WallTime reparsed;
    Check(sightline::ParseIso8601(sightline::FormatIso8601(parsed), &reparsed),
          "formatted time parses");
    Check(std::chrono::floor<std::chrono::seconds>(reparsed) ==
              std::chrono::floor<std::chrono::seconds>(parsed),
          "format/parse round trip");
  }
  if (auto date = internal::IsoDatePrefix(input)) CheckCalendarDate(*date);
  if (auto date = internal::DateFromUrlPath(input)) CheckCalendarDate(*date);
  (void)internal::ParseRobotsDate(input);
  return 0;
}
