#include <gtest/gtest.h>

#include <string>

#include "reports/report.h"
#include "tests/reports/report_fixture.h"

namespace sightline::reports {
namespace {

std::string RichText(bool color = false) {
  return RenderAudit(testing::RichAuditReport(), Format::kText, testing::Options(false, color));
}

TEST(AuditText, StartsWithTheSummary) {
  const std::string text = RichText();
  EXPECT_EQ(text.rfind("sightline audit #7 of https://drmartin-pediatrics.example/\n", 0), 0u);
  EXPECT_NE(text.find("Pages: 5 fetched, 1 failed, 2 unchanged"), std::string::npos);
  EXPECT_NE(text.find("Findings: 1 critical, 2 high, 1 medium, 1 low\n"), std::string::npos);
  EXPECT_NE(text.find("Since audit #6: 3 new, 1 resolved\n"), std::string::npos);
  EXPECT_LT(text.find("Since audit #6"), text.find("[CRITICAL]"));
}

TEST(AuditText, FirstAuditSaysEverythingIsNew) {
  auto report = testing::RichAuditReport();
  report.audit.previous_id.reset();
  const std::string text = RenderAudit(report, Format::kText, {});
  EXPECT_NE(text.find("First audit of this site"), std::string::npos);
}

TEST(AuditText, ListsFindingsByRiskThenStatus) {
  const std::string text = RichText();
  size_t last = 0;
  for (const char* id :
       {"f-wilson-41", "f-old-case", "f-rant", "f-hartley-name", "f-author", "f-school"}) {
    const size_t at = text.find(std::string("id ") + id + "\n");
    ASSERT_NE(at, std::string::npos) << id;
    EXPECT_GT(at, last) << id;
    last = at;
  }
  EXPECT_NE(text.find("[CRITICAL] Resolved - A patient could be recognised"), std::string::npos);
  EXPECT_NE(text.find("[LOW] Still present, was Medium"), std::string::npos);
}

TEST(AuditText, ShowsDetailsPagesExposureAndAdvice) {
  const std::string text = RichText();
  EXPECT_NE(text.find("    - condition: \"Wilson's disease\"\n      on "
                      "https://drmartin-pediatrics.example/blog/a-hard-week.html\n"),
            std::string::npos);
  EXPECT_NE(text.find("- name: \"Zoë Hartley\" [hidden from visitors, visible to crawlers]"),
            std::string::npos);
  EXPECT_NE(text.find("- place: \"Fairview\" [from another page]"), std::string::npos);
  EXPECT_NE(
      text.find(
          "online since at least 2026-09-14 (67 days so far, counted from the page's own date)"),
      std::string::npos);
  EXPECT_NE(text.find("was online from 2026-06-01 to 2026-11-10 (162 days)"), std::string::npos);
  EXPECT_NE(text.find("2 archived copies:\n      Common Crawl 2026-10-12"), std::string::npos);
  EXPECT_NE(text.find("the page asks search engines not to index it (meta robots)"),
            std::string::npos);
  EXPECT_NE(text.find("  What to do:\n    1. Edit the post on"), std::string::npos);
  EXPECT_NE(text.find("removal marked handled: Wayback exclusion requested"), std::string::npos);
  EXPECT_NE(
      text.find(
          "These details together fit about 0.01 people: in effect, one identifiable person."),
      std::string::npos);
}

TEST(AuditText, NoColourUnlessAsked) {
  const std::string plain = RichText(false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);  // also: the page's own ESC is stripped
  EXPECT_NE(plain.find("terminal [31mred[0m"), std::string::npos);
  const std::string color = RichText(true);
  EXPECT_NE(color.find("\x1b[1;97;41m[CRITICAL]\x1b[0m"), std::string::npos);
  EXPECT_NE(color.find("\x1b[1;31m[HIGH]\x1b[0m"), std::string::npos);
  // Page text still cannot smuggle its own escape in next to ours.
  EXPECT_EQ(color.find("\x1b[31mred"), std::string::npos);
}

TEST(AuditText, StripsC1ControlsAndKeepsOneLinePerItem) {
  auto report = testing::RichAuditReport();
  report.findings[0].finding.details[0].text =
      "a\xc2\x9b"
      "31mb\nc";
  const std::string text = RenderAudit(report, Format::kText, {});
  EXPECT_NE(text.find("- age: \"a31mb c\""), std::string::npos);
}

TEST(AuditText, EmptyAuditSaysNothingWasFound) {
  storage::AuditReport report;
  report.audit.id = 1;
  report.audit.site = "https://example.org/";
  const std::string text = RenderAudit(report, Format::kText, {});
  EXPECT_NE(text.find("Findings: 0 critical, 0 high, 0 medium, 0 low"), std::string::npos);
  EXPECT_NE(text.find("No findings"), std::string::npos);
}

TEST(DiffText, ListsNewResolvedChangedAndPages) {
  const std::string text = RenderDiff(testing::RichDiffReport(), Format::kText, {});
  EXPECT_NE(text.find("sightline diff: audit #6 of https://drmartin-pediatrics.example/ -> #7"),
            std::string::npos);
  EXPECT_NE(text.find("New findings (3)\n  [CRITICAL] A 41-year-old"), std::string::npos);
  EXPECT_NE(text.find("Resolved findings (1)\n  [CRITICAL] A 7-year-old"), std::string::npos);
  EXPECT_NE(text.find("Risk changed (1)\n  [MEDIUM] -> [LOW] Your children's school"),
            std::string::npos);
  EXPECT_NE(text.find("Pages added (1)\n  https://drmartin-pediatrics.example/blog/on-call.html"),
            std::string::npos);
  EXPECT_NE(text.find("Pages removed (1)"), std::string::npos);
  EXPECT_NE(text.find("Pages changed (1)"), std::string::npos);
}

TEST(HistoryText, OneRowPerAudit) {
  const auto report = testing::RichAuditReport();
  const std::string text = RenderHistory(report.history, report.audit.site, Format::kText, {});
  EXPECT_NE(text.find("sightline history of https://drmartin-pediatrics.example/"),
            std::string::npos);
  EXPECT_NE(text.find("     7  2026-11-20T02:00:00Z  complete         6         1     2       1"),
            std::string::npos);
  EXPECT_NE(RenderHistory({}, "https://x.example/", Format::kText, {}).find("No audits yet."),
            std::string::npos);
}

TEST(HistoryText, ShowsOpenFindingsAndTheTrendAgainstThePreviousCompleteAudit) {
  auto history = testing::RichAuditReport().history;  // open: 2, 4, 3, 5
  const std::string text = RenderHistory(history, "https://x.example/", Format::kText, {});
  EXPECT_NE(text.find("resolved  open  trend\n"), std::string::npos) << text;
  EXPECT_NE(text.find("complete         6         1     1       0     1     0         1     3"
                      "     -1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Trend: 2 open findings at audit #4, 5 at audit #7: 3 more.\n"),
            std::string::npos)
      << text;
  // An interrupted audit saw part of the site: no trend mark, and no baseline for the next.
  history[2].state = "interrupted";
  const std::string partial = RenderHistory(history, "https://x.example/", Format::kText, {});
  EXPECT_NE(partial.find("interrupted      6         1     1       0     1     0         1     3"
                         "       \n"),
            std::string::npos)
      << partial;
  EXPECT_NE(partial.find("     5     +1\n"), std::string::npos) << partial;
  // One audit, or nothing open before and after: plain words.
  EXPECT_EQ(RenderHistory({history[0]}, "https://x.example/", Format::kText, {}).find("Trend:"),
            std::string::npos);
  history[3].critical = 1, history[3].high = 0, history[3].medium = 1, history[3].low = 0;
  EXPECT_NE(RenderHistory(history, "https://x.example/", Format::kText, {})
                .find("Trend: 2 open findings at audit #4, 2 at audit #7: no change.\n"),
            std::string::npos);
}

}  // namespace
}  // namespace sightline::reports
