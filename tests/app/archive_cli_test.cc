// `--archives` end to end: the audit asks a local stand-in for the Wayback CDX API (documented
// JSON format with a header row) and reports the captures made while the finding was online.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "crawler/archive/archive_client.h"
#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

// An audit of `site` that asks the stand-in Wayback server `wayback` for captures.
testing::ProcessResult AuditWithWayback(const testing::PracticeSite& site,
                                        const testing::LoopbackHttpServer& wayback,
                                        const testing::TempDir& dir) {
  return testing::RunProcess(
      {SIGHTLINE_BINARY, "audit", site.Url("/"), "--db", (dir / "a.db").string(), "--delay", "0",
       "--format", "json", "--archives", "wayback", "--archive-base",
       "wayback=" + wayback.BaseUrl()},
      std::chrono::seconds(120));
}

TEST(ArchiveCli, WaybackCapturesOfTheStoryPageAppearInTheFinding) {
  testing::PracticeSite site;
  testing::LoopbackHttpServer wayback;
  wayback.Route("/cdx/search/cdx", [](const testing::RecordedRequest& r) {
    if (r.target.find("wilson") == std::string::npos) {
      return testing::Response::Text("[]", "application/json");
    }
    return testing::Response::Text(
        R"([["timestamp","original","statuscode","digest"],)"
        R"(["20240320101500","http://example/blog/wilson.html","200","AAAABBBBCCCCDDDD"]])",
        "application/json");
  });
  testing::TempDir dir;
  const testing::ProcessResult r = AuditWithWayback(site, wayback, dir);
  ASSERT_FALSE(r.timed_out);
  ASSERT_NE(r.exit_code, 2) << r.err << r.out;
  const nlohmann::json report = testing::ParseReport(r);
  ASSERT_FALSE(report.is_discarded());
  bool archived = false;
  for (const auto& f : report["findings"]) {
    for (const auto& a : f["exposure"]["archived"]) {
      archived = true;
      EXPECT_EQ(a["archive"], "wayback");
      EXPECT_EQ(a["captured_at"], "2024-03-20T10:15:00Z");
      EXPECT_NE(a["url"].get<std::string>().find("20240320101500"), std::string::npos);
    }
  }
  EXPECT_TRUE(archived) << r.out.substr(0, 3000);
  EXPECT_GT(wayback.RequestCount("/cdx/search/cdx"), 0u);
}

// A capture dated long before the page existed is still reported when its digest is the one of
// a stored body that contained the finding (the archive holds that very content); a capture
// of other content from the same time is not.
TEST(ArchiveCli, CaptureWithTheDigestOfAStoredBodyIsReportedWhateverItsDate) {
  testing::PracticeSite site;
  const std::string same = archive::WaybackDigest(testing::PracticeSite::WilsonStory());
  testing::LoopbackHttpServer wayback;
  wayback.Route("/cdx/search/cdx", [same](const testing::RecordedRequest& r) {
    if (r.target.find("wilson") == std::string::npos) {
      return testing::Response::Text("[]", "application/json");
    }
    return testing::Response::Text(
        R"([["timestamp","original","statuscode","digest"],)"
        R"(["20010101000000","http://example/blog/wilson.html","200",")" +
            same +
            R"("],)"
            R"(["20010102000000","http://example/blog/wilson.html","200","OTHERCONTENT"]])",
        "application/json");
  });
  testing::TempDir dir;
  const testing::ProcessResult r = AuditWithWayback(site, wayback, dir);
  ASSERT_FALSE(r.timed_out);
  ASSERT_NE(r.exit_code, 2) << r.err << r.out;
  const nlohmann::json report = testing::ParseReport(r);
  ASSERT_FALSE(report.is_discarded());
  std::set<std::string> captured;
  for (const auto& f : report["findings"]) {
    for (const auto& a : f["exposure"]["archived"]) captured.insert(a["captured_at"]);
  }
  EXPECT_EQ(captured, std::set<std::string>{"2001-01-01T00:00:00Z"}) << r.out.substr(0, 3000);
}

}  // namespace
}  // namespace sightline
