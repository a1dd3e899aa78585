// Regression tests for date inputs found by tests/fuzz/date_fuzzer (kept as
// tests/fuzz/corpus/date_fuzzer/regress_*): long digit runs overflowed an int in the field
// reader, and far-off years overflowed WallTime's nanosecond count.
#include <gtest/gtest.h>

#include "analyzer/extract/internal/dates.h"
#include "common/clock.h"

namespace sightline::analyzer::internal {
namespace {

std::string Iso(std::optional<WallTime> t) { return t ? FormatIso8601(*t) : "none"; }

TEST(ParseRobotsDateRegress, LongDigitRunsAreNotDates) {
  EXPECT_EQ(Iso(ParseRobotsDate("25 Jun 99999999999 15:00:00 GMT")), "none");
  EXPECT_EQ(Iso(ParseRobotsDate("99999999999 Jun 2010 15:00:00 GMT")), "none");
  EXPECT_EQ(Iso(ParseRobotsDate("Friday, 25-Jun-4294967306 15:00:00 GMT")), "none");
}

TEST(ParseRobotsDateRegress, YearsAWallTimeCannotHoldAreNotDates) {
  EXPECT_EQ(Iso(ParseRobotsDate("25 Jun 9999 15:00:00 GMT")), "none");
  EXPECT_EQ(Iso(ParseRobotsDate("9999-12-31T23:59:59Z")), "none");
  EXPECT_EQ(Iso(ParseRobotsDate("0001-01-01")), "none");
  EXPECT_EQ(Iso(ParseRobotsDate("25 Jun 2261 15:00:00 GMT")), "2261-06-25T15:00:00Z");
  EXPECT_EQ(Iso(ParseRobotsDate("1 Jan 1678 00:00:00 GMT")), "1678-01-01T00:00:00Z");
}

TEST(IsoDatePrefixRegress, FarOffYearsStillReadAsCalendarDates) {
  // Only text comes out, no WallTime, so the full 1..9999 calendar is fine here.
  EXPECT_EQ(IsoDatePrefix("9999-12-31").value_or("none"), "9999-12-31");
}

}  // namespace
}  // namespace sightline::analyzer::internal
