// NUL bytes in HTML: removed before parsing, so the text around them stays whole and UTF-8
// (regression for an extract_fuzzer find: MyHTML cut multi-byte characters that came
// before a run of NULs).
#include "analyzer/extract/internal/nul_bytes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "analyzer/extract/charset.h"
#include "analyzer/extract/extractor.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

using internal::RemoveNulBytes;

std::string WithNuls(std::string_view text, size_t nuls) {
  std::string out(text);
  out.append(nuls, '\0');
  return out;
}

TEST(RemoveNulBytes, LeavesTextWithoutNulsUntouched) {
  std::string html = "<p>Caf\xC3\xA9 &amp; bar</p>";
  const std::string original = html;
  EXPECT_EQ(RemoveNulBytes(&html), 0u);
  EXPECT_EQ(html, original);
}

TEST(RemoveNulBytes, RemovesEveryNulAndCountsThem) {
  std::string html = WithNuls("a", 3) + "b" + WithNuls("", 2) + "<p>c" + WithNuls("", 1);
  EXPECT_EQ(RemoveNulBytes(&html), 6u);
  EXPECT_EQ(html, "ab<p>c");
}

TEST(NulBytesInPage, MultiByteTextBeforeNulsSurvivesWhole) {
  // The fuzzer's input, as UTF-8: eight right single quotes (3 bytes each) between runs of
  // NULs, then a broken character reference.
  std::string quotes;
  for (int i = 0; i < 8; ++i) quotes += "\xE2\x80\x99";
  const std::string body = WithNuls("a", 10) + WithNuls(quotes, 62) +
                           "&#x\xC4\xAA"
                           "b37f\xC2\xAE"
                           "Eb";
  const PageContent c = ExtractPage(testing::HtmlPage(body));
  std::string repaired;
  EXPECT_EQ(RepairUtf8(c.text, &repaired), 0u) << "text is not UTF-8";
  EXPECT_NE(c.text.find("a" + quotes +
                        "&#x\xC4\xAA"
                        "b37f\xC2\xAE"
                        "Eb"),
            std::string::npos)
      << c.text;
  EXPECT_NE(std::find(c.problems.begin(), c.problems.end(), "nul_bytes_removed"), c.problems.end());
}

TEST(NulBytesInPage, NulsInsideWordsDoNotSplitThem) {
  // Browsers ignore NULs in body text, so a reader sees the name whole.
  static constexpr char kHtml[] = "<p>Ja\0ne Do\0\0e</p>";
  const PageContent c = ExtractPage(testing::HtmlPage(std::string(kHtml, sizeof kHtml - 1)));
  EXPECT_NE(testing::FindBlock(c, "Jane Doe"), nullptr);
}

}  // namespace
}  // namespace sightline::analyzer
