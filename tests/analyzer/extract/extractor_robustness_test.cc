// Broken markup and hostile sizes: extraction must finish, keep the text and record problems.
#include <gtest/gtest.h>

#include <algorithm>

#include "analyzer/extract/extractor.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

using testing::FindBlock;
using testing::HtmlPage;

bool HasProblem(const PageContent& c, const std::string& p) {
  return std::find(c.problems.begin(), c.problems.end(), p) != c.problems.end();
}

struct BrokenCase {
  const char* name;
  std::string html;
  std::vector<std::string> phrases;  // each must land in some block
};

class BrokenMarkup : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenMarkup, TextSurvives) {
  const PageContent c = ExtractPage(HtmlPage(GetParam().html));
  for (const auto& phrase : GetParam().phrases) {
    EXPECT_NE(FindBlock(c, phrase), nullptr) << phrase;
  }
}

const BrokenCase kBrokenCases[] = {
    {"UnclosedTags",
     "<html><body><div><p>first<p>second<li>third<table><td>cell",
     {"first", "second", "third", "cell"}},
    {"NestedForms",
     "<form><p>outer<form><p>inner</form>after</form><p>tail",
     {"outer", "inner", "tail"}},
    {"MisnestedFormatting",
     "<p><b>bold <i>both</b> italic</i></p><p>next</p>",
     {"bold both italic", "next"}},
    {"UnterminatedComment", "<p>before</p><!-- never closed <p>hidden", {"before"}},
    {"UnterminatedScript", "<p>before</p><script>var x = 1; <p>not text", {"before"}},
    {"ScriptTagInsideAttribute",
     "<a title='<script>'>link</a><p>after</p><script>x</script>",
     {"link", "after"}},
    {"ScriptTagInsideComment", "<!-- <script> --><p>visible</p>", {"visible"}},
    {"ScriptTagInsideTitle",
     "<title>a <script> b</title><p>body text</p>",
     {"a <script> b", "body text"}},
    {"SelfClosingSvgScript", "<svg><script/></svg><p>after svg</p>", {"after svg"}},
    {"StrayEndTags", "</div></p></html><p>still</p></body></b>", {"still"}},
    {"NulBytes", std::string("<p>nul\0byte</p>", 15), {"nul"}},
    {"AttributesWithoutQuotes", "<p class=a title=b>words</p>", {"words"}},
    {"UppercaseTags", "<P>UPPER</P><LI>item", {"UPPER", "item"}},
    {"FramesetPage", "<frameset><frame src='a.html'></frameset><noframes>nf</noframes>", {}},
    {"OnlyText", "just some words without tags", {"just some words"}},
    {"EntitiesBroken", "<p>&amp &lt;tag&gt; &#x41; &#9999999; &bogus;</p>", {"<tag>"}},
};

INSTANTIATE_TEST_SUITE_P(Html, BrokenMarkup, ::testing::ValuesIn(kBrokenCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ExtractRobustness, TenThousandNestedDivsKeepTextWithoutDeepRecursion) {
  std::string html = "<html><body>";
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html += "<p>deep patient note</p>";
  for (int i = 0; i < 10000; ++i) html += "</div>";
  html += "<p>after the abyss</p></body></html>";
  const PageContent c = ExtractPage(HtmlPage(html));
  const TextBlock* deep = FindBlock(c, "deep patient note");
  ASSERT_NE(deep, nullptr);
  EXPECT_NE(FindBlock(c, "after the abyss"), nullptr);
  EXPECT_TRUE(HasProblem(c, "nesting_depth_capped"));
  // Paths keep only the innermost elements.
  EXPECT_TRUE(deep->path.starts_with("\u2026>div>")) << deep->path;
  EXPECT_LT(deep->path.size(), 100u);
}

TEST(ExtractRobustness, TenThousandNestedInlineAndTableElements) {
  for (const std::string tag : {"b", "span", "table", "a", "li", "blockquote"}) {
    std::string html = "<body>";
    for (int i = 0; i < 10000; ++i) html += "<" + tag + ">x";
    html += "<p>end marker</p>";
    const PageContent c = ExtractPage(HtmlPage(html));
    EXPECT_NE(FindBlock(c, "end marker"), nullptr) << tag;
  }
}

TEST(ExtractRobustness, DeeplyNestedHiddenAndNosnippetStatesUnwind) {
  std::string html = "<body>";
  for (int i = 0; i < 3000; ++i) {
    html += i % 2 ? "<div hidden>" : "<div data-nosnippet>";
  }
  html += "deep";
  for (int i = 0; i < 3000; ++i) html += "</div>";
  html += "<p>visible again</p>";
  const PageContent c = ExtractPage(HtmlPage(html));
  const TextBlock* after = FindBlock(c, "visible again");
  ASSERT_NE(after, nullptr);
  EXPECT_FALSE(after->hidden);
  EXPECT_FALSE(after->nosnippet);
}

TEST(ExtractRobustness, TwentyMegabytePageIsExtracted) {
  std::string html = "<html><head><title>Big</title></head><body>";
  const std::string para =
      "<p>Paragraph about a visit to the clinic with several words in it.</p>\n";
  while (html.size() < 20u * 1024 * 1024) html += para;
  html += "<p>final sentence</p></body></html>";
  const PageContent c = ExtractPage(HtmlPage(html));
  EXPECT_EQ(c.title, "Big");
  EXPECT_GT(c.blocks.size(), 250000u);
  EXPECT_EQ(c.blocks.back().text, "final sentence");
  EXPECT_EQ(c.text.substr(c.blocks.back().offset), "final sentence");
}

TEST(ExtractRobustness, BodyBeyondParseLimitIsCutAndReported) {
  ExtractOptions options;
  options.max_parse_bytes = 1000;
  std::string html = "<p>start</p>";
  while (html.size() < 5000) html += "<p>\xC3\xA9t\xC3\xA9</p>";
  const PageContent c = ExtractPage(HtmlPage(html), options);
  EXPECT_TRUE(HasProblem(c, "body_cut_for_parsing"));
  EXPECT_NE(FindBlock(c, "start"), nullptr);
  for (const auto& b : c.blocks) EXPECT_EQ(b.text.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(ExtractRobustness, InvalidUtf8IsReplacedNotFatal) {
  const PageContent c =
      ExtractPage(HtmlPage("<p>caf\xE9 \xFF\xFE bad \xC3</p><p>good \xC3\xA9</p>"));
  EXPECT_NE(FindBlock(c, "caf\xEF\xBF\xBD"), nullptr);
  EXPECT_NE(FindBlock(c, "good \xC3\xA9"), nullptr);
  EXPECT_TRUE(HasProblem(c, "invalid_byte_sequences_replaced"));
}

TEST(ExtractRobustness, Utf16WithBomIsReadable) {
  const std::string ascii = "<html><title>T</title><p>Zo\xEB's chart</p></html>";
  std::string body = "\xFF\xFE";
  for (unsigned char ch : ascii) {
    body.push_back(static_cast<char>(ch));
    body.push_back('\0');
  }
  crawler::FetchedPage page = testing::UndeclaredPage(body);
  const PageContent c = ExtractPage(page);
  EXPECT_EQ(c.charset, "utf-16le");
  EXPECT_EQ(c.charset_source, "bom");
  EXPECT_NE(FindBlock(c, "Zo\xC3\xAB's chart"), nullptr);
}

TEST(ExtractRobustness, Windows1252WithoutDeclarationIsDetected) {
  crawler::FetchedPage page = testing::UndeclaredPage(
      "<html><body><p>Mrs M\xFCller\x92s caf\xE9 visit, \x93very\x94 pleasant, na\xEFve "
      "r\xE9sum\xE9 \x96 d\xE9j\xE0 vu.</p></body></html>");
  const PageContent c = ExtractPage(page);
  EXPECT_EQ(c.charset_source, "detected");
  EXPECT_NE(FindBlock(c, "caf\xC3\xA9"), nullptr) << c.charset;
}

TEST(ExtractRobustness, EmptyAndBinaryBodies) {
  EXPECT_TRUE(ExtractPage(HtmlPage("")).blocks.empty());
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary.push_back(static_cast<char>((i * 7919) & 0xFF));
  const PageContent c = ExtractPage(HtmlPage(binary));
  EXPECT_TRUE(c.is_html);
  for (const auto& b : c.blocks) {
    EXPECT_EQ(c.text.substr(b.offset, b.text.size()), b.text);
  }
}

TEST(ExtractRobustness, TruncatedBodyIsReported) {
  crawler::FetchedPage page = HtmlPage("<p>cut here");
  page.truncated = true;
  const PageContent c = ExtractPage(page);
  EXPECT_TRUE(HasProblem(c, "body_truncated"));
  EXPECT_NE(FindBlock(c, "cut here"), nullptr);
}

}  // namespace
}  // namespace sightline::analyzer
