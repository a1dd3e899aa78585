// ReaderPool: one read-only connection per thread reading at the same time, kept for the next
// lease, each seeing the last committed state.
#include "storage/internal/reader_pool.h"

#include <gtest/gtest.h>

#include <chrono>

#include "storage/audit_store.h"
#include "tests/support/temp_dir.h"

namespace sightline::storage::internal {
namespace {

using std::chrono::milliseconds;

int64_t CountRows(Db& db) {
  auto sel = Stmt::Prepare(db, "SELECT count(*) FROM sites");
  EXPECT_TRUE(sel);
  if (!sel) return -1;
  auto row = sel->Step();
  EXPECT_TRUE(row && *row);
  return sel->Int(0);
}

class ReaderPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A store creates the file and its schema; the pool reads it.
    auto store = AuditStore::Open(db_.path());
    ASSERT_TRUE(store) << store.error().ToString();
  }
  testing::TempDatabase db_;
};

TEST_F(ReaderPoolTest, LeasesHeldAtOnceHaveTheirOwnConnections) {
  ReaderPool pool(db_.path(), milliseconds(1000));
  auto first = pool.Acquire();
  auto second = pool.Acquire();
  ASSERT_TRUE(first) << first.error().ToString();
  ASSERT_TRUE(second) << second.error().ToString();
  EXPECT_NE(first->db().get(), second->db().get());
  EXPECT_EQ(CountRows(first->db()), 0);
  EXPECT_EQ(CountRows(second->db()), 0);
}

TEST_F(ReaderPoolTest, AnEndedLeaseHandsItsConnectionToTheNext) {
  ReaderPool pool(db_.path(), milliseconds(1000));
  sqlite3* used = nullptr;
  {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease);
    used = lease->db().get();
    EXPECT_EQ(CountRows(lease->db()), 0);
  }
  auto again = pool.Acquire();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->db().get(), used) << "kept, not opened again";
  EXPECT_EQ(CountRows(again->db()), 0) << "its prepared statement still works";
}

TEST_F(ReaderPoolTest, AKeptConnectionSeesLaterCommits) {
  ReaderPool pool(db_.path(), milliseconds(1000));
  { ASSERT_EQ(CountRows(pool.Acquire()->db()), 0); }
  {
    auto store = AuditStore::Open(db_.path());
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->BeginAudit("https://clinic.example/", "{}", WallTime{}));
  }
  auto lease = pool.Acquire();
  ASSERT_TRUE(lease);
  EXPECT_EQ(CountRows(lease->db()), 1);
}

TEST(ReaderPool, AMissingFileIsAnErrorNotACrash) {
  testing::TempDir dir;
  ReaderPool pool((dir.path() / "missing.db").string(), milliseconds(10));
  auto lease = pool.Acquire();
  ASSERT_FALSE(lease);
  EXPECT_NE(lease.error().message.find("missing.db"), std::string::npos) << lease.error().message;
}

}  // namespace
}  // namespace sightline::storage::internal
