// Stored per-page analyses (schema v3): written with the page, found again by content hash
// and variant, carried by a 304 under the body it confirmed, pruned with their snapshots,
// migrated into a version-2 file; and the one-page reads --resume uses.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "common/hash.h"
#include "storage/audit_store.h"
#include "storage/internal/schema.h"
#include "storage/internal/sqlite.h"
#include "tests/storage/store_test_util.h"
#include "tests/support/temp_dir.h"

namespace sightline::storage {
namespace {

using testutil::Day;
using testutil::kSite;
using testutil::Meta;
using testutil::Page;

PageMeta WithAnalysis(const std::string& variant, const std::string& data) {
  PageMeta meta = Meta();
  meta.analysis = StoredAnalysis{variant, "text/html", "text/html; charset=utf-8", data};
  return meta;
}

crawler::FetchedPage NotModified(const std::string& path) {
  crawler::FetchedPage p;
  p.url = std::string(kSite) + path;
  p.final_url = p.url;
  p.status = 304;
  p.not_modified = true;
  p.fetched_at = Day(1);
  return p;
}

int64_t CountRows(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = "SELECT count(*) FROM " + table;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const int64_t n = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

TEST(StoredAnalysis, IsFoundByContentHashAndVariantAfterReopening) {
  testing::TempDatabase tdb;
  const std::string body = "<p>A 41-year-old bus driver.</p>";
  const std::string data(5000, 'x');  // compressible, checked byte for byte
  {
    auto store = AuditStore::Open(tdb.path());
    ASSERT_TRUE(store);
    auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
    ASSERT_TRUE(audit);
    ASSERT_TRUE((*store)->RecordPage(*audit, Page("a", body), WithAnalysis("v1", data), {}));
    ASSERT_TRUE((*store)->FinishAudit(*audit, {}, {}, Day(0)));
  }
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  auto found = (*store)->LoadAnalysis(Sha256Hex(body), "v1");
  ASSERT_TRUE(found) << found.error().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->data, data);
  EXPECT_EQ((*found)->variant, "v1");
  EXPECT_EQ((*found)->content_type, "text/html");
  EXPECT_EQ((*found)->content_type_header, "text/html; charset=utf-8");
  // Another analyzer build or data set: not found, so the page is analysed again.
  auto other = (*store)->LoadAnalysis(Sha256Hex(body), "v2");
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->has_value());
  auto missing = (*store)->LoadAnalysis(Sha256Hex("another body"), "v1");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST(StoredAnalysis, ANotModifiedPageKeepsTheTypeAndHashOfTheBodyItConfirmed) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  const std::string body = "<p>unchanged</p>";
  auto first = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(first);
  ASSERT_TRUE((*store)->RecordPage(*first, Page("a", body, "\"e1\""), Meta(), {}));
  ASSERT_TRUE((*store)->FinishAudit(*first, {}, {}, Day(0)));

  // The second audit's 304 records an analysis (made from the stored copy) for that body.
  auto second = (*store)->BeginAudit(kSite, "{}", Day(1));
  ASSERT_TRUE(second);
  ASSERT_TRUE((*store)->RecordPage(*second, NotModified("a"), WithAnalysis("v1", "made"), {}));
  ASSERT_TRUE((*store)->FinishAudit(*second, {}, {}, Day(1)));

  auto copy = (*store)->LoadLatestCopy(kSite, std::string(kSite) + "a");
  ASSERT_TRUE(copy);
  ASSERT_TRUE(copy->has_value());
  EXPECT_EQ((*copy)->content_hash, Sha256Hex(body));
  EXPECT_EQ((*copy)->content_type, "text/html") << "the 200's type, not the 304's";
  EXPECT_EQ((*copy)->content_type_header, "text/html; charset=utf-8");
  auto snapshot = (*store)->LoadSnapshot((*copy)->content_hash);
  ASSERT_TRUE(snapshot);
  ASSERT_TRUE(snapshot->has_value());
  EXPECT_EQ(**snapshot, body);
  auto analysis = (*store)->LoadAnalysis(Sha256Hex(body), "v1");
  ASSERT_TRUE(analysis);
  ASSERT_TRUE(analysis->has_value());
  EXPECT_EQ((*analysis)->data, "made");

  auto unknown = (*store)->LoadLatestCopy(kSite, std::string(kSite) + "never-fetched");
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->has_value());
}

TEST(StoredAnalysis, PruningDropsAnalysesOfBodiesNoAuditKeeps) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  for (int i = 0; i < 3; ++i) {
    auto audit = (*store)->BeginAudit(kSite, "{}", Day(i));
    ASSERT_TRUE(audit);
    const std::string body = "<p>version " + std::to_string(i) + "</p>";
    ASSERT_TRUE((*store)->RecordPage(*audit, Page("a", body), WithAnalysis("v1", body), {}));
    ASSERT_TRUE((*store)->FinishAudit(*audit, {}, {}, Day(i)));
  }
  EXPECT_EQ(CountRows(tdb.path(), "analyses"), 3);
  ASSERT_TRUE((*store)->Prune(kSite, 1));
  EXPECT_EQ(CountRows(tdb.path(), "analyses"), 1);
  auto kept = (*store)->LoadAnalysis(Sha256Hex("<p>version 2</p>"), "v1");
  ASSERT_TRUE(kept);
  EXPECT_TRUE(kept->has_value());
}

TEST(StoredAnalysis, Version2DatabaseMigratesAndKeepsItsPages) {
  testing::TempDatabase tdb;
  {
    // A version-2 file as the previous sightline left it: one audit with one stored page.
    sqlite3* create = nullptr;
    ASSERT_EQ(sqlite3_open(tdb.path().c_str(), &create), SQLITE_OK);
    sqlite3_close(create);
    auto db = internal::Db::Open(tdb.path(), false);
    ASSERT_TRUE(db) << db.error().ToString();
    ASSERT_TRUE(internal::Migrate(*db, 2));
  }
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(tdb.path().c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, R"sql(
      INSERT INTO sites(id, url) VALUES (1, 'https://clinic.example/');
      INSERT INTO audits(id, site_id, started_at, finished_at, state, pages_fetched)
        VALUES (1, 1, '2025-06-01T00:00:00Z', '2025-06-01T00:10:00Z', 'complete', 1);
      INSERT INTO pages(id, site_id, url) VALUES (1, 1, 'https://clinic.example/a');
      INSERT INTO fetches(audit_id, page_id, status, final_url, content_type, fetched_at)
        VALUES (1, 1, 200, 'https://clinic.example/a', 'text/html', '2025-06-01T00:01:00Z');
    )sql",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store) << store.error().ToString();
  auto audits = (*store)->ListAudits(kSite);
  ASSERT_TRUE(audits);
  ASSERT_EQ(audits->size(), 1u);
  // Nothing stored yet for old pages: they are analysed once more, then reused.
  auto none = (*store)->LoadAnalysis(Sha256Hex("x"), "v1");
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE((*store)->RecordPage(*audit, Page("a", "x"), WithAnalysis("v1", "a"), {}));
  ASSERT_TRUE((*store)->FinishAudit(*audit, {}, {}, Day(0)));
  auto some = (*store)->LoadAnalysis(Sha256Hex("x"), "v1");
  ASSERT_TRUE(some);
  EXPECT_TRUE(some->has_value());
}

TEST(ResumeReads, OnePageOfAnAuditIsReadByUrlWithItsBody) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE((*store)->RecordPage(*audit, Page("a", "<p>a</p>"), Meta(), {}));
  ASSERT_TRUE((*store)->RecordPage(*audit, Page("b", "<p>b</p>"), Meta(), {}));
  auto urls = (*store)->AuditPageUrls(*audit);
  ASSERT_TRUE(urls);
  EXPECT_EQ(*urls, (std::vector<std::string>{std::string(kSite) + "a", std::string(kSite) + "b"}));
  auto page = (*store)->LoadAuditPage(*audit, std::string(kSite) + "b");
  ASSERT_TRUE(page);
  ASSERT_TRUE(page->has_value());
  EXPECT_EQ((*page)->body, "<p>b</p>");
  EXPECT_TRUE((*page)->resumed);
  EXPECT_EQ((*page)->content_type, "text/html");
  auto absent = (*store)->LoadAuditPage(*audit, std::string(kSite) + "c");
  ASSERT_TRUE(absent);
  EXPECT_FALSE(absent->has_value());
}

}  // namespace
}  // namespace sightline::storage
