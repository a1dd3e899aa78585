#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crawler/archive/archive_client.h"
#include "tests/crawler/archive/archive_fixture.h"

namespace sightline::archive {
namespace {

using ::testing::HasSubstr;
using testing::Response;

Response Json(std::string body) { return Response::Text(std::move(body), "application/json"); }

// Index URLs as the real collinfo.json gives them: the client must re-base them on the
// configured (loopback) base, so these hosts are never contacted.
const char kCollInfo[] = R"([{"id":"CC-MAIN-2024-22","name":"May 2024 Index",)"
                         R"("timegate":"https://index.commoncrawl.org/CC-MAIN-2024-22/",)"
                         R"("cdx-api":"https://index.commoncrawl.org/CC-MAIN-2024-22-index",)"
                         R"("from":"2024-05-17T00:00:00","to":"2024-05-31T23:59:59"},)"
                         R"({"id":"CC-MAIN-2024-10","name":"February/March 2024 Index",)"
                         R"("timegate":"https://index.commoncrawl.org/CC-MAIN-2024-10/",)"
                         R"("cdx-api":"https://index.commoncrawl.org/CC-MAIN-2024-10-index",)"
                         R"("from":"2024-02-20T00:00:00","to":"2024-03-05T23:59:59"},)"
                         R"({"id":"CC-MAIN-2023-50","name":"November/December 2023 Index",)"
                         R"("timegate":"https://index.commoncrawl.org/CC-MAIN-2023-50/",)"
                         R"("cdx-api":"https://index.commoncrawl.org/CC-MAIN-2023-50-index",)"
                         R"("from":"2023-11-28T00:00:00","to":"2023-12-12T23:59:59"}])";

const char kIndexLines[] =
    "{\"urlkey\": \"example,clinic)/blog/rare-case.html\", \"timestamp\": \"20240225101112\", "
    "\"url\": \"https://clinic.example/blog/rare-case.html\", \"mime\": \"text/html\", "
    "\"status\": \"200\", \"digest\": \"CCDIGEST1\", \"length\": \"9000\", \"offset\": \"1\", "
    "\"filename\": \"crawl-data/CC-MAIN-2024-10/x.warc.gz\"}\n"
    "{\"timestamp\": \"20240226101112\", \"url\": \"https://clinic.example/blog/rare-case.html\", "
    "\"status\": \"301\", \"digest\": \"REDIRECT\"}\n";

using CommonCrawlClientTest = ArchiveClientTest;

TEST_F(CommonCrawlClientTest, OnlyCrawlsOverlappingTheWindowAreQueried) {
  server_.Route("/collinfo.json", Json(kCollInfo));
  server_.Route("/CC-MAIN-2024-10-index", Json(kIndexLines));
  server_.Route("/CC-MAIN-2024-22-index", Json(kIndexLines));
  server_.Route("/CC-MAIN-2023-50-index", Json(kIndexLines));
  auto client = Client(Options({kCommonCrawl}));
  const LookupResult result = client->Lookup(Request());  // 2024-01-01 .. 2024-04-01
  EXPECT_TRUE(result.problems.empty()) << Join(result.problems);
  EXPECT_EQ(server_.RequestCount("/CC-MAIN-2024-10-index"), 1u);
  EXPECT_EQ(server_.RequestCount("/CC-MAIN-2024-22-index"), 0u);
  EXPECT_EQ(server_.RequestCount("/CC-MAIN-2023-50-index"), 0u);
  ASSERT_EQ(result.captures.size(), 1u);  // the 301 capture does not hold the page
  EXPECT_EQ(result.captures[0].archive, "commoncrawl");
  EXPECT_EQ(result.captures[0].captured_at, "2024-02-25T10:11:12Z");
  EXPECT_EQ(result.captures[0].digest, "CCDIGEST1");
  EXPECT_EQ(result.captures[0].url, server_.BaseUrl() +
                                        "/CC-MAIN-2024-10/20240225101112/"
                                        "https://clinic.example/blog/rare-case.html");
}

TEST_F(CommonCrawlClientTest, IndexQueryUsesUrlAndJsonOutput) {
  server_.Route("/collinfo.json", Json(kCollInfo));
  server_.Route("/CC-MAIN-2024-10-index", Json(""));
  auto client = Client(Options({kCommonCrawl}));
  client->Lookup(Request());
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].target, "/collinfo.json");
  EXPECT_EQ(requests[1].target,
            "/CC-MAIN-2024-10-index?url=https%3A%2F%2Fclinic.example%2Fblog%2Frare-case.html"
            "&output=json");
}

TEST_F(CommonCrawlClientTest, NotFoundIndexAnswerMeansNoCaptures) {
  server_.Route("/collinfo.json", Json(kCollInfo));
  server_.Route("/CC-MAIN-2024-10-index",
                Response::Status(404, R"({"message": "No Captures found for: x"})"));
  auto client = Client(Options({kCommonCrawl}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.captures.empty());
  EXPECT_TRUE(result.problems.empty()) << Join(result.problems);
}

TEST_F(CommonCrawlClientTest, AFailingCrawlIndexIsReportedAndTheOthersStillCount) {
  server_.Route("/collinfo.json", Json(kCollInfo));
  server_.Route("/CC-MAIN-2024-10-index", Response::Status(500));
  server_.Route("/CC-MAIN-2023-50-index", Json(kIndexLines));
  auto client = Client(Options({kCommonCrawl}));
  LookupRequest request = Request();
  request.from = TestTime("2023-12-01T00:00:00Z");
  request.known_digests = {"CCDIGEST1"};
  const LookupResult result = client->Lookup(request);
  EXPECT_THAT(Join(result.problems), HasSubstr("CC-MAIN-2024-10 index failed: HTTP 500"));
  ASSERT_EQ(result.captures.size(), 1u);
  EXPECT_EQ(result.captures[0].match, Capture::Match::kDigest);
  EXPECT_EQ(server_.RequestCount("/CC-MAIN-2024-10-index"), 3u);  // retried
}

TEST_F(CommonCrawlClientTest, MalformedCollInfoIsReported) {
  server_.Route("/collinfo.json", Json("{\"oops\""));
  auto client = Client(Options({kCommonCrawl}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.captures.empty());
  EXPECT_THAT(Join(result.problems), HasSubstr("collinfo.json) failed: malformed answer"));
}

TEST_F(CommonCrawlClientTest, MalformedIndexAnswerIsReported) {
  server_.Route("/collinfo.json", Json(kCollInfo));
  server_.Route("/CC-MAIN-2024-10-index", Response::Html("<html>Service busy</html>"));
  auto client = Client(Options({kCommonCrawl}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_THAT(Join(result.problems), HasSubstr("CC-MAIN-2024-10 index failed: malformed"));
}

TEST_F(CommonCrawlClientTest, CrawlListAndCrawlAnswersAreCached) {
  server_.Route("/collinfo.json", Json(kCollInfo));
  server_.Route("/CC-MAIN-2024-10-index", Json(kIndexLines));
  auto client = Client(Options({kCommonCrawl}));
  client->Lookup(Request());
  const LookupResult again = client->Lookup(Request());
  EXPECT_EQ(again.captures.size(), 1u);
  LookupRequest other = Request();
  other.url = "https://clinic.example/about.html";
  client->Lookup(other);
  EXPECT_EQ(server_.RequestCount("/collinfo.json"), 1u);
  EXPECT_EQ(server_.RequestCount("/CC-MAIN-2024-10-index"), 2u);  // one per page
}

TEST_F(CommonCrawlClientTest, AtMostTheNewestConfiguredNumberOfCrawlsIsAsked) {
  server_.Route("/collinfo.json", Json(kCollInfo));
  server_.Route("/CC-MAIN-2024-22-index", Json(""));
  server_.Route("/CC-MAIN-2024-10-index", Json(""));
  server_.Route("/CC-MAIN-2023-50-index", Json(""));
  ArchiveOptions options = Options({kCommonCrawl});
  options.commoncrawl_max_crawls = 2;
  auto client = Client(std::move(options));
  LookupRequest request = Request();
  request.from = TestTime("2023-01-01T00:00:00Z");
  request.to = TestTime("2024-06-01T00:00:00Z");
  const LookupResult result = client->Lookup(request);
  EXPECT_EQ(server_.RequestCount("/CC-MAIN-2023-50-index"), 0u);
  EXPECT_EQ(server_.RequestCount("/CC-MAIN-2024-10-index"), 1u);
  EXPECT_EQ(server_.RequestCount("/CC-MAIN-2024-22-index"), 1u);
  EXPECT_THAT(Join(result.problems), HasSubstr("3 crawls overlap the window; only the newest 2"));
}

TEST_F(CommonCrawlClientTest, CrawlsWithoutDatesAreDatedByTheirId) {
  server_.Route("/collinfo.json",
                Json(R"([{"id":"CC-MAIN-2024-10","cdx-api":"https://x/CC-MAIN-2024-10-index"},)"
                     R"({"id":"CC-MAIN-2019-04","cdx-api":"https://x/CC-MAIN-2019-04-index"}])"));
  server_.Route("/CC-MAIN-2024-10-index", Json(""));
  auto client = Client(Options({kCommonCrawl}));
  client->Lookup(Request());
  EXPECT_EQ(server_.RequestCount("/CC-MAIN-2024-10-index"), 1u);
  EXPECT_EQ(server_.RequestCount("/CC-MAIN-2019-04-index"), 0u);
}

}  // namespace
}  // namespace sightline::archive
