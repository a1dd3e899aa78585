// The CLI contract beyond a single audit: `--help` of every subcommand ends with runnable
// examples; an agency's --config with several [[site]] tables audits each site in turn into
// one database; --keep N bounds the stored audits; `diff FROM TO` in text, JSON and HTML;
// `history` with its trend in every format.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

using nlohmann::json;
using testing::PracticeSite;
using testing::ProcessResult;
using testing::RunSightline;
using testing::TempDir;

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Commands, EverySubcommandsHelpEndsWithExamplesThatNameIt) {
  for (const char* sub :
       {"audit", "scan", "check", "diff", "report", "history", "ack", "robots", "demo"}) {
    SCOPED_TRACE(sub);
    const ProcessResult help = RunSightline({sub, "--help"});
    EXPECT_EQ(help.exit_code, 0);
    const size_t example = help.out.find("Example");
    ASSERT_NE(example, std::string::npos) << help.out;
    EXPECT_NE(help.out.find(std::string("  sightline ") + sub, example), std::string::npos)
        << help.out;
  }
}

TEST(Commands, ConfigSiteListAuditsEverySiteIntoOneDatabase) {
  PracticeSite first, second;
  second.SetPage("/blog/triplets.html", PracticeSite::TriplesStory());
  TempDir dir;
  const std::string db = (dir / "agency.db").string();
  const std::string config = (dir / "agency.toml").string();
  std::ofstream(config) << "db = \"" << db << "\"\n"
                        << "delay_ms = 0\nformat = \"json\"\n"
                        << "out = \"" << (dir / "report.json").string() << "\"\n"
                        << "[[site]]\nurl = \"" << first.Url("/") << "\"\n"
                        << "[[site]]\nurl = \"" << second.Url("/") << "\"\nmax_pages = 50\n";
  const ProcessResult r = RunSightline({"audit", "--config", config});
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 1) << r.err;

  // One report per site: report.json, then report-2.json.
  ProcessResult as_output;
  as_output.out = ReadFile(dir / "report.json");
  const json one = testing::ParseReport(as_output);
  as_output.out = ReadFile(dir / "report-2.json");
  const json two = testing::ParseReport(as_output);
  EXPECT_EQ(one["audit"]["site"], first.Url("/"));
  EXPECT_EQ(two["audit"]["site"], second.Url("/"));
  EXPECT_NE(ReadFile(dir / "report-2.json").find("triplets"), std::string::npos);
  EXPECT_EQ(ReadFile(dir / "report.json").find("triplets"), std::string::npos);

  for (const PracticeSite* site : {&first, &second}) {
    const ProcessResult history =
        RunSightline({"history", "--db", db, "--site", site->Url("/"), "--format", "json"});
    EXPECT_EQ(history.exit_code, 0) << history.err;
    const json h = json::parse(history.out, nullptr, false);
    ASSERT_FALSE(h.is_discarded());
    ASSERT_EQ(h["audits"].size(), 1u);
    EXPECT_EQ(h["audits"][0]["state"], "complete");
  }
}

TEST(Commands, AuditUsesTheConfigsRiskThresholds) {
  PracticeSite site;
  TempDir dir;
  const std::string config = (dir / "t.toml").string();
  std::ofstream(config) << "delay_ms = 0\nformat = \"json\"\n[risk]\ncritical = 0.0\nhigh = 0.0\n"
                        << "medium = 0.0\n[[site]]\nurl = \"" << site.Url("/") << "\"\n";
  const ProcessResult r =
      RunSightline({"audit", "--config", config, "--db", (dir / "t.db").string()});
  ASSERT_NE(r.exit_code, 2) << r.err;
  const json report = testing::ParseReport(r);
  bool story = false;
  for (const auto& f : report["findings"]) {
    if (f["kind"] != "patient_reidentification") continue;
    story = true;
    EXPECT_EQ(f["risk"], "low") << "no k is below a threshold of 0: " << f.dump(1);
  }
  EXPECT_TRUE(story);
}

TEST(Commands, KeepBoundsTheAuditsDiffComparesAnyTwoAndHistoryShowsTheTrend) {
  PracticeSite site;
  TempDir dir;
  const std::string db = (dir / "k.db").string();
  auto audit = [&] {
    return RunSightline(
        {"audit", site.Url("/"), "--db", db, "--delay", "0", "--keep", "2", "--format", "json"});
  };
  ASSERT_EQ(audit().exit_code, 1);
  site.SetPage("/blog/triplets.html", PracticeSite::TriplesStory());
  ASSERT_EQ(audit().exit_code, 1);
  site.SetPage("/blog/notes.html", PracticeSite::Page("Clinic notes", "<p>Portal is live.</p>"));
  const ProcessResult third = audit();
  ASSERT_EQ(third.exit_code, 1) << third.err;
  EXPECT_EQ(testing::ParseReport(third)["audit"]["id"], 3);

  // --keep 2: audit 1 is gone, audits 2 and 3 remain; the findings' history is kept.
  const ProcessResult history = RunSightline({"history", "--db", db, "--format", "json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const json h = json::parse(history.out);
  ASSERT_EQ(h["audits"].size(), 2u);
  EXPECT_EQ(h["audits"][0]["audit_id"], 2);
  EXPECT_EQ(h["audits"][1]["audit_id"], 3);
  EXPECT_LT(h["audits"][1]["open_change"].get<int>(), 0) << "the hidden comment was fixed";
  const ProcessResult text = RunSightline({"history", "--db", db});
  EXPECT_NE(text.out.find("Trend: "), std::string::npos) << text.out;
  const ProcessResult html =
      RunSightline({"history", "--db", db, "--format", "html", "--out", (dir / "h.html").string()});
  EXPECT_EQ(html.exit_code, 0) << html.err;
  EXPECT_NE(ReadFile(dir / "h.html").find("<svg class=\"history\""), std::string::npos);
  EXPECT_EQ(RunSightline({"report", "--db", db, "--audit", "1"}).exit_code, 2);

  // diff FROM TO, explicitly, in each format.
  const ProcessResult diff_json = RunSightline({"diff", "--db", db, "2", "3", "--format", "json"});
  ASSERT_EQ(diff_json.exit_code, 0) << diff_json.err;
  const json d = testing::ParseReport(diff_json);
  ASSERT_FALSE(d["resolved_findings"].empty()) << d.dump(1).substr(0, 800);
  for (const auto& f : d["resolved_findings"]) {
    EXPECT_NE(f["pages"][0].get<std::string>().find("notes.html"), std::string::npos);
  }
  EXPECT_TRUE(d["new_findings"].empty());
  const ProcessResult diff_text = RunSightline({"diff", "--db", db, "2", "3"});
  EXPECT_EQ(diff_text.exit_code, 0);
  EXPECT_NE(diff_text.out.find("Resolved findings ("), std::string::npos) << diff_text.out;
  EXPECT_NE(diff_text.out.find("New findings (0)"), std::string::npos) << diff_text.out;
  EXPECT_NE(diff_text.out.find("Pages changed"), std::string::npos);
  const std::string diff_html = (dir / "d.html").string();
  ASSERT_EQ(RunSightline({"diff", "--db", db, "2", "3", "--format", "html", "--out", diff_html})
                .exit_code,
            0);
  EXPECT_NE(ReadFile(diff_html).find("notes.html"), std::string::npos);
  // A pruned or unknown audit id is an error, not an empty diff.
  EXPECT_EQ(RunSightline({"diff", "--db", db, "1", "3"}).exit_code, 2);
  EXPECT_EQ(RunSightline({"diff", "--db", db, "2"}).exit_code, 2);
}

TEST(Commands, CheckJudgesADraftWithTheConfigsThresholdsAndFailOn) {
  TempDir dir;
  const std::string draft = (dir / "draft.html").string();
  std::ofstream(draft) << PracticeSite::WilsonStory();
  const std::string out = (dir / "nightly.html").string();
  auto config = [&](const std::string& name, const std::string& body) {
    const std::string path = (dir / name).string();
    // An audit's db, out and format in the same file must not apply to a draft.
    std::ofstream(path) << "db = \"" << (dir / "nightly.db").string() << "\"\nout = \"" << out
                        << "\"\nformat = \"html\"\n"
                        << body;
    return path;
  };
  const ProcessResult plain = RunSightline({"check", draft, "--format", "json"});
  ASSERT_EQ(plain.exit_code, 1) << plain.err;
  bool high = false;
  const nlohmann::json plain_report = testing::ParseReport(plain);
  for (const auto& f : plain_report["findings"]) {
    high |= f["risk"] == "high" || f["risk"] == "critical";
  }
  EXPECT_TRUE(high);

  // Thresholds of zero: no k is below them, so every finding is low, and low passes.
  const std::string lenient =
      config("lenient.toml", "[risk]\ncritical = 0.0\nhigh = 0.0\nmedium = 0.0\n");
  const ProcessResult relaxed =
      RunSightline({"check", draft, "--config", lenient, "--format", "json"});
  EXPECT_EQ(relaxed.exit_code, 0) << relaxed.err;
  const nlohmann::json relaxed_report = testing::ParseReport(relaxed);
  for (const auto& f : relaxed_report["findings"]) {
    if (f["kind"] == "patient_reidentification") {
      EXPECT_EQ(f["risk"], "low") << f.dump(1);
    }
  }
  // fail_on from the file, and a flag on the command line beats it.
  const std::string strict = config("strict.toml",
                                    "fail_on = \"low\"\n[risk]\ncritical = 0.0\n"
                                    "high = 0.0\nmedium = 0.0\n");
  EXPECT_EQ(RunSightline({"check", draft, "--config", strict, "--format", "json"}).exit_code, 1);
  EXPECT_EQ(
      RunSightline({"check", draft, "--config", strict, "--fail-on", "high", "--format", "json"})
          .exit_code,
      0);
  EXPECT_FALSE(std::filesystem::exists(out)) << "the config's out is the nightly audit's";
  EXPECT_FALSE(std::filesystem::exists(dir / "nightly.db"));
  EXPECT_EQ(RunSightline({"check", draft, "--config", (dir / "absent.toml").string()}).exit_code,
            2);
}

}  // namespace
}  // namespace sightline
