// Finding lifecycle over several audits of one site, with findings built by hand: the
// analyzer's output is not under test here, the store's bookkeeping is.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "storage/audit_store.h"
#include "tests/storage/store_test_util.h"
#include "tests/support/temp_dir.h"

namespace sightline::storage {
namespace {

using analyzer::Risk;
using testutil::Day;
using testutil::kSite;
using testutil::MakeFinding;
using testutil::Meta;
using testutil::Page;

std::map<std::string, ReportedFinding> ById(const std::vector<ReportedFinding>& findings) {
  std::map<std::string, ReportedFinding> out;
  for (const auto& f : findings) out[f.finding.id] = f;
  return out;
}

std::string Url(const std::string& path) { return std::string(kSite) + path; }

class LifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = AuditStore::Open(db_.path());
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
  }

  // One complete audit: pages recorded, then findings.
  int64_t RunAudit(WallTime when, const std::vector<crawler::FetchedPage>& pages,
                   const std::vector<PageMeta>& metas,
                   const std::vector<analyzer::Finding>& findings) {
    auto audit = store_->BeginAudit(kSite, "{}", when);
    EXPECT_TRUE(audit) << audit.error().ToString();
    for (size_t i = 0; i < pages.size(); ++i) {
      EXPECT_TRUE(store_->RecordPage(*audit, pages[i], metas[i], {}));
    }
    AuditCounts counts;
    counts.pages_fetched = static_cast<int>(pages.size());
    auto s = store_->FinishAudit(*audit, findings, counts, when + std::chrono::minutes(5));
    EXPECT_TRUE(s) << s.error().ToString();
    return *audit;
  }

  testing::TempDatabase db_;
  std::unique_ptr<AuditStore> store_;
};

TEST_F(LifecycleTest, ThreeAuditsTrackNewPersistingResolvedAndNoindex) {
  crawler::FetchedPage post3 = Page("post3", "<p>three</p>");
  post3.last_modified = "Tue, 01 Jun 2021 08:00:00 GMT";
  const int64_t a1 =
      RunAudit(Day(0), {Page("post1", "<p>one</p>"), Page("post2", "<p>two</p>"), post3},
               {Meta(), Meta(true, "2019-03-02"), Meta()},
               {MakeFinding("gone", "post1"), MakeFinding("stays", "post2", Risk::kHigh),
                MakeFinding("hidden", "post3")});

  crawler::FetchedPage post3_noindex = post3;
  post3_noindex.body = "<meta name=robots content=noindex><p>three</p>";
  const int64_t a2 = RunAudit(
      Day(7), {Page("post2", "<p>two, edited</p>"), post3_noindex, Page("post4", "<p>4</p>")},
      {Meta(true, "2019-03-02"), Meta(false), Meta()},
      {MakeFinding("stays", "post2", Risk::kCritical),
       MakeFinding("hidden", "post3", Risk::kHigh, /*indexable=*/false),
       MakeFinding("fresh", "post4", Risk::kMedium)});

  // An interrupted audit in between does not count as "the previous audit".
  auto broken = store_->BeginAudit(kSite, "{}", Day(10));
  ASSERT_TRUE(broken);
  ASSERT_TRUE(store_->RecordPage(*broken, Page("post2", "<p>x</p>"), Meta(), {}));
  ASSERT_TRUE(store_->AbandonAudit(*broken, Day(10)));

  const int64_t a3 = RunAudit(
      Day(14), {Page("post2", "<p>two, edited</p>"), post3_noindex, Page("post4", "<p>4</p>")},
      {Meta(true, "2019-03-02"), Meta(false), Meta()},
      {MakeFinding("stays", "post2", Risk::kCritical),
       MakeFinding("hidden", "post3", Risk::kHigh, false),
       MakeFinding("fresh", "post4", Risk::kMedium)});

  // Audit 1: everything is new; the window starts at the page's own date when earlier.
  auto r1 = store_->LoadReport(a1);
  ASSERT_TRUE(r1) << r1.error().ToString();
  EXPECT_FALSE(r1->audit.previous_id.has_value());
  auto f1 = ById(r1->findings);
  ASSERT_EQ(f1.size(), 3u);
  for (const auto& [id, f] : f1) EXPECT_EQ(f.status, FindingStatus::kNew) << id;
  EXPECT_EQ(f1["stays"].exposure.first_seen, "2019-03-02T00:00:00Z");
  EXPECT_TRUE(f1["stays"].exposure.exposed_since_published);
  EXPECT_EQ(f1["hidden"].exposure.first_seen, "2021-06-01T00:00:00Z");
  EXPECT_EQ(f1["gone"].exposure.first_seen, "2026-01-01T00:00:00Z");
  EXPECT_FALSE(f1["gone"].exposure.exposed_since_published);

  // Audit 2: one resolved (absent), one resolved (noindex), one persisting with a new risk,
  // one new.
  auto r2 = store_->LoadReport(a2);
  ASSERT_TRUE(r2);
  EXPECT_EQ(r2->audit.previous_id, std::optional<int64_t>(a1));
  auto f2 = ById(r2->findings);
  ASSERT_EQ(f2.size(), 4u);
  EXPECT_EQ(f2["gone"].status, FindingStatus::kResolved);
  EXPECT_EQ(f2["gone"].resolved_reason, "absent");
  EXPECT_TRUE(f2["gone"].exposure.ever_indexable);
  EXPECT_FALSE(f2["gone"].exposure.indexable) << "gone now; ever_indexable keeps the history";
  EXPECT_EQ(f2["gone"].exposure.first_seen, "2026-01-01T00:00:00Z");
  EXPECT_EQ(f2["gone"].exposure.last_seen, "2026-01-01T00:00:00Z");
  EXPECT_EQ(f2["gone"].finding.summary, MakeFinding("gone", "post1").summary);
  ASSERT_EQ(f2["gone"].finding.details.size(), 1u);
  EXPECT_EQ(f2["gone"].finding.details[0].normalized, "41");

  EXPECT_EQ(f2["hidden"].status, FindingStatus::kResolved);
  EXPECT_EQ(f2["hidden"].resolved_reason, "noindex");
  EXPECT_FALSE(f2["hidden"].exposure.indexable);
  EXPECT_TRUE(f2["hidden"].exposure.ever_indexable);

  EXPECT_EQ(f2["stays"].status, FindingStatus::kPersisting);
  EXPECT_EQ(f2["stays"].finding.risk, Risk::kCritical);
  EXPECT_EQ(f2["stays"].previous_risk, std::optional<Risk>(Risk::kHigh));
  EXPECT_EQ(f2["stays"].exposure.first_seen, "2019-03-02T00:00:00Z");
  EXPECT_EQ(f2["stays"].exposure.last_seen, "2026-01-08T00:00:00Z");
  EXPECT_GT(f2["stays"].exposure.exposed_days, 2000);

  EXPECT_EQ(f2["fresh"].status, FindingStatus::kNew);
  EXPECT_EQ(f2["fresh"].exposure.first_seen, "2026-01-08T00:00:00Z");

  // Current findings first (by risk), resolved ones last.
  ASSERT_EQ(r2->findings.size(), 4u);
  EXPECT_EQ(r2->findings[0].finding.id, "stays");
  EXPECT_EQ(r2->findings[3].status, FindingStatus::kResolved);

  // Audit 3 compares with audit 2, not the interrupted one: nothing new, nothing resolved
  // again; the noindex finding is still on the page, not indexable.
  auto r3 = store_->LoadReport(a3);
  ASSERT_TRUE(r3);
  EXPECT_EQ(r3->audit.previous_id, std::optional<int64_t>(a2));
  auto f3 = ById(r3->findings);
  ASSERT_EQ(f3.size(), 3u);
  EXPECT_EQ(f3.count("gone"), 0u);
  EXPECT_EQ(f3["stays"].status, FindingStatus::kPersisting);
  EXPECT_FALSE(f3["stays"].previous_risk.has_value());
  EXPECT_EQ(f3["fresh"].status, FindingStatus::kPersisting);
  EXPECT_EQ(f3["fresh"].exposure.first_seen, "2026-01-08T00:00:00Z");
  EXPECT_EQ(f3["fresh"].exposure.last_seen, "2026-01-15T00:00:00Z");
  EXPECT_EQ(f3["hidden"].status, FindingStatus::kPersisting);
  EXPECT_FALSE(f3["hidden"].exposure.indexable);

  // History: every audit, oldest first, with counts of current findings per risk.
  ASSERT_EQ(r3->history.size(), 4u);
  EXPECT_EQ(r3->history[0].high, 3);
  EXPECT_EQ(r3->history[0].new_findings, 3);
  EXPECT_EQ(r3->history[1].critical, 1);
  EXPECT_EQ(r3->history[1].medium, 1);
  EXPECT_EQ(r3->history[1].high, 0);
  EXPECT_EQ(r3->history[1].new_findings, 1);
  EXPECT_EQ(r3->history[1].resolved_findings, 2);
  EXPECT_EQ(r3->history[2].state, "interrupted");
  EXPECT_EQ(r3->history[2].pages, 1);
  EXPECT_EQ(r3->history[3].new_findings, 0);
  EXPECT_EQ(r3->history[3].resolved_findings, 0);
}

// A finding resolved as absent is copied from its last occurrence with the window it had:
// when its page's own date was earlier than the first audit, "online since at least" stays.
TEST_F(LifecycleTest, AResolvedAbsentFindingKeepsTheWindowFromItsPagesOwnDate) {
  RunAudit(Day(0), {Page("old", "<p>one</p>")}, {Meta(true, "2019-03-02")},
           {MakeFinding("gone", "old", Risk::kHigh)});
  const int64_t a2 =
      RunAudit(Day(7), {Page("old", "<p>edited</p>")}, {Meta(true, "2019-03-02")}, {});
  auto r2 = store_->LoadReport(a2);
  ASSERT_TRUE(r2);
  ASSERT_EQ(r2->findings.size(), 1u);
  const ReportedFinding& gone = r2->findings[0];
  EXPECT_EQ(gone.status, FindingStatus::kResolved);
  EXPECT_EQ(gone.resolved_reason, "absent");
  EXPECT_EQ(gone.finding.risk, Risk::kHigh);
  EXPECT_EQ(gone.exposure.first_seen, "2019-03-02T00:00:00Z");
  EXPECT_TRUE(gone.exposure.exposed_since_published);
  EXPECT_EQ(gone.exposure.last_seen, "2026-01-01T00:00:00Z");
  EXPECT_FALSE(gone.exposure.indexable);
  EXPECT_TRUE(gone.exposure.ever_indexable);
  EXPECT_FALSE(gone.previous_risk.has_value());
}

// Findings streamed into FinishAuditStreaming are stored as they come; an error from the
// producer rolls them all back and leaves the audit running, to be abandoned and resumed.
TEST_F(LifecycleTest, StreamedFindingsAreStoredAndAProducersErrorRollsBack) {
  auto audit = store_->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE(store_->RecordPage(*audit, Page("a", "<p>a</p>"), Meta(), {}));
  int stored = 0;
  Status failed = store_->FinishAuditStreaming(
      *audit,
      [&](const AuditStore::FindingSink& sink) -> Status {
        if (auto s = sink(MakeFinding("first", "a")); !s) return s;
        ++stored;
        return Fail(ErrorCode::kIo, "linkage file unreadable");
      },
      {}, Day(0));
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "linkage file unreadable");
  EXPECT_EQ(stored, 1);
  auto running = store_->LoadReport(*audit);
  ASSERT_TRUE(running);
  EXPECT_EQ(running->audit.state, "running");
  EXPECT_TRUE(running->findings.empty()) << "rolled back";

  ASSERT_TRUE(store_->FinishAuditStreaming(
      *audit,
      [&](const AuditStore::FindingSink& sink) -> Status {
        for (const char* id : {"first", "second", "first"}) {
          if (auto s = sink(MakeFinding(id, "a")); !s) return s;
        }
        return Ok();
      },
      {}, Day(0)));
  auto done = store_->LoadReport(*audit);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->audit.state, "complete");
  auto by_id = ById(done->findings);
  EXPECT_EQ(by_id.size(), 2u) << "the same id twice is stored once";
  EXPECT_EQ(by_id.count("first") + by_id.count("second"), 2u);
}

TEST_F(LifecycleTest, DiffListsFindingAndPageChanges) {
  const int64_t a1 =
      RunAudit(Day(0), {Page("post1", "one"), Page("post2", "two"), Page("post3", "three")},
               {Meta(), Meta(), Meta()},
               {MakeFinding("gone", "post1"), MakeFinding("stays", "post2", Risk::kHigh),
                MakeFinding("same", "post3", Risk::kLow)});
  const int64_t a2 =
      RunAudit(Day(1), {Page("post2", "two, edited"), Page("post3", "three"), Page("post4", "4")},
               {Meta(), Meta(), Meta()},
               {MakeFinding("stays", "post2", Risk::kMedium),
                MakeFinding("same", "post3", Risk::kLow), MakeFinding("fresh", "post4")});
  auto diff = store_->Diff(a1, a2);
  ASSERT_TRUE(diff) << diff.error().ToString();
  EXPECT_EQ(diff->from.id, a1);
  EXPECT_EQ(diff->to.id, a2);
  ASSERT_EQ(diff->new_findings.size(), 1u);
  EXPECT_EQ(diff->new_findings[0].finding.id, "fresh");
  ASSERT_EQ(diff->resolved_findings.size(), 1u);
  EXPECT_EQ(diff->resolved_findings[0].finding.id, "gone");
  EXPECT_EQ(diff->resolved_findings[0].status, FindingStatus::kResolved);
  ASSERT_EQ(diff->changed_risk.size(), 1u);
  EXPECT_EQ(diff->changed_risk[0].finding.id, "stays");
  EXPECT_EQ(diff->changed_risk[0].previous_risk, std::optional<Risk>(Risk::kHigh));
  EXPECT_EQ(diff->pages_added, std::vector<std::string>{Url("post4")});
  EXPECT_EQ(diff->pages_removed, std::vector<std::string>{Url("post1")});
  EXPECT_EQ(diff->pages_changed, std::vector<std::string>{Url("post2")});

  // Audits of different sites do not diff.
  auto other = store_->BeginAudit("https://other.example/", "{}", Day(2));
  ASSERT_TRUE(other);
  ASSERT_TRUE(store_->FinishAudit(*other, {}, {}, Day(2)));
  auto mixed = store_->Diff(a1, *other);
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().code, ErrorCode::kInvalidArgument);
  auto missing = store_->Diff(a1, 999);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(LifecycleTest, AFindingThatComesBackIsNewButKeepsItsFirstSighting) {
  RunAudit(Day(0), {Page("p", "a")}, {Meta()}, {MakeFinding("back", "p")});
  RunAudit(Day(1), {Page("p", "b")}, {Meta()}, {});
  const int64_t a3 = RunAudit(Day(2), {Page("p", "a")}, {Meta()}, {MakeFinding("back", "p")});
  auto r3 = store_->LoadReport(a3);
  ASSERT_TRUE(r3);
  ASSERT_EQ(r3->findings.size(), 1u);
  EXPECT_EQ(r3->findings[0].status, FindingStatus::kNew);
  EXPECT_EQ(r3->findings[0].exposure.first_seen, "2026-01-01T00:00:00Z");
}

TEST_F(LifecycleTest, ListAuditsAndLatestAuditArePerSite) {
  const int64_t a1 = RunAudit(Day(0), {}, {}, {});
  const int64_t a2 = RunAudit(Day(1), {}, {}, {});
  auto other = store_->BeginAudit("https://other.example/", R"({"x":1})", Day(2));
  ASSERT_TRUE(other);
  auto list = store_->ListAudits(kSite);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, a2);
  EXPECT_EQ((*list)[0].previous_id, std::optional<int64_t>(a1));
  EXPECT_EQ((*list)[0].state, "complete");
  EXPECT_EQ((*list)[0].started_at, "2026-01-02T00:00:00Z");
  EXPECT_EQ((*list)[0].finished_at, "2026-01-02T00:05:00Z");
  auto all = store_->ListAudits("");
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].state, "running");
  EXPECT_EQ((*all)[0].options_json, R"({"x":1})");
  auto latest = store_->LatestAudit(kSite);
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->value_or(0), a2);
  auto latest_other = store_->LatestAudit("https://other.example/");
  ASSERT_TRUE(latest_other);
  EXPECT_FALSE(latest_other->has_value());  // still running
  auto history = store_->History("https://nowhere.example/");
  ASSERT_TRUE(history);
  EXPECT_TRUE(history->empty());
}

}  // namespace
}  // namespace sightline::storage
