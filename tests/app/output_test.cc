// Report files: written atomically and owner-only, whole or not at all, also when streamed.
#include "app/output.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/practice_site.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline::app {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(StreamReport, PiecesLandInOneOwnerOnlyFile) {
  testing::TempDir dir;
  const std::string path = (dir / "report.json").string();
  Status s = StreamReport(path, [](const ReportChunkWriter& write) {
    write("{\"a\":");
    write(std::string(3 << 20, 'x').substr(0, 10));
    write("}\n");
    return true;
  });
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(ReadFile(path), "{\"a\":xxxxxxxxxx}\n");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  EXPECT_FALSE(std::filesystem::exists(dir / ".report.json.tmp"));
}

TEST(StreamReport, UnusableOutputLeavesThePreviousReportUntouched) {
  testing::TempDir dir;
  const std::string path = (dir / "report.json").string();
  ASSERT_TRUE(WriteReport("previous\n", path));
  Status s = StreamReport(path, [](const ReportChunkWriter& write) {
    write("{\"half\":");
    return false;
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInternal);
  EXPECT_EQ(ReadFile(path), "previous\n");
  EXPECT_FALSE(std::filesystem::exists(dir / ".report.json.tmp"));
}

TEST(StreamReport, UnwritableDirectoryIsAnIoError) {
  Status s = StreamReport("/nonexistent-dir/report.json", [](const ReportChunkWriter& write) {
    write("x");
    return true;
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
}

// The audit's JSON streamed to --out is the same document it prints on stdout.
TEST(StreamReport, AuditJsonToAFileEqualsTheJsonOnStdout) {
  testing::PracticeSite site;
  testing::TempDir dir;
  const std::string db = (dir / "a.db").string();
  const std::string out = (dir / "r.json").string();
  const testing::ProcessResult to_file =
      testing::RunProcess({SIGHTLINE_BINARY, "audit", site.Url("/"), "--db", db, "--delay", "0",
                           "--format", "json", "--out", out},
                          std::chrono::seconds(120));
  ASSERT_NE(to_file.exit_code, 2) << to_file.err;
  const testing::ProcessResult to_stdout = testing::RunProcess(
      {SIGHTLINE_BINARY, "report", "--db", db, "--format", "json"}, std::chrono::seconds(120));
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  const std::string file = ReadFile(out);
  ASSERT_FALSE(file.empty());
  // generated_at differs between the two runs; everything from "audit" on is the same.
  const auto tail = [](const std::string& text) { return text.substr(text.find("\"audit\"")); };
  EXPECT_EQ(tail(file), tail(to_stdout.out));
}

}  // namespace
}  // namespace sightline::app
