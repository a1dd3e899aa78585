#include "analyzer/link/internal/explain.h"

#include <gtest/gtest.h>

#include "analyzer/link/internal/estimate.h"

namespace sightline::analyzer::link_internal {
namespace {

LinkedDetail Detail(MentionType type, std::string text, std::string normalized, double prior) {
  LinkedDetail d;
  d.detail.type = type;
  d.detail.text = std::move(text);
  d.detail.normalized = std::move(normalized);
  d.detail.prior = prior;
  d.detail.url = "https://x.example/post.html";
  return d;
}

SiteProfile Fairview() {
  SiteProfile p;
  p.country_population = kUsPopulation2020;
  Catchment c;
  c.name = "Fairview";
  c.region = "OH";
  c.population = 6000;
  c.url = "https://x.example/contact.html";
  p.catchment = c;
  return p;
}

Estimate EstimateOf(std::vector<LinkedDetail> details, const SiteProfile& profile = Fairview()) {
  Subject s;
  s.url = "https://x.example/post.html";
  s.details = std::move(details);
  return EstimateSubject(s, profile, {}, nullptr);
}

TEST(DescribeSubject, ArticleAgreesWithTheNextWord) {
  EXPECT_EQ(DescribeSubject(EstimateOf({Detail(MentionType::kAge, "8-year-old", "8", 0.013),
                                        Detail(MentionType::kSex, "girl", "F", 0.5)})),
            "an 8-year-old girl, seen at a practice in Fairview, OH (pop. 6,000)");
  EXPECT_EQ(DescribeSubject(EstimateOf({Detail(MentionType::kAge, "18-year-old", "18", 0.013)})),
            "an 18-year-old patient, seen at a practice in Fairview, OH (pop. 6,000)");
  EXPECT_EQ(
      DescribeSubject(EstimateOf({Detail(MentionType::kOccupation, "engineer", "engineer", 0.01)})),
      "an engineer, seen at a practice in Fairview, OH (pop. 6,000)");
  EXPECT_EQ(DescribeSubject(EstimateOf({Detail(MentionType::kAge, "63-year-old", "63", 0.013),
                                        Detail(MentionType::kSex, "man", "M", 0.49)})),
            "a 63-year-old man, seen at a practice in Fairview, OH (pop. 6,000)");
}

TEST(EstimateSubject, UnknownPlaceFallsBackToTheCountry) {
  SiteProfile none;
  none.country_population = kUsPopulation2020;
  Estimate e = EstimateOf({Detail(MentionType::kCondition, "lupus", "lupus", 0.001)}, none);
  EXPECT_TRUE(e.place_unknown);
  EXPECT_DOUBLE_EQ(e.population, static_cast<double>(kUsPopulation2020));
  EXPECT_NEAR(e.k, kUsPopulation2020 * 0.001, 1e-6);
}

TEST(EstimateSubject, SameConditionTwiceCountsOnceAndTwoConditionsMultiply) {
  Estimate once = EstimateOf({Detail(MentionType::kCondition, "lupus", "lupus", 0.001),
                              Detail(MentionType::kCondition, "Lupus", "lupus", 0.001)});
  EXPECT_NEAR(once.k, 6000 * 0.001, 1e-9);
  Estimate two = EstimateOf({Detail(MentionType::kCondition, "lupus", "lupus", 0.001),
                             Detail(MentionType::kCondition, "asthma", "asthma", 0.08)});
  EXPECT_NEAR(two.k, 6000 * 0.001 * 0.08, 1e-9);
}

TEST(SubjectAdvice, PrefersGeneralisingTheAgeWhenThatIsEnough) {
  // 6,000 × 1 % (one year of age) × 10 % (condition) = 6 → generalising the age to its decade
  // (× 10) gives 60 ≥ 20, so the advice keeps the condition.
  Estimate e = EstimateOf({Detail(MentionType::kAge, "41-year-old", "41", 0.01),
                           Detail(MentionType::kCondition, "asthma", "asthma", 0.1)});
  ASSERT_NEAR(e.k, 6, 1e-9);
  std::string advice = SubjectAdvice(e, RiskThresholds{});
  EXPECT_NE(advice.find("Generalise the age (\"41-year-old\": say \"in their 40s\")"),
            std::string::npos)
      << advice;
  EXPECT_EQ(advice.find("condition"), std::string::npos) << advice;
}

TEST(SubjectSummary, StatesKInPlainWords) {
  Estimate e = EstimateOf({Detail(MentionType::kAge, "41-year-old", "41", 0.01),
                           Detail(MentionType::kCondition, "asthma", "asthma", 0.1)});
  EXPECT_EQ(SubjectSummary(e),
            "A 41-year-old patient with asthma, seen at a practice in Fairview, OH (pop. 6,000): "
            "about 6 people match.");
}

}  // namespace
}  // namespace sightline::analyzer::link_internal
