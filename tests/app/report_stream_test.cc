// StreamAuditJson: the JSON report of a stored audit written to a file with its findings read
// from the store one at a time is byte for byte the whole report's text (BuildReport +
// RenderAudit), with the same --fail-on exit code. Real SQLite file; audits with new,
// persisting (some with a higher risk) and resolved findings, acknowledgements, more findings
// than a rendering chunk (128), and a redacted one.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/report_builder.h"
#include "reports/report.h"
#include "storage/audit_store.h"
#include "tests/storage/store_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline::app {
namespace {

using analyzer::Risk;
using storage::testutil::Day;
using storage::testutil::MakeFinding;
using storage::testutil::Meta;
using storage::testutil::Page;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class ReportStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::AuditStore::Open(db_.path());
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    // Audit 1: 300 findings (low, medium, high) over 12 pages, one page not indexable.
    // Audit 2: the first 200 again, every third now critical, 100 new ones, 100 resolved.
    std::vector<analyzer::Finding> first, second;
    for (int i = 0; i < 300; ++i) {
      const std::string page = fmt::format("p{}", i % 12);
      auto f = MakeFinding(fmt::format("f{:03}", (i * 7) % 300), page, static_cast<Risk>(i % 3),
                           /*indexable=*/i % 12 != 5);
      f.anonymity_set = (i % 5) * 0.25;
      f.details[0].text = fmt::format("{}-year-old", 20 + i % 50);
      f.summary = fmt::format("A {}-year-old bus driver, finding {}.", 20 + i % 50, i);
      first.push_back(f);
      if (i < 200) {
        if (i % 3 == 0) f.risk = Risk::kCritical;
        second.push_back(f);
      }
    }
    for (int i = 0; i < 100; ++i) {
      auto f = MakeFinding(fmt::format("n{:03}", i), fmt::format("p{}", i % 12),
                           static_cast<Risk>(i % 4));
      f.anonymity_set = (i % 3) * 0.5;
      second.push_back(f);
    }
    first_ = RunAudit(Day(0), "{}", first);
    second_ = RunAudit(Day(7), "{}", second);
    ASSERT_TRUE(store_->Acknowledge("f007", "asked the editor about the 27-year-old", Day(8)));
    ASSERT_TRUE(store_->Acknowledge("n003", "", Day(8)));
  }

  int64_t RunAudit(WallTime when, const std::string& options_json,
                   const std::vector<analyzer::Finding>& findings) {
    auto audit = store_->BeginAudit(storage::testutil::kSite, options_json, when);
    EXPECT_TRUE(audit) << audit.error().ToString();
    for (int p = 0; p < 12; ++p) {
      auto meta = Meta(p != 5, p % 4 == 0 ? "2025-06-01" : "");
      meta.title = fmt::format("Story of a 2{}-year-old", p);
      EXPECT_TRUE(
          store_->RecordPage(*audit, Page(fmt::format("p{}", p), "<p>story</p>"), meta, {}));
    }
    storage::AuditCounts counts;
    counts.pages_fetched = 12;
    auto s = store_->FinishAudit(*audit, findings, counts, when + std::chrono::minutes(5));
    EXPECT_TRUE(s) << s.error().ToString();
    return *audit;
  }

  // The streamed file, and its exit code, next to the whole report's text and exit code.
  void ExpectSameAsWhole(int64_t audit, const Settings& settings,
                         const reports::RenderOptions& render, bool redact_if_recorded) {
    const auto path = dir_ / fmt::format("streamed-{}.json", ++files_);
    int streamed_exit = -1;
    Status streamed = StreamAuditJson(*store_, audit, settings, render, redact_if_recorded,
                                      path.string(), &streamed_exit);
    ASSERT_TRUE(streamed) << streamed.error().ToString();

    auto whole = BuildReport(*store_, audit, settings);
    ASSERT_TRUE(whole) << whole.error().ToString();
    ASSERT_GT(whole->findings.size(), 128u) << "more than one rendering chunk";
    reports::RenderOptions whole_render = render;
    if (redact_if_recorded && reports::AuditWasRedacted(whole->audit)) whole_render.redact = true;
    const std::string expected = reports::RenderAudit(*whole, reports::Format::kJson, whole_render);
    const std::string text = ReadFile(path);
    EXPECT_EQ(text.size(), expected.size());
    EXPECT_TRUE(text == expected) << "audit " << audit << ", redact " << whole_render.redact;
    EXPECT_EQ(streamed_exit, ExitCodeFor(*whole, settings.fail_on));
  }

  testing::TempDir dir_;
  testing::TempDatabase db_;
  std::unique_ptr<storage::AuditStore> store_;
  int64_t first_ = 0, second_ = 0;
  int files_ = 0;
};

TEST_F(ReportStreamTest, StreamedJsonIsTheWholeReportsTextWithAdvice) {
  Settings settings;
  ExpectSameAsWhole(first_, settings, {}, false);
  ExpectSameAsWhole(second_, settings, {}, false);
  reports::RenderOptions dated;
  dated.generated_at = "2026-03-01T00:00:00Z";
  ExpectSameAsWhole(second_, settings, dated, true);
  // Removal advice was appended while streaming (the stored advice is one line).
  const std::string text = ReadFile(dir_ / "streamed-3.json");
  EXPECT_NE(text.find("Remove the age and occupation.\\n"), std::string::npos);
}

TEST_F(ReportStreamTest, RedactedStreamsMaskWithEveryFindingsTerms) {
  Settings settings;
  reports::RenderOptions redact;
  redact.redact = true;
  ExpectSameAsWhole(second_, settings, redact, false);
  const std::string text = ReadFile(dir_ / "streamed-1.json");
  EXPECT_EQ(text.find("27-year-old"), std::string::npos);
  EXPECT_EQ(text.find("Story of a 21-year-old"), std::string::npos) << "page titles masked";
  EXPECT_NE(text.find("\"redacted\": true"), std::string::npos);
}

TEST_F(ReportStreamTest, AnAuditRunWithRedactIsRedactedWhenTheReportCommandAsks) {
  std::vector<analyzer::Finding> findings;
  for (int i = 0; i < 150; ++i) {
    findings.push_back(MakeFinding(fmt::format("r{:03}", i), fmt::format("p{}", i % 12)));
  }
  const int64_t redacted = RunAudit(Day(14), R"({"redact":true})", findings);
  Settings settings;
  ExpectSameAsWhole(redacted, settings, {}, /*redact_if_recorded=*/true);
  const std::string text = ReadFile(dir_ / "streamed-1.json");
  EXPECT_NE(text.find("\"redacted\": true"), std::string::npos);
}

TEST_F(ReportStreamTest, TheExitCodeFollowsFailOnOverCurrentFindingsOnly) {
  Settings settings;
  // Audit 1 has no critical finding; audit 2 has current critical ones.
  settings.fail_on = Risk::kCritical;
  ExpectSameAsWhole(first_, settings, {}, false);
  ExpectSameAsWhole(second_, settings, {}, false);
  settings.fail_on = Risk::kHigh;
  ExpectSameAsWhole(first_, settings, {}, false);

  int code = -1;
  settings.fail_on = Risk::kCritical;
  ASSERT_TRUE(
      StreamAuditJson(*store_, first_, settings, {}, false, (dir_ / "first.json").string(), &code));
  EXPECT_EQ(code, kExitOk);
  ASSERT_TRUE(StreamAuditJson(*store_, second_, settings, {}, false,
                              (dir_ / "second.json").string(), &code));
  EXPECT_EQ(code, kExitFindings);
}

TEST_F(ReportStreamTest, AnUnknownAuditIsAnErrorAndWritesNoFile) {
  int code = -1;
  const auto path = dir_ / "none.json";
  Status streamed = StreamAuditJson(*store_, 9999, Settings{}, {}, false, path.string(), &code);
  ASSERT_FALSE(streamed);
  EXPECT_EQ(streamed.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_EQ(code, -1);
}

// The `report` command streams --format json to a file; the same report on stdout is still
// rendered whole. Both texts are the same, plain and with --redact, and the audit's own
// streamed file keeps the --fail-on exit code.
TEST(ReportCommandCli, JsonToAFileIsTheSameTextAsOnStdout) {
  testing::PracticeSite site;
  testing::TempDir dir;
  const std::string db = (dir / "a.db").string();
  const std::string audit_out = (dir / "audit.json").string();
  const auto audit =
      testing::RunProcess({SIGHTLINE_BINARY, "audit", site.Url("/"), "--db", db, "--delay", "0",
                           "--format", "json", "--out", audit_out, "--fail-on", "low"},
                          std::chrono::seconds(120));
  ASSERT_NE(audit.exit_code, 2) << audit.err;
  ASSERT_NE(ReadFile(audit_out).find("\"findings\": [\n"), std::string::npos)
      << "the practice site has findings";
  EXPECT_EQ(audit.exit_code, kExitFindings) << "--fail-on low with findings";
  for (const bool redact : {false, true}) {
    const std::string out = (dir / (redact ? "redacted.json" : "plain.json")).string();
    std::vector<std::string> to_file = {SIGHTLINE_BINARY, "report", "--db",  db,
                                        "--format",       "json",   "--out", out};
    std::vector<std::string> to_stdout = {SIGHTLINE_BINARY, "report", "--db", db,
                                          "--format",       "json"};
    if (redact) {
      to_file.push_back("--redact");
      to_stdout.push_back("--redact");
    }
    const auto file_run = testing::RunProcess(to_file, std::chrono::seconds(120));
    ASSERT_EQ(file_run.exit_code, 0) << file_run.err;
    const auto stdout_run = testing::RunProcess(to_stdout, std::chrono::seconds(120));
    ASSERT_EQ(stdout_run.exit_code, 0) << stdout_run.err;
    const std::string file = ReadFile(out);
    EXPECT_GT(file.size(), 1000u);
    EXPECT_TRUE(file == stdout_run.out) << "redact " << redact;
    EXPECT_NE(file.find(redact ? "\"redacted\": true" : "\"redacted\": false"), std::string::npos);
  }
}

}  // namespace
}  // namespace sightline::app
