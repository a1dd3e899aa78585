#include "crawler/archive/archive_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/crawler/archive/archive_fixture.h"

namespace sightline::archive {
namespace {

using ::testing::HasSubstr;
using testing::Response;

const char kTimeMap[] =
    "<https://clinic.example/blog/rare-case.html>; rel=\"original\",\n"
    "<https://archive.ph/timegate/https://clinic.example/blog/rare-case.html>; "
    "rel=\"timegate\",\n"
    "<https://archive.ph/20231105000000/https://clinic.example/blog/rare-case.html>; "
    "rel=\"first memento\"; datetime=\"Sun, 05 Nov 2023 00:00:00 GMT\",\n"
    "<https://archive.ph/Ab1Cd>; rel=\"memento\"; datetime=\"Thu, 14 Mar 2024 08:30:00 GMT\",\n"
    "<https://archive.ph/Zz9Yy>; rel=\"last memento\"; datetime=\"Mon, 06 May 2024 10:00:00 "
    "GMT\"\n";

Response LinkFormat(std::string body) {
  return Response::Text(std::move(body), "application/link-format");
}

using ArchiveTodayClientTest = ArchiveClientTest;

TEST_F(ArchiveTodayClientTest, TimeMapMementosInsideTheWindowAreReported) {
  server_.RoutePrefix("/timemap/",
                      [](const testing::RecordedRequest&) { return LinkFormat(kTimeMap); });
  auto client = Client(Options({kArchiveToday}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.problems.empty()) << Join(result.problems);
  ASSERT_EQ(result.captures.size(), 1u);
  EXPECT_EQ(result.captures[0].archive, "archivetoday");
  EXPECT_EQ(result.captures[0].captured_at, "2024-03-14T08:30:00Z");
  EXPECT_EQ(result.captures[0].url, "https://archive.ph/Ab1Cd");
  const auto requests = server_.Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target, "/timemap/https://clinic.example/blog/rare-case.html");
}

TEST_F(ArchiveTodayClientTest, NotFoundMeansNoMementos) {
  auto client = Client(Options({kArchiveToday}));  // the server's default answer is 404
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.captures.empty());
  EXPECT_TRUE(result.problems.empty()) << Join(result.problems);
}

TEST_F(ArchiveTodayClientTest, GarbageTimeMapIsReported) {
  server_.RoutePrefix("/timemap/", [](const testing::RecordedRequest&) {
    return Response::Html("<html><body>Are you a robot?</body></html>");
  });
  auto client = Client(Options({kArchiveToday}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.captures.empty());
  EXPECT_THAT(Join(result.problems), HasSubstr("archivetoday: TimeMap failed: malformed"));
}

TEST_F(ArchiveTodayClientTest, CachedTimeMapAvoidsARequest) {
  server_.RoutePrefix("/timemap/",
                      [](const testing::RecordedRequest&) { return LinkFormat(kTimeMap); });
  auto client = Client(Options({kArchiveToday}));
  client->Lookup(Request());
  const LookupResult again = client->Lookup(Request());
  EXPECT_EQ(server_.RequestCount(), 1u);
  ASSERT_EQ(again.captures.size(), 1u);
  EXPECT_EQ(again.captures[0].url, "https://archive.ph/Ab1Cd");
}

using ArchiveClientApiTest = ArchiveClientTest;

TEST_F(ArchiveClientApiTest, AllArchivesAnswerInTheConfiguredOrder) {
  server_.Route("/cdx/search/cdx",
                Response::Text(R"([["timestamp","original","statuscode","digest"],)"
                               R"(["20240115093000","https://clinic.example/blog/rare-case.html",)"
                               R"("200","D1"]])"));
  server_.Route("/collinfo.json", Response::Text("[]"));
  server_.RoutePrefix("/timemap/",
                      [](const testing::RecordedRequest&) { return LinkFormat(kTimeMap); });
  auto client = Client(Options({kArchiveToday, kCommonCrawl, kWayback}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.problems.empty()) << Join(result.problems);
  ASSERT_EQ(result.captures.size(), 2u);
  EXPECT_EQ(result.captures[0].archive, "archivetoday");
  EXPECT_EQ(result.captures[1].archive, "wayback");
}

TEST_F(ArchiveClientApiTest, AnUnreachableArchiveIsAProblemAndTheOthersStillAnswer) {
  testing::RefusingLoopbackPort refusing;
  server_.RoutePrefix("/timemap/",
                      [](const testing::RecordedRequest&) { return LinkFormat(kTimeMap); });
  ArchiveOptions options = Options({kWayback, kArchiveToday});
  options.base_urls[kWayback] = refusing.BaseUrl();
  auto client = Client(std::move(options));
  const LookupResult result = client->Lookup(Request());
  ASSERT_EQ(result.captures.size(), 1u);
  EXPECT_EQ(result.captures[0].archive, "archivetoday");
  EXPECT_THAT(Join(result.problems), HasSubstr("wayback: CDX API failed ("));
  EXPECT_THAT(Join(result.problems), HasSubstr("after 3 tries"));
}

TEST_F(ArchiveClientApiTest, AnArchiveThatKeepsFailingIsSkippedAfterTwoLookups) {
  server_.Route("/cdx/search/cdx", Response::Status(502));
  server_.Route("/wayback/available", Response::Status(502));
  ArchiveOptions options = Options({kWayback});
  options.max_tries = 1;
  auto client = Client(std::move(options));
  client->Lookup(Request());
  client->Lookup(Request());
  const size_t asked = server_.RequestCount();
  const LookupResult third = client->Lookup(Request());
  EXPECT_EQ(server_.RequestCount(), asked);
  EXPECT_THAT(Join(third.problems), HasSubstr("wayback: not asked after 2 failed look-ups"));
}

TEST_F(ArchiveClientApiTest, RedirectedAndGzippedAnswersAreRead) {
  server_.Route("/cdx/search/cdx", Response::Redirect("/mirror/cdx"));
  Response gzipped = Response::Text(
      R"([["timestamp","original","statuscode","digest"],)"
      R"(["20240115093000","https://clinic.example/blog/rare-case.html","200","D1"]])");
  gzipped.gzip = true;
  server_.Route("/mirror/cdx", gzipped);
  auto client = Client(Options({kWayback}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.problems.empty()) << Join(result.problems);
  ASSERT_EQ(result.captures.size(), 1u);
  EXPECT_EQ(result.captures[0].digest, "D1");
}

TEST_F(ArchiveClientApiTest, NoArchivesMeansNoRequests) {
  auto client = Client(Options({}));
  const LookupResult result = client->Lookup(Request());
  EXPECT_TRUE(result.captures.empty());
  EXPECT_TRUE(result.problems.empty());
  EXPECT_EQ(server_.RequestCount(), 0u);
}

TEST_F(ArchiveClientApiTest, EmptyUrlIsAProblemNotARequest) {
  auto client = Client(Options({kWayback}));
  LookupRequest request = Request();
  request.url.clear();
  EXPECT_FALSE(client->Lookup(request).problems.empty());
  EXPECT_EQ(server_.RequestCount(), 0u);
}

TEST(ArchiveClientCreate, RejectsUnknownArchivesAndNonHttpBases) {
  ArchiveOptions unknown;
  unknown.archives = {"wayback", "googlecache"};
  auto a = ArchiveClient::Create(unknown);
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(a.error().message, HasSubstr("googlecache"));

  ArchiveOptions bad_base;
  bad_base.archives = {"wayback"};
  bad_base.base_urls["wayback"] = "ftp://127.0.0.1/";
  EXPECT_FALSE(ArchiveClient::Create(bad_base).has_value());

  ArchiveOptions bad_name;
  bad_name.base_urls["wayback2"] = "http://127.0.0.1:1";
  EXPECT_FALSE(ArchiveClient::Create(bad_name).has_value());
}

TEST(ArchiveClientCreate, DefaultsArePublicArchiveBasesAndCreationDoesNoIo) {
  EXPECT_EQ(DefaultArchiveBase("wayback"), "https://web.archive.org");
  EXPECT_EQ(DefaultArchiveBase("commoncrawl"), "https://index.commoncrawl.org");
  EXPECT_EQ(DefaultArchiveBase("archivetoday"), "https://archive.ph");
  EXPECT_EQ(DefaultArchiveBase("other"), "");
  ArchiveOptions options;
  options.archives = {"wayback", "commoncrawl", "archivetoday", "wayback"};
  EXPECT_TRUE(ArchiveClient::Create(options).has_value());  // no Lookup: nothing contacted
}

}  // namespace
}  // namespace sightline::archive
