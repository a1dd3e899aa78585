#include "crawler/retry_policy.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;

namespace sightline::crawler {
namespace {

TEST(RetryPolicy, RetriesThrottlingAndServerErrorsOnly) {
  EXPECT_TRUE(IsRetryableStatus(429));
  EXPECT_TRUE(IsRetryableStatus(503));
  EXPECT_FALSE(IsRetryableStatus(404));
  EXPECT_FALSE(IsRetryableStatus(501));
  EXPECT_FALSE(IsRetryableStatus(200));
  EXPECT_TRUE(IsRetryableError("reset"));
  EXPECT_TRUE(IsRetryableError("connect"));
  EXPECT_FALSE(IsRetryableError("dns"));
  EXPECT_FALSE(IsRetryableError("redirect_private"));
}

TEST(RetryPolicy, RetryAfterAcceptsSecondsAndHttpDates) {
  WallTime now;
  ASSERT_TRUE(ParseIso8601("2015-10-21T07:28:00Z", &now));
  EXPECT_EQ(ParseRetryAfter("120", now), 120s);
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), 0s);
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now), 30s);
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now), 0s);  // in the past
  EXPECT_FALSE(ParseRetryAfter("soon", now));
  EXPECT_FALSE(ParseRetryAfter("", now));
  EXPECT_FALSE(ParseRetryAfter("-5", now));
}

TEST(RetryPolicy, BackoffDoublesWithBoundedJitter) {
  EXPECT_EQ(BackoffDelay(1, 1000ms, 0.0), 1000ms);
  EXPECT_EQ(BackoffDelay(2, 1000ms, 0.0), 2000ms);
  EXPECT_EQ(BackoffDelay(3, 1000ms, 0.0), 4000ms);
  EXPECT_EQ(BackoffDelay(2, 1000ms, 0.999), 2999ms);
  EXPECT_EQ(BackoffDelay(40, 1000ms, 0.5), std::chrono::milliseconds(10min));
}

}  // namespace
}  // namespace sightline::crawler
