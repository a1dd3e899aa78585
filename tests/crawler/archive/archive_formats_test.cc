#include "crawler/archive/archive_formats.h"

#include <gtest/gtest.h>

#include <string>

namespace sightline::archive {
namespace {

WallTime At(const char* iso) {
  WallTime t;
  EXPECT_TRUE(ParseIso8601(iso, &t)) << iso;
  return t;
}

TEST(ArchiveTimestamp, ParsesFourteenDigitsAsUtc) {
  WallTime t;
  ASSERT_TRUE(ParseArchiveTimestamp("20240305123456", &t));
  EXPECT_EQ(FormatIso8601(t), "2024-03-05T12:34:56Z");
  EXPECT_EQ(FormatArchiveTimestamp(t), "20240305123456");
}

TEST(ArchiveTimestamp, ShorterPrefixMeansStartOfThatPeriod) {
  WallTime t;
  ASSERT_TRUE(ParseArchiveTimestamp("2024", &t));
  EXPECT_EQ(FormatIso8601(t), "2024-01-01T00:00:00Z");
  ASSERT_TRUE(ParseArchiveTimestamp("20240305", &t));
  EXPECT_EQ(FormatIso8601(t), "2024-03-05T00:00:00Z");
}

TEST(ArchiveTimestamp, RejectsMalformedAndImpossibleDates) {
  WallTime t;
  for (const char* bad :
       {"", "202", "20240", "2024-03-05", "20241305000000", "20240230000000", "20240305250000",
        "2024030512345x", "202403051234567", "27160101000000", "18000101"}) {
    EXPECT_FALSE(ParseArchiveTimestamp(bad, &t)) << bad;
  }
}

TEST(WaybackCdx, ReadsRowsByHeaderNames) {
  const ParsedCopies parsed = ParseWaybackCdx(
      R"([["timestamp","original","statuscode","digest"],)"
      R"(["20240101120000","https://clinic.example/a","200","3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"],)"
      R"(["20240202120000","https://clinic.example/a","200","VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5"]])");
  ASSERT_TRUE(parsed.error.empty()) << parsed.error;
  ASSERT_EQ(parsed.copies.size(), 2u);
  EXPECT_EQ(parsed.copies[0].captured_at, At("2024-01-01T12:00:00Z"));
  EXPECT_EQ(parsed.copies[0].original, "https://clinic.example/a");
  EXPECT_EQ(parsed.copies[0].status, 200);
  EXPECT_EQ(parsed.copies[1].digest, "VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  EXPECT_EQ(parsed.skipped, 0);
}

TEST(WaybackCdx, ColumnOrderFollowsTheHeaderRow) {
  const ParsedCopies parsed = ParseWaybackCdx(
      R"([["digest","statuscode","original","timestamp"],["DDD","301","http://x/","20200101000000"]])");
  ASSERT_EQ(parsed.copies.size(), 1u);
  EXPECT_EQ(parsed.copies[0].digest, "DDD");
  EXPECT_EQ(parsed.copies[0].status, 301);
  EXPECT_EQ(parsed.copies[0].original, "http://x/");
}

TEST(WaybackCdx, EmptyArrayIsNoCaptures) {
  const ParsedCopies parsed = ParseWaybackCdx("[]");
  EXPECT_TRUE(parsed.error.empty());
  EXPECT_TRUE(parsed.copies.empty());
}

TEST(WaybackCdx, MalformedJsonIsAnErrorNotACrash) {
  for (const char* bad : {"", "[", "{\"a\":1}", "<html>busy</html>", "[[1,2],[3]]",
                          R"([["timestamp"],["20240101000000"]])"}) {
    const ParsedCopies parsed = ParseWaybackCdx(bad);
    EXPECT_FALSE(parsed.error.empty()) << bad;
    EXPECT_TRUE(parsed.copies.empty()) << bad;
  }
}

TEST(WaybackCdx, UnreadableRowsAreSkippedAndCounted) {
  const ParsedCopies parsed =
      ParseWaybackCdx(R"([["timestamp","original","statuscode","digest"],)"
                      R"(["notadate","https://x/","200","D"],42,["20240101000000",null,"200","D"],)"
                      R"(["20240101000000","https://x/","-","-"]])");
  EXPECT_TRUE(parsed.error.empty());
  EXPECT_EQ(parsed.skipped, 3);
  ASSERT_EQ(parsed.copies.size(), 1u);
  EXPECT_EQ(parsed.copies[0].status, 0);  // "-": unknown
  EXPECT_EQ(parsed.copies[0].digest, "");
}

TEST(WaybackAvailability, ReadsTheClosestSnapshotAsDocumented) {
  const ParsedCopies parsed = ParseWaybackAvailability(
      R"({"archived_snapshots":{"closest":{"available":true,)"
      R"("url":"http://web.archive.org/web/20130919044612/http://example.com/",)"
      R"("timestamp":"20130919044612","status":"200"}}})");
  ASSERT_TRUE(parsed.error.empty());
  ASSERT_EQ(parsed.copies.size(), 1u);
  EXPECT_EQ(parsed.copies[0].captured_at, At("2013-09-19T04:46:12Z"));
  EXPECT_EQ(parsed.copies[0].original, "http://example.com/");
  EXPECT_EQ(parsed.copies[0].status, 200);
}

TEST(WaybackAvailability, EmptySnapshotsIsNoCapture) {
  const ParsedCopies parsed = ParseWaybackAvailability(R"({"archived_snapshots":{}})");
  EXPECT_TRUE(parsed.error.empty());
  EXPECT_TRUE(parsed.copies.empty());
  EXPECT_TRUE(ParseWaybackAvailability(R"({"archived_snapshots":{"closest":{"available":false}}})")
                  .copies.empty());
}

TEST(WaybackAvailability, MalformedIsAnError) {
  EXPECT_FALSE(ParseWaybackAvailability("nope").error.empty());
  EXPECT_FALSE(ParseWaybackAvailability(R"({"url":"x"})").error.empty());
}

TEST(CollInfo, ReadsCrawlsAndDatesFromIdWhenNotGiven) {
  const ParsedCrawls parsed =
      ParseCollInfo(R"([{"id":"CC-MAIN-2024-10","name":"February/March 2024 Index",)"
                    R"("timegate":"https://index.commoncrawl.org/CC-MAIN-2024-10/",)"
                    R"("cdx-api":"https://index.commoncrawl.org/CC-MAIN-2024-10-index"},)"
                    R"({"id":"CC-MAIN-2023-50","name":"November/December 2023 Index",)"
                    R"("cdx-api":"https://index.commoncrawl.org/CC-MAIN-2023-50-index",)"
                    R"("from":"2023-11-28T00:00:00","to":"2023-12-12T23:59:59"}])");
  ASSERT_TRUE(parsed.error.empty());
  ASSERT_EQ(parsed.crawls.size(), 2u);
  EXPECT_EQ(parsed.crawls[0].id, "CC-MAIN-2024-10");
  EXPECT_EQ(parsed.crawls[0].cdx_api, "https://index.commoncrawl.org/CC-MAIN-2024-10-index");
  EXPECT_EQ(parsed.crawls[0].timegate, "https://index.commoncrawl.org/CC-MAIN-2024-10/");
  ASSERT_TRUE(parsed.crawls[0].has_range);
  // ISO week 10 of 2024 starts Monday 4 March; the crawl ran in the weeks before it.
  EXPECT_EQ(FormatIso8601(parsed.crawls[0].from), "2024-02-05T00:00:00Z");
  EXPECT_EQ(FormatIso8601(parsed.crawls[0].to), "2024-03-10T23:59:59Z");
  ASSERT_TRUE(parsed.crawls[1].has_range);
  EXPECT_EQ(FormatIso8601(parsed.crawls[1].from), "2023-11-28T00:00:00Z");
  EXPECT_EQ(FormatIso8601(parsed.crawls[1].to), "2023-12-12T23:59:59Z");
}

TEST(CollInfo, MalformedBodyIsAnErrorAndBadEntriesAreSkipped) {
  EXPECT_FALSE(ParseCollInfo("{").error.empty());
  EXPECT_FALSE(ParseCollInfo(R"({"id":"CC-MAIN-2024-10"})").error.empty());
  const ParsedCrawls parsed = ParseCollInfo(R"([1, {"name":"no id"}, {"id":"CC-MAIN-2024-10"}])");
  EXPECT_TRUE(parsed.error.empty());
  EXPECT_EQ(parsed.skipped, 2);
  EXPECT_EQ(parsed.crawls.size(), 1u);
}

TEST(CrawlRangeFromId, HandlesWeeklyYearlyAndTwoYearIds) {
  WallTime from, to;
  ASSERT_TRUE(CrawlRangeFromId("CC-MAIN-2021-01", &from, &to));
  // 2021's ISO week 1 starts Monday 4 January 2021.
  EXPECT_EQ(FormatIso8601(from), "2020-12-07T00:00:00Z");
  EXPECT_EQ(FormatIso8601(to), "2021-01-10T23:59:59Z");
  ASSERT_TRUE(CrawlRangeFromId("CC-MAIN-2012", &from, &to));
  EXPECT_EQ(FormatIso8601(from), "2012-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(to), "2012-12-31T23:59:59Z");
  ASSERT_TRUE(CrawlRangeFromId("CC-MAIN-2008-2009", &from, &to));
  EXPECT_EQ(FormatIso8601(from), "2008-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(to), "2009-12-31T23:59:59Z");
  for (const char* bad : {"", "CC-MAIN-", "CC-MAIN-2024-99", "CC-MAIN-2024-00", "CC-NEWS-2024-10",
                          "CC-MAIN-2009-2008", "CC-MAIN-20x4-10"}) {
    EXPECT_FALSE(CrawlRangeFromId(bad, &from, &to)) << bad;
  }
}

TEST(CommonCrawlIndex, ReadsNdjsonLines) {
  const ParsedCopies parsed = ParseCommonCrawlIndex(
      "{\"urlkey\": \"example,clinic)/a\", \"timestamp\": \"20240225101112\", \"url\": "
      "\"https://clinic.example/a\", \"mime\": \"text/html\", \"status\": \"200\", \"digest\": "
      "\"3FVPQ3BBVZ22AV4CLU3NH5BBJNKSOTA4\", \"length\": \"2526\", \"offset\": \"53235662\", "
      "\"filename\": \"crawl-data/CC-MAIN-2024-10/x.warc.gz\"}\n"
      "{\"timestamp\": \"20240301000000\", \"url\": \"https://clinic.example/a\", \"status\": "
      "\"301\", \"digest\": \"ABC\"}\n");
  ASSERT_TRUE(parsed.error.empty());
  ASSERT_EQ(parsed.copies.size(), 2u);
  EXPECT_EQ(parsed.copies[0].captured_at, At("2024-02-25T10:11:12Z"));
  EXPECT_EQ(parsed.copies[0].digest, "3FVPQ3BBVZ22AV4CLU3NH5BBJNKSOTA4");
  EXPECT_EQ(parsed.copies[0].status, 200);
  EXPECT_EQ(parsed.copies[1].status, 301);
}

TEST(CommonCrawlIndex, EmptyBodyIsNoCapturesAndGarbageIsAnError) {
  EXPECT_TRUE(ParseCommonCrawlIndex("").error.empty());
  EXPECT_TRUE(ParseCommonCrawlIndex("\n\n").copies.empty());
  EXPECT_FALSE(ParseCommonCrawlIndex("<html>Service unavailable</html>").error.empty());
  const ParsedCopies mixed = ParseCommonCrawlIndex(
      "{\"timestamp\": \"20240225101112\", \"url\": \"u\", \"status\": \"200\"}\n{broken\n");
  EXPECT_TRUE(mixed.error.empty());
  EXPECT_EQ(mixed.copies.size(), 1u);
  EXPECT_EQ(mixed.skipped, 1);
}

TEST(MementoTimeMap, Rfc7089_ReadsMementosWithDatetimes) {
  const ParsedCopies parsed = ParseMementoTimeMap(
      "<https://clinic.example/a>; rel=\"original\",\n"
      "<https://archive.ph/timegate/https://clinic.example/a>; rel=\"timegate\",\n"
      "<https://archive.ph/timemap/https://clinic.example/a>; rel=\"self\"; "
      "type=\"application/link-format\"; from=\"Tue, 01 Jan 2019 10:00:00 GMT\",\n"
      "<https://archive.ph/20190101100000/https://clinic.example/a>; rel=\"first memento\"; "
      "datetime=\"Tue, 01 Jan 2019 10:00:00 GMT\",\n"
      "<https://archive.ph/Ab1Cd>; rel=\"memento\"; datetime=\"Fri, 15 Mar 2024 08:30:00 GMT\",\n"
      "<https://archive.ph/Zz9Yy>; rel=\"last memento\"; "
      "datetime=\"Mon, 06 May 2024 23:59:59 GMT\"\n");
  ASSERT_TRUE(parsed.error.empty()) << parsed.error;
  ASSERT_EQ(parsed.copies.size(), 3u);
  EXPECT_EQ(parsed.copies[0].url, "https://archive.ph/20190101100000/https://clinic.example/a");
  EXPECT_EQ(parsed.copies[0].captured_at, At("2019-01-01T10:00:00Z"));
  EXPECT_EQ(parsed.copies[1].url, "https://archive.ph/Ab1Cd");
  EXPECT_EQ(parsed.copies[1].captured_at, At("2024-03-15T08:30:00Z"));
  EXPECT_EQ(parsed.copies[2].captured_at, At("2024-05-06T23:59:59Z"));
}

TEST(MementoTimeMap, ParametersInAnyOrderOnOneLineAndRelativeTargets) {
  const ParsedCopies parsed = ParseMementoTimeMap(
      "</Ab1Cd>;datetime=\"Fri, 15 Mar 2024 08:30:00 GMT\";rel=memento,</Ef2>; rel=\"memento\"; "
      "datetime=\"Sat, 16 Mar 2024 08:30:00 GMT\"",
      "http://127.0.0.1:8080/");
  ASSERT_EQ(parsed.copies.size(), 2u);
  EXPECT_EQ(parsed.copies[0].url, "http://127.0.0.1:8080/Ab1Cd");
  EXPECT_EQ(parsed.copies[1].url, "http://127.0.0.1:8080/Ef2");
}

TEST(MementoTimeMap, EmptyIsNoMementosAndGarbageIsAnError) {
  EXPECT_TRUE(ParseMementoTimeMap("").error.empty());
  EXPECT_TRUE(ParseMementoTimeMap("").copies.empty());
  EXPECT_FALSE(ParseMementoTimeMap("{\"mementos\": []}").error.empty());
  EXPECT_FALSE(ParseMementoTimeMap("<html><body>Are you a robot?</body></html>").error.empty());
  const ParsedCopies bad_date = ParseMementoTimeMap(
      "<https://a/1>; rel=\"memento\"; datetime=\"yesterday-ish\", <https://a/2>; rel=memento");
  EXPECT_TRUE(bad_date.copies.empty());
  EXPECT_EQ(bad_date.skipped, 2);
}

TEST(MementoTimeMap, UnterminatedTargetDoesNotLoop) {
  const ParsedCopies parsed = ParseMementoTimeMap("<https://a/1; rel=\"memento\"");
  EXPECT_TRUE(parsed.copies.empty());
  EXPECT_EQ(parsed.skipped, 1);
}

}  // namespace
}  // namespace sightline::archive
