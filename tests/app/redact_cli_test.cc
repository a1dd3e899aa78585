// `audit --redact`: the report and the database hold masked details only, and a later
// `sightline report` of that audit is masked without the flag.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/practice_site.h"
#include "tests/support/sqlite_text.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

constexpr auto kLimit = std::chrono::seconds(120);

TEST(RedactCli, RedactedAuditStoresAndReportsMaskedDetailsOnly) {
  testing::PracticeSite site;
  testing::TempDir dir;
  const std::string db = (dir / "a.db").string();
  const testing::ProcessResult audit =
      testing::RunProcess({SIGHTLINE_BINARY, "audit", site.Url("/"), "--db", db, "--delay", "0",
                           "--format", "json", "--redact"},
                          kLimit);
  ASSERT_FALSE(audit.timed_out);
  ASSERT_NE(audit.exit_code, 2) << audit.err;
  EXPECT_NE(audit.out.find("\"findings\""), std::string::npos);
  EXPECT_EQ(audit.out.find("Wilson"), std::string::npos) << audit.out.substr(0, 3000);
  EXPECT_EQ(audit.out.find("bus driver"), std::string::npos);

  for (const char* table : {"page_mentions", "finding_texts"}) {
    const std::string stored = testing::SqliteTableText(db, table);
    EXPECT_FALSE(stored.empty()) << table;
    EXPECT_EQ(stored.find("Wilson"), std::string::npos) << table << ": " << stored.substr(0, 2000);
    EXPECT_EQ(stored.find("bus driver"), std::string::npos) << table;
  }

  const testing::ProcessResult report =
      testing::RunProcess({SIGHTLINE_BINARY, "report", "--db", db, "--format", "text"}, kLimit);
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_EQ(report.out.find("Wilson"), std::string::npos) << report.out.substr(0, 3000);
  EXPECT_EQ(report.out.find("bus driver"), std::string::npos);
}

// Logs carry URLs, counts and codes only: even at the most verbose level, no detail of the
// pages reaches stderr (the report on stdout is where details belong).
TEST(RedactCli, VerboseLogsNeverContainPageText) {
  testing::PracticeSite site;
  testing::TempDir dir;
  const testing::ProcessResult audit =
      testing::RunProcess({SIGHTLINE_BINARY, "-v", "audit", site.Url("/"), "--db",
                           (dir / "a.db").string(), "--delay", "0", "--format", "json"},
                          kLimit);
  ASSERT_NE(audit.exit_code, 2) << audit.err;
  ASSERT_NE(audit.out.find("Wilson"), std::string::npos) << "the report names the details";
  EXPECT_FALSE(audit.err.empty()) << "verbose mode logs";
  for (const char* detail : {"Wilson", "bus driver", "41-year-old", "tremor", "copper"}) {
    EXPECT_EQ(audit.err.find(detail), std::string::npos) << detail << " in the log";
  }
}

TEST(RedactCli, UnredactedAuditKeepsTheDetails) {
  testing::PracticeSite site;
  testing::TempDir dir;
  const std::string db = (dir / "a.db").string();
  const testing::ProcessResult audit = testing::RunProcess(
      {SIGHTLINE_BINARY, "audit", site.Url("/"), "--db", db, "--delay", "0", "--format", "json"},
      kLimit);
  ASSERT_NE(audit.exit_code, 2) << audit.err;
  EXPECT_NE(testing::SqliteTableText(db, "finding_texts").find("Wilson"), std::string::npos);
}

}  // namespace
}  // namespace sightline
