// Regression tests for ParseIso8601 inputs found by tests/fuzz/date_fuzzer (kept as
// tests/fuzz/corpus/date_fuzzer/regress_*): years a WallTime cannot hold overflowed its
// nanosecond count, and sscanf let signs and spaces through.
#include <gtest/gtest.h>

#include <chrono>

#include "common/clock.h"

namespace sightline {
namespace {

TEST(Iso8601Regress, RejectsYearsAWallTimeCannotHold) {
  WallTime t;
  EXPECT_FALSE(ParseIso8601("9999-12-31T23:59:60Z", &t));
  EXPECT_FALSE(ParseIso8601("0001-01-01", &t));
  EXPECT_FALSE(ParseIso8601("1677-12-31", &t));
  EXPECT_FALSE(ParseIso8601("2262-01-01", &t));
}

TEST(Iso8601Regress, AcceptsTheDocumentedYearRangeAndRoundTrips) {
  for (const char* text :
       {"1678-01-01T00:00:00Z", "2261-12-31T23:59:59Z", "1969-12-31T23:59:59Z"}) {
    WallTime t;
    ASSERT_TRUE(ParseIso8601(text, &t)) << text;
    EXPECT_EQ(FormatIso8601(t), text);
  }
  WallTime leap;
  ASSERT_TRUE(ParseIso8601("2016-12-31T23:59:60Z", &leap));
  EXPECT_EQ(FormatIso8601(leap), "2017-01-01T00:00:00Z");
}

TEST(Iso8601Regress, RejectsSignsSpacesAndShortFields) {
  WallTime t;
  EXPECT_FALSE(ParseIso8601("2026-01-01T-1:-5:-9Z", &t));
  EXPECT_FALSE(ParseIso8601("2026-01-01T 1: 5: 9Z", &t));
  EXPECT_FALSE(ParseIso8601("+026-01-01", &t));
  EXPECT_FALSE(ParseIso8601("2026-1-01", &t));
  EXPECT_FALSE(ParseIso8601("2026-01-01T01:05:09Zjunk", &t));
  EXPECT_FALSE(ParseIso8601("2026-01-01T24:00:00Z", &t));
  EXPECT_TRUE(ParseIso8601("2026-01-01T01:05:09Z", &t));
  EXPECT_EQ(FormatIso8601(t), "2026-01-01T01:05:09Z");
}

}  // namespace
}  // namespace sightline
