// RFC 9309 section 2.3.1 status ladder for robots.txt, end to end against the loopback
// server: a 4xx other than 429 means "unavailable" (crawl everything); 429, a 5xx or no
// answer means "unreachable" (crawl nothing); robots.txt is read once per host either way.
#include <gtest/gtest.h>

#include <string>

#include "crawler/crawler.h"
#include "tests/crawler/crawl_harness.h"
#include "tests/support/loopback_http_server.h"

namespace sightline::crawler {
namespace {

using sightline::testing::LoopbackHttpServer;
using sightline::testing::Response;
using testing_support::FastOptions;
using testing_support::RecordingSink;
using testing_support::RunCrawl;

struct LadderCase {
  const char* name;
  int robots_status;
  bool crawl_allowed;
};

class RobotsStatusLadder : public ::testing::TestWithParam<LadderCase> {};

TEST_P(RobotsStatusLadder, DecidesWhetherTheSiteIsCrawled) {
  const LadderCase& c = GetParam();
  LoopbackHttpServer server;
  server.Route("/robots.txt", Response::Status(c.robots_status, "robots.txt says no"));
  server.Route("/", Response::Html("<a href=\"/a\">a</a>"));
  server.Route("/a", Response::Html("leaf"));
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/")});
  o.fetch_sitemaps = false;
  const CrawlSummary s = RunCrawl(o, &sink);

  ASSERT_EQ(s.robots_files.size(), 1u);
  EXPECT_EQ(s.robots_files[0].status, c.robots_status);
  const FetchedPage home = sink.Find("/");
  if (c.crawl_allowed) {
    EXPECT_EQ(s.robots_files[0].robots_status, "missing");
    EXPECT_EQ(home.status, 200);
    EXPECT_EQ(home.robots.robots_status, "missing");
    EXPECT_TRUE(home.robots.googlebot && home.robots.bingbot && home.robots.any);
    EXPECT_EQ(s.fetched, 2);
    EXPECT_EQ(server.RequestCount("/a"), 1u);
    // Not an error worth retrying: one request.
    EXPECT_EQ(server.RequestCount("/robots.txt"), 1u);
  } else {
    EXPECT_EQ(s.robots_files[0].robots_status, "unreachable");
    EXPECT_EQ(home.error, "robots_disallowed");
    EXPECT_EQ(home.robots.robots_status, "unreachable");
    EXPECT_FALSE(home.robots.googlebot || home.robots.bingbot || home.robots.any);
    EXPECT_EQ(server.RequestCount("/"), 0u);
    EXPECT_EQ(s.fetched, 0);
    EXPECT_EQ(s.skipped_by_reason.at("robots_disallowed"), 1);
    // 429 and 5xx are retried like any throttling or server error before giving up.
    EXPECT_EQ(server.RequestCount("/robots.txt"), static_cast<size_t>(o.max_retries));
  }
}

INSTANTIATE_TEST_SUITE_P(Rfc9309, RobotsStatusLadder,
                         ::testing::Values(LadderCase{"Unauthorized401", 401, true},
                                           LadderCase{"Forbidden403", 403, true},
                                           LadderCase{"NotFound404", 404, true},
                                           LadderCase{"Gone410", 410, true},
                                           LadderCase{"TooManyRequests429", 429, false},
                                           LadderCase{"InternalError500", 500, false},
                                           LadderCase{"Unavailable503", 503, false}),
                         [](const ::testing::TestParamInfo<LadderCase>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace sightline::crawler
