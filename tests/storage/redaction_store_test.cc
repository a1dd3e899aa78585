// --redact at the storage level: the store applies the masking hooks it is given before any
// detail reaches the file, and keeps finding ids so lifecycles still line up.
#include <gtest/gtest.h>

#include <string>

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

std::string Mask(std::string_view text) { return std::string(text.size(), '*'); }

analyzer::Finding MaskFinding(const analyzer::Finding& in) {
  analyzer::Finding out = in;
  out.summary = Mask(in.summary);
  for (auto& d : out.details) {
    d.text = Mask(d.text);
    d.normalized = Mask(d.normalized);
    d.snippet = Mask(d.snippet);
  }
  return out;
}

analyzer::Mention AgeMention() {
  analyzer::Mention m;
  m.type = analyzer::MentionType::kAge;
  m.text = "41-year-old";
  m.normalized = "41";
  return m;
}

TEST(RedactedStore, MentionsAndFindingsAreStoredMaskedWithTheirIds) {
  testing::TempDatabase tdb;
  OpenOptions options;
  options.redact_finding = MaskFinding;
  options.redact_text = Mask;
  auto store = AuditStore::Open(tdb.path(), options);
  ASSERT_TRUE(store) << store.error().ToString();
  auto audit = (*store)->BeginAudit(kSite, R"({"redact":true})", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE(
      (*store)->RecordPage(*audit, Page("story", "<p>A 41-year-old</p>"), Meta(), {AgeMention()}));
  ASSERT_TRUE((*store)->FinishAudit(*audit, {MakeFinding("f1", "story")}, {}, Day(0)));

  const std::string mentions = testing::SqliteTableText(tdb.path(), "page_mentions");
  EXPECT_EQ(mentions.find("41"), std::string::npos) << mentions;
  EXPECT_NE(mentions.find("***********"), std::string::npos);
  const std::string texts = testing::SqliteTableText(tdb.path(), "finding_texts");
  EXPECT_EQ(texts.find("bus driver"), std::string::npos) << texts;
  EXPECT_EQ(texts.find("41-year-old"), std::string::npos);

  auto report = (*store)->LoadReport(*audit);
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_EQ(report->findings.size(), 1u);
  EXPECT_EQ(report->findings[0].finding.id, "f1");
  ASSERT_EQ(report->findings[0].finding.details.size(), 1u);
  EXPECT_EQ(report->findings[0].finding.details[0].text, "***********");
}

TEST(RedactedStore, WithoutHooksDetailsAreStoredAsFound) {
  testing::TempDatabase tdb;
  auto store = AuditStore::Open(tdb.path());
  ASSERT_TRUE(store);
  auto audit = (*store)->BeginAudit(kSite, "{}", Day(0));
  ASSERT_TRUE(audit);
  ASSERT_TRUE(
      (*store)->RecordPage(*audit, Page("story", "<p>A 41-year-old</p>"), Meta(), {AgeMention()}));
  ASSERT_TRUE((*store)->FinishAudit(*audit, {MakeFinding("f1", "story")}, {}, Day(0)));
  EXPECT_NE(testing::SqliteTableText(tdb.path(), "page_mentions").find("41-year-old"),
            std::string::npos);
  EXPECT_NE(testing::SqliteTableText(tdb.path(), "finding_texts").find("bus driver"),
            std::string::npos);
}

}  // namespace
}  // namespace sightline::storage
