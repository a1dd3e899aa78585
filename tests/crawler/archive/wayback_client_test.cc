#include <curl/curl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "crawler/archive/archive_client.h"
#include "tests/crawler/archive/archive_fixture.h"

namespace sightline::archive {
namespace {

using ::testing::HasSubstr;
using testing::Response;

constexpr char kCdx[] = "/cdx/search/cdx";
constexpr char kAvailable[] = "/wayback/available";

// Three distinct versions: one before the window, two inside it.
const char kCdxBody[] =
    R"([["timestamp","original","statuscode","digest"],)"
    R"(["20231201080000","https://clinic.example/blog/rare-case.html","200","OLDDIGEST"],)"
    R"(["20240115093000","https://clinic.example/blog/rare-case.html","200","AAAADIGEST"],)"
    R"(["20240302120000","http://clinic.example:80/blog/rare-case.html","200","BBBBDIGEST"]])";

Response Json(std::string body) { return Response::Text(std::move(body), "application/json"); }

using WaybackClientTest = ArchiveClientTest;

TEST_F(WaybackClientTest, CdxCapturesInsideTheWindowBecomeReplayUrls) {
  server_.Route(kCdx, Json(kCdxBody));
  auto client = Client(Options({kWayback}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.problems.empty()) << Join(result.problems);
  ASSERT_EQ(result.captures.size(), 2u);
  EXPECT_EQ(result.captures[0].archive, "wayback");
  EXPECT_EQ(result.captures[0].captured_at, "2024-01-15T09:30:00Z");
  EXPECT_EQ(result.captures[0].url,
            server_.BaseUrl() + "/web/20240115093000/https://clinic.example/blog/rare-case.html");
  EXPECT_EQ(result.captures[0].digest, "AAAADIGEST");
  EXPECT_EQ(result.captures[0].match, Capture::Match::kDate);
  EXPECT_EQ(result.captures[1].url,
            server_.BaseUrl() + "/web/20240302120000/http://clinic.example:80/blog/rare-case.html");
}

TEST_F(WaybackClientTest, CdxQueryUsesTheDocumentedParameters) {
  server_.Route(kCdx, Json("[]"));
  auto client = Client(Options({kWayback}));
  client->Lookup(Request());
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 1u);
  const std::string& target = requests[0].target;
  EXPECT_THAT(target, HasSubstr("url=https%3A%2F%2Fclinic.example%2Fblog%2Frare-case.html"));
  EXPECT_THAT(target, HasSubstr("matchType=exact"));
  EXPECT_THAT(target, HasSubstr("from=20240101000000"));
  EXPECT_THAT(target, HasSubstr("to=20240401000000"));
  EXPECT_THAT(target, HasSubstr("output=json"));
  EXPECT_THAT(target, HasSubstr("fl=timestamp,original,statuscode,digest"));
  EXPECT_THAT(target, HasSubstr("filter=statuscode:200"));
  EXPECT_THAT(target, HasSubstr("collapse=digest"));
  EXPECT_THAT(target, HasSubstr("limit=200"));
  EXPECT_EQ(requests[0].Header("user-agent"), "sightline-test/1");
}

TEST_F(WaybackClientTest, SameDigestAsAStoredSnapshotCountsEvenOutsideTheWindow) {
  server_.Route(kCdx, Json(kCdxBody));
  auto client = Client(Options({kWayback}));
  LookupRequest request = Request();
  request.known_digests = {"OLDDIGEST"};
  const LookupResult result = client->Lookup(request);
  ASSERT_EQ(result.captures.size(), 3u);
  EXPECT_EQ(result.captures[0].captured_at, "2023-12-01T08:00:00Z");
  EXPECT_EQ(result.captures[0].match, Capture::Match::kDigest);
  EXPECT_EQ(result.captures[1].match, Capture::Match::kDate);
}

TEST_F(WaybackClientTest, EmptyAnswerMeansNoCapturesAndNoProblems) {
  server_.Route(kCdx, Json("[]"));
  auto client = Client(Options({kWayback}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.captures.empty());
  EXPECT_TRUE(result.problems.empty()) << Join(result.problems);
  EXPECT_EQ(server_.RequestCount(kAvailable), 0u);
}

TEST_F(WaybackClientTest, MalformedCdxJsonFallsBackToTheAvailabilityApi) {
  server_.Route(kCdx, Json("[[\"timestamp\",\"original\"], [\"2024"));
  server_.Route(kAvailable, [](const testing::RecordedRequest&) {
    return Json(
        R"({"archived_snapshots":{"closest":{"available":true,)"
        R"("url":"http://web.archive.org/web/20240210000000/https://clinic.example/blog/rare-case.html",)"
        R"("timestamp":"20240210000000","status":"200"}}})");
  });
  auto client = Client(Options({kWayback}));
  const LookupResult result = client->Lookup(Request());
  ASSERT_EQ(result.captures.size(), 1u);
  EXPECT_EQ(result.captures[0].captured_at, "2024-02-10T00:00:00Z");
  EXPECT_EQ(result.captures[0].url,
            server_.BaseUrl() + "/web/20240210000000/https://clinic.example/blog/rare-case.html");
  EXPECT_THAT(Join(result.problems), HasSubstr("malformed CDX answer"));
  EXPECT_THAT(Join(result.problems), HasSubstr("availability API"));
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 2u);
  // The availability API is asked about the middle of the window.
  EXPECT_THAT(requests[1].target, HasSubstr("timestamp=20240215"));
  // A degraded answer is not cached: the next look-up tries the CDX API again.
  client->Lookup(Request());
  EXPECT_EQ(server_.RequestCount(kCdx), 2u);
}

TEST_F(WaybackClientTest, ServerErrorsAreRetriedThreeTimesWithBackoffThenReported) {
  server_.Route(kCdx, Response::Status(503, "busy"));
  server_.Route(kAvailable, Json(R"({"archived_snapshots":{}})"));
  auto client = Client(Options({kWayback}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.captures.empty());
  EXPECT_EQ(server_.RequestCount(kCdx), 3u);
  EXPECT_THAT(Join(result.problems), HasSubstr("HTTP 503 after 3 tries"));
  ASSERT_EQ(sleeps_.size(), 2u);
  EXPECT_EQ(sleeps_[0], std::chrono::milliseconds(1000));
  EXPECT_EQ(sleeps_[1], std::chrono::milliseconds(2000));
}

TEST_F(WaybackClientTest, RateLimitWaitsForRetryAfterSecondsThenSucceeds) {
  server_.Route(kCdx, Json(kCdxBody));
  Response limited = Response::Status(429, "slow down");
  limited.headers.push_back({"Retry-After", "7"});
  server_.FailNthRequest(1, limited);
  auto client = Client(Options({kWayback}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.problems.empty()) << Join(result.problems);
  EXPECT_EQ(result.captures.size(), 2u);
  ASSERT_EQ(sleeps_.size(), 1u);
  EXPECT_EQ(sleeps_[0], std::chrono::seconds(7));
  EXPECT_EQ(server_.RequestCount(kCdx), 2u);
}

TEST_F(WaybackClientTest, RateLimitWithHttpDateRetryAfterWaitsUntilThatDate) {
  server_.Route(kCdx, Json("[]"));
  Response limited = Response::Status(429);
  limited.headers.push_back({"Retry-After", "Sat, 01 Jun 2024 00:00:30 GMT"});  // now + 30 s
  server_.FailNthRequest(1, limited);
  auto client = Client(Options({kWayback}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.problems.empty()) << Join(result.problems);
  ASSERT_EQ(sleeps_.size(), 1u);
  EXPECT_EQ(sleeps_[0], std::chrono::seconds(30));
}

TEST_F(WaybackClientTest, RetryAfterBeyondTheLimitGivesUpWithoutWaiting) {
  Response limited = Response::Status(429);
  limited.headers.push_back({"Retry-After", "3600"});
  server_.Route(kCdx, limited);
  server_.Route(kAvailable, limited);
  auto client = Client(Options({kWayback}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.captures.empty());
  EXPECT_TRUE(sleeps_.empty());
  EXPECT_EQ(server_.RequestCount(kCdx), 1u);
  EXPECT_THAT(Join(result.problems), HasSubstr("asked to retry after 3600 s"));
}

TEST_F(WaybackClientTest, SlowAnswerTimesOutAndIsReportedNotFatal) {
  Response slow = Json("[]");
  slow.delay = std::chrono::milliseconds(3000);
  server_.Route(kCdx, slow);
  server_.Route(kAvailable, slow);
  ArchiveOptions options = Options({kWayback});
  options.timeout = std::chrono::milliseconds(200);
  options.max_tries = 2;
  auto client = Client(std::move(options));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.captures.empty());
  EXPECT_THAT(Join(result.problems), HasSubstr("timed out after 200 ms after 2 tries"));
}

TEST_F(WaybackClientTest, OversizedAnswerIsDroppedAsAProblem) {
  std::string huge = R"([["timestamp","original","statuscode","digest"])";
  for (int i = 0; i < 200; ++i) huge += R"(,["20240115093000","https://x/","200","D"])";
  huge += "]";
  server_.Route(kCdx, Json(huge));
  server_.Route(kAvailable, Json(R"({"archived_snapshots":{}})"));
  ArchiveOptions options = Options({kWayback});
  options.max_response_bytes = 1000;
  auto client = Client(std::move(options));
  const LookupResult result = client->Lookup(Request());
  EXPECT_THAT(Join(result.problems), HasSubstr("answer larger than 1000 bytes"));
  EXPECT_EQ(server_.RequestCount(kCdx), 1u);  // a size problem is not retried
}

TEST_F(WaybackClientTest, CacheHitAvoidsASecondRequestForADay) {
  server_.Route(kCdx, Json(kCdxBody));
  auto client = Client(Options({kWayback}));
  const LookupResult first = client->Lookup(Request());
  const LookupResult second = client->Lookup(Request());
  EXPECT_EQ(server_.RequestCount(kCdx), 1u);
  ASSERT_EQ(second.captures.size(), first.captures.size());
  for (size_t i = 0; i < first.captures.size(); ++i) {
    EXPECT_EQ(second.captures[i].url, first.captures[i].url);
    EXPECT_EQ(second.captures[i].digest, first.captures[i].digest);
  }
  // A narrower window on the same page is answered from the same cache entry.
  LookupRequest narrower = Request();
  narrower.from = TestTime("2024-02-01T00:00:00Z");
  EXPECT_EQ(client->Lookup(narrower).captures.size(), 1u);
  EXPECT_EQ(server_.RequestCount(kCdx), 1u);
  clock_.Advance(std::chrono::hours(25));
  client->Lookup(Request());
  EXPECT_EQ(server_.RequestCount(kCdx), 2u);
}

TEST_F(WaybackClientTest, WiderWindowAsksAgainForTheUnion) {
  server_.Route(kCdx, Json(kCdxBody));
  auto client = Client(Options({kWayback}));
  LookupRequest narrow = Request();
  narrow.from = TestTime("2024-02-01T00:00:00Z");
  client->Lookup(narrow);
  client->Lookup(Request());
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_THAT(requests[1].target, HasSubstr("from=20240101000000"));
  EXPECT_THAT(requests[1].target, HasSubstr("to=20240401000000"));
}

TEST_F(WaybackClientTest, ConsecutiveRequestsAreSpacedByTheMinimumInterval) {
  server_.Route(kCdx, Json("[]"));
  ArchiveOptions options = Options({kWayback});
  options.min_interval = std::chrono::milliseconds(1000);
  auto client = Client(std::move(options));
  client->Lookup(Request());
  EXPECT_TRUE(sleeps_.empty());  // the first request goes at once
  LookupRequest other = Request();
  other.url = "https://clinic.example/about.html";
  client->Lookup(other);
  ASSERT_EQ(sleeps_.size(), 1u);
  EXPECT_EQ(sleeps_[0], std::chrono::milliseconds(1000));
  EXPECT_EQ(server_.RequestCount(kCdx), 2u);
}

TEST_F(WaybackClientTest, RequestsToOneArchiveAreSerialAcrossThreads) {
  Response slow = Json("[]");
  slow.delay = std::chrono::milliseconds(150);
  server_.Route(kCdx, slow);
  ArchiveOptions options = Options({kWayback});
  options.cache = nullptr;
  auto client = Client(std::move(options));
  std::thread other([&] { client->Lookup(Request()); });
  client->Lookup(Request());
  other.join();
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 2u);
  // The second request can only arrive after the first answer, which waited 150 ms.
  EXPECT_GE(requests[1].arrival - requests[0].arrival, std::chrono::milliseconds(150));
}

}  // namespace
}  // namespace sightline::archive
