#include "crawler/host_scheduler.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;

namespace sightline::crawler {
namespace {

TEST(HostScheduler, FirstRequestStartsAtOnce) {
  FakeClock clock;
  HostScheduler s(clock, 2, 250ms);
  EXPECT_TRUE(s.CanStart("http://a"));
  EXPECT_EQ(s.NextStart("http://a"), clock.SteadyNow());
}

TEST(HostScheduler, SpacesRequestStartsByMinimumDelay) {
  FakeClock clock;
  HostScheduler s(clock, 2, 250ms);
  s.Started("http://a");
  EXPECT_FALSE(s.CanStart("http://a"));
  EXPECT_EQ(*s.NextStart("http://a"), clock.SteadyNow() + 250ms);
  clock.Advance(249ms);
  EXPECT_FALSE(s.CanStart("http://a"));
  clock.Advance(1ms);
  EXPECT_TRUE(s.CanStart("http://a"));
  // Other origins are independent.
  EXPECT_TRUE(s.CanStart("http://b"));
}

TEST(HostScheduler, CapsTransfersInFlightPerHost) {
  FakeClock clock;
  HostScheduler s(clock, 2, 0ms);
  s.Started("http://a");
  s.Started("http://a");
  EXPECT_EQ(s.InFlight("http://a"), 2);
  EXPECT_FALSE(s.NextStart("http://a").has_value());
  clock.Advance(10s);
  EXPECT_FALSE(s.CanStart("http://a"));
  s.Finished("http://a");
  EXPECT_TRUE(s.CanStart("http://a"));
}

TEST(HostScheduler, DefersHostUntilCrawlDelayElapsed) {
  FakeClock clock;
  HostScheduler s(clock, 2, 250ms);
  s.SetCrawlDelay("http://a", 2s);
  EXPECT_EQ(s.Gap("http://a"), 2s);
  s.Started("http://a");
  // One at a time under a Crawl-delay.
  EXPECT_FALSE(s.NextStart("http://a").has_value());
  s.Finished("http://a");
  clock.Advance(1999ms);
  EXPECT_FALSE(s.CanStart("http://a"));
  clock.Advance(1ms);
  EXPECT_TRUE(s.CanStart("http://a"));
}

TEST(HostScheduler, CrawlDelayCappedAtThirtySeconds) {
  FakeClock clock;
  HostScheduler s(clock, 2, 250ms);
  s.SetCrawlDelay("http://a", 3600s);
  EXPECT_EQ(s.Gap("http://a"), 30s);
}

TEST(HostScheduler, ShorterCrawlDelayThanMinimumKeepsMinimum) {
  FakeClock clock;
  HostScheduler s(clock, 2, 500ms);
  s.SetCrawlDelay("http://a", 100ms);
  EXPECT_EQ(s.Gap("http://a"), 500ms);
}

TEST(HostScheduler, BackOffDefersUntilGivenTime) {
  FakeClock clock;
  HostScheduler s(clock, 2, 0ms);
  s.BackOffUntil("http://a", clock.SteadyNow() + 5s);
  s.BackOffUntil("http://a", clock.SteadyNow() + 1s);  // an earlier one does not shorten it
  EXPECT_EQ(*s.NextStart("http://a"), clock.SteadyNow() + 5s);
  clock.Advance(5s);
  EXPECT_TRUE(s.CanStart("http://a"));
}

}  // namespace
}  // namespace sightline::crawler
