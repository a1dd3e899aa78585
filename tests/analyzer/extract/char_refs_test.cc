// Numeric character references beyond U+10FFFF: an overflowing decoder (Gumbo 0.10 had one)
// must never reach the extracted text (regression for an extract_fuzzer crash, input
// "a&#xdb37fFEb").
#include "analyzer/extract/internal/char_refs.h"

#include <gtest/gtest.h>

#include <string>

#include "analyzer/extract/charset.h"
#include "analyzer/extract/extractor.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

using internal::NeutralizeOutOfRangeCharRefs;

bool IsWellFormedUtf8(const std::string& text) {
  std::string repaired;
  return RepairUtf8(text, &repaired) == 0;
}

TEST(OutOfRangeCharRefs, HexAboveUnicodeBecomesReplacementCharacter) {
  std::string html = "a&#xdb37fFEb";
  EXPECT_EQ(NeutralizeOutOfRangeCharRefs(&html), 1u);
  EXPECT_EQ(html, "a&#xFFFD");
}

TEST(OutOfRangeCharRefs, DecimalKeepsItsBaseAndTerminator) {
  std::string html = "<p>&#99999999999999999999; and &#1114112;</p>";
  EXPECT_EQ(NeutralizeOutOfRangeCharRefs(&html), 2u);
  EXPECT_EQ(html, "<p>&#65533; and &#65533;</p>");
}

TEST(OutOfRangeCharRefs, InRangeAndNonReferencesAreUntouched) {
  const std::string original =
      "&#x10FFFF; &#1114111; &#x0000000000000041; &amp; &# &#x; & #123 &#xZZ";
  std::string html = original;
  EXPECT_EQ(NeutralizeOutOfRangeCharRefs(&html), 0u);
  EXPECT_EQ(html, original);
}

TEST(OutOfRangeCharRefs, ExtractedTextStaysUtf8) {
  for (const char* body : {"a&#xdb37fFEb", "<p>x&#x80000000;y</p>", "<p>&#4294967295;</p>",
                           "<title>&#xFFFFFFFFFFFF;</title><a href=/a>&#xdb37fFEb</a>",
                           "<p title='&#xdb37fFEb'>t</p>"}) {
    const PageContent c = ExtractPage(testing::HtmlPage(body));
    EXPECT_TRUE(IsWellFormedUtf8(c.text)) << body;
    EXPECT_TRUE(IsWellFormedUtf8(c.title)) << body;
    for (const auto& link : c.links) EXPECT_TRUE(IsWellFormedUtf8(link.anchor)) << body;
  }
  const PageContent c = ExtractPage(testing::HtmlPage("<p>a&#xdb37fFE;b</p>"));
  EXPECT_NE(c.text.find("a\xEF\xBF\xBD"
                        "b"),
            std::string::npos);
}

}  // namespace
}  // namespace sightline::analyzer
