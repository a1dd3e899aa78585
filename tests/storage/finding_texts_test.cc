// Occurrence texts are stored once per distinct content: an unchanged finding in the next
// audit refers to the text row the previous audit wrote, a changed one gets its own, and
// retention removes the texts no kept occurrence refers to.
#include "storage/internal/finding_texts.h"

#include <gtest/gtest.h>

#include "storage/audit_store.h"
#include "tests/storage/store_test_util.h"
#include "tests/support/sqlite_text.h"
#include "tests/support/temp_dir.h"

namespace sightline::storage {
namespace {

using testutil::Day;
using testutil::kSite;
using testutil::MakeFinding;
using testutil::Meta;
using testutil::Page;

std::string Rows(const std::string& path, const std::string& table) {
  return testing::SqliteQueryLines(path, "SELECT count(*) FROM " + table);
}

TEST(FindingTextDigest, FieldBoundariesAreNotAmbiguous) {
  const internal::FindingText a{"ab", "c", "", "", ""};
  const internal::FindingText b{"a", "bc", "", "", ""};
  EXPECT_NE(internal::FindingTextDigest(a), internal::FindingTextDigest(b));
  EXPECT_EQ(internal::FindingTextDigest(a), internal::FindingTextDigest(a));
  EXPECT_EQ(internal::FindingTextDigest(a).size(), 64u);
}

class FindingTextsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = AuditStore::Open(db_.path());
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
  }

  int64_t Audit(int day, const std::vector<analyzer::Finding>& findings) {
    auto audit = store_->BeginAudit(kSite, "{}", Day(day));
    EXPECT_TRUE(audit);
    if (!audit) return 0;
    for (const char* path : {"a", "b"}) {
      EXPECT_TRUE(store_->RecordPage(*audit, Page(path, "<p>x</p>"), Meta(), {}));
    }
    EXPECT_TRUE(store_->FinishAudit(*audit, findings, {}, Day(day)));
    return *audit;
  }

  testing::TempDatabase db_;
  std::unique_ptr<AuditStore> store_;
};

TEST_F(FindingTextsTest, AnUnchangedFindingReusesTheTextOfThePreviousAudit) {
  Audit(0, {MakeFinding("f1", "a"), MakeFinding("f2", "b")});
  EXPECT_EQ(Rows(db_.path(), "finding_texts"), "2\n");
  const int64_t second = Audit(1, {MakeFinding("f1", "a"), MakeFinding("f2", "b")});
  EXPECT_EQ(Rows(db_.path(), "occurrences"), "4\n");
  EXPECT_EQ(Rows(db_.path(), "finding_texts"), "2\n") << "the same texts are not stored twice";

  auto report = store_->LoadReport(second);
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_EQ(report->findings.size(), 2u);
  for (const auto& f : report->findings) {
    EXPECT_EQ(f.status, FindingStatus::kPersisting);
    EXPECT_EQ(f.finding.summary, MakeFinding("f1", "a").summary);
    ASSERT_EQ(f.finding.details.size(), 1u);
    EXPECT_EQ(f.finding.details[0].text, "41-year-old");
    EXPECT_EQ(f.finding.advice, "Remove the age and occupation.");
  }
}

TEST_F(FindingTextsTest, AChangedFindingGetsItsOwnTextAndTheOldOneStaysWithItsAudit) {
  const int64_t first = Audit(0, {MakeFinding("f1", "a")});
  analyzer::Finding changed = MakeFinding("f1", "a");
  changed.advice = "Take the story down.";
  const int64_t second = Audit(1, {changed});
  EXPECT_EQ(Rows(db_.path(), "finding_texts"), "2\n");

  auto before = store_->LoadReport(first);
  auto after = store_->LoadReport(second);
  ASSERT_TRUE(before && after);
  ASSERT_EQ(before->findings.size(), 1u);
  ASSERT_EQ(after->findings.size(), 1u);
  EXPECT_EQ(before->findings[0].finding.advice, "Remove the age and occupation.");
  EXPECT_EQ(after->findings[0].finding.advice, "Take the story down.");
}

TEST_F(FindingTextsTest, AResolvedFindingShowsItsLastTextWithoutACopy) {
  Audit(0, {MakeFinding("f1", "a"), MakeFinding("f2", "b")});
  const int64_t second = Audit(1, {MakeFinding("f2", "b")});
  EXPECT_EQ(Rows(db_.path(), "finding_texts"), "2\n");
  auto report = store_->LoadReport(second);
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_EQ(report->findings.size(), 2u);
  const ReportedFinding& resolved = report->findings[1];
  EXPECT_EQ(resolved.finding.id, "f1");
  EXPECT_EQ(resolved.status, FindingStatus::kResolved);
  EXPECT_EQ(resolved.resolved_reason, "absent");
  EXPECT_EQ(resolved.finding.summary, MakeFinding("f1", "a").summary);
  ASSERT_EQ(resolved.finding.details.size(), 1u);
  EXPECT_EQ(resolved.finding.pages, MakeFinding("f1", "a").pages);
}

TEST_F(FindingTextsTest, PruningRemovesOnlyTextsNoKeptOccurrenceRefersTo) {
  analyzer::Finding old_text = MakeFinding("f1", "a");
  old_text.advice = "Old advice.";
  Audit(0, {old_text, MakeFinding("f2", "b")});
  Audit(1, {MakeFinding("f1", "a"), MakeFinding("f2", "b")});
  EXPECT_EQ(Rows(db_.path(), "finding_texts"), "3\n");

  ASSERT_TRUE(store_->Prune(kSite, 1));
  EXPECT_EQ(Rows(db_.path(), "finding_texts"), "2\n") << "only the first audit used 'Old advice.'";
  EXPECT_EQ(testing::SqliteTableText(db_.path(), "finding_texts").find("Old advice."),
            std::string::npos);
  EXPECT_EQ(testing::SqliteIntegrityCheck(db_.path()), "ok");
  EXPECT_EQ(testing::SqliteQueryLines(db_.path(), "PRAGMA foreign_key_check"), "");
}

}  // namespace
}  // namespace sightline::storage
