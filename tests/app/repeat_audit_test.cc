// Repeat audits reuse the analysis stored with each unchanged page's body instead of
// analysing it again; the reports must not tell the difference. Each scenario runs twice
// against the same loopback PracticeSite — once reusing (the default), once with
// SIGHTLINE_ANALYSIS_CACHE=off — and every audit's findings, the diff and the history are
// compared with the run-dependent timestamps removed.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

using nlohmann::json;
using testing::PracticeSite;
using testing::ProcessResult;
using testing::RunProcess;
using testing::TempDir;

constexpr auto kLimit = std::chrono::seconds(120);

ProcessResult Sightline(bool reuse, std::vector<std::string> args) {
  args.insert(args.begin(), SIGHTLINE_BINARY);
  if (!reuse) args.insert(args.begin(), {"/usr/bin/env", "SIGHTLINE_ANALYSIS_CACHE=off"});
  return RunProcess(args, kLimit);
}

json Parse(const ProcessResult& r) { return testing::ParseReport(r); }

// Removes what differs between two runs of the same audit: wall-clock times.
void DropTimes(json& j) {
  if (j.is_object()) {
    // first_seen is the audit's start for a detail on a page without a date.
    for (const char* key : {"generated_at", "started_at", "finished_at", "first_seen", "last_seen",
                            "fetched_at", "seconds"}) {
      j.erase(key);
    }
    for (auto& [key, value] : j.items()) DropTimes(value);
  } else if (j.is_array()) {
    for (auto& value : j) DropTimes(value);
  }
}

// How many pages the audit answered from stored analyses (the -v log line).
int ReusedPages(const ProcessResult& r) {
  const std::string marker = "pages reused their stored analysis";
  const size_t at = r.err.find(marker);
  if (at == std::string::npos) return -1;
  size_t start = r.err.rfind(' ', at - 2);
  return std::stoi(r.err.substr(start + 1, at - start - 2));
}

struct AuditRun {
  std::vector<json> audits;  // each audit's JSON report
  std::vector<int> reused;
  json diff, history;
};

// Audits the site once per step (a step may change the site first), each time into two
// databases: reusing stored analyses, and analysing every page (same site, so same URLs and
// finding ids).
std::pair<AuditRun, AuditRun> Audits(const std::vector<std::function<void(PracticeSite&)>>& steps) {
  PracticeSite site;
  TempDir dir;
  std::pair<AuditRun, AuditRun> runs;
  for (const auto& step : steps) {
    step(site);
    for (bool reuse : {true, false}) {
      AuditRun& run = reuse ? runs.first : runs.second;
      const std::string db = (dir / (reuse ? "reuse.db" : "analyse.db")).string();
      const ProcessResult r = Sightline(
          reuse, {"-v", "audit", site.Url("/"), "--db", db, "--delay", "0", "--format", "json"});
      EXPECT_NE(r.exit_code, 2) << r.err;
      run.audits.push_back(Parse(r));
      run.reused.push_back(ReusedPages(r));
    }
  }
  for (bool reuse : {true, false}) {
    AuditRun& run = reuse ? runs.first : runs.second;
    const std::string db = (dir / (reuse ? "reuse.db" : "analyse.db")).string();
    run.diff = Parse(Sightline(reuse, {"diff", "--db", db, "--format", "json"}));
    run.history = Parse(Sightline(reuse, {"history", "--db", db, "--format", "json"}));
    DropTimes(run.diff);
    DropTimes(run.history);
    for (auto& a : run.audits) DropTimes(a);
  }
  return runs;
}

void ExpectSameReports(const AuditRun& reused, const AuditRun& analysed) {
  ASSERT_EQ(reused.audits.size(), analysed.audits.size());
  for (size_t i = 0; i < reused.audits.size(); ++i) {
    SCOPED_TRACE("audit " + std::to_string(i + 1));
    EXPECT_EQ(reused.audits[i]["findings"], analysed.audits[i]["findings"]);
    EXPECT_EQ(reused.audits[i]["pages"], analysed.audits[i]["pages"]);
    EXPECT_EQ(reused.audits[i]["summary"], analysed.audits[i]["summary"]);
    EXPECT_EQ(reused.audits[i]["audit"], analysed.audits[i]["audit"]);
  }
  EXPECT_EQ(reused.diff, analysed.diff);
  EXPECT_EQ(reused.history, analysed.history);
}

TEST(RepeatAudit, UnchangedSiteReusesEveryStoredAnalysisWithIdenticalFindings) {
  const auto nothing = [](PracticeSite&) {};
  const auto [reused, analysed] = Audits({nothing, nothing});
  ExpectSameReports(reused, analysed);
  ASSERT_EQ(reused.audits.size(), 2u);
  EXPECT_FALSE(reused.audits[1]["findings"].empty());
  const int pages = reused.audits[1]["audit"]["pages_fetched"].get<int>();
  EXPECT_EQ(reused.audits[1]["audit"]["not_modified"].get<int>(), pages);
  EXPECT_EQ(reused.reused[0], 0) << "nothing stored before the first audit";
  EXPECT_EQ(reused.reused[1], pages) << "every 304 reused its page's analysis";
  EXPECT_EQ(analysed.reused[1], 0) << "SIGHTLINE_ANALYSIS_CACHE=off analyses every page";
  // The second audit's findings are the first's, now persisting.
  json first = reused.audits[0]["findings"], second = reused.audits[1]["findings"];
  for (json* f : {&first, &second}) {
    for (auto& finding : *f) finding.erase("status");
  }
  EXPECT_EQ(first, second);
}

TEST(RepeatAudit, ChangedPagesAreAnalysedAgainAndTheRestReused) {
  const std::vector<std::function<void(PracticeSite&)>> steps = {
      [](PracticeSite&) {},
      [](PracticeSite& site) {
        // A changed story, a fixed comment, a new page; the other pages stay as they are.
        site.SetPage("/blog/wilson.html",
                     PracticeSite::Page("An unusual tremor",
                                        "<p>Last Friday a 67-year-old retired pilot from "
                                        "Fairview was diagnosed with Wilson's disease.</p>"));
        site.SetPage("/blog/notes.html", PracticeSite::Page("Clinic notes", "<p>Portal.</p>"));
        site.SetPage("/blog/triplets.html", PracticeSite::TriplesStory());
      },
      [](PracticeSite& site) {
        // Only the exposure changes (noindex) with the body: re-analysed; the rest reused.
        site.SetPage("/blog/triplets.html",
                     PracticeSite::TriplesStory().replace(
                         PracticeSite::TriplesStory().find("<head>"), 6,
                         "<head><meta name=\"robots\" content=\"noindex\">"));
      }};
  const auto [reused, analysed] = Audits(steps);
  ExpectSameReports(reused, analysed);
  ASSERT_EQ(reused.reused.size(), 3u);
  const int pages2 = reused.audits[1]["audit"]["pages_fetched"].get<int>();
  // index changes with the new link; wilson, notes and triplets are new bodies.
  EXPECT_GT(reused.reused[1], 0);
  EXPECT_LE(reused.reused[1], pages2 - 4);
  EXPECT_GT(reused.reused[2], 0);
  EXPECT_LT(reused.reused[2], reused.audits[2]["audit"]["pages_fetched"].get<int>());
  bool changed_story_found = false;
  for (const auto& f : reused.audits[1]["findings"]) {
    if (f["details"].dump().find("retired pilot") != std::string::npos) changed_story_found = true;
  }
  EXPECT_TRUE(changed_story_found) << reused.audits[1]["findings"].dump(1);
}

}  // namespace
}  // namespace sightline
