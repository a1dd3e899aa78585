#include <gtest/gtest.h>

#include "analyzer/extract/extractor.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

using testing::HtmlPage;

const JsonLdEntity* FindEntity(const PageContent& c, const std::string& type) {
  for (const auto& e : c.json_ld) {
    if (e.type == type) return &e;
  }
  return nullptr;
}

TEST(ExtractJsonLd, PhysicianWithNestedAddressFlattensToDottedPaths) {
  const PageContent c = ExtractPage(HtmlPage(R"(<script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "Physician", "name": "Dr Ann Roe",
     "medicalSpecialty": ["Dermatology", "Pediatrics"],
     "address": {"@type": "PostalAddress", "streetAddress": "1 Main St",
                 "addressLocality": "Fairview", "postalCode": "12345"}}
    </script>)"));
  const JsonLdEntity* doc = FindEntity(c, "Physician");
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->properties.at("name"), "Dr Ann Roe");
  EXPECT_EQ(doc->properties.at("medicalSpecialty"), "Dermatology; Pediatrics");
  EXPECT_EQ(doc->properties.at("address.addressLocality"), "Fairview");
  EXPECT_EQ(doc->properties.count("@context"), 0u);
  const JsonLdEntity* address = FindEntity(c, "PostalAddress");
  ASSERT_NE(address, nullptr);
  EXPECT_EQ(address->properties.at("postalCode"), "12345");
}

TEST(ExtractJsonLd, GraphAndArraysYieldEveryTypedNode) {
  const PageContent c = ExtractPage(HtmlPage(R"(
    <script type="application/ld+json">{"@graph": [
      {"@type": "MedicalClinic", "name": "Fairview Clinic"},
      {"@type": ["Organization", "MedicalBusiness"], "name": "Roe LLC"}]}</script>
    <script type='application/ld+json'>[{"@type": "Person", "name": "Ann"},
      {"@type": "BlogPosting", "datePublished": "2024-03-14",
       "author": [{"@type": "Person", "name": "Ann Roe"}, {"@type": "Person", "name": "Bo"}]}]
    </script>)"));
  EXPECT_NE(FindEntity(c, "MedicalClinic"), nullptr);
  EXPECT_NE(FindEntity(c, "Organization,MedicalBusiness"), nullptr);
  const JsonLdEntity* post = FindEntity(c, "BlogPosting");
  ASSERT_NE(post, nullptr);
  EXPECT_EQ(post->properties.at("author.name"), "Ann Roe; Bo");
  EXPECT_EQ(post->properties.at("datePublished"), "2024-03-14");
  EXPECT_EQ(c.published_date, "2024-03-14");
}

TEST(ExtractJsonLd, ArticleComesBeforeItsNestedAuthor) {
  const PageContent c = ExtractPage(HtmlPage(
      R"(<script type="application/ld+json">{"@type": "Article",
         "author": {"@type": "Person", "name": "Ann"}}</script>)"));
  ASSERT_EQ(c.json_ld.size(), 2u);
  EXPECT_EQ(c.json_ld[0].type, "Article");
  EXPECT_EQ(c.json_ld[1].type, "Person");
}

TEST(ExtractJsonLd, InvalidJsonIsAProblemNotACrash) {
  const PageContent c = ExtractPage(
      HtmlPage("<script type='application/ld+json'>{\"@type\": \"Person\", \"name\": </script>"
               "<script type='application/ld+json'>" +
               std::string(5000, '[') + "</script><p>still here</p>"));
  EXPECT_TRUE(c.json_ld.empty());
  EXPECT_NE(std::find(c.problems.begin(), c.problems.end(), "invalid_json_ld"), c.problems.end());
  EXPECT_NE(testing::FindBlock(c, "still here"), nullptr);
}

TEST(ExtractJsonLd, DeepValidJsonIsParsedButNotFlattenedPastTheLimit) {
  std::string deep = "{\"@type\": \"Person\", \"name\": \"Top\", \"x\": ";
  for (int i = 0; i < 3000; ++i) deep += "[";
  for (int i = 0; i < 3000; ++i) deep += "]";
  deep += "}";
  const PageContent c =
      ExtractPage(HtmlPage("<script type='application/ld+json'>" + deep + "</script>"));
  ASSERT_EQ(c.json_ld.size(), 1u);
  EXPECT_EQ(c.json_ld[0].properties.at("name"), "Top");
}

struct DateCase {
  const char* name;
  const char* html;
  const char* url;
  const char* published;  // "" for none
  const char* modified;
};

class ExtractDates : public ::testing::TestWithParam<DateCase> {};

TEST_P(ExtractDates, EarliestCrediblePublishedAndLatestModified) {
  const DateCase& d = GetParam();
  const PageContent c = ExtractPage(HtmlPage(d.html, d.url));
  EXPECT_EQ(c.published_date.value_or(""), d.published);
  EXPECT_EQ(c.modified_date.value_or(""), d.modified);
}

const char* kPlainUrl = "https://clinic.example/blog/post.html";

const DateCase kDateCases[] = {
    {"TimeWithPublishedClass",
     "<time class='entry-date published' datetime='2024-03-14T09:00:00+00:00'>x</time>", kPlainUrl,
     "2024-03-14", ""},
    {"TimeItempropModified", "<time itemprop=dateModified datetime='2024-04-01'>x</time>",
     kPlainUrl, "", "2024-04-01"},
    {"ArticlePublishedTime",
     "<meta property='article:published_time' content='2023-12-01T10:00:00Z'>"
     "<meta property='article:modified_time' content='2024-01-05T10:00:00Z'>",
     kPlainUrl, "2023-12-01", "2024-01-05"},
    {"JsonLdDates",
     "<script type='application/ld+json'>{\"@type\":\"BlogPosting\",\"datePublished\":"
     "\"2022-05-06\",\"dateModified\":\"2022-06-07T08:00:00+02:00\"}</script>",
     kPlainUrl, "2022-05-06", "2022-06-07"},
    {"UrlPathDate", "<p>x</p>", "https://clinic.example/2021/07/09/a-case/", "2021-07-09", ""},
    {"EarliestOfSeveralWins",
     "<meta property='article:published_time' content='2024-03-14'>"
     "<time class=published datetime='2024-03-10'>x</time>",
     "https://clinic.example/2024/03/12/post/", "2024-03-10", ""},
    {"FutureDateIsNotCredible",
     "<meta property='article:published_time' content='2031-01-01'>"
     "<time class=published datetime='2024-02-02'>x</time>",
     kPlainUrl, "2024-02-02", ""},
    {"AncientDateIsNotCredible", "<time class=published datetime='1970-01-01'>x</time>", kPlainUrl,
     "", ""},
    {"BareTimeOnlyWithoutBetterSource",
     "<meta property='article:published_time' content='2024-05-05'>"
     "<time datetime='2019-01-01'>an event</time>",
     kPlainUrl, "2024-05-05", ""},
    {"BareTimeUsedWhenAlone", "<time datetime='2020-02-29'>leap day</time>", kPlainUrl,
     "2020-02-29", ""},
    {"InvalidCalendarDateIgnored", "<time class=published datetime='2023-02-30'>x</time>",
     kPlainUrl, "", ""},
    {"MicrodataDatePublished", "<span itemprop=datePublished>2020-10-10</span>", kPlainUrl,
     "2020-10-10", ""},
};

INSTANTIATE_TEST_SUITE_P(Sources, ExtractDates, ::testing::ValuesIn(kDateCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace sightline::analyzer
