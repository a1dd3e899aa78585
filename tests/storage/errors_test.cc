// I/O failures give a clear Error (kIo naming the file and the cause), never a crash or a
// silent loss: a read-only directory or file, and a full disk (simulated with
// PRAGMA max_page_count through OpenOptions::max_page_count).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "storage/audit_store.h"
#include "tests/storage/process_util.h"
#include "tests/storage/store_test_util.h"
#include "tests/support/temp_dir.h"

namespace sightline::storage {
namespace {

using testutil::Day;
using testutil::kSite;
using testutil::Meta;
using testutil::Page;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string Noise(std::mt19937& rng, size_t n) {
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng());
  return s;
}

// Root ignores permissions, so the checks run as "nobody" in a child process; exit codes say
// which expectation failed.
class ReadOnlyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_ / "ro";
    std::filesystem::create_directory(dir_);
    db_ = (dir_ / "audit.db").string();
    // Let the unprivileged child reach the directory.
    ::chmod(tmp_.path().c_str(), 0755);
  }
  void MakeReadOnly() {
    ASSERT_EQ(::chmod(dir_.c_str(), 0555), 0);
    if (::geteuid() == 0 && std::filesystem::exists(db_)) {
      ASSERT_EQ(::chown(db_.c_str(), 65534, 65534), 0);
    }
  }
  testing::TempDir tmp_;
  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(ReadOnlyTest, CreatingADatabaseInAReadOnlyDirectoryIsAClearIoError) {
  MakeReadOnly();
  const std::string path = db_;
  const int result = testutil::RunUnprivileged([&] {
    auto store = AuditStore::Open(path);
    if (store) return 1;
    if (store.error().code != ErrorCode::kIo) return 2;
    if (!Contains(store.error().message, path)) return 3;
    if (!Contains(store.error().message, "Permission denied")) return 4;
    return 0;
  });
  EXPECT_EQ(result, 0);
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(ReadOnlyTest, ExistingDatabaseInAReadOnlyDirectoryIsAClearIoError) {
  {
    auto store = AuditStore::Open(db_);
    ASSERT_TRUE(store);
    auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
    ASSERT_TRUE(audit);
    ASSERT_TRUE((*store)->FinishAudit(*audit, {}, {}, Day(0)));
  }
  ASSERT_FALSE(std::filesystem::exists(db_ + "-wal")) << "closed cleanly";
  MakeReadOnly();
  const std::string path = db_;
  const int result = testutil::RunUnprivileged([&] {
    // WAL needs its -wal/-shm files next to the database; SQLite cannot create them here.
    auto store = AuditStore::Open(path);
    if (store) {
      auto audit = (*store)->BeginAudit(kSite, "{}", Day(1));
      if (audit) return 1;
      if (audit.error().code != ErrorCode::kIo) return 2;
      if (!Contains(audit.error().message, path)) return 3;
      return 0;
    }
    if (store.error().code != ErrorCode::kIo) return 4;
    if (!Contains(store.error().message, path)) return 5;
    return 0;
  });
  EXPECT_EQ(result, 0);
}

TEST_F(ReadOnlyTest, ReadOnlyDatabaseFileIsAClearIoError) {
  { ASSERT_TRUE(AuditStore::Open(db_)); }
  ASSERT_EQ(::chmod(db_.c_str(), 0400), 0);
  if (::geteuid() == 0) {
    ASSERT_EQ(::chown(db_.c_str(), 65534, 65534), 0);
  }
  ASSERT_EQ(::chmod(dir_.c_str(), 0777), 0);
  const std::string path = db_;
  const int result = testutil::RunUnprivileged([&] {
    auto store = AuditStore::Open(path);
    if (store) return 1;
    if (store.error().code != ErrorCode::kIo) return 2;
    if (!Contains(store.error().message, path)) return 3;
    if (!Contains(store.error().message, "Permission denied")) return 4;
    return 0;
  });
  EXPECT_EQ(result, 0);
}

TEST(FullDisk, PageWritesFailWithAClearStickyErrorAndLoseNothingCommitted) {
  testing::TempDatabase tdb;
  OpenOptions options;
  options.max_page_count = 64;  // 64 x 4 KiB
  options.batch_pages = 4;
  auto store = AuditStore::Open(tdb.path(), options);
  ASSERT_TRUE(store) << store.error().ToString();
  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  std::mt19937 rng(7);
  int committed = 0;
  Status failure;
  for (int i = 0; i < 200 && failure; ++i) {
    // Random bytes do not compress: each page takes real space.
    failure =
        (*store)->RecordPage(*audit, Page("p/" + std::to_string(i), Noise(rng, 3000)), Meta(), {});
    if (failure) failure = (*store)->Flush();
    if (failure) ++committed;
  }
  ASSERT_FALSE(failure) << "the cap never filled";
  EXPECT_GT(committed, 0);
  EXPECT_EQ(failure.error().code, ErrorCode::kIo);
  EXPECT_TRUE(Contains(failure.error().message, tdb.path())) << failure.error().message;
  EXPECT_TRUE(Contains(failure.error().message, "full")) << failure.error().message;

  // Sticky: the audit cannot be completed as if nothing happened.
  auto more = (*store)->RecordPage(*audit, Page("late", "x"), Meta(), {});
  ASSERT_FALSE(more);
  EXPECT_EQ(more.error().code, ErrorCode::kIo);
  auto finished = (*store)->FinishAudit(*audit, {}, {}, Day(0));
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().code, ErrorCode::kIo);
  store->reset();

  // With space again, everything committed before the failure is there and intact.
  auto reopened = AuditStore::Open(tdb.path());
  ASSERT_TRUE(reopened) << reopened.error().ToString();
  ASSERT_TRUE((*reopened)->MarkStaleAuditsInterrupted());
  auto pages = (*reopened)->LoadAuditPages(*audit);
  ASSERT_TRUE(pages) << pages.error().ToString();
  EXPECT_EQ(static_cast<int>(pages->size()), committed);
  auto interrupted = (*reopened)->FindInterruptedAudit(kSite);
  ASSERT_TRUE(interrupted);
  EXPECT_EQ(interrupted->value_or(0), *audit);
}

TEST(FullDisk, BeginAuditOnAFullDatabaseIsAClearError) {
  testing::TempDatabase tdb;
  int64_t pages_now = 0;
  {
    auto store = AuditStore::Open(tdb.path());
    ASSERT_TRUE(store);
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(tdb.path().c_str(), &db), SQLITE_OK);
    // No free pages left in the file (a migration frees some): the limit below is the room
    // there is.
    ASSERT_EQ(sqlite3_exec(db, "VACUUM", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &stmt, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    pages_now = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }
  OpenOptions options;
  options.max_page_count = pages_now;
  auto store = AuditStore::Open(tdb.path(), options);
  ASSERT_TRUE(store) << store.error().ToString();
  std::mt19937 rng(3);
  // Fill the room left in the last pages with archive cache entries.
  Status s;
  for (int i = 0; i < 100 && s; ++i) {
    s = (*store)->PutArchiveCache("wayback", "u" + std::to_string(i), Noise(rng, 2000), Day(0));
  }
  auto audit = (*store)->BeginAudit(kSite, std::string(5000, 'o'), Day(0));
  ASSERT_FALSE(audit);
  EXPECT_EQ(audit.error().code, ErrorCode::kIo);
  EXPECT_TRUE(Contains(audit.error().message, "full")) << audit.error().message;
}

}  // namespace
}  // namespace sightline::storage
