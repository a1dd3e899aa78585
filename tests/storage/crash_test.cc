// Crash safety: a child process writes audits (pages, then findings, then the next audit) in a
// loop and is killed with SIGKILL at 20 random moments, resuming the interrupted audit each
// time. After every kill the file passes integrity and foreign-key checks, the audit is marked
// interrupted on the next open, the first complete audit is untouched, and the interrupted
// audit's pages load (with correct bodies) for --resume.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <random>
#include <set>

#include "storage/audit_store.h"
#include "tests/storage/process_util.h"
#include "tests/storage/store_test_util.h"
#include "tests/support/temp_dir.h"

namespace sightline::storage {
namespace {

using testutil::Day;
using testutil::kSite;
using testutil::Meta;

// Bodies follow from the page number, so a torn or mismatched write shows up.
std::string BodyFor(int i) {
  return "<p>page " + std::to_string(i) + "</p>" + std::string(i * 37 % 5000, 'x');
}
std::string PathFor(int i) { return "p/" + std::to_string(i); }

std::string Pragma(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        const auto* t = sqlite3_column_text(stmt, 0);
        out += t ? reinterpret_cast<const char*>(t) : "NULL";
        out += ";";
      }
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

// The child's work: resume the interrupted audit if there is one, else begin one; write pages;
// every 40 pages finish the audit with two findings and begin the next. Never returns normally.
int WriterChild(const std::string& path) {
  OpenOptions options;
  options.batch_pages = 8;
  options.batch_interval = std::chrono::milliseconds(2);
  options.lock_wait = std::chrono::milliseconds(5000);
  auto store = AuditStore::Open(path, options);
  if (!store) return 10;
  if (!(*store)->MarkStaleAuditsInterrupted()) return 11;
  auto interrupted = (*store)->FindInterruptedAudit(kSite);
  if (!interrupted) return 12;
  int64_t audit = 0;
  if (interrupted->has_value()) {
    audit = **interrupted;
    if (!(*store)->ResumeAudit(audit)) return 13;
  } else {
    auto begun = (*store)->BeginAudit(kSite, "{}", Day(1));
    if (!begun) return 14;
    audit = *begun;
  }
  int round = 0;
  while (true) {
    auto done = (*store)->LoadAuditPages(audit);
    if (!done) return 15;
    for (int i = static_cast<int>(done->size()); i < 40; ++i) {
      if (!(*store)->RecordPage(audit, testutil::Page(PathFor(i), BodyFor(i)), Meta(), {})) {
        return 16;
      }
    }
    const std::vector<analyzer::Finding> findings = {
        testutil::MakeFinding("child-a", PathFor(1)),
        testutil::MakeFinding("child-" + std::to_string(round % 3), PathFor(2))};
    if (!(*store)->FinishAudit(audit, findings, {}, Day(2))) return 17;
    auto next = (*store)->BeginAudit(kSite, "{}", Day(3 + round));
    if (!next) return 18;
    audit = *next;
    ++round;
  }
}

TEST(CrashSafety, KillNineAtTwentyRandomPointsLeavesAConsistentResumableDatabase) {
  testing::TempDatabase tdb;
  int64_t baseline = 0;
  AuditReport baseline_report;
  {
    auto store = AuditStore::Open(tdb.path());
    ASSERT_TRUE(store);
    auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
    ASSERT_TRUE(audit);
    baseline = *audit;
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(
          (*store)->RecordPage(baseline, testutil::Page(PathFor(i), BodyFor(i)), Meta(), {}));
    }
    ASSERT_TRUE(
        (*store)->FinishAudit(baseline, {testutil::MakeFinding("base", PathFor(0))}, {}, Day(0)));
    auto report = (*store)->LoadReport(baseline);
    ASSERT_TRUE(report);
    baseline_report = *report;
  }

  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_ms(1, 250);
  int interrupted_with_pages = 0;
  std::set<int64_t> checked;  // complete audits already verified; they must not change
  for (int kill = 0; kill < 20; ++kill) {
    SCOPED_TRACE("kill " + std::to_string(kill));
    const std::string path = tdb.path();
    pid_t child = testutil::ForkChild([&] { return WriterChild(path); }, 30);
    ASSERT_GT(child, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    // The child only stops by being killed; an early exit is a write failure.
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, WNOHANG), 0)
        << "writer exited early with " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    testutil::KillChild(child);

    EXPECT_EQ(Pragma(path, "PRAGMA integrity_check"), "ok;");
    EXPECT_EQ(Pragma(path, "PRAGMA foreign_key_check"), "");

    auto store = AuditStore::Open(path);
    ASSERT_TRUE(store) << store.error().ToString();
    ASSERT_TRUE((*store)->MarkStaleAuditsInterrupted());
    auto audits = (*store)->ListAudits(kSite);
    ASSERT_TRUE(audits);
    for (const auto& a : *audits) {
      EXPECT_NE(a.state, "running") << "audit " << a.id;
      if (a.state == "complete" && a.id != baseline && checked.insert(a.id).second) {
        auto r = (*store)->LoadReport(a.id);
        ASSERT_TRUE(r);
        int active = 0;
        for (const auto& f : r->findings) active += f.status != FindingStatus::kResolved;
        EXPECT_EQ(active, 2) << "complete audit " << a.id << " lost findings";
        EXPECT_EQ(r->pages.size(), 40u);
      }
    }
    auto base = (*store)->LoadReport(baseline);
    ASSERT_TRUE(base);
    EXPECT_EQ(base->audit.state, "complete");
    EXPECT_EQ(base->audit.finished_at, baseline_report.audit.finished_at);
    EXPECT_EQ(base->pages.size(), baseline_report.pages.size());
    ASSERT_EQ(base->findings.size(), 1u);
    EXPECT_EQ(base->findings[0].finding.id, "base");
    EXPECT_EQ(base->findings[0].status, FindingStatus::kNew);

    auto interrupted = (*store)->FindInterruptedAudit(kSite);
    ASSERT_TRUE(interrupted);
    if (interrupted->has_value()) {
      auto pages = (*store)->LoadAuditPages(**interrupted);
      ASSERT_TRUE(pages) << pages.error().ToString();
      std::set<std::string> urls;
      for (const auto& p : *pages) {
        EXPECT_TRUE(urls.insert(p.url).second) << "duplicate " << p.url;
        const int i = std::stoi(p.url.substr(p.url.rfind('/') + 1));
        EXPECT_EQ(p.body, BodyFor(i)) << p.url;
        EXPECT_TRUE(p.resumed);
      }
      if (!pages->empty()) ++interrupted_with_pages;
    }
  }
  // Most kills land mid-audit; resuming must have had something to resume.
  EXPECT_GT(interrupted_with_pages, 0);

  // Finish the last interrupted audit here, as `sightline audit --resume` would.
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->MarkStaleAuditsInterrupted());
  auto interrupted = (*store)->FindInterruptedAudit(kSite);
  ASSERT_TRUE(interrupted);
  if (interrupted->has_value()) {
    ASSERT_TRUE((*store)->ResumeAudit(**interrupted));
    auto pages = (*store)->LoadAuditPages(**interrupted);
    ASSERT_TRUE(pages);
    for (int i = static_cast<int>(pages->size()); i < 40; ++i) {
      ASSERT_TRUE(
          (*store)->RecordPage(**interrupted, testutil::Page(PathFor(i), BodyFor(i)), Meta(), {}));
    }
    ASSERT_TRUE((*store)->FinishAudit(**interrupted, {}, {}, Day(100)));
    auto report = (*store)->LoadReport(**interrupted);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->audit.state, "complete");
    EXPECT_EQ(report->pages.size(), 40u);
  }
  EXPECT_EQ(Pragma(tdb.path(), "PRAGMA integrity_check"), "ok;");
}

}  // namespace
}  // namespace sightline::storage
