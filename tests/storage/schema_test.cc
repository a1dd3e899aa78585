// Forward migrations: a database written at every earlier schema version opens, migrates to
// the current one, and keeps its data; newer or foreign databases are refused.
#include "storage/internal/schema.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "storage/audit_store.h"
#include "tests/storage/store_test_util.h"
#include "tests/support/temp_dir.h"

namespace sightline::storage {
namespace {

using testutil::Day;
using testutil::kSite;

void Exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

// Writes a database at `version` with the migrations this build ships.
void BuildAtVersion(const std::string& path, int version) {
  auto db = internal::Db::Open(path, false);
  if (!db) {
    Exec(path, "SELECT 1");  // creates the file
    db = internal::Db::Open(path, false);
  }
  ASSERT_TRUE(db) << db.error().ToString();
  ASSERT_TRUE(internal::Migrate(*db, version));
  auto v = internal::SchemaVersion(*db);
  ASSERT_TRUE(v);
  ASSERT_EQ(*v, version);
}

TEST(Schema, EveryEarlierVersionMigratesToTheCurrentOne) {
  for (int version = 0; version < kSchemaVersion; ++version) {
    SCOPED_TRACE(version);
    testing::TempDatabase tdb;
    BuildAtVersion(tdb.path(), version);
    auto store = AuditStore::Open(tdb.path());
    ASSERT_TRUE(store) << store.error().ToString();
    // Everything the current schema offers works on the migrated file.
    auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
    ASSERT_TRUE(audit);
    ASSERT_TRUE((*store)->RecordPage(*audit, testutil::Page("a", "x"), testutil::Meta(), {}));
    ASSERT_TRUE((*store)->FinishAudit(*audit, {testutil::MakeFinding("f", "a")}, {}, Day(0)));
    ASSERT_TRUE((*store)->Acknowledge("f", "done", Day(1)));
    ASSERT_TRUE((*store)->PutArchiveCache("wayback", "u", "[]", Day(0)));
  }
}

TEST(Schema, Version1DatabaseKeepsItsAuditsAndGainsAcksAndArchiveCache) {
  testing::TempDatabase tdb;
  BuildAtVersion(tdb.path(), 1);
  // A v1 file as an older sightline left it: one complete audit with a page and a finding.
  Exec(tdb.path(), R"sql(
    INSERT INTO sites(id, url) VALUES (1, 'https://clinic.example/');
    INSERT INTO audits(id, site_id, started_at, finished_at, state, pages_fetched)
      VALUES (1, 1, '2025-06-01T00:00:00Z', '2025-06-01T00:10:00Z', 'complete', 1);
    INSERT INTO pages(id, site_id, url) VALUES (1, 1, 'https://clinic.example/a');
    INSERT INTO fetches(audit_id, page_id, status, final_url, fetched_at)
      VALUES (1, 1, 200, 'https://clinic.example/a', '2025-06-01T00:01:00Z');
    INSERT INTO findings(id, site_id, fingerprint, kind, first_seen_audit, last_seen_audit,
      first_seen_at, last_seen_at, ever_indexable)
      VALUES (1, 1, 'old-finding', 'direct_identifier', 1, 1, '2025-06-01T00:00:00Z',
              '2025-06-01T00:00:00Z', 1);
    INSERT INTO occurrences(audit_id, finding_id, status, risk, k, summary, details_json,
      pages_json, advice, indexable, first_seen, last_seen, ever_indexable)
      VALUES (1, 1, 'new', 'high', 1.0, 'A phone number.', '[]',
              '["https://clinic.example/a"]', 'Remove it.', 1, '2025-06-01T00:00:00Z',
              '2025-06-01T00:00:00Z', 1);
  )sql");
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(tdb.path().c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw,
                                 "SELECT count(*) FROM sqlite_schema WHERE name = "
                                 "'finding_acks'",
                                 -1, &stmt, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(stmt, 0), 0) << "v1 has no acks table";
    sqlite3_finalize(stmt);
    sqlite3_close(raw);
  }

  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store) << store.error().ToString();
  auto report = (*store)->LoadReport(1);
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->audit.site, "https://clinic.example/");
  ASSERT_EQ(report->pages.size(), 1u);
  ASSERT_EQ(report->findings.size(), 1u);
  EXPECT_EQ(report->findings[0].finding.summary, "A phone number.");
  EXPECT_EQ(report->findings[0].finding.kind, analyzer::FindingKind::kDirectIdentifier);

  ASSERT_TRUE((*store)->Acknowledge("old-finding", "asked Google to drop it", Day(0)));
  report = (*store)->LoadReport(1);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->findings[0].exposure.acknowledged);
  ASSERT_TRUE((*store)->PutArchiveCache("wayback", "https://clinic.example/a", "[]", Day(0)));

  // The next audit continues the old history: the v1 finding is resolved now.
  auto audit = (*store)->BeginAudit("https://clinic.example/", "{}", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE((*store)->FinishAudit(*audit, {}, {}, Day(0)));
  auto next = (*store)->LoadReport(*audit);
  ASSERT_TRUE(next);
  ASSERT_EQ(next->findings.size(), 1u);
  EXPECT_EQ(next->findings[0].status, FindingStatus::kResolved);
  EXPECT_EQ(next->findings[0].exposure.first_seen, "2025-06-01T00:00:00Z");
}

// A count(*) over `sql` in the file, read with plain SQLite.
int64_t Count(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK) return -1;
  sqlite3_stmt* stmt = nullptr;
  int64_t n = -1;
  if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    n = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
  return n;
}

TEST(Schema, Version2DatabaseKeepsItsAcksAndArchiveCacheAndGainsStoredAnalyses) {
  testing::TempDatabase tdb;
  BuildAtVersion(tdb.path(), 2);
  // A v2 file: a complete audit whose finding was resolved and acknowledged, and a cached
  // Wayback answer (fetched_at is Unix seconds).
  Exec(tdb.path(), R"sql(
    INSERT INTO sites(id, url) VALUES (1, 'https://clinic.example/');
    INSERT INTO audits(id, site_id, started_at, finished_at, state, pages_fetched)
      VALUES (1, 1, '2025-06-01T00:00:00Z', '2025-06-01T00:10:00Z', 'complete', 0);
    INSERT INTO findings(id, site_id, fingerprint, kind, first_seen_audit, last_seen_audit,
      resolved_audit, first_seen_at, last_seen_at, ever_indexable)
      VALUES (1, 1, 'v2-finding', 'patient_reidentification', 1, 1, 1,
              '2025-05-01T00:00:00Z', '2025-05-20T00:00:00Z', 1);
    INSERT INTO occurrences(audit_id, finding_id, status, risk, k, summary, details_json,
      pages_json, advice, indexable, first_seen, last_seen, ever_indexable)
      VALUES (1, 1, 'resolved', 'critical', 0.01, 'A 41-year-old bus driver.', '[]',
              '["https://clinic.example/a"]', 'Ask Google.', 0, '2025-05-01T00:00:00Z',
              '2025-05-20T00:00:00Z', 1);
    INSERT INTO finding_acks(fingerprint, note, acked_at)
      VALUES ('v2-finding', 'Search Console removal', '2025-06-02T00:00:00Z');
    INSERT INTO archive_cache(archive, url, fetched_at, json)
      VALUES ('wayback', 'https://clinic.example/a', 1767225600, '[{"digest":"x"}]');
  )sql");
  ASSERT_EQ(Count(tdb.path(), "SELECT count(*) FROM sqlite_schema WHERE name = 'analyses'"), 0)
      << "v2 has no stored analyses";

  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ(Count(tdb.path(), "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(Count(tdb.path(), "SELECT count(*) FROM sqlite_schema WHERE name = 'analyses'"), 1);
  auto report = (*store)->LoadReport(1);
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_EQ(report->findings.size(), 1u);
  EXPECT_EQ(report->findings[0].status, FindingStatus::kResolved);
  EXPECT_TRUE(report->findings[0].exposure.acknowledged);
  EXPECT_EQ(report->findings[0].exposure.ack_note, "Search Console removal");
  auto cached = (*store)->GetArchiveCache("wayback", "https://clinic.example/a", Day(0),
                                          std::chrono::hours(24));
  ASSERT_TRUE(cached) << cached.error().ToString();
  EXPECT_EQ(cached->value_or(""), R"([{"digest":"x"}])");
  // A new audit on the migrated file stores its pages and continues the site's history.
  auto audit = (*store)->BeginAudit("https://clinic.example/", "{}", Day(1));
  ASSERT_TRUE(audit);
  ASSERT_TRUE((*store)->RecordPage(*audit, testutil::Page("a", "<p>x</p>"), testutil::Meta(), {}));
  ASSERT_TRUE((*store)->FinishAudit(*audit, {}, {}, Day(1)));
  auto next = (*store)->LoadReport(*audit);
  ASSERT_TRUE(next) << next.error().ToString();
  EXPECT_EQ(next->audit.previous_id, std::optional<int64_t>(1));
}

TEST(Schema, Version4OccurrenceTextsMoveOutOncePerDistinctContent) {
  testing::TempDatabase tdb;
  BuildAtVersion(tdb.path(), 4);
  // Two audits as v4 stored them, texts inline: the finding unchanged in both, then resolved
  // (its text copied into the resolving occurrence), and a second finding only in audit 2.
  Exec(tdb.path(), R"sql(
    INSERT INTO sites(id, url) VALUES (1, 'https://clinic.example/');
    INSERT INTO audits(id, site_id, started_at, finished_at, state)
      VALUES (1, 1, '2025-06-01T00:00:00Z', '2025-06-01T00:10:00Z', 'complete'),
             (2, 1, '2025-06-02T00:00:00Z', '2025-06-02T00:10:00Z', 'complete');
    INSERT INTO findings(id, site_id, fingerprint, kind, first_seen_audit, last_seen_audit,
      first_seen_at, last_seen_at, ever_indexable)
      VALUES (1, 1, 'story', 'patient_reidentification', 1, 2, '2025-06-01T00:00:00Z',
              '2025-06-02T00:00:00Z', 1),
             (2, 1, 'phone', 'direct_identifier', 2, 2, '2025-06-02T00:00:00Z',
              '2025-06-02T00:00:00Z', 1);
    INSERT INTO occurrences(audit_id, finding_id, status, risk, k, summary, details_json,
      pages_json, advice, indexable, reasons_json, first_seen, last_seen, ever_indexable,
      previous_risk)
      VALUES (1, 1, 'new', 'critical', 0.5, 'A 41-year-old bus driver.', '[]',
              '["https://clinic.example/a"]', 'Take it down.', 1, '[]',
              '2025-06-01T00:00:00Z', '2025-06-01T00:00:00Z', 1, NULL),
             (2, 1, 'persisting', 'high', 0.5, 'A 41-year-old bus driver.', '[]',
              '["https://clinic.example/a"]', 'Take it down.', 1, '[]',
              '2025-06-01T00:00:00Z', '2025-06-02T00:00:00Z', 1, 'critical'),
             (2, 2, 'new', 'high', 1.0, 'A phone number.', '[]',
              '["https://clinic.example/b"]', 'Remove it.', 0, '["noindex_meta"]',
              '2025-06-02T00:00:00Z', '2025-06-02T00:00:00Z', 1, NULL);
  )sql");

  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ(Count(tdb.path(), "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(Count(tdb.path(), "SELECT count(*) FROM occurrences"), 3);
  EXPECT_EQ(Count(tdb.path(), "SELECT count(*) FROM finding_texts"), 2);
  EXPECT_EQ(Count(tdb.path(),
                  "SELECT count(*) FROM pragma_table_info('occurrences') "
                  "WHERE name IN ('summary', 'details_json', 'advice')"),
            0)
      << "the inline text columns are gone";
  EXPECT_EQ(Count(tdb.path(),
                  "SELECT count(*) FROM sqlite_schema WHERE name IN "
                  "('occurrences_history', 'occurrences_by_text')"),
            2);

  auto second = (*store)->LoadReport(2);
  ASSERT_TRUE(second) << second.error().ToString();
  ASSERT_EQ(second->findings.size(), 2u);
  const ReportedFinding& story =
      second->findings[0].finding.id == "story" ? second->findings[0] : second->findings[1];
  const ReportedFinding& phone =
      second->findings[0].finding.id == "phone" ? second->findings[0] : second->findings[1];
  EXPECT_EQ(story.finding.summary, "A 41-year-old bus driver.");
  EXPECT_EQ(story.finding.advice, "Take it down.");
  EXPECT_EQ(story.status, FindingStatus::kPersisting);
  EXPECT_EQ(story.previous_risk, std::optional<analyzer::Risk>(analyzer::Risk::kCritical));
  EXPECT_EQ(story.exposure.first_seen, "2025-06-01T00:00:00Z");
  EXPECT_EQ(phone.finding.pages, std::vector<std::string>{"https://clinic.example/b"});
  EXPECT_EQ(phone.finding.exposure_reasons, std::vector<std::string>{"noindex_meta"});
  EXPECT_FALSE(phone.finding.indexable);

  // The next audit continues the history on the new layout: both are resolved, shown with
  // the texts that moved.
  auto audit = (*store)->BeginAudit("https://clinic.example/", "{}", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE((*store)->FinishAudit(*audit, {}, {}, Day(0)));
  auto next = (*store)->LoadReport(*audit);
  ASSERT_TRUE(next) << next.error().ToString();
  ASSERT_EQ(next->findings.size(), 2u);
  for (const auto& f : next->findings) {
    EXPECT_EQ(f.status, FindingStatus::kResolved);
    EXPECT_FALSE(f.finding.summary.empty());
  }
  EXPECT_EQ(Count(tdb.path(), "SELECT count(*) FROM finding_texts"), 2);
}

TEST(Schema, Version5MentionRowsBecomeOneArrayPerFetch) {
  testing::TempDatabase tdb;
  BuildAtVersion(tdb.path(), 5);
  Exec(tdb.path(), R"sql(
    INSERT INTO sites(id, url) VALUES (1, 'https://clinic.example/');
    INSERT INTO audits(id, site_id, started_at, state)
      VALUES (1, 1, '2025-06-01T00:00:00Z', 'complete');
    INSERT INTO pages(id, site_id, url) VALUES (1, 1, 'https://clinic.example/a'),
                                               (2, 1, 'https://clinic.example/b');
    INSERT INTO fetches(id, audit_id, page_id, status, final_url, fetched_at)
      VALUES (1, 1, 1, 200, 'https://clinic.example/a', '2025-06-01T00:01:00Z'),
             (2, 1, 2, 200, 'https://clinic.example/b', '2025-06-01T00:01:00Z');
    INSERT INTO mentions(fetch_id, type, text, normalized, block, span_begin, span_end, hidden,
      confidence, prior, attributes_json)
      VALUES (1, 'age', '41-year-old', '41', 0, 2, 13, 0, 0.9, 0.0131, '{}'),
             (1, 'condition', 'Wilson''s disease', 'wilson disease', 1, 0, 16, 1, 0.95,
              0.00003, '{"safe_harbor":"false"}'),
             (2, 'place', 'Chardon', 'chardon, oh', 0, 10, 17, 0, 0.8, 0.5, 'not json');
  )sql");

  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ(Count(tdb.path(), "SELECT count(*) FROM sqlite_schema WHERE name = 'mentions'"), 0);
  EXPECT_EQ(Count(tdb.path(), "SELECT count(*) FROM page_mentions"), 2);
  EXPECT_EQ(Count(tdb.path(),
                  "SELECT json_array_length(mentions_json) FROM page_mentions "
                  "WHERE fetch_id = 1"),
            2);
  EXPECT_EQ(Count(tdb.path(),
                  "SELECT count(*) FROM page_mentions, json_each(mentions_json) m "
                  "WHERE m.value ->> 0 = 'condition' AND m.value ->> 1 = "
                  "'Wilson''s disease' AND m.value ->> 6 = 1 AND "
                  "m.value ->> '$[9].safe_harbor' = 'false'"),
            1);
  EXPECT_EQ(Count(tdb.path(),
                  "SELECT count(*) FROM page_mentions WHERE fetch_id = 2 AND "
                  "json_extract(mentions_json, '$[0][9]') = '{}'"),
            1)
      << "an unreadable attribute column becomes {}";
  // Deleting an audit still takes its fetches' mentions with it.
  Exec(tdb.path(), "PRAGMA foreign_keys = ON; DELETE FROM audits WHERE id = 1;");
  EXPECT_EQ(Count(tdb.path(), "SELECT count(*) FROM page_mentions"), 0);
}

TEST(Schema, NewerDatabaseIsRefusedWithAClearMessage) {
  testing::TempDatabase tdb;
  BuildAtVersion(tdb.path(), kSchemaVersion);
  Exec(tdb.path(), "PRAGMA user_version = " + std::to_string(kSchemaVersion + 1));
  auto store = AuditStore::Open(tdb.path());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(store.error().message.find("newer"), std::string::npos) << store.error().message;
}

TEST(Schema, ForeignSqliteDatabaseIsRefusedAndLeftAlone) {
  testing::TempDatabase tdb;
  Exec(tdb.path(), "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);");
  auto store = AuditStore::Open(tdb.path());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(store.error().message.find("not a sightline"), std::string::npos);
}

TEST(Schema, NonDatabaseFileIsAClearError) {
  testing::TempDatabase tdb;
  Exec(tdb.path(), "SELECT 1");
  {
    FILE* f = std::fopen(tdb.path().c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs(
        "this is not a database, just some text long enough to fill a header......"
        "..............................................................",
        f);
    std::fclose(f);
  }
  auto store = AuditStore::Open(tdb.path());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(store.error().message.find(tdb.path()), std::string::npos);
}

// The history every report shows is counted from an index, not the occurrence rows.
TEST(Schema, HistoryCountsComeFromACoveringIndex) {
  testing::TempDatabase tdb;
  BuildAtVersion(tdb.path(), kSchemaVersion);
  EXPECT_EQ(Count(tdb.path(),
                  "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
                  "name = 'occurrences_history'"),
            1);
}

}  // namespace
}  // namespace sightline::storage
