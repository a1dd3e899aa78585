// Date parsing for extraction and exposure (internal): ISO 8601 dates in metadata, dates in
// URL paths, and the date formats robots directives use for unavailable_after (RFC 822,
// RFC 850, ISO 8601). Pure functions; never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/civil_date.h"
#include "common/clock.h"

namespace sightline::analyzer::internal {

// "2024-03-14", "2024-03-14T09:00:00+01:00", "2024/03/14" -> "2024-03-14"; nullopt when the
// text does not start with a valid calendar date.
std::optional<std::string> IsoDatePrefix(std::string_view text);

// A /YYYY/MM/DD/ sequence in a URL path -> "YYYY-MM-DD".
std::optional<std::string> DateFromUrlPath(std::string_view url);

// unavailable_after values: "25 Jun 2010 15:00:00 PST" / "Fri, 25 Jun 2010 15:00:00 GMT"
// (RFC 822/1123), "Friday, 25-Jun-10 15:00:00 GMT" (RFC 850), "2010-06-25" or
// "2010-06-25T15:00:00Z" / "+01:00" (ISO 8601). Zones: GMT, UT(C), Z, US zones, +hhmm.
// Years outside what a WallTime holds (kMinIso8601Year..kMaxIso8601Year) give nullopt.
std::optional<WallTime> ParseRobotsDate(std::string_view text);

// Calendar arithmetic is shared with detection (common/civil_date.h).
using sightline::DaysFromCivil;
using sightline::ValidDate;

}  // namespace sightline::analyzer::internal
