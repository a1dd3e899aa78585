#include <gtest/gtest.h>

#include "analyzer/extract/extractor.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

using testing::FindBlock;
using testing::HtmlPage;

// Each case: a page, a phrase it contains, and how the block holding the phrase is marked.
struct BlockCase {
  const char* name;
  const char* html;
  const char* needle;
  BlockKind kind;
  bool hidden;
  bool nosnippet = false;
};

class ExtractBlocks : public ::testing::TestWithParam<BlockCase> {};

TEST_P(ExtractBlocks, PhraseLandsInBlockOfExpectedKind) {
  const BlockCase& c = GetParam();
  const PageContent content = ExtractPage(HtmlPage(c.html));
  const TextBlock* block = FindBlock(content, c.needle);
  ASSERT_NE(block, nullptr) << "no block contains '" << c.needle << "'";
  EXPECT_EQ(BlockKindName(block->kind), std::string(BlockKindName(c.kind)));
  EXPECT_EQ(block->hidden, c.hidden);
  EXPECT_EQ(block->nosnippet, c.nosnippet);
  EXPECT_EQ(content.text.substr(block->offset, block->text.size()), block->text);
}

const BlockCase kBlockCases[] = {
    {"Title", "<title>Dr Roe's notes</title><p>x</p>", "Dr Roe's notes", BlockKind::kTitle, false},
    {"MetaDescription", "<meta name=description content='Seen a patient from Fairview'>",
     "Seen a patient from Fairview", BlockKind::kMetaDescription, true},
    {"OpenGraphDescription", "<meta property='og:description' content='Case from Fairview'>",
     "Case from Fairview", BlockKind::kSocialMeta, true},
    {"TwitterTitle", "<meta name='twitter:title' content='A rare case'>", "A rare case",
     BlockKind::kSocialMeta, true},
    {"MetaAuthor", "<meta name=author content='Jane Roe'>", "Jane Roe", BlockKind::kOther, true},
    {"Heading", "<h2>Her story</h2>", "Her story", BlockKind::kHeading, false},
    {"Paragraph", "<p>A 41-year-old bus driver</p>", "41-year-old", BlockKind::kParagraph, false},
    {"ListItem", "<ul><li>Wilson's disease</li></ul>", "Wilson", BlockKind::kListItem, false},
    {"DefinitionItem", "<dl><dt>Age</dt><dd>41</dd></dl>", "Age", BlockKind::kListItem, false},
    {"TableCell", "<table><tr><td>Fairview clinic</td></tr></table>", "Fairview",
     BlockKind::kTableCell, false},
    {"TableHeaderCell", "<table><tr><th>Patient</th></tr></table>", "Patient",
     BlockKind::kTableCell, false},
    {"Blockquote", "<blockquote>She said thanks</blockquote>", "She said", BlockKind::kBlockquote,
     false},
    {"TableCaption", "<table><caption>Visits in May</caption></table>", "Visits in May",
     BlockKind::kCaption, false},
    {"Figcaption", "<figure><img src=a.jpg><figcaption>Her x-ray</figcaption></figure>",
     "Her x-ray", BlockKind::kCaption, false},
    {"LooseText", "<div>Loose words here</div>", "Loose words", BlockKind::kPlainText, false},
    {"DivInsideListItemKeepsListKind", "<ul><li><div>Nested words</div></li></ul>", "Nested words",
     BlockKind::kListItem, false},
    {"AltText", "<img src=x.jpg alt='Mrs Smith in ward 3'>", "Mrs Smith", BlockKind::kAltText,
     true},
    {"TitleAttribute", "<span title='Chart of J. Doe'>chart</span>", "J. Doe",
     BlockKind::kTitleAttribute, true},
    {"Comment", "<p>x</p><!-- patient Jane Doe, DOB 1980 -->", "Jane Doe", BlockKind::kComment,
     true},
    {"CommentBeforeHtml", "<!-- draft for Bob --><html><p>x</p></html>", "draft for Bob",
     BlockKind::kComment, true},
    {"HiddenAttribute", "<div hidden>secret note</div>", "secret note", BlockKind::kHiddenText,
     true},
    {"DisplayNone", "<div style='color:red; display : none'>not shown</div>", "not shown",
     BlockKind::kHiddenText, true},
    {"DisplayNoneImportant", "<p style='display:none !important'>gone</p>", "gone",
     BlockKind::kHiddenText, true},
    {"VisibilityHidden", "<section style='visibility:hidden'><p>invisible</p></section>",
     "invisible", BlockKind::kHiddenText, true},
    {"AriaHidden", "<div aria-hidden='true'>decor text</div>", "decor text", BlockKind::kHiddenText,
     true},
    {"HiddenSpanInsideParagraph", "<p>seen <span style='display:none'>unseen</span> seen</p>",
     "unseen", BlockKind::kHiddenText, true},
    {"Noscript", "<body><noscript><p>Enable JS, Jane</p></noscript></body>", "Enable JS",
     BlockKind::kNoscript, true},
    {"Template", "<template><p>template words</p></template>", "template words",
     BlockKind::kTemplate, true},
    {"DataNosnippet", "<p>open <span data-nosnippet>keep out</span> open</p>", "keep out",
     BlockKind::kParagraph, false, true},
    {"DataNosnippetDiv", "<div data-nosnippet><p>secret para</p></div>", "secret para",
     BlockKind::kParagraph, false, true},
    {"JsonLd",
     "<script type='application/ld+json'>{\"@type\":\"Physician\",\"name\":\"Dr Roe\"}"
     "</script>",
     "Dr Roe", BlockKind::kJsonLd, true},
    {"MailtoAddress", "<a href='mailto:jane@example.org'>Write</a>", "jane@example.org",
     BlockKind::kOther, true},
    {"TelNumber", "<a href='tel:+15551234567'>Call</a>", "+15551234567", BlockKind::kOther, true},
};

INSTANTIATE_TEST_SUITE_P(AllKinds, ExtractBlocks, ::testing::ValuesIn(kBlockCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ExtractPage, ScriptAndStyleTextIsNotPageText) {
  const PageContent c = ExtractPage(HtmlPage(
      "<style>.patient{color:red}</style><p>shown</p><script>var patient='Jane';</script>"));
  EXPECT_EQ(FindBlock(c, "Jane"), nullptr);
  EXPECT_EQ(FindBlock(c, "color"), nullptr);
  EXPECT_NE(FindBlock(c, "shown"), nullptr);
}

TEST(ExtractPage, HiddenTextDroppedWhenNotKept) {
  ExtractOptions options;
  options.keep_hidden = false;
  const PageContent c =
      ExtractPage(HtmlPage("<p>seen</p><div hidden>unseen</div><!-- note -->"), options);
  EXPECT_NE(FindBlock(c, "seen"), nullptr);
  EXPECT_EQ(FindBlock(c, "unseen"), nullptr);
  EXPECT_EQ(FindBlock(c, "note"), nullptr);
}

TEST(ExtractPage, BlocksJoinedByBlankLinesWithOffsets) {
  const PageContent c = ExtractPage(HtmlPage("<h1>One</h1><p>Two  words</p><p>Three</p>"));
  ASSERT_EQ(c.blocks.size(), 3u);
  EXPECT_EQ(c.text, "One\n\nTwo words\n\nThree");
  EXPECT_EQ(c.blocks[1].offset, 5u);
  EXPECT_EQ(c.blocks[2].offset, 16u);
}

TEST(ExtractPage, ParagraphWithInlineMarkupIsOneBlock) {
  const PageContent c = ExtractPage(
      HtmlPage("<p>A <b>41</b>-year-old <a href='/x'>bus&nbsp;driver</a>&amp;co<br>next</p>"));
  ASSERT_EQ(c.blocks.size(), 1u);
  EXPECT_EQ(c.blocks[0].text, "A 41-year-old bus driver&co next");
}

TEST(ExtractPage, ElementPathNamesAncestors) {
  const PageContent c =
      ExtractPage(HtmlPage("<body><main><article><p>story</p></article></main></body>"));
  const TextBlock* b = FindBlock(c, "story");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->path, "html>body>main>article>p");
}

TEST(ExtractPage, CustomElementsKeepTheirNamesInPaths) {
  const PageContent c = ExtractPage(HtmlPage("<div><my-card><p>inside</p></my-card></div>"));
  const TextBlock* b = FindBlock(c, "inside");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->path, "html>body>div>my-card>p");
}

TEST(ExtractPage, TextIsNfcNormalised) {
  // "e" + COMBINING ACUTE ACCENT becomes the single code point U+00E9.
  const PageContent c = ExtractPage(HtmlPage("<p>Caf\x65\xCC\x81</p>"));
  ASSERT_EQ(c.blocks.size(), 1u);
  EXPECT_EQ(c.blocks[0].text, "Caf\xC3\xA9");
}

TEST(ExtractPage, TextFromCharacterReferencesIsNfcNormalised) {
  const PageContent c = ExtractPage(HtmlPage("<p>Caf&#x65;&#x301;</p><img alt='Zoe&#776;'>"));
  EXPECT_NE(testing::FindBlock(c, "Caf\xC3\xA9"), nullptr);
  EXPECT_NE(testing::FindBlock(c, "Zo\xC3\xAB"), nullptr);
}

TEST(ExtractPage, TitleAndDescriptionAndLanguage) {
  const PageContent c = ExtractPage(
      HtmlPage("<html lang=en-GB><head><title> A   case </title><meta name=description "
               "content=' About  her '></head><body><title>second</title></body></html>"));
  EXPECT_EQ(c.title, "A case");
  EXPECT_EQ(c.meta_description, "About her");
  EXPECT_EQ(c.lang, "en-GB");
  EXPECT_TRUE(c.is_html);
}

TEST(ExtractPage, RobotsMetasForAnyBotAreCollected) {
  const PageContent c = ExtractPage(HtmlPage(
      "<meta name=ROBOTS content='noindex'><meta name=googlebot content=nosnippet>"
      "<meta name=bingbot content=noarchive><meta name=googlebot-news content=noindex>"
      "<meta name=slurp content=noindex><meta name=viewport content='width=device-width'>"));
  ASSERT_EQ(c.robots_meta.size(), 5u);
  EXPECT_EQ(c.robots_meta[0], (std::pair<std::string, std::string>{"robots", "noindex"}));
  EXPECT_EQ(c.robots_meta[1].first, "googlebot");
  EXPECT_EQ(c.robots_meta[2].first, "bingbot");
  EXPECT_EQ(c.robots_meta[3].first, "googlebot-news");
  EXPECT_EQ(c.robots_meta[4].first, "slurp");
}

TEST(ExtractPage, MicrodataItempropsFromTextAndAttributes) {
  const PageContent c = ExtractPage(HtmlPage(
      "<div itemscope itemtype='https://schema.org/Physician'><span itemprop=name>Dr <b>Ann"
      "</b> Roe</span><meta itemprop=telephone content='555-0100'><a itemprop=url "
      "href='https://roe.example/'>site</a><div itemprop=address itemscope><span "
      "itemprop=addressLocality>Fairview</span></div><span itemprop=name>Other</span></div>"));
  EXPECT_EQ(c.microdata.at("name"), "Dr Ann Roe");
  EXPECT_EQ(c.microdata.at("telephone"), "555-0100");
  EXPECT_EQ(c.microdata.at("url"), "https://roe.example/");
  EXPECT_EQ(c.microdata.at("addressLocality"), "Fairview");
}

TEST(ExtractPage, PlainTextResponseIsOneBlock) {
  crawler::FetchedPage page = testing::UndeclaredPage("Notes on Mrs Smith\nage 41\n", "text/plain");
  const PageContent c = ExtractPage(page);
  EXPECT_FALSE(c.is_html);
  ASSERT_EQ(c.blocks.size(), 1u);
  EXPECT_EQ(c.blocks[0].kind, BlockKind::kPlainText);
  EXPECT_EQ(c.blocks[0].text, "Notes on Mrs Smith\nage 41");
  EXPECT_EQ(c.text, c.blocks[0].text);
}

TEST(ExtractPage, PdfAndImagesAreRecordedWithoutBlocks) {
  for (const char* type : {"application/pdf", "image/jpeg"}) {
    crawler::FetchedPage page = testing::UndeclaredPage("%PDF-1.7 <p>binary</p>", type);
    const PageContent c = ExtractPage(page);
    EXPECT_FALSE(c.is_html) << type;
    EXPECT_EQ(c.content_type, type);
    EXPECT_TRUE(c.blocks.empty()) << type;
    EXPECT_EQ(c.url, page.final_url);
  }
}

TEST(ExtractPage, MissingContentTypeIsSniffed) {
  crawler::FetchedPage page = testing::UndeclaredPage("<!doctype html><p>draft</p>", "");
  page.headers.clear();
  const PageContent c = ExtractPage(page);
  EXPECT_TRUE(c.is_html);
  EXPECT_NE(FindBlock(c, "draft"), nullptr);
}

}  // namespace
}  // namespace sightline::analyzer
