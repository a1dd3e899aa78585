#include "crawler/archive/internal/polite_http.h"

#include <gtest/gtest.h>

#include "tests/support/loopback_http_server.h"

namespace sightline::archive::internal {
namespace {

WallTime Now() {
  WallTime t;
  EXPECT_TRUE(ParseIso8601("2024-06-01T00:00:00Z", &t));
  return t;
}

// RFC 9110 §10.2.3: Retry-After is delay-seconds or an HTTP-date.
TEST(ParseRetryAfter, Rfc9110_DelaySeconds) {
  EXPECT_EQ(ParseRetryAfter("120", Now()), std::chrono::seconds(120));
  EXPECT_EQ(ParseRetryAfter("0", Now()), std::chrono::seconds(0));
}

TEST(ParseRetryAfter, Rfc9110_HttpDateInTheFutureAndPast) {
  EXPECT_EQ(ParseRetryAfter("Sat, 01 Jun 2024 00:01:00 GMT", Now()), std::chrono::seconds(60));
  EXPECT_EQ(ParseRetryAfter("Fri, 31 May 2024 23:00:00 GMT", Now()), std::chrono::seconds(0));
}

TEST(ParseRetryAfter, GarbageIsUnreadableAndFarFutureIsAVeryLongWait) {
  EXPECT_EQ(ParseRetryAfter("", Now()), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("soon", Now()), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-5", Now()), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("12:30", Now()), std::nullopt);
  EXPECT_GT(*ParseRetryAfter("9999999999", Now()), std::chrono::hours(24));
  EXPECT_GT(*ParseRetryAfter("Fri, 01 Jan 2900 00:00:00 GMT", Now()), std::chrono::hours(24));
}

TEST(PoliteHttp, NotFoundIsAnAnswerNotAFailureAndIsNotRetried) {
  testing::LoopbackHttpServer server;
  PoliteHttpOptions options;
  options.timeout = std::chrono::milliseconds(5000);
  options.sleep = [](std::chrono::milliseconds) { ADD_FAILURE() << "no wait expected"; };
  PoliteHttp http(options);
  auto answer = http.Get(server.Url("/missing"));
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  EXPECT_EQ(answer->status, 404);
  EXPECT_EQ(http.requests_made(), 1);
}

TEST(PoliteHttp, ReusesTheConnectionBetweenRequests) {
  testing::LoopbackHttpServer server;
  server.Route("/a", testing::Response::Text("x"));
  PoliteHttpOptions options;
  options.timeout = std::chrono::milliseconds(5000);
  PoliteHttp http(options);
  ASSERT_TRUE(http.Get(server.Url("/a")).has_value());
  ASSERT_TRUE(http.Get(server.Url("/a")).has_value());
  EXPECT_EQ(server.ConnectionCount(), 1u);
}

TEST(PoliteHttp, ConnectionRefusedIsRetriedThenReported) {
  testing::RefusingLoopbackPort refusing;
  PoliteHttpOptions options;
  options.timeout = std::chrono::milliseconds(2000);
  std::vector<std::chrono::milliseconds> waits;
  options.sleep = [&](std::chrono::milliseconds d) { waits.push_back(d); };
  PoliteHttp http(options);
  auto answer = http.Get(refusing.BaseUrl() + "/");
  ASSERT_FALSE(answer.has_value());
  EXPECT_NE(answer.error().message.find("after 3 tries"), std::string::npos)
      << answer.error().message;
  EXPECT_EQ(http.requests_made(), 3);
  EXPECT_EQ(waits.size(), 2u);
}

}  // namespace
}  // namespace sightline::archive::internal
