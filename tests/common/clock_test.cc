#include "common/clock.h"

#include <gtest/gtest.h>

namespace sightline {
namespace {

TEST(FakeClock, AdvancesBothClocksWithoutSleeping) {
  FakeClock clock;
  const auto steady = clock.SteadyNow();
  const auto wall = clock.WallNow();
  clock.Advance(std::chrono::seconds(30));
  EXPECT_EQ(clock.SteadyNow() - steady, std::chrono::seconds(30));
  EXPECT_EQ(clock.WallNow() - wall, std::chrono::seconds(30));
}

TEST(Iso8601, FormatsAndParsesRoundTrip) {
  WallTime t;
  ASSERT_TRUE(ParseIso8601("2024-03-14T09:26:53Z", &t));
  EXPECT_EQ(FormatIso8601(t), "2024-03-14T09:26:53Z");
  ASSERT_TRUE(ParseIso8601("2019-03-02", &t));
  EXPECT_EQ(FormatIso8601(t), "2019-03-02T00:00:00Z");
}

TEST(Iso8601, RejectsMalformedDates) {
  WallTime t;
  EXPECT_FALSE(ParseIso8601("2024-02-30", &t));
  EXPECT_FALSE(ParseIso8601("yesterday", &t));
  EXPECT_FALSE(ParseIso8601("2024-03-14T09:26:53", &t));
}

}  // namespace
}  // namespace sightline
