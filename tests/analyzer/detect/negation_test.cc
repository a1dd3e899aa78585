// Negated conditions and verb uses of condition words are not conditions (quality fixes found
// in end-to-end runs: "no fracture" and "cutting salt" reported as conditions).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "analyzer/detect/detector.h"

namespace sightline::analyzer {
namespace {

const Detector& Shared() {
  static std::unique_ptr<Detector> detector = [] {
    auto created = Detector::Create();
    EXPECT_TRUE(created.has_value()) << created.error().ToString();
    return created ? std::move(*created) : nullptr;
  }();
  return *detector;
}

std::vector<std::string> Conditions(std::string_view text) {
  std::vector<std::string> out;
  for (const Mention& m : Shared().DetectText(text)) {
    if (m.type == MentionType::kCondition) out.push_back(m.text);
  }
  return out;
}

TEST(Negation, NegatedConditionsAreNotDetected) {
  for (std::string_view text :
       {"The X-ray showed no fracture.", "She denies chest pain and shortness of breath.",
        "We ruled out lupus after the blood work.", "He tested negative for COVID-19.",
        "A man without diabetes came in.", "Lupus was ruled out.",
        "There was no evidence of pneumonia on the film.", "She has never had asthma or eczema."}) {
    EXPECT_TRUE(Conditions(text).empty())
        << text << " -> " << ::testing::PrintToString(Conditions(text));
  }
}

TEST(Negation, ScopeEndsAtTerminationWordsAndSentences) {
  EXPECT_EQ(Conditions("No fever, but the X-ray showed a fracture.").size(), 1u);
  EXPECT_EQ(Conditions("He could not walk because of a fracture.").size(), 1u);
  EXPECT_EQ(Conditions("No one knew she had lupus.").size(), 1u);
  EXPECT_EQ(Conditions("There was no fever. The X-ray showed a fracture.").size(), 1u);
  EXPECT_EQ(Conditions("She has asthma.").size(), 1u);
}

TEST(Negation, GerundConditionWithAnObjectIsAVerb) {
  EXPECT_TRUE(Conditions("Cutting salt lowers blood pressure for most people.").size() <= 1u);
  for (const auto& c : Conditions("Cutting salt helps; so does cutting sugar.")) {
    EXPECT_EQ(c.find("utting"), std::string::npos) << c;
  }
  EXPECT_EQ(Conditions("She started cutting herself at fourteen.").size(), 1u);
}

TEST(ConditionPatterns, InjuriesToldAsVerbsAndHeadNounCompounds) {
  auto has = [](std::string_view text, std::string_view want) {
    for (const Mention& m : Shared().DetectText(text)) {
      if (m.type == MentionType::kCondition && m.text.find(want) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("He broke his pelvis in the fall.", "broke his pelvis"));
  EXPECT_TRUE(has("She tore her ACL skiing.", "tore her ACL"));
  EXPECT_TRUE(has("The family was treated for smoke inhalation.", "smoke inhalation"));
  EXPECT_TRUE(has("Her fatigue came from a vitamin D deficiency.", "vitamin D deficiency"));
  EXPECT_TRUE(has("Two campers had carbon monoxide poisoning.", "carbon monoxide poisoning"));
  EXPECT_FALSE(has("He never broke a bone.", "broke"));
  EXPECT_FALSE(has("Wear a helmet to prevent injury.", "injury"));
}

TEST(Ages, FirstNameCopulaAndAtAgeWithPronoun) {
  auto ages = [](std::string_view text) {
    std::vector<std::string> out;
    for (const Mention& m : Shared().DetectText(text)) {
      if (m.type == MentionType::kAge) out.push_back(m.normalized);
    }
    return out;
  };
  EXPECT_EQ(ages("Jasmine was 15 when the seizures started."), std::vector<std::string>{"15"});
  EXPECT_EQ(ages("At 44 he ran his first marathon."), std::vector<std::string>{"44"});
  EXPECT_EQ(ages("Three children were treated. The youngest is 4."), std::vector<std::string>{"4"});
  EXPECT_TRUE(ages("The score was 15 at halftime.").empty());
  EXPECT_TRUE(ages("Suite was 15 feet wide.").empty());
}

TEST(Dates, BirthWordFarFromTheDateIsNotADateOfBirth) {
  auto dob = [](std::string_view text) {
    for (const Mention& m : Shared().DetectText(text, "2024-08-13")) {
      if (m.type == MentionType::kDate) return m.Attribute("dob");
    }
    return std::string("none");
  };
  EXPECT_EQ(dob("A birthday to remember 2024-05-07 On staying connected"), "");
  EXPECT_EQ(dob("Mrs. Delgado, born on 09/30/1958, brought a cake."), "true");
  EXPECT_EQ(dob("Patient DOB: 1/2/1950"), "true");
  EXPECT_EQ(dob("Her date of birth is March 3, 1950."), "true");
}

}  // namespace
}  // namespace sightline::analyzer
