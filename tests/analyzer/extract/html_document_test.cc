// HtmlDocument reuses its thread's MyHTML parser: every parse must start from an empty tree,
// two documents alive at once must not share one, and a large page must not leave its
// parser behind.
#include "analyzer/extract/internal/html_document.h"

#include <gtest/gtest.h>

#include <string>

namespace sightline::analyzer::internal {
namespace {

// The text of every text node under `node`, in document order.
std::string AllText(HtmlNode* node) {
  std::string out;
  for (HtmlNode* child = myhtml_node_child(node); child != nullptr;
       child = myhtml_node_next(child)) {
    if (TagOf(child) == MyHTML_TAG__TEXT) out += NodeText(child);
    out += AllText(child);
  }
  return out;
}

TEST(HtmlDocument, EachParseStartsFromAnEmptyTree) {
  {
    auto first = HtmlDocument::Parse("<title>one</title><p>first page</p><custom-a>x</custom-a>");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(AllText(first->document()), "onefirst pagex");
  }
  auto second = HtmlDocument::Parse("<p>second</p>");
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(AllText(second->document()), "second");
}

TEST(HtmlDocument, TwoDocumentsAliveAtOnceKeepTheirOwnTrees) {
  auto a = HtmlDocument::Parse("<p>alpha</p>");
  auto b = HtmlDocument::Parse("<p>beta</p>");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(AllText(a->document()), "alpha");
  EXPECT_EQ(AllText(b->document()), "beta");
  b.reset();
  EXPECT_EQ(AllText(a->document()), "alpha");
  auto c = HtmlDocument::Parse("<p>gamma</p>");  // a still holds the thread's parser
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(AllText(c->document()), "gamma");
  EXPECT_EQ(AllText(a->document()), "alpha");
}

TEST(HtmlDocument, ParsingGoesOnAfterALargePage) {
  std::string big = "<p>";
  big.append(2u * 1024 * 1024, 'w');
  {
    auto doc = HtmlDocument::Parse(big);
    ASSERT_NE(doc, nullptr);
    EXPECT_EQ(AllText(doc->document()).size(), 2u * 1024 * 1024);
  }
  auto next = HtmlDocument::Parse("<p>after</p>");
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(AllText(next->document()), "after");
}

TEST(HtmlDocument, AttributesAndTagNames) {
  auto doc = HtmlDocument::Parse("<div ID=x id=y hidden data-Note='a&amp;b'><My-Widget>t</div>");
  ASSERT_NE(doc, nullptr);
  HtmlNode* body = myhtml_node_last_child(myhtml_node_child(doc->document()));
  HtmlNode* div = myhtml_node_child(body);
  ASSERT_NE(div, nullptr);
  EXPECT_EQ(TagName(div), "div");
  EXPECT_STREQ(Attr(div, "id"), "x");  // the first of duplicates, as HTML keeps it
  EXPECT_STREQ(Attr(div, "hidden"), "");
  EXPECT_STREQ(Attr(div, "data-note"), "a&b");
  EXPECT_EQ(Attr(div, "class"), nullptr);
  EXPECT_EQ(StartOffset(div), 0u);
  EXPECT_EQ(TagName(myhtml_node_child(div)), "my-widget");
}

}  // namespace
}  // namespace sightline::analyzer::internal
