// Two writers on one database — two stores in one process, or two processes (a nightly audit
// overlapping a manual one): the second waits for the audit lock or fails with kBusy and a
// clear message; nothing is corrupted and a live audit is never marked interrupted.
#include <gtest/gtest.h>

#include <thread>

#include "storage/audit_store.h"
#include "tests/storage/process_util.h"
#include "tests/storage/store_test_util.h"
#include "tests/support/sqlite_text.h"
#include "tests/support/temp_dir.h"

namespace sightline::storage {
namespace {

using testutil::Day;
using testutil::kSite;
using testutil::Meta;
using testutil::Page;

TEST(Concurrency, SecondStoreFailsBusyWhileAnAuditIsRunning) {
  testing::TempDatabase tdb;
  auto first = AuditStore::Open(tdb.path());
  ASSERT_TRUE(first);
  OpenOptions impatient;
  impatient.lock_wait = std::chrono::milliseconds(100);
  auto second = AuditStore::Open(tdb.path(), impatient);
  ASSERT_TRUE(second);

  auto running = (*first)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(running);
  auto refused = (*second)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kBusy);
  EXPECT_NE(refused.error().message.find(tdb.path()), std::string::npos);
  EXPECT_NE(refused.error().message.find("another sightline audit"), std::string::npos)
      << refused.error().message;

  // The live audit is not stale; the second store may still read.
  ASSERT_TRUE((*second)->MarkStaleAuditsInterrupted());
  auto audits = (*second)->ListAudits(kSite);
  ASSERT_TRUE(audits);
  ASSERT_EQ(audits->size(), 1u);
  EXPECT_EQ((*audits)[0].state, "running");

  ASSERT_TRUE((*first)->FinishAudit(*running, {}, {}, Day(0)));
  auto now_ok = (*second)->BeginAudit(kSite, "{}", Day(1));
  ASSERT_TRUE(now_ok) << now_ok.error().ToString();
}

TEST(Concurrency, SecondStoreWaitsForTheLockUpToLockWait) {
  testing::TempDatabase tdb;
  auto first = AuditStore::Open(tdb.path());
  ASSERT_TRUE(first);
  OpenOptions patient;
  patient.lock_wait = std::chrono::milliseconds(20'000);
  auto second = AuditStore::Open(tdb.path(), patient);
  ASSERT_TRUE(second);
  auto running = (*first)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(running);
  std::thread finisher([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    EXPECT_TRUE((*first)->RecordPage(*running, Page("a", "x"), Meta(), {}));
    EXPECT_TRUE((*first)->FinishAudit(*running, {}, {}, Day(0)));
  });
  auto waited = (*second)->BeginAudit(kSite, "{}", Day(1));
  finisher.join();
  ASSERT_TRUE(waited) << waited.error().ToString();
  auto list = (*second)->ListAudits(kSite);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[1].state, "complete");
}

TEST(Concurrency, TwoProcessesNeverWriteAnAuditAtOnce) {
  testing::TempDatabase tdb;
  { ASSERT_TRUE(AuditStore::Open(tdb.path())); }
  int ready[2], go[2];
  ASSERT_EQ(::pipe(ready), 0);
  ASSERT_EQ(::pipe(go), 0);
  const std::string path = tdb.path();
  pid_t child = testutil::ForkChild([&] {
    auto store = AuditStore::Open(path);
    if (!store) return 10;
    auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
    if (!audit) return 11;
    for (int i = 0; i < 50; ++i) {
      if (!(*store)->RecordPage(*audit, Page("c/" + std::to_string(i), "child"), Meta(), {})) {
        return 12;
      }
    }
    if (!(*store)->Flush()) return 13;
    char byte = 1;
    if (::write(ready[1], &byte, 1) != 1) return 14;
    if (::read(go[0], &byte, 1) != 1) return 15;
    // Keep writing while the parent also writes, then finish.
    for (int i = 50; i < 200; ++i) {
      if (!(*store)->RecordPage(*audit, Page("c/" + std::to_string(i), "child"), Meta(), {})) {
        return 16;
      }
    }
    if (!(*store)->FinishAudit(*audit, {testutil::MakeFinding("c", "c/1")}, {}, Day(0))) {
      return 17;
    }
    return 0;
  });
  ASSERT_GT(child, 0);
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);

  auto store = AuditStore::Open(path);
  ASSERT_TRUE(store);
  auto refused = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kBusy);
  // The child's audit is alive: not marked interrupted.
  ASSERT_TRUE((*store)->MarkStaleAuditsInterrupted());
  auto running = (*store)->ListAudits(kSite);
  ASSERT_TRUE(running);
  ASSERT_EQ(running->size(), 1u);
  EXPECT_EQ((*running)[0].state, "running");

  ASSERT_EQ(::write(go[1], &byte, 1), 1);
  // Short writes outside the audit lock interleave with the child's batches (busy_timeout).
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE((*store)->PutArchiveCache("wayback", "u" + std::to_string(i), "[]", Day(0)));
  }
  const int status = testutil::WaitChild(child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);

  OpenOptions patient;
  patient.lock_wait = std::chrono::milliseconds(5000);
  auto after = AuditStore::Open(path, patient);
  ASSERT_TRUE(after);
  auto next = (*after)->BeginAudit(kSite, "{}", Day(1));
  ASSERT_TRUE(next) << next.error().ToString();
  auto report = (*after)->LoadReport((*running)[0].id);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->audit.state, "complete");
  EXPECT_EQ(report->pages.size(), 200u);
  EXPECT_EQ(testing::SqliteIntegrityCheck(path), "ok");
  for (int fd : {ready[0], ready[1], go[0], go[1]}) ::close(fd);
}

TEST(Concurrency, ProcessesCreatingTheSameNewDatabaseAtOnceAllSucceed) {
  testing::TempDatabase tdb;
  const std::string path = tdb.path();
  int go[2];
  ASSERT_EQ(::pipe(go), 0);
  std::vector<pid_t> children;
  for (int i = 0; i < 4; ++i) {
    children.push_back(testutil::ForkChild([&] {
      char byte = 0;
      if (::read(go[0], &byte, 1) != 1) return 10;
      auto store = AuditStore::Open(path);
      if (!store) return 11;
      return (*store)->PutArchiveCache("wayback", "u", "[]", Day(0)) ? 0 : 12;
    }));
  }
  const char bytes[4] = {1, 1, 1, 1};
  ASSERT_EQ(::write(go[1], bytes, 4), 4);
  for (pid_t child : children) {
    const int status = testutil::WaitChild(child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  ::close(go[0]);
  ::close(go[1]);
  EXPECT_EQ(testing::SqliteIntegrityCheck(path), "ok");
}

TEST(Concurrency, AKilledAuditIsMarkedInterruptedByTheNextRun) {
  testing::TempDatabase tdb;
  const std::string path = tdb.path();
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t child = testutil::ForkChild([&] {
    auto store = AuditStore::Open(path);
    if (!store) return 10;
    auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
    if (!audit) return 11;
    if (!(*store)->RecordPage(*audit, Page("a", "x"), Meta(), {})) return 12;
    if (!(*store)->Flush()) return 13;
    char byte = 1;
    if (::write(ready[1], &byte, 1) != 1) return 14;
    ::pause();
    return 0;
  });
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  testutil::KillChild(child);
  ::close(ready[0]);
  ::close(ready[1]);

  auto store = AuditStore::Open(path);
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->MarkStaleAuditsInterrupted());
  auto interrupted = (*store)->FindInterruptedAudit(kSite);
  ASSERT_TRUE(interrupted);
  ASSERT_TRUE(interrupted->has_value());
  auto report = (*store)->LoadReport(**interrupted);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->audit.state, "interrupted");
  // The lock died with the process: a new audit starts at once.
  ASSERT_TRUE((*store)->ResumeAudit(**interrupted));
  auto pages = (*store)->LoadAuditPages(**interrupted);
  ASSERT_TRUE(pages);
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_TRUE((*pages)[0].resumed);
}

}  // namespace
}  // namespace sightline::storage
