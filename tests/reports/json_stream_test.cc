// The streamed JSON report (AuditJsonText) is byte for byte the DOM's dump(2): rich report,
// redacted, invalid UTF-8, non-finite numbers, no findings, no pages.
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "reports/report.h"
#include "tests/reports/report_fixture.h"

namespace sightline::reports {
namespace {

void ExpectSameText(const storage::AuditReport& report, const RenderOptions& options) {
  EXPECT_EQ(AuditJsonText(report, options), AuditToJson(report, options).dump(2) + "\n");
  EXPECT_EQ(RenderAudit(report, Format::kJson, options), AuditJsonText(report, options));
  std::string pieces;
  EXPECT_TRUE(WriteAuditJson(report, options, [&](std::string_view s) { pieces += s; }));
  EXPECT_EQ(pieces, AuditJsonText(report, options));
}

TEST(AuditJsonText, IsTheDocumentsIndentedDump) {
  const auto rich = testing::RichAuditReport();
  ASSERT_FALSE(rich.findings.empty());
  ASSERT_FALSE(rich.pages.empty());
  ExpectSameText(rich, {});
  ExpectSameText(rich, testing::Options(/*redact=*/true));
}

TEST(AuditJsonText, InvalidUtf8AndNonFiniteNumbersAreWrittenAsTheDocumentWouldBe) {
  auto odd = testing::RichAuditReport();
  odd.findings[0].finding.anonymity_set = std::numeric_limits<double>::quiet_NaN();
  odd.findings[0].finding.details[0].prior = std::numeric_limits<double>::infinity();
  odd.findings[1].finding.details[0].snippet = "broken \xff\xfe utf-8 \xc3";
  odd.pages[0].title = "\xe2\x82";
  ExpectSameText(odd, {});
  EXPECT_NE(AuditJsonText(odd, {}).find("broken \xef\xbf\xbd"), std::string::npos);
}

TEST(AuditJsonText, EmptyArraysStayEmpty) {
  auto report = testing::RichAuditReport();
  report.findings.clear();
  ExpectSameText(report, {});
  report.pages.clear();
  ExpectSameText(report, {});
  auto only_findings = testing::RichAuditReport();
  only_findings.pages.clear();
  ExpectSameText(only_findings, {});
}

TEST(AuditJsonText, ManyChunksRenderedOnTwoThreadsComeOutInOrder) {
  // More findings and pages than one rendering chunk (128), an odd count so the last chunk
  // is partial, and invalid UTF-8 in a later chunk's second half.
  auto report = testing::RichAuditReport();
  const auto findings = report.findings;
  const auto pages = report.pages;
  while (report.findings.size() < 517) {
    report.findings.insert(report.findings.end(), findings.begin(), findings.end());
  }
  while (report.pages.size() < 301)
    report.pages.insert(report.pages.end(), pages.begin(), pages.end());
  for (size_t i = 0; i < report.findings.size(); ++i) {
    report.findings[i].finding.summary += " #" + std::to_string(i);
  }
  report.findings[300].finding.details[0].snippet = "late \xff broken";
  ExpectSameText(report, {});
}

TEST(AuditJsonText, LargeReportsAreWrittenInPiecesOfAboutAMegabyte) {
  auto report = testing::RichAuditReport();
  const auto findings = report.findings;
  while (report.findings.size() < 3000) {
    report.findings.insert(report.findings.end(), findings.begin(), findings.end());
  }
  std::vector<size_t> sizes;
  std::string pieces;
  ASSERT_TRUE(WriteAuditJson(report, {}, [&](std::string_view s) {
    sizes.push_back(s.size());
    pieces += s;
  }));
  EXPECT_EQ(pieces, AuditJsonText(report, {}));
  ASSERT_GE(sizes.size(), 2u) << pieces.size() << " bytes in one piece";
  for (size_t i = 0; i + 1 < sizes.size(); ++i) EXPECT_LT(sizes[i], size_t{2} << 20);
}

}  // namespace
}  // namespace sightline::reports
