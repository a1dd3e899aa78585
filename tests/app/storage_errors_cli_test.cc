// A database sightline cannot write is a clear message naming the file and exit 2, for the
// real binary: a read-only directory (checked as an unprivileged user, since root ignores
// permissions) and a disk that fills up mid-audit (a file size limit, `ulimit -f`, which
// makes the kernel refuse the write just as a full disk does). Nothing already committed is
// lost and the file passes PRAGMA integrity_check.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/sqlite_text.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

using testing::PracticeSite;
using testing::ProcessResult;
using testing::TempDir;

namespace fs = std::filesystem;

std::vector<std::string> AuditArgs(const PracticeSite& site, const std::string& db) {
  return {SIGHTLINE_BINARY, "audit", site.Url("/"), "--db", db, "--delay", "0", "--format", "json"};
}

// As root, the command runs as nobody (65534) through util-linux setpriv.
ProcessResult RunUnprivileged(std::vector<std::string> argv) {
  if (geteuid() == 0) {
    argv.insert(argv.begin(),
                {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"});
  }
  return testing::RunProcess(argv, testing::kCliLimit);
}

TEST(StorageErrorsCli, ReadOnlyDirectoryIsAClearErrorAndExitTwoEvenForRoot) {
  if (geteuid() == 0 && !fs::exists("/usr/bin/setpriv")) {
    GTEST_SKIP() << "running as root without setpriv to drop privileges";
  }
  PracticeSite site;
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  fs::create_directory(dir / "ro");
  fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec |
                                  fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  const std::string db = (dir / "ro" / "a.db").string();
  const ProcessResult r = RunUnprivileged(AuditArgs(site, db));
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(db), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ermission denied"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db));
  EXPECT_EQ(r.out, "") << "no report without a database";
}

TEST(StorageErrorsCli, DiskFillingUpMidAuditIsAClearErrorAndExitTwoAndKeepsEarlierAudits) {
  PracticeSite site;
  TempDir dir;
  const std::string db = (dir / "full.db").string();
  const ProcessResult first = testing::RunProcess(AuditArgs(site, db), testing::kCliLimit);
  ASSERT_EQ(first.exit_code, 1) << first.err;
  const auto size = fs::file_size(db) + (fs::exists(db + "-wal") ? fs::file_size(db + "-wal") : 0);

  // The site grows by 60 pages of text that does not compress away; the file may grow by
  // about 64 KB more before the kernel refuses writes (the shell's ulimit counts 512-byte
  // blocks; SIGXFSZ ignored so that the write fails instead of killing the process).
  for (int i = 0; i < 60; ++i) {
    std::string body;
    uint32_t x = 2463534242u + static_cast<uint32_t>(i);
    for (int w = 0; w < 3000; ++w) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      body += std::to_string(x % 100000) + (w % 12 == 11 ? ".</p><p>" : " ");
    }
    site.SetPage("/archive/page-" + std::to_string(i) + ".html",
                 PracticeSite::Page("Archive " + std::to_string(i), "<p>" + body + "</p>"));
  }
  const size_t blocks = size / 512 + 128;
  std::string command = "trap '' XFSZ; ulimit -f " + std::to_string(blocks) + "; exec";
  for (const auto& a : AuditArgs(site, db)) command += " '" + a + "'";
  const ProcessResult full = testing::RunProcess({"/bin/sh", "-c", command}, testing::kCliLimit);
  ASSERT_FALSE(full.timed_out);
  EXPECT_EQ(full.exit_code, 2) << full.err;
  EXPECT_NE(full.err.find(db), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("cannot write"), std::string::npos) << full.err;

  EXPECT_EQ(testing::SqliteIntegrityCheck(db), "ok");
  // The first audit is untouched and still the latest complete one.
  const ProcessResult report = testing::RunSightline({"report", "--db", db, "--format", "json"});
  EXPECT_EQ(report.exit_code, 0) << report.err;
  const auto doc = testing::ParseReport(report);
  EXPECT_EQ(doc["audit"]["id"], 1);
  EXPECT_EQ(doc["audit"]["state"], "complete");
}

}  // namespace
}  // namespace sightline
