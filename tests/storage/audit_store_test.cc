#include "storage/audit_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/storage/store_test_util.h"
#include "tests/support/temp_dir.h"

namespace sightline::storage {
namespace {

using testutil::Day;
using testutil::kSite;
using testutil::Meta;
using testutil::Page;

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

std::string QueryText(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

TEST(AuditStore, CreatesDatabaseOwnerOnlyInWalModeAtCurrentSchema) {
  testing::TempDatabase tdb;
  ::umask(022);
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ(ModeOf(tdb.path()), 0600);
  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE((*store)->RecordPage(*audit, Page("", "<p>hi</p>"), Meta(), {}));
  ASSERT_TRUE((*store)->Flush());
  EXPECT_EQ(ModeOf(tdb.path() + "-wal"), 0600);
  EXPECT_EQ(QueryText(tdb.path(), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryText(tdb.path(), "PRAGMA user_version"), std::to_string(kSchemaVersion));
}

TEST(AuditStore, TightensModeOfExistingDatabaseAndWalFiles) {
  testing::TempDatabase tdb;
  { ASSERT_TRUE(AuditStore::Open(tdb.path())); }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string file = tdb.path() + suffix;
    if (!std::filesystem::exists(file)) std::ofstream(file).close();
    ASSERT_EQ(::chmod(file.c_str(), 0644), 0);
  }
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ(ModeOf(tdb.path()), 0600);
  EXPECT_EQ(ModeOf(tdb.path() + "-wal"), 0600);
  EXPECT_EQ(ModeOf(tdb.path() + "-shm"), 0600);
}

TEST(AuditStore, RecordedPagesComeBackForResumeWithBodiesAndFetchFacts) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  auto audit = (*store)->BeginAudit(kSite, R"({"max_pages":10})", Day(0));
  ASSERT_TRUE(audit);
  crawler::FetchedPage redirected = Page("old", "<h1>moved</h1>", "\"v1\"");
  redirected.final_url = std::string(kSite) + "new";
  redirected.redirects = {{redirected.url, 301, redirected.final_url}};
  redirected.depth = 2;
  redirected.referrer = kSite;
  redirected.sitemap_lastmod = "2024-01-01";
  redirected.robots.bingbot = false;
  redirected.robots.robots_status = "ok";
  crawler::FetchedPage failed;
  failed.url = std::string(kSite) + "down";
  failed.error = "timeout";
  failed.error_detail = "no answer in 30 s";
  ASSERT_TRUE((*store)->RecordPage(*audit, redirected, Meta(), {}));
  ASSERT_TRUE((*store)->RecordPage(*audit, failed, Meta(false), {}));

  auto pages = (*store)->LoadAuditPages(*audit);
  ASSERT_TRUE(pages) << pages.error().ToString();
  ASSERT_EQ(pages->size(), 2u);
  const auto& p = (*pages)[0];
  EXPECT_EQ(p.url, redirected.url);
  EXPECT_EQ(p.final_url, redirected.final_url);
  EXPECT_EQ(p.body, "<h1>moved</h1>");
  EXPECT_EQ(p.etag, "\"v1\"");
  ASSERT_EQ(p.redirects.size(), 1u);
  EXPECT_EQ(p.redirects[0].status, 301);
  EXPECT_EQ(p.depth, 2);
  EXPECT_EQ(p.referrer, kSite);
  EXPECT_EQ(p.sitemap_lastmod, std::optional<std::string>("2024-01-01"));
  EXPECT_FALSE(p.robots.bingbot);
  EXPECT_EQ(p.Header("etag"), "\"v1\"");
  EXPECT_EQ(p.discovered_by, crawler::Discovery::kLink);
  EXPECT_TRUE(p.resumed);
  const auto& f = (*pages)[1];
  EXPECT_EQ(f.error, "timeout");
  EXPECT_EQ(f.error_detail, "no answer in 30 s");
  EXPECT_TRUE(f.body.empty());
}

TEST(AuditStore, ForEachAuditPageStreamsAndMayRecordWhileWalking) {
  testing::TempDatabase tdb;
  OpenOptions options;
  options.batch_pages = 2;  // the writer needs the store while the walk is running
  auto store = AuditStore::Open(tdb.path(), options);
  ASSERT_TRUE(store);
  auto old_audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(old_audit);
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE((*store)->RecordPage(*old_audit, Page(std::to_string(i), "b" + std::to_string(i)),
                                     Meta(), {}));
  }
  ASSERT_TRUE((*store)->FinishAudit(*old_audit, {}, {}, Day(0)));
  auto copy = (*store)->BeginAudit(kSite, "{}", Day(1));
  ASSERT_TRUE(copy);
  int seen = 0;
  auto walked = (*store)->ForEachAuditPage(*old_audit, [&](crawler::FetchedPage page) {
    EXPECT_EQ(page.body, "b" + std::to_string(seen));
    ++seen;
    return (*store)->RecordPage(*copy, page, Meta(), {});
  });
  ASSERT_TRUE(walked) << walked.error().ToString();
  EXPECT_EQ(seen, 100);
  auto copied = (*store)->LoadAuditPages(*copy);
  ASSERT_TRUE(copied);
  EXPECT_EQ(copied->size(), 100u);

  auto stopped = (*store)->ForEachAuditPage(*old_audit, [](crawler::FetchedPage) -> Status {
    return Fail(ErrorCode::kCancelled, "stop");
  });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().code, ErrorCode::kCancelled);
}

TEST(AuditStore, RecordingAUrlTwiceInOneAuditKeepsTheLastRecord) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE((*store)->RecordPage(*audit, Page("a", "first"), Meta(), {}));
  ASSERT_TRUE((*store)->Flush());
  ASSERT_TRUE((*store)->RecordPage(*audit, Page("a", "second"), Meta(), {}));
  auto pages = (*store)->LoadAuditPages(*audit);
  ASSERT_TRUE(pages);
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ((*pages)[0].body, "second");
}

TEST(AuditStore, ValidatorsAndBodyComeFromTheLatestAuditAndSurviveA304) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  auto first = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(first);
  crawler::FetchedPage page = Page("post", "<p>v1</p>", "\"e1\"");
  page.last_modified = "Sat, 02 Mar 2019 10:00:00 GMT";
  ASSERT_TRUE((*store)->RecordPage(*first, page, Meta(), {}));
  ASSERT_TRUE((*store)->FinishAudit(*first, {}, {}, Day(0)));

  const std::string url = std::string(kSite) + "post";
  auto v = (*store)->LoadValidators(kSite, url);
  ASSERT_TRUE(v);
  ASSERT_TRUE(v->has_value());
  EXPECT_EQ((*v)->etag, "\"e1\"");
  EXPECT_EQ((*v)->last_modified, "Sat, 02 Mar 2019 10:00:00 GMT");

  // Second audit: the server answers 304 with no validators; the stored copy stays usable.
  auto second = (*store)->BeginAudit(kSite, "{}", Day(1));
  ASSERT_TRUE(second);
  crawler::FetchedPage not_modified;
  not_modified.url = url;
  not_modified.status = 304;
  not_modified.not_modified = true;
  ASSERT_TRUE((*store)->RecordPage(*second, not_modified, Meta(), {}));
  ASSERT_TRUE((*store)->FinishAudit(*second, {}, {}, Day(1)));
  v = (*store)->LoadValidators(kSite, url);
  ASSERT_TRUE(v && v->has_value());
  EXPECT_EQ((*v)->etag, "\"e1\"");
  auto body = (*store)->LoadLatestBody(kSite, url);
  ASSERT_TRUE(body && body->has_value());
  EXPECT_EQ(**body, "<p>v1</p>");
  auto report = (*store)->LoadReport(*second);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->pages.size(), 1u);
  EXPECT_FALSE(report->pages[0].content_hash.empty());

  auto unknown = (*store)->LoadValidators(kSite, std::string(kSite) + "never");
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->has_value());
}

TEST(AuditStore, IdenticalBodiesAreStoredOnceCompressed) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  const std::string body(100'000, 'x');
  ASSERT_TRUE((*store)->RecordPage(*audit, Page("a", body), Meta(), {}));
  ASSERT_TRUE((*store)->RecordPage(*audit, Page("b", body), Meta(), {}));
  ASSERT_TRUE((*store)->Flush());
  EXPECT_EQ(QueryText(tdb.path(), "SELECT count(*) FROM snapshots"), "1");
  EXPECT_LT(std::stoi(QueryText(tdb.path(), "SELECT length(zstd) FROM snapshots")), 1000);
  auto pages = (*store)->LoadAuditPages(*audit);
  ASSERT_TRUE(pages);
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_EQ((*pages)[1].body, body);
}

TEST(AuditStore, MentionsAreStoredPerFetch) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  analyzer::Mention m;
  m.type = analyzer::MentionType::kCondition;
  m.text = "Wilson's disease";
  m.normalized = "wilson disease";
  m.prior = 0.00003;
  m.attributes["safe_harbor"] = "false";
  ASSERT_TRUE((*store)->RecordPage(*audit, Page("a", "<p>x</p>"), Meta(), {m, m}));
  ASSERT_TRUE((*store)->Flush());
  // One row for the fetch, its mentions an array that SQLite's JSON functions can query.
  EXPECT_EQ(QueryText(tdb.path(), "SELECT count(*) FROM page_mentions"), "1");
  EXPECT_EQ(QueryText(tdb.path(), "SELECT count(*) FROM page_mentions, json_each(mentions_json)"),
            "2");
  EXPECT_EQ(QueryText(tdb.path(),
                      "SELECT m.value ->> 0 FROM page_mentions, json_each(mentions_json) m "
                      "WHERE m.value ->> 1 = 'Wilson''s disease' LIMIT 1"),
            "condition");
  EXPECT_EQ(QueryText(tdb.path(),
                      "SELECT json_extract(mentions_json, '$[0][2]') || ' ' || "
                      "json_extract(mentions_json, '$[0][8]') || ' ' || "
                      "json_extract(mentions_json, '$[0][9].safe_harbor') FROM page_mentions"),
            "wilson disease 3.0e-05 false");
}

TEST(AuditStore, WritesFromManyThreadsAllLand) {
  testing::TempDatabase tdb;
  OpenOptions options;
  options.batch_pages = 16;
  auto store = AuditStore::Open(tdb.path(), options);
  ASSERT_TRUE(store);
  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        const std::string path = "t" + std::to_string(t) + "/" + std::to_string(i);
        if (!(*store)->RecordPage(*audit, Page(path, "body " + path), Meta(), {})) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto pages = (*store)->LoadAuditPages(*audit);
  ASSERT_TRUE(pages);
  EXPECT_EQ(pages->size(), 400u);
}

TEST(AuditStore, LargePagesPassABoundedQueueIncludingOneLargerThanTheBudget) {
  testing::TempDatabase tdb;
  OpenOptions options;
  options.max_queued_bytes = 1 << 20;
  auto store = AuditStore::Open(tdb.path(), options);
  ASSERT_TRUE(store);
  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE((*store)->RecordPage(*audit, Page("huge", std::string(3 << 20, 'h')), Meta(), {}));
  for (int i = 0; i < 10; ++i) {
    crawler::FetchedPage page = Page("big/" + std::to_string(i), std::string(300'000, 'a' + i));
    ASSERT_TRUE((*store)->RecordPage(*audit, std::move(page), Meta(), {}));
  }
  auto pages = (*store)->LoadAuditPages(*audit);
  ASSERT_TRUE(pages);
  ASSERT_EQ(pages->size(), 11u);
  EXPECT_EQ((*pages)[0].body.size(), size_t{3} << 20);
  EXPECT_EQ((*pages)[10].body, std::string(300'000, 'j'));
}

TEST(AuditStore, DestroyingTheStoreWritesWhatIsQueued) {
  testing::TempDatabase tdb;
  int64_t audit_id = 0;
  {
    OpenOptions options;
    options.batch_interval = std::chrono::milliseconds(60'000);
    auto store = AuditStore::Open(tdb.path(), options);
    ASSERT_TRUE(store);
    auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
    ASSERT_TRUE(audit);
    audit_id = *audit;
    ASSERT_TRUE((*store)->RecordPage(audit_id, Page("a", "x"), Meta(), {}));
  }
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  auto pages = (*store)->LoadAuditPages(audit_id);
  ASSERT_TRUE(pages);
  EXPECT_EQ(pages->size(), 1u);
}

TEST(AuditStore, ArchiveCacheExpiresAfterItsTtl) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  const std::string url = std::string(kSite) + "post";
  ASSERT_TRUE((*store)->PutArchiveCache("wayback", url, R"([{"t":1}])", Day(0)));
  auto hit = (*store)->GetArchiveCache("wayback", url, Day(0) + std::chrono::hours(23),
                                       std::chrono::hours(24));
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->value_or(""), R"([{"t":1}])");
  auto other = (*store)->GetArchiveCache("commoncrawl", url, Day(0), std::chrono::hours(24));
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->has_value());
  auto stale = (*store)->GetArchiveCache("wayback", url, Day(0) + std::chrono::hours(25),
                                         std::chrono::hours(24));
  ASSERT_TRUE(stale);
  EXPECT_FALSE(stale->has_value());
  ASSERT_TRUE((*store)->PutArchiveCache("wayback", url, "[]", Day(2)));
  auto fresh = (*store)->GetArchiveCache("wayback", url, Day(2), std::chrono::hours(24));
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->value_or(""), "[]");
}

TEST(AuditStore, ReadOnlyStoreReadsReportsButCannotWrite) {
  testing::TempDatabase tdb;
  int64_t audit_id = 0;
  {
    auto store = AuditStore::Open(tdb.path());
    ASSERT_TRUE(store);
    auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
    ASSERT_TRUE(audit);
    audit_id = *audit;
    ASSERT_TRUE((*store)->FinishAudit(audit_id, {}, {}, Day(0)));
  }
  OpenOptions ro;
  ro.read_only = true;
  auto store = AuditStore::Open(tdb.path(), ro);
  ASSERT_TRUE(store) << store.error().ToString();
  auto latest = (*store)->LatestAudit(kSite);
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->value_or(0), audit_id);
  auto put = (*store)->PutArchiveCache("wayback", "u", "[]", Day(0));
  ASSERT_FALSE(put);
  EXPECT_EQ(put.error().code, ErrorCode::kIo);
  EXPECT_NE(put.error().message.find(tdb.path()), std::string::npos) << put.error().message;
}

TEST(AuditStore, OpeningAMissingFileReadOnlyIsAClearError) {
  testing::TempDatabase tdb;
  OpenOptions ro;
  ro.read_only = true;
  auto store = AuditStore::Open(tdb.path(), ro);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kIo);
  EXPECT_NE(store.error().message.find(tdb.path()), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(tdb.path()));
}

TEST(AuditStore, AcknowledgeNeedsAKnownFindingAndShowsInReports) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  auto missing = (*store)->Acknowledge("nope", "", Day(0));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE((*store)->FinishAudit(*audit, {testutil::MakeFinding("f1", "a")}, {}, Day(0)));
  ASSERT_TRUE((*store)->Acknowledge("f1", "removal requested at Google", Day(1)));
  auto report = (*store)->LoadReport(*audit);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->findings.size(), 1u);
  EXPECT_TRUE(report->findings[0].exposure.acknowledged);
  EXPECT_EQ(report->findings[0].exposure.ack_note, "removal requested at Google");
}

}  // namespace
}  // namespace sightline::storage
