#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reports/internal/escape.h"
#include "reports/report.h"
#include "tests/reports/report_fixture.h"

namespace sightline::reports {
namespace {

// A minimal RFC 4180 reader, to check that what we write parses back into the same cells.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
      ++i;
    } else {
      cell.push_back(c);
    }
  }
  if (rows.back().empty() && cell.empty()) rows.pop_back();
  return rows;
}

TEST(CsvCell, Rfc4180QuotesOnlyWhenNeeded) {
  EXPECT_EQ(internal::CsvCell("plain"), "plain");
  EXPECT_EQ(internal::CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(internal::CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(internal::CsvCell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(internal::CsvCell(""), "");
}

TEST(CsvCell, GuardsAgainstFormulaInjection) {
  EXPECT_EQ(internal::CsvCell("=1+1"), "'=1+1");
  EXPECT_EQ(internal::CsvCell("+1 555"), "'+1 555");
  EXPECT_EQ(internal::CsvCell("-2"), "'-2");
  EXPECT_EQ(internal::CsvCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(internal::CsvCell("\tx"), "'\tx");
  EXPECT_EQ(internal::CsvCell("=HYPERLINK(\"u\",\"x\")"), "\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\"");
  EXPECT_EQ(internal::CsvCell("a=b"), "a=b");
}

TEST(AuditCsv, OneRowPerDetailThatParsesBack) {
  const auto report = testing::RichAuditReport();
  const std::string csv = RenderAudit(report, Format::kCsv, {});
  const auto rows = ParseCsv(csv);
  size_t details = 0;
  for (const auto& f : report.findings) details += f.finding.details.size();
  ASSERT_EQ(rows.size(), details + 1);
  const auto& header = rows[0];
  ASSERT_EQ(header[0], "finding_id");
  for (const auto& row : rows) EXPECT_EQ(row.size(), header.size());
  // Sorted like every other format: the critical new finding first.
  EXPECT_EQ(rows[1][0], "f-wilson-41");
  EXPECT_EQ(rows[1][6], "age");
  EXPECT_EQ(rows[1][7], "41-year-old");
  EXPECT_EQ(rows[1][5],
            "A 41-year-old bus driver with Wilson's disease, seen near Fairview (pop. 6,000): "
            "about 0.01 people match.");
  EXPECT_NE(rows[1].back().find("\n2. In Google Search Console"), std::string::npos);
  bool saw_formula = false, saw_phone = false, saw_hidden = false;
  for (const auto& row : rows) {
    saw_formula = saw_formula || row[7] == "'=HYPERLINK(\"http://evil.example\",\"x\")";
    saw_phone = saw_phone || row[7] == "'+1 (555) 013-4477";
    saw_hidden = saw_hidden || (row[7] == "Zoë Hartley" && row[10] == "yes");
  }
  EXPECT_TRUE(saw_formula);
  EXPECT_TRUE(saw_phone);
  EXPECT_TRUE(saw_hidden);
}

TEST(AuditCsv, FindingWithoutDetailsStillGetsARow) {
  storage::AuditReport report;
  report.findings.push_back(testing::MakeFinding("f-bare", analyzer::FindingKind::kDirectIdentifier,
                                                 analyzer::Risk::kHigh,
                                                 storage::FindingStatus::kNew, 0, "bare"));
  const auto rows = ParseCsv(RenderAudit(report, Format::kCsv, {}));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], "f-bare");
}

TEST(DiffCsv, PrefixesEachRowWithTheChange) {
  const auto rows = ParseCsv(RenderDiff(testing::RichDiffReport(), Format::kCsv, {}));
  ASSERT_GT(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "change");
  EXPECT_EQ(rows[1][0], "new");
  EXPECT_EQ(rows[0][10], "detail_url");
  const auto& last = rows.back();
  EXPECT_EQ(last[0], "page changed");
  EXPECT_EQ(last[10], testing::kPost);
  bool changed_risk = false, removed = false;
  for (const auto& r : rows) {
    EXPECT_EQ(r.size(), rows[0].size());
    changed_risk = changed_risk || r[0] == "risk medium -> low";
    removed = removed || (r[0] == "page removed" && r[10].find("onerror") != std::string::npos);
  }
  EXPECT_TRUE(changed_risk);
  EXPECT_TRUE(removed);
  bool resolved = false;
  for (const auto& r : rows) resolved = resolved || (r[0] == "resolved" && r[1] == "f-old-case");
  EXPECT_TRUE(resolved);
}

TEST(HistoryCsv, OneRowPerAudit) {
  const auto report = testing::RichAuditReport();
  const auto rows = ParseCsv(RenderHistory(report.history, report.audit.site, Format::kCsv, {}));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[4][1], "7");
  EXPECT_EQ(rows[4][6], "2");
}

TEST(AuditCsv, RedactionAppliesToCells) {
  const std::string csv =
      RenderAudit(testing::RichAuditReport(), Format::kCsv, testing::Options(true));
  EXPECT_EQ(csv.find("Wilson"), std::string::npos);
  EXPECT_NE(csv.find("W***n"), std::string::npos);
}

}  // namespace
}  // namespace sightline::reports
