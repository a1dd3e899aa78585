#include <gtest/gtest.h>

#include <string>

#include "reports/internal/escape.h"
#include "reports/report.h"
#include "tests/reports/report_fixture.h"

namespace sightline::reports {
namespace {

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

std::string RichHtml(bool redact = false) {
  return RenderAudit(testing::RichAuditReport(), Format::kHtml, testing::Options(redact));
}

TEST(HtmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(internal::HtmlEscape(R"(<a href="x" title='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(HtmlEscape, RepairsInvalidUtf8AndDropsControlCharacters) {
  EXPECT_EQ(internal::HtmlEscape("a\xff"
                                 "b"),
            "a\xef\xbf\xbd"
            "b");
  EXPECT_EQ(internal::HtmlEscape("\xc3"), "\xef\xbf\xbd");  // truncated sequence
  EXPECT_EQ(internal::HtmlEscape("\xed\xa0\x80"),
            "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");            // surrogate
  EXPECT_EQ(internal::HtmlEscape("Zo\xc3\xab"), "Zo\xc3\xab");  // valid stays
  EXPECT_EQ(internal::HtmlEscape(std::string("a\0b\x1b[1m", 7)), "ab[1m");
  EXPECT_EQ(internal::HtmlEscape("line\nnext\ttab"), "line\nnext\ttab");
}

TEST(SafeHref, OnlyHttpUrlsBecomeLinks) {
  EXPECT_EQ(internal::SafeHref("https://example.org/a?b=1&c=\"2\""),
            "https://example.org/a?b=1&amp;c=&quot;2&quot;");
  EXPECT_EQ(internal::SafeHref("HTTP://EXAMPLE.ORG/"), "HTTP://EXAMPLE.ORG/");
  for (const char* hostile : {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:x",
                              "data:text/html,<script>", "vbscript:x", "//evil.example/", ""}) {
    EXPECT_EQ(internal::SafeHref(hostile), "#") << hostile;
  }
}

TEST(AuditHtml, HostilePageTextCannotInjectMarkup) {
  const std::string html = RichHtml();
  EXPECT_EQ(Count(html, "<script"), 0u);
  EXPECT_EQ(Count(html, "<img"), 0u);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  // The title of a hostile page and the terminal escape are neutralised too.
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
}

TEST(AuditHtml, HostileSiteAndUrlsAreEscapedInEveryPosition) {
  auto report = testing::RichAuditReport();
  report.audit.site = "https://x.example/\"><script>alert(1)</script>";
  report.pages[0].url = "javascript:alert(document.cookie)";
  report.findings[0].finding.details[0].url = "javascript:alert(2)";
  report.findings[0].exposure.archived[0].url = "\" onmouseover=\"alert(3)";
  const std::string html = RenderAudit(report, Format::kHtml, {});
  EXPECT_EQ(Count(html, "<script"), 0u);
  EXPECT_EQ(html.find("href=\"javascript"), std::string::npos);
  EXPECT_EQ(html.find("\" onmouseover"), std::string::npos);
  EXPECT_NE(html.find("<title>Privacy audit of https://x.example/&quot;&gt;&lt;script&gt;"),
            std::string::npos);
}

TEST(AuditHtml, IsSelfContained) {
  const std::string html = RichHtml();
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  for (const char* external : {"<script", "<link", "@import", "url(", "src=\"http", "<iframe",
                               "<img", "<object", "<embed"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  EXPECT_NE(html.find("<style>"), std::string::npos);
}

TEST(AuditHtml, HighlightsEachDetailInItsSentence) {
  const std::string html = RichHtml();
  // The four details of one sentence are shown in that sentence once, each marked.
  EXPECT_NE(html.find("<mark title=\"date\">Last Tuesday</mark> my patient, a <mark "
                      "title=\"age\">41-year-old</mark> <mark title=\"occupation\">bus "
                      "driver</mark>, finally got his diagnosis: <mark "
                      "title=\"condition\">Wilson&#39;s disease</mark>."),
            std::string::npos);
  EXPECT_EQ(Count(html, "finally got his diagnosis"), 1u);
  EXPECT_NE(html.find("<mark title=\"name\">Zoë Hartley</mark>"), std::string::npos);
}

TEST(AuditHtml, MarksHiddenAndInheritedDetails) {
  const std::string html = RichHtml();
  EXPECT_EQ(Count(html, "<span class=\"chip hidden\">"), 1u);
  EXPECT_EQ(Count(html, "<li class=\"hidden-text\">"), 1u);
  EXPECT_EQ(Count(html, "<span class=\"chip\">from another page</span>"), 1u);
}

TEST(AuditHtml, SortsFindingsByRiskThenStatus) {
  const std::string html = RichHtml();
  size_t last = 0;
  for (const char* id :
       {"f-wilson-41", "f-old-case", "f-rant", "f-hartley-name", "f-author", "f-school"}) {
    const size_t at = html.find(std::string("id=\"finding-") + id + "\"");
    ASSERT_NE(at, std::string::npos) << id;
    EXPECT_GT(at, last) << id;
    last = at;
  }
}

TEST(AuditHtml, DrawsTimelinesHistoryAndLinks) {
  const std::string html = RichHtml();
  EXPECT_EQ(Count(html, "<svg class=\"timeline\""), 6u);
  EXPECT_EQ(Count(html, "<svg class=\"history\""), 1u);
  EXPECT_NE(html.find("Archived by Internet Archive (Wayback Machine) on 2026-10-02"),
            std::string::npos);
  EXPECT_NE(html.find("Audit #7 on 2026-11-20: 1 critical, 2 high, 1 medium, 1 low"),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://drmartin-pediatrics.example/contact.html\""),
            std::string::npos);
  EXPECT_NE(html.find("Removal marked as handled: Wayback exclusion requested"), std::string::npos);
  EXPECT_NE(html.find("<li>Ask the Internet Archive to exclude its copy.</li>"), std::string::npos);
  EXPECT_EQ(html.find("<li>1. "), std::string::npos);  // advice numbering is the list's job
}

TEST(AuditHtml, ExposureWindowFromThePagesOwnDateIsALowerBound) {
  const std::string html = RichHtml();
  // The Wilson story's window starts at its published date, earlier than the first audit.
  EXPECT_NE(html.find("Online since at least 2026-09-14 (67 days so far, counted from the date "
                      "on the page)."),
            std::string::npos);
  // Windows counted from the first audit are not hedged.
  EXPECT_NE(html.find("Was online from 2026-06-01 to 2026-11-10 (162 days)."), std::string::npos);
}

TEST(AuditHtml, SummaryCardCountsOpenFindings) {
  const std::string html = RichHtml();
  EXPECT_NE(html.find("5 things on this site could help someone recognise a patient"),
            std::string::npos);
  EXPECT_NE(html.find("<div class=\"tile critical\"><span class=\"n\">1</span>critical</div>"),
            std::string::npos);
  EXPECT_NE(html.find("<b>3</b> new since the last audit"), std::string::npos);
  EXPECT_NE(html.find("<b>1</b> resolved"), std::string::npos);
}

TEST(AuditHtml, EmptyReportSaysSoWithoutCharts) {
  storage::AuditReport report;
  report.audit.site = "https://example.org/";
  const std::string html = RenderAudit(report, Format::kHtml, {});
  EXPECT_NE(html.find("No findings."), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(AuditHtml, BadSpansDegradeInsteadOfCrashing) {
  auto report = testing::RichAuditReport();
  auto& d = report.findings[0].finding.details;
  d[0].snippet_begin = 10'000;
  d[0].snippet_end = 3;
  d[1].snippet = "";
  d[2].snippet_begin = 5;
  d[2].snippet_end = 5'000;
  const std::string html = RenderAudit(report, Format::kHtml, {});
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_NE(html.find("<mark title=\"occupation\">bus driver</mark>"), std::string::npos);
}

TEST(AuditHtml, RedactedReportHidesDetails) {
  const std::string html = RichHtml(/*redact=*/true);
  for (const char* secret : {"Wilson", "Hartley", "Fabry", "Kowalski", "013-4477"}) {
    EXPECT_EQ(html.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(html.find("<mark title=\"condition\">F***y disease</mark>"), std::string::npos);
  EXPECT_NE(html.find("Identifying details are masked"), std::string::npos);
}

TEST(DiffHtml, ShowsEachGroupAndEscapesPages) {
  const std::string html = RenderDiff(testing::RichDiffReport(), Format::kHtml, {});
  EXPECT_NE(html.find("<h2>New findings (3)</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2>Resolved findings (1)</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2>Risk changed (1)</h2>"), std::string::npos);
  EXPECT_NE(html.find("was medium"), std::string::npos);
  EXPECT_EQ(Count(html, "<img"), 0u);
  EXPECT_EQ(Count(html, "<script"), 0u);
}

TEST(HistoryHtml, ChartsEveryAudit) {
  const auto report = testing::RichAuditReport();
  const std::string html = RenderHistory(report.history, report.audit.site, Format::kHtml, {});
  EXPECT_EQ(Count(html, "<svg class=\"history\""), 1u);
  EXPECT_EQ(Count(html, "<tr><td>#"), 4u);
}

}  // namespace
}  // namespace sightline::reports
