// `sightline scan --follow`: a URL list is fetched exactly unless --follow, which crawls on
// from the listed pages within the site's scope (issue #3's URL-list mode, end to end).
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

nlohmann::json Scan(const testing::PracticeSite& site, const testing::TempDir& dir,
                    const std::string& name, bool follow) {
  const std::string list = (dir / (name + ".txt")).string();
  std::ofstream(list) << site.Url("/") << "\n";
  std::vector<std::string> args = {
      "scan",    "--urls", list,       "--db", (dir / (name + ".db")).string(),
      "--delay", "0",      "--format", "json"};
  if (follow) args.push_back("--follow");
  const testing::ProcessResult r = testing::RunSightline(args);
  EXPECT_FALSE(r.timed_out);
  EXPECT_NE(r.exit_code, 2) << r.err;
  return testing::ParseReport(r);
}

TEST(ScanFollowCli, FollowCrawlsOnFromTheListedPagesAndWithoutItOnlyTheListIsFetched) {
  testing::PracticeSite site;
  testing::TempDir dir;

  const nlohmann::json exact = Scan(site, dir, "exact", /*follow=*/false);
  ASSERT_TRUE(exact.contains("audit"));
  EXPECT_EQ(exact["audit"]["pages_fetched"].get<int>(), 1);
  EXPECT_EQ(site.server().RequestCount("/blog/wilson.html"), 0u);

  const nlohmann::json followed = Scan(site, dir, "followed", /*follow=*/true);
  ASSERT_TRUE(followed.contains("audit"));
  EXPECT_GT(followed["audit"]["pages_fetched"].get<int>(), 3);
  EXPECT_EQ(site.server().RequestCount("/blog/wilson.html"), 1u);
  bool wilson = false;
  for (const auto& f : followed["findings"]) {
    for (const auto& page : f["pages"]) wilson = wilson || page == site.Url("/blog/wilson.html");
  }
  EXPECT_TRUE(wilson) << "the linked Wilson story was not analysed";
}

}  // namespace
}  // namespace sightline
