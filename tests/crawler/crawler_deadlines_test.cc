// Per-request deadlines, each told apart by its error code: a body that keeps coming at a
// decent rate but outlasts the whole-transfer deadline is "timeout"; a trickle below the
// low-speed limit is "low_speed", long before the whole-transfer deadline.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "crawler/crawler.h"
#include "tests/crawler/crawl_harness.h"
#include "tests/support/loopback_http_server.h"

using namespace std::chrono_literals;

namespace sightline::crawler {
namespace {

using sightline::testing::LoopbackHttpServer;
using sightline::testing::Response;
using testing_support::FastOptions;
using testing_support::RecordingSink;
using testing_support::RunCrawl;

TEST(CrawlerDeadlines, SteadyBodyLongerThanTheWholeTransferDeadlineTimesOut) {
  LoopbackHttpServer server;
  // 1,000 bytes/s for about 6 s: fast enough for the low-speed limit, too long in all.
  Response slow = Response::Html(std::string(6000, 's'));
  slow.chunk_size = 100;
  slow.delay_between_chunks = 100ms;
  server.Route("/long", slow);
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/long")});
  o.fetch_sitemaps = false;
  o.total_timeout = 1500ms;
  o.low_speed_bytes = 100;
  o.low_speed_time = 10s;
  o.max_retries = 1;
  const auto start = std::chrono::steady_clock::now();
  const CrawlSummary s = RunCrawl(o, &sink);
  const FetchedPage p = sink.Find("/long");
  EXPECT_EQ(p.error, "timeout") << p.error_detail;
  EXPECT_EQ(s.failed_by_reason.at("timeout"), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s) << "cut at the deadline, not at the end";
}

TEST(CrawlerDeadlines, TrickleBelowTheLowSpeedLimitIsCutBeforeTheWholeDeadline) {
  LoopbackHttpServer server;
  Response trickle = Response::Html(std::string(1000, 't'));
  trickle.chunk_size = 1;
  trickle.delay_between_chunks = 500ms;  // 2 bytes/s
  server.Route("/trickle", trickle);
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/trickle")});
  o.fetch_sitemaps = false;
  o.total_timeout = 60s;
  o.low_speed_bytes = 100;
  o.low_speed_time = 1s;
  o.max_retries = 1;
  const CrawlSummary s = RunCrawl(o, &sink);
  const FetchedPage p = sink.Find("/trickle");
  EXPECT_EQ(p.error, "low_speed") << p.error_detail;
  EXPECT_EQ(s.failed_by_reason.at("low_speed"), 1);
}

}  // namespace
}  // namespace sightline::crawler
