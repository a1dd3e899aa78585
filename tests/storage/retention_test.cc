// Retention (`--keep N`): old audits go with their fetches and the snapshots nobody else uses;
// findings history stays, the newest complete audit and running audits are never pruned.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "storage/audit_store.h"
#include "tests/storage/store_test_util.h"
#include "tests/support/temp_dir.h"

namespace sightline::storage {
namespace {

using testutil::Day;
using testutil::kSite;
using testutil::MakeFinding;
using testutil::Meta;
using testutil::Page;

int64_t Count(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = "SELECT count(*) FROM " + table;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      n = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return n;
}

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = AuditStore::Open(db_.path());
    ASSERT_TRUE(store);
    store_ = std::move(*store);
  }
  int64_t Audit(int day, const std::vector<std::pair<std::string, std::string>>& pages,
                const std::vector<analyzer::Finding>& findings, bool complete = true) {
    auto audit = store_->BeginAudit(kSite, "{}", Day(day));
    EXPECT_TRUE(audit);
    for (const auto& [path, body] : pages) {
      EXPECT_TRUE(store_->RecordPage(*audit, Page(path, body), Meta(), {}));
    }
    if (complete) {
      EXPECT_TRUE(store_->FinishAudit(*audit, findings, {}, Day(day)));
    } else {
      EXPECT_TRUE(store_->AbandonAudit(*audit, Day(day)));
    }
    return *audit;
  }
  testing::TempDatabase db_;
  std::unique_ptr<AuditStore> store_;
};

TEST_F(RetentionTest, KeepsTheNewestAuditsAndOnlyTheSnapshotsTheyUse) {
  Audit(0, {{"a", "shared"}, {"b", "only in 1"}}, {MakeFinding("old", "a")});
  Audit(1, {{"a", "shared"}, {"b", "only in 2"}}, {MakeFinding("old", "a")});
  const int64_t a3 = Audit(2, {{"a", "shared"}, {"c", "only in 3"}}, {MakeFinding("old", "a")});
  const int64_t a4 = Audit(3, {{"a", "shared"}, {"c", "only in 4"}}, {MakeFinding("old", "a")});
  EXPECT_EQ(Count(db_.path(), "snapshots"), 5);

  ASSERT_TRUE(store_->Prune(kSite, 2));
  auto audits = store_->ListAudits(kSite);
  ASSERT_TRUE(audits);
  ASSERT_EQ(audits->size(), 2u);
  EXPECT_EQ((*audits)[0].id, a4);
  EXPECT_EQ((*audits)[1].id, a3);
  EXPECT_EQ(Count(db_.path(), "snapshots"), 3);  // shared, only in 3, only in 4
  EXPECT_EQ(Count(db_.path(), "pages"), 2);      // b is gone with its audits
  EXPECT_EQ(Count(db_.path(), "fetches"), 4);

  // Findings history survives: the window still starts at the first audit.
  auto report = store_->LoadReport(a4);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->findings.size(), 1u);
  EXPECT_EQ(report->findings[0].exposure.first_seen, "2026-01-01T00:00:00Z");
  EXPECT_EQ(report->history.size(), 2u);
  auto body = store_->LoadLatestBody(kSite, std::string(kSite) + "a");
  ASSERT_TRUE(body && body->has_value());
  EXPECT_EQ(**body, "shared");

  // The next audit's lifecycle still compares with the newest kept one.
  const int64_t a5 = Audit(4, {{"a", "shared"}}, {MakeFinding("old", "a")});
  report = store_->LoadReport(a5);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->findings.size(), 1u);
  EXPECT_EQ(report->findings[0].status, FindingStatus::kPersisting);
}

TEST_F(RetentionTest, NeverPrunesTheNewestCompleteOrARunningAudit) {
  Audit(0, {{"a", "1"}}, {});
  const int64_t complete = Audit(1, {{"a", "2"}}, {});
  Audit(2, {{"a", "3"}}, {}, /*complete=*/false);
  const int64_t newest = Audit(3, {{"a", "4"}}, {}, /*complete=*/false);
  auto other = AuditStore::Open(db_.path());
  ASSERT_TRUE(other);
  ASSERT_TRUE(store_->Prune(kSite, 1));
  auto audits = store_->ListAudits(kSite);
  ASSERT_TRUE(audits);
  ASSERT_EQ(audits->size(), 2u);
  EXPECT_EQ((*audits)[0].id, newest);
  EXPECT_EQ((*audits)[1].id, complete);

  auto running = store_->BeginAudit(kSite, "{}", Day(5));
  ASSERT_TRUE(running);
  ASSERT_TRUE((*other)->Prune(kSite, 1));
  audits = store_->ListAudits(kSite);
  ASSERT_TRUE(audits);
  EXPECT_EQ(audits->front().id, *running);
  EXPECT_EQ(audits->front().state, "running");
  EXPECT_EQ(audits->back().id, complete);
}

TEST_F(RetentionTest, KeepMustBeAtLeastOneAndOtherSitesAreUntouched) {
  Audit(0, {{"a", "1"}}, {});
  auto bad = store_->Prune(kSite, 0);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  auto other = store_->BeginAudit("https://other.example/", "{}", Day(0));
  ASSERT_TRUE(other);
  ASSERT_TRUE(store_->FinishAudit(*other, {}, {}, Day(0)));
  Audit(1, {{"a", "2"}}, {});
  ASSERT_TRUE(store_->Prune(kSite, 1));
  auto list = store_->ListAudits("https://other.example/");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 1u);
  ASSERT_TRUE(store_->Prune("https://unknown.example/", 3));
}

}  // namespace
}  // namespace sightline::storage
