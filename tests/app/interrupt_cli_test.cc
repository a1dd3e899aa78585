// Ctrl-C (SIGINT) or a service stop (SIGTERM) during `sightline audit`: the process stops
// promptly with exit 2, keeps what it fetched and leaves the audit interrupted, and
// `--resume` finishes it with the findings of the whole site.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/sqlite_text.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

using testing::PracticeSite;

// Fetches committed to the database so far (0 while it does not exist yet).
int StoredFetches(const std::string& db) {
  const std::string count = testing::SqliteQueryLines(db, "SELECT count(*) FROM fetches");
  return count.empty() ? 0 : std::stoi(count);
}

class InterruptCli : public ::testing::TestWithParam<int> {};

TEST_P(InterruptCli, StopsWithExitTwoKeepsWhatItFetchedAndResumes) {
  PracticeSite site;
  for (int i = 0; i < 60; ++i) {
    site.SetPage(
        "/blog/post-" + std::to_string(i) + ".html",
        PracticeSite::Page("Post", "<p>Wash your hands, post " + std::to_string(i) + ".</p>"));
  }
  site.SetDelay(std::chrono::milliseconds(50));
  testing::TempDir dir;
  const std::string db = (dir / "interrupt.db").string();
  std::vector<std::string> args = {"audit",    site.Url("/"), "--db",          db, "--delay", "0",
                                   "--format", "json",        "--concurrency", "2"};

  {
    std::vector<std::string> argv = args;
    argv.insert(argv.begin(), SIGHTLINE_BINARY);
    testing::ChildProcess child(argv);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (StoredFetches(db) < 3 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    child.Kill(GetParam());
    // In-flight transfers are cancelled, not waited for: well within the limit.
    EXPECT_EQ(child.Wait(std::chrono::seconds(20)), 2);
  }
  const int kept = StoredFetches(db);
  EXPECT_GE(kept, 3);
  EXPECT_LT(kept, 63) << "the signal came after the crawl";

  args.push_back("--resume");
  const testing::ProcessResult resumed = testing::RunSightline(args);
  ASSERT_FALSE(resumed.timed_out);
  EXPECT_NE(resumed.exit_code, 2) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming audit"), std::string::npos) << resumed.err;
  const nlohmann::json report = testing::ParseReport(resumed);

  // The same site audited without an interruption: same pages, same findings.
  std::vector<std::string> whole = args;
  whole.pop_back();
  whole[3] = (dir / "whole.db").string();
  const nlohmann::json expected = testing::ParseReport(testing::RunSightline(whole));
  ASSERT_TRUE(report.contains("audit") && expected.contains("audit"));
  EXPECT_EQ(report["audit"]["pages_fetched"], expected["audit"]["pages_fetched"]);
  ASSERT_EQ(report["findings"].size(), expected["findings"].size());
  for (size_t i = 0; i < report["findings"].size(); ++i) {
    EXPECT_EQ(report["findings"][i]["id"], expected["findings"][i]["id"]);
  }
  EXPECT_FALSE(report["findings"].empty());
}

INSTANTIATE_TEST_SUITE_P(Signals, InterruptCli, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return info.param == SIGINT ? std::string("Sigint")
                                                       : std::string("Sigterm");
                         });

}  // namespace
}  // namespace sightline
