#include "reports/internal/snippet_groups.h"

#include <gtest/gtest.h>

#include "tests/reports/report_fixture.h"

namespace sightline::reports::internal {
namespace {

using analyzer::MentionType;
using reports::testing::Detail;

std::string Render(const SnippetGroup& g) {
  std::string out;
  for (const auto& s : g.segments) out += s.marked ? "[" + s.text + "|" + s.label + "]" : s.text;
  return out;
}

TEST(GroupDetailsBySnippet, OneGroupPerSentenceWithEverySpanMarked) {
  const std::string s = "A 41-year-old bus driver with gout.";
  const auto groups =
      GroupDetailsBySnippet({Detail(MentionType::kCondition, "gout", "gout", "u", s),
                             Detail(MentionType::kAge, "41-year-old", "41", "u", s),
                             Detail(MentionType::kOccupation, "bus driver", "bus driver", "u", s)});
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(Render(groups[0]),
            "A [41-year-old|age] [bus driver|occupation] with [gout|condition].");
  EXPECT_EQ(groups[0].labels, (std::vector<std::string>{"condition", "age", "occupation"}));
}

TEST(GroupDetailsBySnippet, SeparatesPagesAndHiddenText) {
  const std::string s = "Jane called.";
  const auto groups = GroupDetailsBySnippet(
      {Detail(MentionType::kPersonName, "Jane", "jane", "a", s),
       Detail(MentionType::kPersonName, "Jane", "jane", "b", s),
       Detail(MentionType::kPersonName, "Jane", "jane", "a", s, /*hidden=*/true)});
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_TRUE(groups[2].hidden);
}

TEST(GroupDetailsBySnippet, MergesOverlappingSpans) {
  const std::string s = "Seen at Fairview General Hospital today.";
  auto place = Detail(MentionType::kLocation, "Fairview", "fairview", "u", s);
  auto facility = Detail(MentionType::kFacility, "Fairview General Hospital", "fgh", "u", s);
  const auto groups = GroupDetailsBySnippet({place, facility});
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(Render(groups[0]), "Seen at [Fairview General Hospital|place, facility] today.");
}

TEST(GroupDetailsBySnippet, DetailOutsideItsSnippetIsStillShown) {
  auto d = Detail(MentionType::kIdentifier, "MRN 4471", "4471", "u", "No such text here.");
  d.snippet_begin = 50;
  d.snippet_end = 10;
  auto bare = Detail(MentionType::kContact, "555-0101", "5550101", "u", "");
  const auto groups = GroupDetailsBySnippet({d, bare});
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(Render(groups[0]), "No such text here. … [MRN 4471|identifier]");
  EXPECT_EQ(Render(groups[1]), "[555-0101|contact]");
}

}  // namespace
}  // namespace sightline::reports::internal
