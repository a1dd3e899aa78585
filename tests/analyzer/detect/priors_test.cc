#include "analyzer/detect/priors.h"

#include <gtest/gtest.h>

#include <memory>

namespace sightline::analyzer {
namespace {

const Priors& SharedPriors() {
  static std::unique_ptr<Priors> priors = [] {
    auto loaded = Priors::Load();
    EXPECT_TRUE(loaded.has_value()) << loaded.error().ToString();
    return loaded ? std::move(*loaded) : nullptr;
  }();
  return *priors;
}

TEST(Priors, LoadsEveryInstalledDictionary) {
  const PriorsStats& s = SharedPriors().stats();
  EXPECT_GT(s.places, 100000u);
  EXPECT_GT(s.first_names, 5000u);
  EXPECT_GT(s.surnames, 80000u);
  EXPECT_GT(s.words, 100000u);
  EXPECT_GT(s.medical_terms, 50000u);
  EXPECT_GE(s.conditions, 300u);
  EXPECT_GE(s.occupations, 100u);
}

TEST(Priors, MissingDataFileNamesThePackage) {
  DetectorOptions options;
  options.names_pm = "/nonexistent/Names.pm";
  auto loaded = Priors::Load(options);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(loaded.error().message.find("libtext-names-perl"), std::string::npos);
}

TEST(Priors, MissingNpmPackageNamesIt) {
  DetectorOptions options;
  options.npm_dir = "/nonexistent";
  auto loaded = Priors::Load(options);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("npm package"), std::string::npos);
}

TEST(Priors, PlacePreferRegionHintThenPopulation) {
  const Priors& p = SharedPriors();
  auto columbus_oh = p.LookupPlace("Columbus", "US-OH");
  ASSERT_TRUE(columbus_oh);
  EXPECT_EQ(columbus_oh->admin, "OH");
  EXPECT_GT(columbus_oh->population, 500000);
  auto columbus_ga = p.LookupPlace("Columbus", "US-GA");
  ASSERT_TRUE(columbus_ga);
  EXPECT_EQ(columbus_ga->admin, "GA");
  EXPECT_GT(columbus_ga->candidates, 1);
  auto paris = p.LookupPlace("Paris", "FR");
  ASSERT_TRUE(paris);
  EXPECT_EQ(paris->country, "FR");
  EXPECT_GT(paris->population, 1000000);
}

TEST(Priors, MultiWordAndPunctuatedPlaceNames) {
  const Priors& p = SharedPriors();
  auto oak_ridge = p.LookupPlace("Oak Ridge", "US-TN");
  ASSERT_TRUE(oak_ridge);
  EXPECT_EQ(oak_ridge->admin, "TN");
  EXPECT_TRUE(p.LookupPlace("St. Louis", "US"));
  EXPECT_TRUE(p.LookupPlace("st louis", "US"));
  EXPECT_FALSE(p.LookupPlace("Qwxzv", ""));
}

TEST(Priors, UsStatesArePlacesAndCodes) {
  const Priors& p = SharedPriors();
  auto vermont = p.LookupPlace("Vermont", "");
  ASSERT_TRUE(vermont);
  EXPECT_EQ(vermont->feature_code, "ADM1");
  EXPECT_EQ(p.UsStateCode("Ohio"), "OH");
  EXPECT_EQ(p.UsStateCode("oh"), "OH");
  EXPECT_EQ(p.UsStateCode("Paris"), "");
  EXPECT_GT(p.UsPopulation(), 300000000);
}

TEST(Priors, CensusNameShares) {
  const Priors& p = SharedPriors();
  EXPECT_NEAR(p.FirstNameShare("James"), 0.03318 / 2, 1e-4);
  EXPECT_NEAR(p.SurnameShare("smith"), 0.01006, 1e-5);
  double tail = p.SurnameShare("Lindqvist");
  EXPECT_GE(tail, 0.0);
  EXPECT_LT(tail, 0.0001);
  EXPECT_EQ(p.FirstNameSex("Mary"), 'F');
  EXPECT_EQ(p.FirstNameSex("John"), 'M');
  EXPECT_TRUE(p.IsFirstName("Lucía"));  // accent-folded to the Census "LUCIA"
  EXPECT_FALSE(p.IsFirstName("Xqzt"));
}

TEST(Priors, AgeAndSexSharesFromCensusTable) {
  const Priors& p = SharedPriors();
  double band = p.AgeBandShare(41);
  EXPECT_GT(band, 0.05);
  EXPECT_LT(band, 0.08);
  EXPECT_NEAR(p.AgeShare(41), band / 5, 1e-9);
  EXPECT_LT(p.AgeShare(95), p.AgeShare(41));
  EXPECT_NEAR(p.AgeRangeShare(0, 120), 1.0, 0.02);
  EXPECT_NEAR(p.SexShare('F') + p.SexShare('M'), 1.0, 1e-9);
  EXPECT_NEAR(p.SexShare('F'), 0.5, 0.02);
}

TEST(Priors, WordLevelsSeparateCommonFromRare) {
  const Priors& p = SharedPriors();
  EXPECT_EQ(p.WordLevel("hope"), 10);
  EXPECT_GT(p.WordLevel("georgia"), 60);
  EXPECT_EQ(p.WordLevel("okafor"), 0);
  EXPECT_TRUE(p.IsMedicalTerm("dermatomyositis"));
  EXPECT_FALSE(p.IsMedicalTerm("hand"));
}

TEST(Priors, ConditionAndOccupationTables) {
  const Priors& p = SharedPriors();
  auto wilson = p.LookupCondition("Wilson's disease");
  ASSERT_TRUE(wilson);
  EXPECT_EQ(wilson->name, "wilson's disease");
  EXPECT_LT(wilson->prevalence, 0.0001);
  EXPECT_FALSE(wilson->source.empty());
  auto diabetes = p.LookupCondition("diabetes mellitus");
  ASSERT_TRUE(diabetes);
  EXPECT_GT(diabetes->prevalence, 0.05);
  auto driver = p.LookupOccupation("Bus Driver");
  ASSERT_TRUE(driver);
  EXPECT_GT(driver->share, 0.001);
  EXPECT_LT(driver->share, 0.01);
}

}  // namespace
}  // namespace sightline::analyzer
