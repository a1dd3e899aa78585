#include <gtest/gtest.h>

#include <string>

#include "reports/internal/redaction.h"
#include "reports/report.h"
#include "tests/reports/report_fixture.h"

namespace sightline::reports {
namespace {

TEST(Redact, MasksTheMiddleOfEachWordAndKeepsGenericWords) {
  EXPECT_EQ(Redact("Fabry disease"), "F***y disease");
  EXPECT_EQ(Redact("Wilson's disease"), "W***n'* disease");
  EXPECT_EQ(Redact("41-year-old"), "##-year-old");
  EXPECT_EQ(Redact("Ann"), "A*");
  EXPECT_EQ(Redact("X"), "*");
  EXPECT_EQ(Redact("St. Agnes Hospital"), "S*. A***s Hospital");
}

TEST(Redact, MasksDigitsInNumbersAndCodes) {
  EXPECT_EQ(Redact("+1 (555) 013-4477"), "+# (###) ###-####");
  EXPECT_EQ(Redact("MRN12345"), "M**#####");
  EXPECT_EQ(Redact("jane@example.org"), "j***e@e***e.o*");
}

TEST(Redact, IsUtf8SafeAndTotal) {
  EXPECT_EQ(Redact("Zoë Hartley"), "Z* H***y");
  EXPECT_EQ(Redact("Łódź"), "Ł***ź");
  EXPECT_EQ(Redact(""), "");
  EXPECT_EQ(Redact("  , . "), "  , . ");
  // Malformed UTF-8 must not read past the end or split a byte sequence.
  const std::string masked = Redact("ab\xe2\x82");
  EXPECT_FALSE(masked.empty());
  EXPECT_EQ(Redact("\xff"), "*");
}

TEST(RedactAudit, KeepsHighlightSpansOnTheMaskedText) {
  const auto report = internal::RedactAudit(testing::RichAuditReport());
  for (const auto& f : report.findings) {
    for (const auto& d : f.finding.details) {
      ASSERT_LE(d.snippet_end, d.snippet.size());
      EXPECT_EQ(d.snippet.substr(d.snippet_begin, d.snippet_end - d.snippet_begin), d.text)
          << f.finding.id;
    }
  }
  const auto& wilson = report.findings[0].finding;
  EXPECT_EQ(wilson.details[0].snippet,
            "L***t T***y my patient, a ##-year-old b* d***r, finally got his diagnosis: W***n'* "
            "disease.");
  EXPECT_EQ(report.pages[1].title.find("Hartley"), std::string::npos);
}

TEST(RedactAudit, MasksDetailsNamedInOtherFindingsToo) {
  // "Fairview" is a detail of the Wilson finding but also appears in the author finding's
  // summary; a shared report must not leak it there.
  const auto report = internal::RedactAudit(testing::RichAuditReport());
  for (const auto& f : report.findings) {
    EXPECT_EQ(f.finding.summary.find("Fairview"), std::string::npos) << f.finding.id;
  }
}

}  // namespace
}  // namespace sightline::reports
