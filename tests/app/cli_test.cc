// End-to-end tests of the `sightline` binary: real process, real loopback site, real SQLite
// file in a temp dir. Every run is bounded by RunProcess's time limit.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/sqlite_text.h"
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

ProcessResult Sightline(std::vector<std::string> args, const std::string& input = "") {
  return testing::RunSightline(std::move(args), input);
}

std::vector<std::string> AuditArgs(const PracticeSite& site, const std::string& db) {
  return {"audit", site.Url("/"), "--db", db, "--delay", "0", "--format", "json"};
}

using testing::ParseReport;

// Findings of the report whose pages include `path`.
std::vector<json> FindingsOn(const json& report, const std::string& path) {
  std::vector<json> out;
  for (const auto& f : report["findings"]) {
    for (const auto& p : f["pages"]) {
      if (p.get<std::string>().ends_with(path)) {
        out.push_back(f);
        break;
      }
    }
  }
  return out;
}

TEST(Cli, HelpListsEverySubcommandAndVersionPrints) {
  const ProcessResult help = Sightline({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* sub :
       {"audit", "scan", "check", "diff", "report", "history", "ack", "robots", "demo"}) {
    EXPECT_NE(help.out.find(sub), std::string::npos) << sub;
  }
  const ProcessResult version = Sightline({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("sightline "), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(Sightline({}).exit_code, 2);
  EXPECT_EQ(Sightline({"audit", "--max-pages", "zero"}).exit_code, 2);
  EXPECT_EQ(Sightline({"frobnicate"}).exit_code, 2);
  const ProcessResult bad_url = Sightline({"audit", "ftp://example.org/"});
  EXPECT_EQ(bad_url.exit_code, 2);
  EXPECT_NE(bad_url.err.find("ftp"), std::string::npos);
}

TEST(Cli, RobotsPrintsAllowedOrDisallowedWithExitCode) {
  TempDir dir;
  const std::string robots = (dir / "robots.txt").string();
  std::ofstream(robots) << "User-agent: Googlebot\nDisallow: /drafts/\n\nUser-agent: *\n"
                           "Allow: /\n";
  const ProcessResult disallowed = Sightline(
      {"robots", "--robots-file", robots, "--agent", "Googlebot", "https://x.example/drafts/a"});
  EXPECT_EQ(disallowed.exit_code, 1);
  EXPECT_EQ(disallowed.out, "disallowed\n");
  const ProcessResult allowed = Sightline(
      {"robots", "--robots-file", robots, "--agent", "Bingbot", "https://x.example/drafts/a"});
  EXPECT_EQ(allowed.exit_code, 0);
  EXPECT_EQ(allowed.out, "allowed\n");
  EXPECT_EQ(Sightline({"robots", "--robots-file", (dir / "absent").string(), "--agent", "x",
                       "https://x.example/"})
                .exit_code,
            2);
}

TEST(Cli, AuditFindsTheCrossPageStoryAndTheHiddenComment) {
  PracticeSite site;
  TempDir dir;
  const std::string db = (dir / "a.db").string();
  const ProcessResult r = Sightline(AuditArgs(site, db));
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 1) << "high findings must fail the default --fail-on high\n" << r.err;
  const json report = ParseReport(r);
  EXPECT_EQ(report["schema"], "sightline.audit/1");
  EXPECT_GE(report["audit"]["pages_fetched"].get<int>(), 5);

  const auto wilson = FindingsOn(report, "/blog/wilson.html");
  ASSERT_FALSE(wilson.empty()) << r.out;
  const json& story = wilson.front();
  EXPECT_EQ(story["status"], "new");
  EXPECT_TRUE(story["risk"] == "high" || story["risk"] == "critical") << story.dump(2);

  const auto hidden = FindingsOn(report, "/blog/notes.html");
  ASSERT_FALSE(hidden.empty());
  bool saw_hidden_detail = false;
  for (const auto& f : hidden) {
    EXPECT_EQ(f["kind"], "direct_identifier");
    for (const auto& d : f["details"]) saw_hidden_detail |= d["hidden"].get<bool>();
  }
  EXPECT_TRUE(saw_hidden_detail);

  for (const auto& f : FindingsOn(report, "/blog/flu-season.html")) {
    EXPECT_EQ(f["risk"], "low") << "generic advice must stay low: " << f.dump(2);
  }

  struct stat st {};
  ASSERT_EQ(stat(db.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600) << "the database holds sensitive snippets";
  EXPECT_EQ(r.err.find("Whitcombe"), std::string::npos) << "no snippet in logs";
}

TEST(Cli, RepeatAuditUsesConditionalRequestsAndThreeAuditsTrackTheLifecycle) {
  PracticeSite site;
  TempDir dir;
  const std::string db = (dir / "life.db").string();

  const json first = ParseReport(Sightline(AuditArgs(site, db)));
  const auto first_story = FindingsOn(first, "/blog/wilson.html");
  const auto first_hidden = FindingsOn(first, "/blog/notes.html");
  ASSERT_FALSE(first_story.empty());
  ASSERT_FALSE(first_hidden.empty());

  // Audit 2: the comment is fixed and a post is added; the Wilson story is unchanged.
  site.SetPage("/blog/notes.html", PracticeSite::Page("Clinic notes", "<p>Portal is live.</p>"));
  site.SetPage("/blog/triplets.html", PracticeSite::TriplesStory());
  const ProcessResult second_run = Sightline(AuditArgs(site, db));
  const json second = ParseReport(second_run);
  EXPECT_GE(second["audit"]["not_modified"].get<int>(), 2) << "unchanged pages answer 304";
  const auto story = FindingsOn(second, "/blog/wilson.html");
  ASSERT_FALSE(story.empty());
  EXPECT_EQ(story.front()["id"], first_story.front()["id"])
      << "stable fingerprint\n"
      << first_story.front()["details"].dump(1) << "\n"
      << story.front()["details"].dump(1);
  EXPECT_EQ(story.front()["status"], "persisting");
  const auto fixed = FindingsOn(second, "/blog/notes.html");
  ASSERT_FALSE(fixed.empty()) << "a resolved finding stays in the report that found it gone";
  EXPECT_EQ(fixed.front()["status"], "resolved");
  EXPECT_EQ(fixed.front()["id"], first_hidden.front()["id"]);
  const auto added = FindingsOn(second, "/blog/triplets.html");
  ASSERT_FALSE(added.empty());
  EXPECT_EQ(added.front()["status"], "new");

  // Audit 3: the added post is removed and the story's page turns noindex.
  site.RemovePage("/blog/triplets.html");
  site.SetPage("/blog/wilson.html",
               PracticeSite::Page("An unusual tremor",
                                  "<p>Last Friday a 41-year-old bus driver "
                                  "was diagnosed with Wilson's disease.</p>",
                                  "<meta name=\"robots\" content=\"noindex\">"));
  const json third = ParseReport(Sightline(AuditArgs(site, db)));
  const auto removed = FindingsOn(third, "/blog/triplets.html");
  ASSERT_FALSE(removed.empty());
  EXPECT_EQ(removed.front()["status"], "resolved");
  for (const auto& f : FindingsOn(third, "/blog/wilson.html")) {
    EXPECT_FALSE(f["exposure"]["indexable"].get<bool>()) << f.dump(2);
  }

  const ProcessResult history = Sightline({"history", "--db", db, "--format", "json"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  const ProcessResult diff = Sightline({"diff", "--db", db, "--format", "json"});
  EXPECT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_EQ(ParseReport(diff)["schema"], "sightline.diff/1");
  EXPECT_NE(diff.out.find("triplets"), std::string::npos);
  EXPECT_EQ(testing::SqliteIntegrityCheck(db), "ok");
}

TEST(Cli, KillNineMidAuditLeavesAConsistentDatabaseThatResumes) {
  PracticeSite site;
  for (int i = 0; i < 40; ++i) {
    site.SetPage(
        "/blog/post-" + std::to_string(i) + ".html",
        PracticeSite::Page("Post", "<p>Wash your hands, post " + std::to_string(i) + ".</p>"));
  }
  site.SetDelay(std::chrono::milliseconds(15));
  TempDir dir;
  const std::string db = (dir / "kill.db").string();
  // A first complete audit that the interrupted ones must never damage.
  ASSERT_NE(Sightline(AuditArgs(site, db)).exit_code, 2);

  std::mt19937 random(20261124);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> argv = AuditArgs(site, db);
    argv.insert(argv.begin(), SIGHTLINE_BINARY);
    argv.push_back("--resume");
    testing::ChildProcess child(argv);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 600)(random)));
    child.Kill(SIGKILL);
    child.Wait(std::chrono::seconds(10));
    ASSERT_EQ(testing::SqliteIntegrityCheck(db), "ok") << "round " << round;
  }
  std::vector<std::string> resume = AuditArgs(site, db);
  resume.push_back("--resume");
  const ProcessResult finished = Sightline(resume);
  EXPECT_NE(finished.exit_code, 2) << finished.err;
  const json report = ParseReport(finished);
  EXPECT_FALSE(FindingsOn(report, "/blog/wilson.html").empty());
  EXPECT_EQ(testing::SqliteIntegrityCheck(db), "ok");
  const ProcessResult history = Sightline({"history", "--db", db, "--format", "json"});
  EXPECT_EQ(history.exit_code, 0);
  EXPECT_NE(history.out.find("complete"), std::string::npos);
}

TEST(Cli, TwoAuditsOfOneDatabaseAtOnceDoNotCorruptIt) {
  PracticeSite site;
  site.SetDelay(std::chrono::milliseconds(20));
  TempDir dir;
  const std::string db = (dir / "two.db").string();
  std::vector<std::string> argv = AuditArgs(site, db);
  argv.insert(argv.begin(), SIGHTLINE_BINARY);
  testing::ChildProcess first(argv);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const ProcessResult second = Sightline(AuditArgs(site, db));
  const int first_rc = first.Wait(kLimit);
  EXPECT_NE(first_rc, 2);
  // The second either waited its turn and finished, or gave up with a clear message.
  if (second.exit_code == 2) {
    EXPECT_NE(second.err.find("another"), std::string::npos) << second.err;
  }
  EXPECT_EQ(testing::SqliteIntegrityCheck(db), "ok");
}

// A read-only directory, checked as an unprivileged user even when the tests run as root:
// storage_errors_cli_test.cc (StorageErrorsCli).
TEST(Cli, UnwritableDatabasePathIsAClearErrorAndExitTwo) {
  PracticeSite site;
  TempDir dir;
  // A regular file where a directory should be fails even for root.
  std::ofstream(dir / "file") << "x";
  const ProcessResult r = Sightline(AuditArgs(site, (dir / "file" / "a.db").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("a.db"), std::string::npos) << r.err;
}

TEST(Cli, CheckAnalysesADraftWithoutNetworkOrDatabase) {
  TempDir dir;
  const std::string draft = (dir / "draft.html").string();
  std::ofstream(draft) << PracticeSite::WilsonStory();
  const ProcessResult r =
      RunProcess({SIGHTLINE_BINARY, "check", draft}, kLimit, "", dir.path().string());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("Wilson"), std::string::npos);
  EXPECT_NE(r.out.find("Details found"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "sightline.db")) << "check stores nothing";

  const ProcessResult advice =
      Sightline({"check", "-", "--format", "json"}, PracticeSite::GenericAdvice());
  EXPECT_EQ(advice.exit_code, 0) << advice.out;
  EXPECT_EQ(ParseReport(advice)["schema"], "sightline.audit/1");
  const ProcessResult story =
      Sightline({"check", "-", "--format", "json"}, PracticeSite::WilsonStory());
  EXPECT_EQ(story.exit_code, 1) << story.err;
  EXPECT_FALSE(ParseReport(story)["findings"].empty());
}

TEST(Cli, ScanFetchesExactlyTheListAndReportsBadLines) {
  PracticeSite site;
  TempDir dir;
  const std::string list = (dir / "urls.txt").string();
  std::ofstream(list) << "# my public pages\n"
                      << site.Url("/blog/wilson.html") << "\n"
                      << "not a url\n"
                      << site.Url("/contact.html") << "\n";
  const ProcessResult r = Sightline({"scan", "--urls", list, "--db", (dir / "s.db").string(),
                                     "--delay", "0", "--format", "json"});
  EXPECT_NE(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("not a url"), std::string::npos);
  const json report = ParseReport(r);
  EXPECT_EQ(report["audit"]["pages_fetched"].get<int>(), 2);
  EXPECT_EQ(site.server().RequestCount("/blog/notes.html"), 0u) << "no link following";
}

}  // namespace
}  // namespace sightline
