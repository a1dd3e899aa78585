// Regressions from end-to-end runs, with real detection: a patient's first-person account
// (testimonial) is a finding; a post listing's dates are never direct identifiers; negated
// conditions do not enter a story.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "analyzer/detect/detector.h"
#include "analyzer/link/linker.h"
#include "page_builder.h"

namespace sightline::analyzer {
namespace {

using testing::PageBuilder;

const Detector& Shared() {
  static std::unique_ptr<Detector> detector = [] {
    auto created = Detector::Create();
    EXPECT_TRUE(created.has_value()) << created.error().ToString();
    return created ? std::move(*created) : nullptr;
  }();
  return *detector;
}

constexpr const char* kTestimonial =
    "My name is Jane Roe, I am 42 years old and live in Oak Ridge, Tennessee; last spring I "
    "was diagnosed with Wilson disease at Saint Mary Hospital.";

std::vector<Finding> Link(std::vector<const PageBuilder*> builders) {
  ExposureVerdict verdict;
  verdict.indexable = true;
  std::vector<PageAnalysis> pages;
  for (const PageBuilder* b : builders) {
    pages.push_back(AnalyzePage(b->page(), Shared().Detect(b->page()), verdict));
  }
  return LinkSite(pages, &Shared().priors(), {});
}

bool HasDetail(const Finding& f, std::string_view text) {
  return std::any_of(f.details.begin(), f.details.end(), [&](const FindingDetail& d) {
    return d.text.find(text) != std::string::npos;
  });
}

TEST(Testimonial, FirstPersonPatientAccountIsADirectIdentifierFinding) {
  PageBuilder b("https://practice.example/stories/jane.html");
  b.H("Patient stories");
  b.P(kTestimonial);
  std::vector<Finding> findings = Link({&b});
  auto it = std::find_if(findings.begin(), findings.end(),
                         [](const Finding& f) { return HasDetail(f, "Jane Roe"); });
  ASSERT_NE(it, findings.end());
  EXPECT_EQ(it->kind, FindingKind::kDirectIdentifier);
  EXPECT_EQ(it->risk, Risk::kCritical);
  EXPECT_TRUE(HasDetail(*it, "Wilson disease"));
}

TEST(Testimonial, NameInAnEarlierSentenceOfTheBlockBelongsToTheStory) {
  PageBuilder b("https://practice.example/");
  b.P("My name is Jane Roe. I live in Oak Ridge, Tennessee. I was treated for Wilson disease "
      "as a patient of Dr. Hale.");
  std::vector<Finding> findings = Link({&b});
  EXPECT_TRUE(std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.kind == FindingKind::kDirectIdentifier && HasDetail(f, "Jane Roe");
  }));
}

TEST(Testimonial, AuthorsOwnProfilePageIsNotAPatient) {
  PageBuilder b("https://practice.example/about.html");
  b.JsonLd("Physician", {{"name", "Dr. Jane Roe"}});
  b.P(kTestimonial);
  for (const Finding& f : Link({&b})) {
    EXPECT_NE(f.kind, FindingKind::kDirectIdentifier) << f.summary;
    EXPECT_NE(f.kind, FindingKind::kPatientReidentification) << f.summary;
  }
}

TEST(Testimonial, PhysiciansOwnDiagnosisInsideACaseIsNotASecondPatient) {
  PageBuilder b("https://practice.example/blog/case.html");
  b.P("A 41-year-old bus driver came in with a tremor. My diagnosis was Wilson disease.");
  std::vector<Finding> findings = Link({&b});
  EXPECT_LE(findings.size(), 1u);
}

TEST(PostListing, PublicationDatesAreNeverDirectIdentifiers) {
  PageBuilder b("https://practice.example/blog/");
  b.H("From the exam room");
  b.Block(BlockKind::kListItem,
          "Lessons from our oldest patient 2024-06-18 What a long life can teach the rest of us. "
          "A birthday to remember 2024-05-07 On staying connected with a patient over decades.",
          "html>body>main>ul>li");
  for (const Finding& f : Link({&b})) {
    for (const FindingDetail& d : f.details) {
      EXPECT_NE(d.type, MentionType::kDate) << f.summary;
    }
    EXPECT_LT(f.risk, Risk::kMedium) << f.summary;
  }
}

TEST(PostListing, LabelledBirthDateOfANamedPatientStillIs) {
  PageBuilder b("https://practice.example/blog/notes.html");
  b.Comment("note: patient John Miller, DOB 1/2/1950");
  std::vector<Finding> findings = Link({&b});
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings[0].kind, FindingKind::kDirectIdentifier);
  EXPECT_TRUE(HasDetail(findings[0], "1/2/1950"));
}

TEST(Negation, NegatedConditionDoesNotEnterTheStory) {
  PageBuilder b("https://practice.example/blog/fall.html");
  b.P("A 67-year-old woman slipped on the ice last Thursday. The X-ray showed no fracture, "
      "and she went home.");
  for (const Finding& f : Link({&b})) {
    for (const FindingDetail& d : f.details) EXPECT_NE(d.type, MentionType::kCondition) << d.text;
  }
}

}  // namespace
}  // namespace sightline::analyzer
