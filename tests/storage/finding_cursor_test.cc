// AuditStore::ForEachReportedFinding and LoadReportHeader: the findings of a stored audit one at
// a time, in LoadReport's order or in a given one, and the report without them. Real SQLite
// file, two audits so there are new, persisting (one with a changed risk) and resolved findings,
// acknowledgements, and more findings than fit a 128-finding rendering chunk.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

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

// Everything a report shows of a finding, as one comparable string.
std::string Describe(const ReportedFinding& r) {
  const auto& f = r.finding;
  std::string details;
  for (const auto& d : f.details) {
    details += fmt::format("[{}|{}|{}|{}-{}]", d.text, d.normalized, d.snippet, d.snippet_begin,
                           d.snippet_end);
  }
  return fmt::format(
      "{} kind={} risk={} status={} prev={} k={} summary={} pages={} details={} advice={} "
      "idx={} reasons={} first={} last={} days={} ever={} since_pub={} ack={} note={} why={}",
      f.id, static_cast<int>(f.kind), static_cast<int>(f.risk), static_cast<int>(r.status),
      r.previous_risk ? static_cast<int>(*r.previous_risk) : -1, f.anonymity_set, f.summary,
      fmt::join(f.pages, ","), details, f.advice, f.indexable, fmt::join(f.exposure_reasons, ","),
      r.exposure.first_seen, r.exposure.last_seen, r.exposure.exposed_days,
      r.exposure.ever_indexable, r.exposure.exposed_since_published, r.exposure.acknowledged,
      r.exposure.ack_note, r.resolved_reason);
}

Risk RiskFor(int i) { return static_cast<Risk>(i % 4); }

class FindingCursorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = AuditStore::Open(db_.path());
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    // Audit 1: 300 findings over 10 pages. Audit 2: the first 200 again (every third with a
    // higher risk), 100 new ones, the last 100 of audit 1 resolved.
    std::vector<analyzer::Finding> first, second;
    for (int i = 0; i < 300; ++i) {
      auto f =
          MakeFinding(fmt::format("f{:03}", (i * 7) % 300), fmt::format("p{}", i % 10), RiskFor(i));
      f.anonymity_set = (i % 5) * 0.25;  // ties in k, broken by id
      first.push_back(f);
      if (i < 200) {
        if (i % 3 == 0) f.risk = Risk::kCritical;
        second.push_back(f);
      }
    }
    for (int i = 0; i < 100; ++i) {
      auto f = MakeFinding(fmt::format("n{:03}", i), fmt::format("p{}", i % 10), RiskFor(i + 1));
      f.anonymity_set = (i % 3) * 0.5;
      second.push_back(f);
    }
    first_ = RunAudit(Day(0), first);
    second_ = RunAudit(Day(7), second);
    ASSERT_TRUE(store_->Acknowledge("f007", "asked the editor", Day(8)));
    ASSERT_TRUE(store_->Acknowledge("n003", "", Day(8)));
  }

  int64_t RunAudit(WallTime when, const std::vector<analyzer::Finding>& findings) {
    auto audit = store_->BeginAudit(kSite, "{}", when);
    EXPECT_TRUE(audit) << audit.error().ToString();
    for (int p = 0; p < 10; ++p) {
      EXPECT_TRUE(store_->RecordPage(*audit, Page(fmt::format("p{}", p), "<p>x</p>"), Meta(), {}));
    }
    AuditCounts counts;
    counts.pages_fetched = 10;
    auto s = store_->FinishAudit(*audit, findings, counts, when + std::chrono::minutes(5));
    EXPECT_TRUE(s) << s.error().ToString();
    return *audit;
  }

  std::vector<std::string> Walk(int64_t audit, const AuditStore::FindingOrder& order = {}) {
    std::vector<std::string> out;
    Status walked = store_->ForEachReportedFinding(
        audit,
        [&](ReportedFinding f) {
          out.push_back(Describe(f));
          return Ok();
        },
        order);
    EXPECT_TRUE(walked) << walked.error().ToString();
    return out;
  }

  testing::TempDatabase db_;
  std::unique_ptr<AuditStore> store_;
  int64_t first_ = 0, second_ = 0;
};

TEST_F(FindingCursorTest, WalksTheFindingsInLoadReportsOrderWithTheSameContent) {
  for (int64_t audit : {first_, second_}) {
    auto report = store_->LoadReport(audit);
    ASSERT_TRUE(report) << report.error().ToString();
    std::vector<std::string> expected;
    for (const auto& f : report->findings) expected.push_back(Describe(f));
    EXPECT_EQ(Walk(audit), expected) << "audit " << audit;
  }
  // The second audit really has every status, a changed risk and acknowledgements.
  auto report = store_->LoadReport(second_);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->findings.size(), 400u);
  int new_ = 0, persisting = 0, resolved = 0, changed = 0, acked = 0;
  for (const auto& f : report->findings) {
    new_ += f.status == FindingStatus::kNew;
    persisting += f.status == FindingStatus::kPersisting;
    resolved += f.status == FindingStatus::kResolved;
    changed += f.previous_risk.has_value();
    acked += f.exposure.acknowledged;
  }
  EXPECT_EQ(new_, 100);
  EXPECT_EQ(persisting, 200);
  EXPECT_EQ(resolved, 100);
  EXPECT_GT(changed, 0);
  EXPECT_EQ(acked, 2);
}

TEST_F(FindingCursorTest, AGivenOrderSortsLoadReportsListStably) {
  auto report = store_->LoadReport(second_);
  ASSERT_TRUE(report);
  // By anonymity set alone: many ties, which keep LoadReport's order.
  auto by_k = [](const FindingOrderKey& a, const FindingOrderKey& b) {
    return a.anonymity_set < b.anonymity_set;
  };
  auto sorted = report->findings;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.finding.anonymity_set < b.finding.anonymity_set;
  });
  std::vector<std::string> expected;
  for (const auto& f : sorted) expected.push_back(Describe(f));
  EXPECT_EQ(Walk(second_, by_k), expected);

  // The keys carry what the order needs.
  auto status_then_id = [](const FindingOrderKey& a, const FindingOrderKey& b) {
    if (a.status != b.status) return a.status < b.status;
    if (a.risk != b.risk) return a.risk < b.risk;
    return a.id > b.id;
  };
  sorted = report->findings;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    if (a.status != b.status) return a.status < b.status;
    if (a.finding.risk != b.finding.risk) return a.finding.risk < b.finding.risk;
    return a.finding.id > b.finding.id;
  });
  expected.clear();
  for (const auto& f : sorted) expected.push_back(Describe(f));
  EXPECT_EQ(Walk(second_, status_then_id), expected);
}

TEST_F(FindingCursorTest, TheHeaderIsTheReportWithoutFindings) {
  auto report = store_->LoadReport(second_);
  auto header = store_->LoadReportHeader(second_);
  ASSERT_TRUE(report);
  ASSERT_TRUE(header) << header.error().ToString();
  EXPECT_TRUE(header->findings.empty());
  EXPECT_EQ(header->audit.id, report->audit.id);
  EXPECT_EQ(header->audit.previous_id, report->audit.previous_id);
  EXPECT_EQ(header->audit.finished_at, report->audit.finished_at);
  ASSERT_EQ(header->pages.size(), report->pages.size());
  for (size_t i = 0; i < header->pages.size(); ++i) {
    EXPECT_EQ(header->pages[i].url, report->pages[i].url);
    EXPECT_EQ(header->pages[i].content_hash, report->pages[i].content_hash);
  }
  ASSERT_EQ(header->history.size(), 2u);
  EXPECT_EQ(header->history[1].new_findings, 100);
  EXPECT_EQ(header->history[1].resolved_findings, 100);
}

TEST_F(FindingCursorTest, TheCallbackMayUseTheStoreAndItsErrorStopsTheWalk) {
  int calls = 0;
  Status walked = store_->ForEachReportedFinding(second_, [&](ReportedFinding f) -> Status {
    // Not under the store's lock: reading and writing from here does not deadlock.
    auto header = store_->LoadReportHeader(second_);
    if (!header) return Unexpected(header.error());
    if (Status put = store_->PutArchiveCache("wayback", f.finding.id, "{}", Day(9)); !put) {
      return put;
    }
    if (++calls == 3) return Fail(ErrorCode::kIo, "disk full");
    return Ok();
  });
  ASSERT_FALSE(walked);
  EXPECT_EQ(walked.error().code, ErrorCode::kIo);
  EXPECT_EQ(calls, 3);
}

TEST_F(FindingCursorTest, AnUnknownAuditIsNotFound) {
  Status walked = store_->ForEachReportedFinding(9999, [](ReportedFinding) { return Ok(); });
  ASSERT_FALSE(walked);
  EXPECT_EQ(walked.error().code, ErrorCode::kNotFound);
  auto header = store_->LoadReportHeader(9999);
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sightline::storage
