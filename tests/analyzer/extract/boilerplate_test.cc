#include "analyzer/extract/boilerplate.h"

#include <gtest/gtest.h>

#include <string>

#include "analyzer/extract/extractor.h"
#include "analyzer/extract/internal/text_util.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

PageContent Page(const std::string& article) {
  return ExtractPage(testing::HtmlPage(
      "<nav><ul><li>Home</li><li>About Dr Roe</li></ul></nav><article><p>" + article +
      "</p></article><footer><p>\xC2\xA9 Fairview Family Practice, 1 Main St</p></footer>"));
}

// The fingerprint as first defined: FNV-1a 64 over kind, hidden flag and the collapsed text.
// Stored finding ids depend on it, so its value must never change.
uint64_t FingerprintAsDefined(const TextBlock& block) {
  uint64_t h = 0xcbf29ce484222325ull;
  const std::string bytes =
      std::string{static_cast<char>('A' + static_cast<int>(block.kind)), block.hidden ? 'h' : 'v'} +
      internal::CollapseWhitespace(block.text);
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

TEST(BlockFingerprint, ValueIsTheCollapsedTextsHashWithoutBuildingIt) {
  for (const std::string text : {"", " ", "plain", "  lead and trail  ", "tabs\tand\nnew\r\nlines",
                                 "a\xC2\xA0"
                                 "b",
                                 "\xC2\xA0\xC2\xA0x\xC2\xA0", "lone \xC2 byte \xC2",
                                 "caf\xC3\xA9  \xE6\x9D\xB1", "x \xC2\xA0 \t y", "\xC2"}) {
    TextBlock block;
    block.kind = BlockKind::kParagraph;
    block.text = text;
    EXPECT_EQ(BlockFingerprint(block), FingerprintAsDefined(block)) << text;
    block.hidden = true;
    EXPECT_EQ(BlockFingerprint(block), FingerprintAsDefined(block)) << text;
  }
}

TEST(BlockFingerprint, IgnoresWhitespaceAndPathButNotKindOrText) {
  TextBlock a;
  a.text = "Fairview  Family Practice";
  a.path = "html>body>footer>p";
  TextBlock b = a;
  b.text = "Fairview Family Practice";
  b.path = "html>body>div>p";
  EXPECT_EQ(BlockFingerprint(a), BlockFingerprint(b));
  TextBlock c = b;
  c.kind = BlockKind::kHeading;
  EXPECT_NE(BlockFingerprint(b), BlockFingerprint(c));
  TextBlock d = b;
  d.text = "Fairview Family Practise";
  EXPECT_NE(BlockFingerprint(b), BlockFingerprint(d));
  TextBlock e = b;
  e.hidden = true;
  EXPECT_NE(BlockFingerprint(b), BlockFingerprint(e));
}

TEST(BlockFingerprint, StableAcrossRuns) {
  TextBlock a;
  a.kind = BlockKind::kParagraph;
  a.text = "hello";
  // FNV-1a 64 over "Ev" (kind, visible) + "hello": a fixed value, so stored fingerprints
  // stay valid across runs and machines.
  EXPECT_EQ(BlockFingerprint(a), 0x10c19a49f3669baaull);
}

TEST(BoilerplateIndex, RepeatedNavAndFooterAreMarkedArticleIsNot) {
  BoilerplateIndex index;
  std::vector<PageContent> pages = {Page("Story one"), Page("Story two"), Page("Story three"),
                                    Page("Story four")};
  for (const auto& p : pages) index.Add(p);
  EXPECT_EQ(index.pages(), 4u);
  PageContent first = pages[0];
  index.Mark(first);
  for (const auto& b : first.blocks) {
    const bool article = b.text == "Story one";
    EXPECT_EQ(b.boilerplate, !article) << b.text;
  }
}

TEST(BoilerplateIndex, NeedsAtLeastThreePages) {
  BoilerplateIndex index;
  index.Add(Page("a"));
  index.Add(Page("b"));
  PageContent p = Page("a");
  index.Mark(p);
  for (const auto& b : p.blocks) EXPECT_FALSE(b.boilerplate) << b.text;
}

TEST(BoilerplateIndex, NeedsHalfOfThePages) {
  BoilerplateIndex index;
  // The shared block appears on 3 of 7 pages: under 50%.
  for (int i = 0; i < 7; ++i) {
    PageContent p;
    TextBlock unique;
    unique.text = "unique " + std::to_string(i);
    p.blocks.push_back(unique);
    if (i < 3) {
      TextBlock shared;
      shared.text = "shared sidebar";
      p.blocks.push_back(shared);
    }
    index.Add(p);
  }
  TextBlock shared;
  shared.text = "shared sidebar";
  EXPECT_FALSE(index.IsBoilerplate(BlockFingerprint(shared)));
  // A fourth page with it reaches 4 of 8 = 50%.
  PageContent more;
  more.blocks.push_back(shared);
  index.Add(more);
  EXPECT_TRUE(index.IsBoilerplate(BlockFingerprint(shared)));
}

TEST(BoilerplateIndex, CountsABlockOncePerPage) {
  BoilerplateIndex index;
  PageContent p;
  TextBlock b;
  b.text = "repeated";
  p.blocks = {b, b, b, b};
  index.Add(p);
  PageContent other;
  TextBlock o;
  o.text = "other";
  other.blocks = {o};
  index.Add(other);
  index.Add(other);
  EXPECT_FALSE(index.IsBoilerplate(BlockFingerprint(b)));
}

}  // namespace
}  // namespace sightline::analyzer
