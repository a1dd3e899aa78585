// `sightline audit --resume` after a kill -9 continues the interrupted audit without
// refetching what it already stored: every page committed before the kill is not requested
// from the server again, the rest are, and the audit completes with the findings of the
// pages from both runs.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

using testing::PracticeSite;
using testing::TempDir;

// URLs of the pages stored for the audit in state `state` (plain SQLite, read-only).
std::vector<std::string> StoredUrls(const std::string& db, const std::string& state) {
  std::vector<std::string> urls;
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(handle);
    return urls;
  }
  sqlite3_busy_timeout(handle, 2000);
  sqlite3_stmt* stmt = nullptr;
  const std::string sql =
      "SELECT p.url FROM fetches f JOIN pages p ON p.id = f.page_id JOIN audits a ON "
      "a.id = f.audit_id WHERE a.state = ?";
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_text(stmt, 1, state.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      urls.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return urls;
}

TEST(ResumeCli, ResumeAfterKillNineDoesNotRefetchStoredPages) {
  PracticeSite site;
  for (int i = 0; i < 60; ++i) {
    site.SetPage(
        "/blog/post-" + std::to_string(i) + ".html",
        PracticeSite::Page("Post", "<p>Wash your hands, post " + std::to_string(i) + ".</p>"));
  }
  site.SetDelay(std::chrono::milliseconds(40));
  TempDir dir;
  const std::string db = (dir / "resume.db").string();
  const std::vector<std::string> args = {
      "audit", site.Url("/"), "--db", db, "--delay", "0", "--format", "json", "--concurrency", "2"};

  // Kill the first run once some pages are committed (the store writes in batches).
  {
    std::vector<std::string> argv = args;
    argv.insert(argv.begin(), SIGHTLINE_BINARY);
    testing::ChildProcess child(argv);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (StoredUrls(db, "running").size() < 5 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    child.Kill(SIGKILL);
    child.Wait(std::chrono::seconds(10));
  }
  const std::vector<std::string> stored = StoredUrls(db, "running");
  ASSERT_GE(stored.size(), 5u) << "the kill came before any batch was committed";
  ASSERT_LT(stored.size(), 60u) << "the kill came after the crawl";
  std::map<std::string, size_t> before;
  for (const auto& url : stored) {
    const std::string path = url.substr(site.Url("").size());
    before[path] = site.server().RequestCount(path);
  }

  std::vector<std::string> resume = args;
  resume.push_back("--resume");
  const testing::ProcessResult r = testing::RunSightline(resume);
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto report = testing::ParseReport(r);
  EXPECT_EQ(report["audit"]["id"], 1) << "the interrupted audit itself continues";
  EXPECT_EQ(report["audit"]["state"], "complete");
  EXPECT_GE(report["audit"]["pages_fetched"].get<size_t>(), 60u);
  for (const auto& [path, count] : before) {
    EXPECT_EQ(site.server().RequestCount(path), count) << path << " was fetched again";
  }
  // Pages the first run never stored were fetched by the resumed one.
  EXPECT_GE(site.server().RequestCount("/blog/post-59.html") +
                site.server().RequestCount("/blog/post-0.html"),
            1u);
}

}  // namespace
}  // namespace sightline
