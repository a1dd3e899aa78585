#include "analyzer/link/anonymity.h"

#include <gtest/gtest.h>

namespace sightline::analyzer {
namespace {

TEST(AnonymitySet, MultipliesPopulationByIndependentShares) {
  // 6,000 people × 1.3 % aged 41 × 0.11 % bus drivers × 1 in 30,000 with Wilson's disease.
  double k =
      AnonymitySet(6000, {{"age", 0.013}, {"occupation", 0.0011}, {"condition", 1.0 / 30000}});
  EXPECT_NEAR(k, 6000 * 0.013 * 0.0011 / 30000, 1e-12);
}

TEST(AnonymitySet, IgnoresMissingPriorsAndClampsSharesAboveOne) {
  EXPECT_DOUBLE_EQ(AnonymitySet(1000, {{"a", 0.0}, {"b", -1}, {"c", 3.0}, {"d", 0.5}}), 500);
  EXPECT_DOUBLE_EQ(AnonymitySet(0, {{"a", 0.5}}), 0);
}

// Sweeney (2000): 87 % of the US population is unique by ZIP, sex and date of birth. The
// uniform-birthday check (Golle 2006; El Emam's worked example): z = 9,330 people in a ZIP,
// d = 2 sexes × 365 days × 78 years = 56,940 cells → P(unique) = (1 − 1/d)^(z−1) ≈ 0.849.
TEST(UniformUniquenessProbability, SweeneyZipSexBirthDateExample) {
  EXPECT_NEAR(UniformUniquenessProbability(9330, 56940), 0.849, 0.0005);
  // The k-map estimate of the same cell: fewer than one other person shares it.
  EXPECT_NEAR(UniformExpectedMatches(9330, 56940), 9329.0 / 56940, 1e-12);
  EXPECT_LT(UniformExpectedMatches(9330, 56940), 1.0);
}

TEST(UniformUniquenessProbability, EdgeCases) {
  EXPECT_DOUBLE_EQ(UniformUniquenessProbability(1, 10), 1.0);
  EXPECT_DOUBLE_EQ(UniformUniquenessProbability(10, 1), 0.0);
  // More people than cells: almost nobody is unique.
  EXPECT_LT(UniformUniquenessProbability(1e6, 1000), 1e-100);
}

TEST(RiskForAnonymitySet, DefaultBandsFollowElEmamThresholds) {
  RiskThresholds t;
  EXPECT_EQ(RiskForAnonymitySet(0.01, t), Risk::kCritical);
  EXPECT_EQ(RiskForAnonymitySet(0.99, t), Risk::kCritical);
  EXPECT_EQ(RiskForAnonymitySet(1.0, t), Risk::kHigh);
  EXPECT_EQ(RiskForAnonymitySet(4.9, t), Risk::kHigh);
  EXPECT_EQ(RiskForAnonymitySet(5.0, t), Risk::kMedium);
  EXPECT_EQ(RiskForAnonymitySet(19.9, t), Risk::kMedium);
  EXPECT_EQ(RiskForAnonymitySet(20.0, t), Risk::kLow);
  EXPECT_EQ(RiskForAnonymitySet(1e6, t), Risk::kLow);
}

TEST(RiskForAnonymitySet, ThresholdsAreConfigurable) {
  RiskThresholds strict{5.0, 20.0, 100.0};
  EXPECT_EQ(RiskForAnonymitySet(3, strict), Risk::kCritical);
  EXPECT_EQ(RiskForAnonymitySet(50, strict), Risk::kMedium);
  EXPECT_EQ(RiskForAnonymitySet(150, strict), Risk::kLow);
}

TEST(FormatNumbers, ThousandsSeparators) {
  EXPECT_EQ(FormatThousands(0), "0");
  EXPECT_EQ(FormatThousands(999), "999");
  EXPECT_EQ(FormatThousands(6000), "6,000");
  EXPECT_EQ(FormatThousands(1234567), "1,234,567");
  EXPECT_EQ(FormatThousands(-4500), "-4,500");
}

TEST(FormatNumbers, PopulationsRoundToTwoSignificantDigits) {
  EXPECT_EQ(FormatPopulation(5148), "5,100");
  EXPECT_EQ(FormatPopulation(6000), "6,000");
  EXPECT_EQ(FormatPopulation(850), "850");
  EXPECT_EQ(FormatPopulation(2296224), "2.3 million");
  EXPECT_EQ(FormatPopulation(331449281), "330 million");
}

TEST(FormatNumbers, PeopleForASentence) {
  EXPECT_EQ(FormatPeople(0.0001), "fewer than 0.01 people");
  EXPECT_EQ(FormatPeople(0.012), "about 0.01 people");
  EXPECT_EQ(FormatPeople(0.43), "about 0.4 people");
  EXPECT_EQ(FormatPeople(1.0), "about 1 person");
  EXPECT_EQ(FormatPeople(2.46), "about 2.5 people");
  EXPECT_EQ(FormatPeople(35.4), "about 35 people");
  EXPECT_EQ(FormatPeople(1234), "about 1,200 people");
  EXPECT_EQ(FormatPeople(2.3e6), "about 2.3 million people");
}

}  // namespace
}  // namespace sightline::analyzer
