// Proleptic Gregorian calendar arithmetic shared by extraction (published dates, robots
// unavailable_after) and detection (relative dates resolved against the published date):
// days since 1970-01-01 <-> (y, m, d) after Howard Hinnant's "chrono-compatible low-level
// date algorithms". Pure functions.
#pragma once

#include <cstdint>

namespace sightline {

struct CivilDate {
  int year = 1970, month = 1, day = 1;
};

int64_t DaysFromCivil(int y, int m, int d);
CivilDate CivilFromDays(int64_t days);
int Weekday(int64_t days);            // 0 = Sunday … 6 = Saturday
int DaysInMonth(int y, int m);        // 0 for a month outside 1..12
bool ValidDate(int y, int m, int d);  // years 1..9999

}  // namespace sightline
