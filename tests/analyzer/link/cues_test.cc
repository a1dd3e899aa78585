#include "analyzer/link/internal/cues.h"

#include <gtest/gtest.h>

#include "analyzer/link/internal/page_view.h"
#include "analyzer/link/internal/text_util.h"

namespace sightline::analyzer::link_internal {
namespace {

TEST(PatientCues, AnchorsAndGenericStatements) {
  auto cues = FindPatientCues("a 41-year-old woman came in last week.");
  ASSERT_FALSE(cues.empty());
  EXPECT_EQ(cues[0].strength, CueStrength::kNew);
  EXPECT_EQ(cues[0].begin, 0u);
  EXPECT_FALSE(FindPatientCues("one of our youngest patients arrived.").empty());
  EXPECT_FALSE(FindPatientCues("the cyclist was thrown off.").empty());
  EXPECT_FALSE(FindPatientCues("my patient presented with jaundice.").empty());
  EXPECT_TRUE(FindPatientCues("many of my patients ask about salt.").size() <= 0u);
  EXPECT_TRUE(IsGenericStatement("many of my patients ask about salt."));
  EXPECT_TRUE(IsGenericStatement("one in ten adults has high blood pressure."));
  EXPECT_FALSE(IsGenericStatement("a 41-year-old woman came in last week."));
}

TEST(PatientCues, ReferencesKeepAStoryGoing) {
  EXPECT_TRUE(HasSubjectReference("she was relieved."));
  EXPECT_TRUE(HasSubjectReference("i ordered a ceruloplasmin level."));
  EXPECT_FALSE(HasSubjectReference("tremor has many causes."));
}

TEST(PrivateLifeCues, FirstPersonFamilyHomeAndContact) {
  EXPECT_TRUE(HasFamilyCue("my husband tom and i"));
  EXPECT_TRUE(HasChildCue("i cheer for my kids at lincoln elementary"));
  EXPECT_TRUE(HasHomeCue("we live on oak lane"));
  EXPECT_TRUE(HasPersonalContactCue("for urgent questions text me on my cell: 440-555-0199."));
  EXPECT_FALSE(HasPersonalContactCue("call the office at 440-555-0100."));
  EXPECT_TRUE(IsSchoolName("lincoln elementary school"));
  EXPECT_FALSE(IsSchoolName("fairview community hospital"));
  EXPECT_TRUE(IsHospitalName("fairview community hospital"));
}

TEST(PrivateLifeCues, OneScanAgreesWithTheFourCues) {
  for (std::string_view sentence :
       {"my husband tom and i", "our little ones love the park", "we live on oak lane",
        "text me on my cell", "call the office at 440-555-0100.", "the practice is on main street.",
        "my patient lives on a farm", "our home address is 1 elm st", "", "my"}) {
    const bool any = HasFamilyCue(sentence) || HasChildCue(sentence) || HasHomeCue(sentence) ||
                     HasPersonalContactCue(sentence);
    EXPECT_EQ(IsPrivateLifeSentence(sentence), any) << sentence;
  }
}

TEST(CriticismCues, LexiconAndRoles) {
  auto terms = DisparagingTerms("dr. hargrove was frankly incompetent and rude.");
  EXPECT_EQ(terms, (std::vector<std::string>{"incompetent", "rude"}));
  EXPECT_TRUE(DisparagingTerms("dr. hargrove was a great help.").empty());
  auto roles = ColleagueRoles("my supervisor is clueless.");
  ASSERT_EQ(roles.size(), 1u);
  EXPECT_EQ(roles[0], (std::pair<size_t, size_t>{0, 13}));
}

TEST(PatientCues, NegationAndSingularPatient) {
  std::string text = "the x-ray showed no fracture, but she has asthma.";
  EXPECT_TRUE(IsNegated(text, text.find("fracture")));
  EXPECT_FALSE(IsNegated(text, text.find("asthma")));
  std::string ruled = "we ruled out lupus early.";
  EXPECT_TRUE(IsNegated(ruled, ruled.find("lupus")));
  EXPECT_TRUE(MentionsOnePatient("note: patient john miller, dob 1/2/1950"));
  EXPECT_FALSE(MentionsOnePatient("on staying connected with patients over decades"));
}

TEST(PrivateLifeCues, SchoolNamesInOriginalCase) {
  std::string text = "My twins start second grade at Maple Street Elementary School next week.";
  auto spans = SchoolNames(text);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(text.substr(spans[0].first, spans[0].second - spans[0].first),
            "Maple Street Elementary School");
  EXPECT_TRUE(SchoolNames("we talked about school lunches.").empty());
}

TEST(ProfileUrls, AboutAndContactPages) {
  EXPECT_TRUE(IsProfileUrl("https://x.example/about.html"));
  EXPECT_TRUE(IsProfileUrl("https://x.example/contact/"));
  EXPECT_TRUE(IsProfileUrl("https://x.example/meet-dr-lee"));
  EXPECT_FALSE(IsProfileUrl("https://x.example/blog/about-tremor.html"));
  EXPECT_FALSE(IsProfileUrl("https://x.example/blog/post.html"));
}

TEST(PageViewChrome, LandmarksByElementClassOrId) {
  PageContent page;
  const std::vector<std::pair<std::string, std::pair<bool, bool>>> paths = {
      // path → {in chrome, in footer}
      {"html>body>footer>p", {true, true}},
      {"HTML>BODY>Footer.dark>p", {true, true}},
      {"html>body>div.site-footer>p", {false, false}},  // class word must follow '.' or '#'
      {"html>body>div.footer>p", {true, true}},
      {"html>body>div#nav>ul>li", {true, false}},
      {"html>body>div.navbar>a", {true, false}},
      {"html>body>aside>p", {true, false}},
      {"html>body>header#top>h1", {true, false}},
      {"html>body>article>p", {false, false}},
      {"html>body>navigation>p", {false, false}},
      {"", {false, false}},
  };
  for (const auto& [path, expected] : paths) {
    TextBlock block;
    block.kind = BlockKind::kParagraph;
    block.text = "text";
    block.path = path;
    page.blocks.push_back(block);
  }
  const std::vector<Mention> mentions;
  PageView view(page, mentions);
  for (size_t i = 0; i < paths.size(); ++i) {
    EXPECT_EQ(view.in_chrome[i], paths[i].second.first) << paths[i].first;
    EXPECT_EQ(view.footer[i], paths[i].second.second) << paths[i].first;
  }
}

TEST(TextUtil, SentencesSkipAbbreviations) {
  std::string text = "Dr. Lee saw her. She was fine! Was she?";
  auto starts = SentenceStarts(text);
  EXPECT_EQ(starts, (std::vector<size_t>{0, 17, 31}));
  auto [b, e] = SentenceAround(text, 21, 24);
  EXPECT_EQ(text.substr(b, e - b), "She was fine!");
  size_t sb = 0, se = 0;
  EXPECT_EQ(Snippet(text, 21, 24, &sb, &se), "She was fine!");
  EXPECT_EQ(sb, 4u);
  EXPECT_EQ(se, 7u);
  EXPECT_EQ(NormalizeKey("Wilson's Disease!"), "wilsons disease");
  EXPECT_EQ(DigitsOnly("+1 (440) 555-0100"), "4405550100");
  EXPECT_EQ(TextFingerprint("a  b\n c"), TextFingerprint("a b c"));
}

}  // namespace
}  // namespace sightline::analyzer::link_internal
