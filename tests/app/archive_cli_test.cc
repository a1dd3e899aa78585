// `--archives` end to end: the audit asks a local stand-in for the Wayback CDX API (documented
// JSON format with a header row) and reports the captures made while the finding was online.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/practice_site.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

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
  const testing::ProcessResult r = testing::RunProcess(
      {SIGHTLINE_BINARY, "audit", site.Url("/"), "--db", (dir / "a.db").string(), "--delay", "0",
       "--format", "json", "--archives", "wayback", "--archive-base",
       "wayback=" + wayback.BaseUrl()},
      std::chrono::seconds(120));
  ASSERT_FALSE(r.timed_out);
  ASSERT_NE(r.exit_code, 2) << r.err << r.out;
  const nlohmann::json report = nlohmann::json::parse(r.out, nullptr, false);
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

}  // namespace
}  // namespace sightline
