// The streamed JSON report (AuditJsonText) is byte for byte the DOM's dump(2): rich report,
// redacted, invalid UTF-8, non-finite numbers, no findings, no pages.
#include <gtest/gtest.h>

#include <algorithm>
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

// More findings and pages than one rendering chunk (128), odd counts so the last chunk is
// partial.
storage::AuditReport ManyChunksReport() {
  auto report = testing::RichAuditReport();
  const auto findings = report.findings;
  const auto pages = report.pages;
  while (report.findings.size() < 517) {
    report.findings.insert(report.findings.end(), findings.begin(), findings.end());
  }
  while (report.pages.size() < 301) {
    report.pages.insert(report.pages.end(), pages.begin(), pages.end());
  }
  return report;
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

// Findings are written as text directly, not through the DOM: every escape and every shape
// their fields take must come out as the DOM's dump writes it.
TEST(AuditJsonText, FindingTextMatchesTheDocumentForEveryEscapeAndShape) {
  auto odd = testing::RichAuditReport();
  ASSERT_GE(odd.findings.size(), 2u);
  auto& f = odd.findings[0];
  f.finding.summary = std::string("quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f") +
                      std::string(1, '\x01') + std::string(1, '\x1f') +
                      "\x7f del, \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80";
  f.finding.advice = "";
  f.finding.details.clear();
  f.finding.pages.clear();
  f.previous_risk = analyzer::Risk::kCritical;
  f.exposure.reasons = {"noindex_meta", "x\ty"};
  f.exposure.archived = {{"wayback", "2025-01-02T03:04:05Z", "https://web.archive.org/x"},
                         {"archivetoday", "", ""}};
  f.exposure.ack_note = "asked \"Google\"";
  f.exposure.acknowledged = true;
  f.exposure.exposed_days = -3;
  f.finding.anonymity_set = 1e21;
  auto& g = odd.findings[1];
  ASSERT_FALSE(g.finding.details.empty());
  g.finding.details[0].prior = 0.1 + 0.2;
  g.finding.details[0].snippet_begin = 0;
  g.finding.details[0].snippet_end = std::numeric_limits<size_t>::max();
  g.finding.details[0].text = std::string("nul \0 inside", 13);
  g.previous_risk.reset();
  g.exposure.archived.clear();
  g.exposure.reasons.clear();
  g.finding.anonymity_set = 2.0;
  ExpectSameText(odd, {});
  ExpectSameText(odd, testing::Options(/*redact=*/true));
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
  auto report = ManyChunksReport();
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

// The findings of `report` as a source in report order (ReportOrderLess over their keys, as
// AuditStore::ForEachReportedFinding sorts them), counting the walks.
FindingSource SourceOf(const storage::AuditReport& report, int* walks) {
  std::vector<size_t> order(report.findings.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto key = [&](size_t i) {
    const auto& f = report.findings[i];
    return storage::FindingOrderKey{f.finding.id, f.status, f.finding.risk,
                                    f.finding.anonymity_set};
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return ReportOrderLess(key(a), key(b)); });
  return [&report, order, walks](const FindingEmitter& emit) {
    ++*walks;
    for (size_t i : order) {
      if (!emit(report.findings[i])) return false;
    }
    return true;
  };
}

std::string Streamed(const storage::AuditReport& report, const RenderOptions& options, int* walks,
                     bool* ok) {
  storage::AuditReport header = report;
  header.findings.clear();  // the streamed form never reads them
  std::string text;
  *ok = WriteAuditJson(header, SourceOf(report, walks), options,
                       [&](std::string_view s) { text += s; });
  return text;
}

void ExpectStreamedSame(const storage::AuditReport& report, const RenderOptions& options) {
  int walks = 0;
  bool ok = false;
  const std::string text = Streamed(report, options, &walks, &ok);
  EXPECT_TRUE(ok);
  EXPECT_EQ(text, AuditJsonText(report, options));
  // The redaction terms of all findings are gathered in a walk of their own.
  EXPECT_EQ(walks, options.redact ? 2 : 1);
}

TEST(StreamedAuditJson, FromAFindingSourceIsTheSameTextAsFromTheReport) {
  auto rich = testing::RichAuditReport();
  ASSERT_GE(rich.findings.size(), 3u);
  // The report holds them in the store's order, not in report order.
  std::reverse(rich.findings.begin(), rich.findings.end());
  ExpectStreamedSame(rich, {});
  ExpectStreamedSame(rich, testing::Options(/*redact=*/true));
  ExpectStreamedSame(rich,
                     testing::Options(/*redact=*/false, /*color=*/false, "2026-05-01T00:00:00Z"));
}

TEST(StreamedAuditJson, ManyChunksRedactedAndInvalidUtf8) {
  auto report = ManyChunksReport();
  for (size_t i = 0; i < report.findings.size(); ++i) {
    report.findings[i].finding.id += "-" + std::to_string(i);
    report.findings[i].finding.summary += " #" + std::to_string(i);
  }
  report.findings[300].finding.details[0].snippet = "late \xff broken";
  report.pages[200].title = "\xe2\x82";
  ExpectStreamedSame(report, {});
  ExpectStreamedSame(report, testing::Options(/*redact=*/true));
}

TEST(StreamedAuditJson, NoFindingsAndNoPages) {
  auto report = testing::RichAuditReport();
  report.findings.clear();
  ExpectStreamedSame(report, {});
  report.pages.clear();
  ExpectStreamedSame(report, testing::Options(/*redact=*/true));
}

TEST(StreamedAuditJson, ASourceThatFailsMakesTheOutputUnusable) {
  const auto report = testing::RichAuditReport();
  storage::AuditReport header = report;
  header.findings.clear();
  const FindingSource failing = [&](const FindingEmitter& emit) {
    emit(report.findings[0]);
    return false;  // e.g. the database could not be read
  };
  std::string text;
  EXPECT_FALSE(WriteAuditJson(header, failing, {}, [&](std::string_view s) { text += s; }));
  EXPECT_NE(text, AuditJsonText(report, {}));
  EXPECT_FALSE(
      WriteAuditJson(header, failing, testing::Options(/*redact=*/true), [](std::string_view) {}));
}

TEST(StreamedAuditJson, ReportOrderIsTheOrderOfEveryReport) {
  using analyzer::Risk;
  using storage::FindingOrderKey;
  using storage::FindingStatus;
  const FindingOrderKey critical_persisting{"b", FindingStatus::kPersisting, Risk::kCritical, 1};
  const FindingOrderKey critical_new{"c", FindingStatus::kNew, Risk::kCritical, 5};
  const FindingOrderKey high_new_few{"z", FindingStatus::kNew, Risk::kHigh, 0.5};
  const FindingOrderKey high_new_many{"a", FindingStatus::kNew, Risk::kHigh, 2};
  const FindingOrderKey high_new_many_b{"b", FindingStatus::kNew, Risk::kHigh, 2};
  EXPECT_TRUE(ReportOrderLess(critical_new, critical_persisting));
  EXPECT_TRUE(ReportOrderLess(critical_persisting, high_new_few));
  EXPECT_TRUE(ReportOrderLess(high_new_few, high_new_many));
  EXPECT_TRUE(ReportOrderLess(high_new_many, high_new_many_b));
  EXPECT_FALSE(ReportOrderLess(high_new_many_b, high_new_many));
  EXPECT_FALSE(ReportOrderLess(high_new_many, high_new_many));
}

}  // namespace
}  // namespace sightline::reports
