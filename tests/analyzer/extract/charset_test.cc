#include "analyzer/extract/charset.h"

#include <gtest/gtest.h>

#include "analyzer/extract/extractor.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

struct CharsetCase {
  const char* name;
  std::string body;
  const char* content_type;
  const char* charset;
  const char* source;
  const char* expect_substring;  // UTF-8
};

class DecodeBodyCases : public ::testing::TestWithParam<CharsetCase> {};

TEST_P(DecodeBodyCases, DecodesToUtf8FromTheRightSource) {
  const CharsetCase& c = GetParam();
  const DecodedBody d = DecodeBody(c.body, c.content_type, /*html=*/true);
  EXPECT_EQ(d.charset, c.charset);
  EXPECT_EQ(d.source, c.source);
  EXPECT_NE(d.utf8.find(c.expect_substring), std::string::npos) << d.utf8;
}

std::string Utf16(std::string_view ascii_or_latin1, bool big_endian, bool bom) {
  std::string out;
  if (bom) out += big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (unsigned char ch : ascii_or_latin1) {
    if (big_endian) {
      out.push_back('\0');
      out.push_back(static_cast<char>(ch));
    } else {
      out.push_back(static_cast<char>(ch));
      out.push_back('\0');
    }
  }
  return out;
}

const CharsetCase kCases[] = {
    {"HeaderWindows1252", "<p>caf\xE9</p>", "text/html; charset=windows-1252", "windows-1252",
     "header", "caf\xC3\xA9"},
    {"HeaderLatin1MeansWindows1252", "<p>\x93quoted\x94</p>", "text/html; charset=ISO-8859-1",
     "windows-1252", "header", "\xE2\x80\x9Cquoted\xE2\x80\x9D"},
    {"QuotedHeaderCharset", "<p>caf\xE9</p>", "text/html; charset=\"latin1\"", "windows-1252",
     "header", "caf\xC3\xA9"},
    {"Utf8Bom", "\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "text/html", "utf-8", "bom", "<p>caf\xC3\xA9"},
    {"BomBeatsHeader", "\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "text/html; charset=windows-1252", "utf-8",
     "bom", "caf\xC3\xA9"},
    {"Utf16LeBom", Utf16("<p>Zo\xEB</p>", false, true), "text/html", "utf-16le", "bom",
     "<p>Zo\xC3\xAB</p>"},
    {"Utf16BeBom", Utf16("<p>Zo\xEB</p>", true, true), "text/html", "utf-16be", "bom",
     "<p>Zo\xC3\xAB</p>"},
    {"MetaCharset", "<html><head><meta charset='windows-1251'></head><p>\xC4\xEE\xEA</p>",
     "text/html", "windows-1251", "meta", "\xD0\x94\xD0\xBE\xD0\xBA"},
    {"MetaHttpEquiv",
     "<!-- c --><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\">"
     "<p>\xB1</p>",
     "text/html", "iso-8859-2", "meta", "\xC4\x85"},
    {"HeaderBeatsMeta", "<meta charset=iso-8859-2><p>caf\xE9</p>",
     "text/html; charset=windows-1252", "windows-1252", "header", "caf\xC3\xA9"},
    {"MetaUtf16MeansUtf8", "<meta charset=utf-16><p>caf\xC3\xA9</p>", "text/html", "utf-8", "meta",
     "caf\xC3\xA9"},
    {"UnknownLabelFallsThrough", "<meta charset=klingon><p>caf\xC3\xA9</p>", "text/html", "utf-8",
     "detected", "caf\xC3\xA9"},
    {"UndeclaredValidUtf8", "<p>caf\xC3\xA9</p>", "text/html", "utf-8", "detected", "caf\xC3\xA9"},
    {"UndeclaredAsciiIsUtf8", "<p>plain</p>", "", "utf-8", "detected", "plain"},
};

INSTANTIATE_TEST_SUITE_P(Sniffing, DecodeBodyCases, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(DecodeBody, UndeclaredWindows1252IsDetected) {
  const std::string body =
      "<html><body><p>Le caf\xE9 de la r\xE9sidence \xE9tait ferm\xE9. Na\xEFve "
      "\x93quotes\x94 and \x96 dashes, the patient\x92s \xE9l\xE8ve.</p></body></html>";
  const DecodedBody d = DecodeBody(body, "text/html", true);
  EXPECT_EQ(d.source, "detected");
  EXPECT_NE(d.utf8.find("caf\xC3\xA9"), std::string::npos) << d.charset;
  EXPECT_EQ(d.utf8.find("\xEF\xBF\xBD"), std::string::npos) << d.charset;
}

TEST(DecodeBody, InvalidUtf8IsReplacedAndReported) {
  const DecodedBody d = DecodeBody("<p>ok \xC3 bad \xED\xA0\x80 surrogate \xF8\x88 end\xE2\x82</p>",
                                   "text/html; charset=utf-8", true);
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_GE(d.replaced, 4u);
  EXPECT_NE(d.utf8.find("ok \xEF\xBF\xBD bad"), std::string::npos);
  EXPECT_NE(d.utf8.find("end\xEF\xBF\xBD</p>"), std::string::npos);
  EXPECT_NE(std::find(d.problems.begin(), d.problems.end(), "invalid_byte_sequences_replaced"),
            d.problems.end());
}

TEST(DecodeBody, OddLengthUtf16EndsWithReplacement) {
  std::string body = Utf16("<p>x</p>", false, true);
  body.push_back('<');
  const DecodedBody d = DecodeBody(body, "text/html", true);
  EXPECT_EQ(d.charset, "utf-16le");
  EXPECT_NE(d.utf8.find("<p>x</p>"), std::string::npos);
  EXPECT_GE(d.replaced, 1u);
}

TEST(RepairUtf8, ValidTextIsUntouched) {
  std::string out;
  const std::string text = "ascii \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 end";
  EXPECT_EQ(RepairUtf8(text, &out), 0u);
  EXPECT_EQ(out, text);
}

TEST(RepairUtf8, OverlongAndOutOfRangeAreReplaced) {
  std::string out;
  EXPECT_EQ(RepairUtf8("\xC0\xAF", &out), 2u);  // overlong '/': two invalid bytes
  EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(RepairUtf8("\xF4\x90\x80\x80", &out), 4u);  // > U+10FFFF
}

TEST(NormalizeNfc, ComposesDecomposedText) {
  std::string text = "Zoe\xCC\x88 and A\xCC\x8A";
  NormalizeNfc(&text);
  EXPECT_EQ(text, "Zo\xC3\xAB and \xC3\x85");
}

TEST(NormalizeNfc, MapsSingletonsAndLeavesLatin1Alone) {
  std::string angstrom = "\xE2\x84\xAB";  // U+212B ANGSTROM SIGN -> U+00C5
  NormalizeNfc(&angstrom);
  EXPECT_EQ(angstrom, "\xC3\x85");
  std::string latin = "caf\xC3\xA9 na\xC3\xAFve \xC2\xA9";
  const std::string before = latin;
  NormalizeNfc(&latin);
  EXPECT_EQ(latin, before);
}

TEST(CharsetParameter, ReadsQuotedAndUnquotedValues) {
  EXPECT_EQ(CharsetParameter("text/html; charset=UTF-8"), "utf-8");
  EXPECT_EQ(CharsetParameter("text/html;charset=\"Shift_JIS\"; foo=bar"), "shift_jis");
  EXPECT_EQ(CharsetParameter("text/html"), "");
}

TEST(ExtractPage, RecordsCharsetAndSource) {
  crawler::FetchedPage page = testing::UndeclaredPage("<p>Zo\xEB Smith from M\xFCnster</p>");
  page.headers = {{"content-type", "text/html; charset=windows-1252"}};
  const PageContent c = ExtractPage(page);
  EXPECT_EQ(c.charset, "windows-1252");
  EXPECT_EQ(c.charset_source, "header");
  ASSERT_EQ(c.blocks.size(), 1u);
  EXPECT_EQ(c.blocks[0].text, "Zo\xC3\xAB Smith from M\xC3\xBCnster");
}

}  // namespace
}  // namespace sightline::analyzer
