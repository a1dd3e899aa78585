// A robots.txt that names a private path is reported as a finding by a real audit, and the
// finding is resolved in the next audit once the line is gone.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

using nlohmann::json;

json Audit(const testing::PracticeSite& site, const std::string& db) {
  const testing::ProcessResult r = testing::RunSightline(
      {"audit", site.Url("/"), "--db", db, "--delay", "0", "--format", "json"});
  EXPECT_FALSE(r.timed_out);
  EXPECT_NE(r.exit_code, 2) << r.err;
  return testing::ParseReport(r);
}

std::vector<json> AdvertisedPaths(const json& report) {
  std::vector<json> out;
  if (!report.contains("findings")) return out;
  for (const auto& f : report["findings"]) {
    if (f["kind"] == "advertised_private_path") out.push_back(f);
  }
  return out;
}

TEST(RobotsFindingsCli, PrivatePathInRobotsTxtIsAFindingUntilTheLineGoes) {
  testing::PracticeSite site;
  std::atomic<bool> line_removed{false};
  site.server().Route("/robots.txt", [&line_removed](const testing::RecordedRequest&) {
    return testing::Response::Text(line_removed ? "User-agent: *\nDisallow: /cgi-bin/\n"
                                                : "User-agent: *\nDisallow: /patients/\n"
                                                  "Disallow: /cgi-bin/\n");
  });
  testing::TempDir dir;
  const std::string db = (dir / "a.db").string();

  const json first = Audit(site, db);
  const std::vector<json> found = AdvertisedPaths(first);
  ASSERT_EQ(found.size(), 1u) << first.dump(1).substr(0, 3000);
  EXPECT_EQ(found[0]["status"], "new");
  EXPECT_EQ(found[0]["risk"], "medium");
  EXPECT_EQ(found[0]["pages"][0], site.Url("/robots.txt"));
  EXPECT_EQ(found[0]["details"][0]["text"], "/patients/");
  EXPECT_NE(found[0]["advice"].get<std::string>().find("Delete the Disallow line"),
            std::string::npos);

  line_removed = true;
  const json second = Audit(site, db);
  const std::vector<json> after = AdvertisedPaths(second);
  ASSERT_EQ(after.size(), 1u) << second.dump(1).substr(0, 3000);
  EXPECT_EQ(after[0]["status"], "resolved");
  EXPECT_EQ(after[0]["id"], found[0]["id"]);
}

}  // namespace
}  // namespace sightline
