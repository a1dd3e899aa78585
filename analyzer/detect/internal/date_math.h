// Civil-calendar arithmetic for resolving relative dates against a page's published date:
// days since 1970-01-01 <-> (y, m, d) (Howard Hinnant's algorithms), weekdays, and US
// holidays (fixed, nth-weekday and Easter by the anonymous Gregorian computus).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/civil_date.h"

namespace sightline::analyzer::detect_internal {

// Calendar arithmetic is shared with extraction (common/civil_date.h).
using sightline::CivilDate;
using sightline::CivilFromDays;
using sightline::DaysFromCivil;
using sightline::DaysInMonth;
using sightline::ValidDate;
using sightline::Weekday;

std::optional<int64_t> ParseIsoDay(std::string_view iso);  // "YYYY-MM-DD" (prefix)
std::string FormatDay(int64_t days);                       // "YYYY-MM-DD"
int64_t NthWeekday(int y, int m, int weekday, int n);      // n = -1: last
int64_t EasterSunday(int y);

// Days of the named US holiday in year y ("christmas eve", "labor day", …); nullopt if unknown.
std::optional<int64_t> HolidayInYear(std::string_view key, int y);

}  // namespace sightline::analyzer::detect_internal
