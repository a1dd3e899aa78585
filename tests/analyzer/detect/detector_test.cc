#include "analyzer/detect/detector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <memory>
#include <string>
#include <vector>

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

std::vector<Mention> OfType(const std::vector<Mention>& all, MentionType type) {
  std::vector<Mention> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Mention& m) { return m.type == type; });
  return out;
}

std::vector<Mention> Find(std::string_view text, MentionType type,
                          std::optional<std::string> published = {}) {
  return OfType(Shared().DetectText(text, std::move(published)), type);
}

TEST(Detector, AgeFormsNormaliseToYearsWithCensusPrior) {
  for (std::string_view text : {"a 41-year-old bus driver", "he was aged 41 when", "a 41 yo man",
                                "a forty-one-year-old man", "Jane Roe, 41, said"}) {
    auto ages = Find(text, MentionType::kAge);
    ASSERT_EQ(ages.size(), 1u) << text;
    EXPECT_EQ(ages[0].normalized, "41") << text;
    EXPECT_NEAR(ages[0].prior, Shared().priors().AgeShare(41), 1e-12);
  }
  auto decade = Find("She was in her forties.", MentionType::kAge);
  ASSERT_EQ(decade.size(), 1u);
  EXPECT_EQ(decade[0].normalized, "40-49");
  EXPECT_NEAR(decade[0].prior, Shared().priors().AgeRangeShare(40, 49), 1e-12);
}

TEST(Detector, AgesOverEightyNineAreSafeHarborIdentifiers) {
  auto ages = Find("Our oldest patient turned 102 last week.", MentionType::kAge);
  ASSERT_EQ(ages.size(), 1u);
  EXPECT_EQ(ages[0].Attribute("safe_harbor"), "true");
  auto young = Find("a 41-year-old", MentionType::kAge);
  ASSERT_EQ(young.size(), 1u);
  EXPECT_EQ(young[0].Attribute("safe_harbor"), "");
}

TEST(Detector, GenericAdviceThresholdsAreNotAges) {
  EXPECT_TRUE(
      Find("Screening is recommended for adults aged 45 to 75.", MentionType::kAge).empty());
  EXPECT_TRUE(
      Find("Everyone aged 6 months and older should get a flu shot.", MentionType::kAge).empty());
  EXPECT_TRUE(Find("Women over 40 and men 50 and older should ask.", MentionType::kAge).empty());
  EXPECT_TRUE(Find("Teenagers need more sleep.", MentionType::kAge).empty());
}

TEST(Detector, LastFridayResolvesAgainstThePublishedDate) {
  // 2024-03-15 is a Friday: "last Friday" is the week before.
  auto dates = Find("Last Friday a man came in.", MentionType::kDate, "2024-03-15");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].normalized, "2024-03-08");
  EXPECT_NEAR(dates[0].prior, 1.0 / 365, 1e-12);
  auto week = Find("We saw her last week.", MentionType::kDate, "2024-03-15");
  ASSERT_EQ(week.size(), 1u);
  EXPECT_EQ(week[0].Attribute("window_start"), "2024-03-04");
  EXPECT_EQ(week[0].Attribute("window_end"), "2024-03-10");
  EXPECT_NEAR(week[0].prior, 7.0 / 365, 1e-12);
}

TEST(Detector, RelativeDatesWithoutPublishedDateStayUnresolved) {
  auto dates = Find("Last Friday a man came in.", MentionType::kDate);
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].Attribute("resolved"), "false");
}

TEST(Detector, HolidaysResolveToTheMostRecentOccurrence) {
  auto dates = Find("On Christmas Eve we delivered triplets.", MentionType::kDate, "2024-01-10");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].normalized, "2023-12-24");
  auto thanksgiving = Find("He fell on Thanksgiving.", MentionType::kDate, "2024-12-02");
  ASSERT_EQ(thanksgiving.size(), 1u);
  EXPECT_EQ(thanksgiving[0].normalized, "2024-11-28");
}

TEST(Detector, DateOfBirthIsMarkedWithItsPrior) {
  auto dates = Find("patient John Carver, DOB 09/30/1958, MRN 00482913", MentionType::kDate);
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].normalized, "1958-09-30");
  EXPECT_EQ(dates[0].Attribute("dob"), "true");
  EXPECT_NEAR(dates[0].prior, 1.0 / 36500, 1e-12);
  auto written =
      Find("admitted on 14 March 2024 and discharged March 18, 2024", MentionType::kDate);
  ASSERT_EQ(written.size(), 2u);
  EXPECT_EQ(written[0].normalized, "2024-03-14");
  EXPECT_EQ(written[1].normalized, "2024-03-18");
}

TEST(Detector, RecurringWeekdaysAreNotEventDates) {
  EXPECT_TRUE(Find("She walks to church every Sunday.", MentionType::kDate).empty());
  EXPECT_TRUE(Find("free checks on the first Saturday of every month", MentionType::kDate).empty());
}

TEST(Detector, CommonWordsAreNotNames) {
  for (std::string_view text :
       {"Hope is not a plan.", "Mark your calendar for the health fair.",
        "Will your insurance cover the visit?", "We will send the bill.",
        "In May we will talk about the portal.", "The rose garden is lovely."}) {
    EXPECT_TRUE(Find(text, MentionType::kPersonName).empty()) << text;
  }
}

TEST(Detector, NamesWithHonorificsCarryRoleAndCensusPrior) {
  auto names = Find("Dr. Kevin Strand missed the appendicitis twice.", MentionType::kPersonName);
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].text, "Kevin Strand");
  EXPECT_EQ(names[0].Attribute("role"), "colleague");
  const Priors& p = Shared().priors();
  EXPECT_NEAR(names[0].prior, p.FirstNameShare("Kevin") * p.SurnameShare("Strand"), 1e-15);
  auto patient = Find("A patient named Rose Delgado, 94, asked me.", MentionType::kPersonName);
  ASSERT_EQ(patient.size(), 1u);
  EXPECT_EQ(patient[0].text, "Rose Delgado");
  EXPECT_EQ(patient[0].Attribute("role"), "patient");
  auto initial = Find("J. Thornton, a 35-year-old welder", MentionType::kPersonName);
  ASSERT_EQ(initial.size(), 1u);
  EXPECT_EQ(initial[0].text, "J. Thornton");
}

TEST(Detector, RelationsNameTheirRelative) {
  auto all = Shared().DetectText("She lives in Faribault with her husband Tom and two dogs.");
  auto relations = OfType(all, MentionType::kRelation);
  ASSERT_EQ(relations.size(), 1u);
  EXPECT_EQ(relations[0].Attribute("name"), "Tom");
  auto names = OfType(all, MentionType::kPersonName);
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].Attribute("role"), "relative");
}

TEST(Detector, TownsMergeWithTheirStateAndCarryPopulation) {
  auto places = Find("She practices in Dayton, Ohio.", MentionType::kLocation);
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0].text, "Dayton, Ohio");
  EXPECT_EQ(places[0].Attribute("admin"), "OH");
  EXPECT_GT(std::stoll(places[0].Attribute("population")), 100000);
  EXPECT_EQ(places[0].prior, 1.0);
}

TEST(Detector, BigCitiesAreLocationsWithBigPopulations) {
  auto places = Find("Air quality alerts are common in Chicago.", MentionType::kLocation);
  ASSERT_EQ(places.size(), 1u);
  EXPECT_GT(std::stoll(places[0].Attribute("population")), 2000000);
  EXPECT_TRUE(Find("Chicago", MentionType::kPersonName).empty());
}

TEST(Detector, RegionHintDisambiguatesTowns) {
  DetectorOptions georgia;
  georgia.region_hint = "US-GA";
  auto detector = Detector::Create(georgia);
  ASSERT_TRUE(detector.has_value());
  auto places =
      OfType((*detector)->DetectText("He drove in from Columbus."), MentionType::kLocation);
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0].Attribute("admin"), "GA");
}

TEST(Detector, PageAddressRegionDisambiguatesTowns) {
  PageContent page;
  TextBlock block;
  block.text = "He drove in from Columbus for the appointment.";
  page.blocks.push_back(block);
  JsonLdEntity clinic;
  clinic.type = "MedicalClinic";
  clinic.properties["address.addressRegion"] = "Georgia";
  page.json_ld.push_back(clinic);
  auto places = OfType(Shared().Detect(page), MentionType::kLocation);
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0].Attribute("admin"), "GA");
  page.json_ld.clear();
  auto default_places = OfType(Shared().Detect(page), MentionType::kLocation);
  ASSERT_EQ(default_places.size(), 1u);
  EXPECT_EQ(default_places[0].Attribute("admin"), "OH");  // the biggest US Columbus
}

TEST(Detector, FacilitiesNeedAHeadNounAndAProperName) {
  auto f = Find("seen at Riverside General Hospital and later at Lincoln High School",
                MentionType::kFacility);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].text, "Riverside General Hospital");
  EXPECT_EQ(f[1].text, "Lincoln High School");
  EXPECT_EQ(
      Find("Ask about Mental Health services at the hospital.", MentionType::kFacility).size(), 0u);
  auto of = Find("residency at the University of Michigan", MentionType::kFacility);
  ASSERT_EQ(of.size(), 1u);
  EXPECT_EQ(of[0].text, "University of Michigan");
}

TEST(Detector, ConditionsCarryPrevalenceFromTheTable) {
  auto rare = Find("we confirmed Wilson's disease", MentionType::kCondition);
  ASSERT_EQ(rare.size(), 1u);
  EXPECT_EQ(rare[0].normalized, "wilson's disease");
  EXPECT_LT(rare[0].prior, 1e-4);
  auto common = Find("people with diabetes", MentionType::kCondition);
  ASSERT_EQ(common.size(), 1u);
  EXPECT_GT(common[0].prior, 0.05);
  auto longest = Find("diagnosed with type 1 diabetes", MentionType::kCondition);
  ASSERT_EQ(longest.size(), 1u);
  EXPECT_EQ(longest[0].normalized, "type 1 diabetes");
}

TEST(Detector, UnknownConditionsGetARarityPrior) {
  auto eponym = Find("She had Kikuchi disease.", MentionType::kCondition);
  ASSERT_EQ(eponym.size(), 1u);
  EXPECT_LT(eponym[0].prior, 1e-3);
}

TEST(Detector, AcronymConditionsNeedCapitals) {
  EXPECT_EQ(Find("it turned out to be ALS", MentionType::kCondition).size(), 1u);
  EXPECT_TRUE(Find("it was all over", MentionType::kCondition).empty());
}

TEST(Detector, OccupationsCarryTheirShareButGenericReferencesDoNot) {
  auto jobs = Find("a 41-year-old bus driver", MentionType::kOccupation);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_GT(jobs[0].prior, 0.001);
  EXPECT_LT(jobs[0].prior, 0.01);
  EXPECT_TRUE(Find("talk to your doctor first", MentionType::kOccupation).empty());
}

TEST(Detector, PhonesAreNormalisedToE164) {
  auto phones = Find("Call (937) 555-0142 or +1 608 555 0117.", MentionType::kContact);
  ASSERT_EQ(phones.size(), 2u);
  EXPECT_EQ(phones[0].normalized, "+19375550142");
  EXPECT_EQ(phones[0].Attribute("kind"), "phone");
  EXPECT_EQ(phones[1].normalized, "+16085550117");
}

TEST(Detector, AdjacentPhonesAreBothFound) {
  auto phones = Find("Appointments: (503) 555-0178 \xC2\xB7 Fax (503) 555-0179 \xC2\xB7 info",
                     MentionType::kContact);
  ASSERT_EQ(phones.size(), 2u);
  EXPECT_EQ(phones[0].normalized, "+15035550178");
  EXPECT_EQ(phones[1].normalized, "+15035550179");
}

TEST(Detector, SpansAreByteOffsetsAfterNonAsciiText) {
  std::string text = "Señora Lucía Fernández — llame al 918.555.0163, gracias.";
  auto all = Shared().DetectText(text);
  ASSERT_FALSE(all.empty());
  for (const Mention& m : all) {
    ASSERT_LE(m.end, text.size());
    EXPECT_EQ(text.substr(m.begin, m.end - m.begin), m.text);
  }
  auto phones = OfType(all, MentionType::kContact);
  ASSERT_EQ(phones.size(), 1u);
  EXPECT_EQ(phones[0].text, "918.555.0163");
  auto names = OfType(all, MentionType::kPersonName);
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].text, "Lucía Fernández");
}

TEST(Detector, EmailsHandlesAndProfileUrls) {
  auto c = Find("Email hokafor@mercyheart.org, follow @DrPriyaEndo or instagram.com/drangelareyes",
                MentionType::kContact);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].Attribute("kind"), "email");
  EXPECT_EQ(c[1].Attribute("kind"), "handle");
  EXPECT_EQ(c[2].Attribute("kind"), "profile_url");
}

TEST(Detector, NpiIsCheckedWithLuhn) {
  auto valid = Find("NPI 1234567893", MentionType::kIdentifier);
  ASSERT_EQ(valid.size(), 1u);
  EXPECT_EQ(valid[0].Attribute("kind"), "npi");
  EXPECT_EQ(valid[0].Attribute("luhn"), "valid");
  auto invalid = Find("NPI 1234567890", MentionType::kIdentifier);
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0].Attribute("luhn"), "invalid");
  EXPECT_LT(invalid[0].confidence, valid[0].confidence);
}

TEST(Detector, LabelledIdentifiersAndSsns) {
  auto ids = Find(
      "MRN 00482913; SSN 123-45-6789; member ID is XWB884512307; serial number "
      "PJN284117H",
      MentionType::kIdentifier);
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids[0].Attribute("kind"), "mrn");
  EXPECT_EQ(ids[1].Attribute("kind"), "ssn");
  EXPECT_EQ(ids[2].Attribute("kind"), "health_plan");
  EXPECT_EQ(ids[3].Attribute("kind"), "device");
  EXPECT_TRUE(Find("Room 412 has a view", MentionType::kIdentifier).empty());
}

TEST(Detector, AddressesRoutesAndZipCodes) {
  std::string text = "1420 Maple Avenue, Springfield, IL 62704, near Route 65";
  auto all = Shared().DetectText(text);
  EXPECT_EQ(OfType(all, MentionType::kAddress).size(), 2u);
  auto zip = OfType(all, MentionType::kPostalCode);
  ASSERT_EQ(zip.size(), 1u);
  EXPECT_EQ(zip[0].normalized, "62704");
}

TEST(Detector, BlocksKeepTheirIndexHiddenFlagAndOrder) {
  PageContent page;
  page.published_date = "2024-08-08";
  TextBlock visible;
  visible.text = "A 67-year-old woman from Fort Lauderdale.";
  TextBlock comment;
  comment.kind = BlockKind::kComment;
  comment.hidden = true;
  comment.text = "TODO remove: pt Dorothy Mae Jenkins, Room 412.";
  page.blocks = {visible, comment};
  auto all = Shared().Detect(page);
  ASSERT_FALSE(all.empty());
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_TRUE(all[i - 1].block < all[i].block ||
                (all[i - 1].block == all[i].block && all[i - 1].begin <= all[i].begin));
  }
  auto names = OfType(all, MentionType::kPersonName);
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].block, 1u);
  EXPECT_TRUE(names[0].hidden);
  EXPECT_EQ(names[0].Attribute("role"), "patient");
  auto ages = OfType(all, MentionType::kAge);
  ASSERT_EQ(ages.size(), 1u);
  EXPECT_FALSE(ages[0].hidden);
}

TEST(Detector, HostileInputNeverCrashes) {
  std::string bad = "\xff\xfe Dr. \xc3 Smith 41-year-old \xe2\x80 (937) 555-";
  bad += std::string(5000, 'A');
  bad += "\0\0 DOB 13/45/2024 NPI 999 @ @@ http://";
  EXPECT_NO_FATAL_FAILURE(Shared().DetectText(bad));
  EXPECT_TRUE(Shared().DetectText("").empty());
  EXPECT_NO_FATAL_FAILURE(Shared().DetectText(std::string(100000, '-')));
}

TEST(Detector, ConcurrentDetectCallsAgree) {
  std::string text =
      "Last Friday a 41-year-old bus driver from Fairview came into Riverside General "
      "Hospital with Wilson's disease. Call (937) 555-0142.";
  auto expected = Shared().DetectText(text, "2024-03-15");
  std::vector<std::future<size_t>> runs;
  for (int t = 0; t < 4; ++t) {
    runs.push_back(std::async(std::launch::async, [&] {
      size_t same = 0;
      for (int i = 0; i < 20; ++i) {
        auto got = Shared().DetectText(text, "2024-03-15");
        same += got.size() == expected.size();
      }
      return same;
    }));
  }
  for (auto& r : runs) {
    ASSERT_EQ(r.wait_for(std::chrono::seconds(60)), std::future_status::ready);
    EXPECT_EQ(r.get(), 20u);
  }
}

}  // namespace
}  // namespace sightline::analyzer
