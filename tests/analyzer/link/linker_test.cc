#include "analyzer/link/linker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "page_builder.h"

namespace sightline::analyzer {
namespace {

using testing::PageBuilder;

ExposureVerdict Indexable() {
  ExposureVerdict v;
  v.indexable = true;
  v.reasons.push_back({"in_sitemap", "listed in the sitemap"});
  return v;
}

PageAnalysis Analyze(const PageBuilder& b, const ExposureVerdict& v = Indexable()) {
  return AnalyzePage(b.page(), b.mentions(), v);
}

// The contact page of a practice in Fairview, OH (pop. 6,000), with JSON-LD.
PageBuilder ContactPage() {
  PageBuilder b("https://drlee.example/contact.html");
  b.JsonLd("Physician", {{"name", "Dr. Anna Lee"},
                         {"medicalSpecialty", "Family medicine"},
                         {"address.streetAddress", "120 Main Street"},
                         {"address.addressLocality", "Fairview"},
                         {"address.addressRegion", "OH"},
                         {"telephone", "(440) 555-0100"}});
  b.P("Visit us at 120 Main Street in Fairview, Ohio. Call (440) 555-0100.")
      .M(MentionType::kAddress, "120 Main Street", "120 main street")
      .M(MentionType::kLocation, "Fairview", "Fairview, OH", 6000.0 / 331e6,
         {{"population", "6000"}, {"admin", "OH"}, {"country", "US"}})
      .M(MentionType::kContact, "(440) 555-0100", "+14405550100", 1.0, {{"kind", "phone"}});
  return b;
}

PageBuilder WilsonPost(const std::string& lead = "Last week was busy.") {
  PageBuilder b("https://drlee.example/blog/copper.html");
  b.H("When copper builds up");
  b.P(lead + " A 41-year-old bus driver came in last Friday with tremor and slurred speech.")
      .M(MentionType::kAge, "41-year-old", "41", 0.013)
      .M(MentionType::kOccupation, "bus driver", "bus driver", 0.0011)
      .M(MentionType::kDate, "last Friday", "2024-03-08", 1.0 / 365,
         {{"window_start", "2024-03-08"}, {"window_end", "2024-03-08"}});
  b.P("She turned out to have Wilson's disease, and she is doing well on treatment.")
      .M(MentionType::kSex, "She", "F", 0.5)
      .M(MentionType::kCondition, "Wilson's disease", "wilson disease", 1.0 / 30000);
  b.H("What you can do");
  b.P("If you notice a tremor, talk to your doctor. Many of my patients with a tremor have "
      "essential tremor.")
      .M(MentionType::kCondition, "essential tremor", "essential tremor", 0.02);
  return b;
}

const Finding* FindKind(const std::vector<Finding>& f, FindingKind kind) {
  for (const auto& x : f) {
    if (x.kind == kind) return &x;
  }
  return nullptr;
}

TEST(AnalyzePage, SplitsStoryAndStopsAtGenericAdvice) {
  PageAnalysis a = Analyze(WilsonPost());
  ASSERT_EQ(a.subjects.size(), 1u);
  const Subject& s = a.subjects[0];
  EXPECT_EQ(s.cue, "A 41-year-old");
  std::vector<MentionType> types;
  for (const auto& d : s.details) types.push_back(d.detail.type);
  EXPECT_EQ(types.size(), 5u);
  for (const auto& d : s.details) EXPECT_NE(d.detail.normalized, "essential tremor");
  EXPECT_EQ(s.details[0].detail.url, "https://drlee.example/blog/copper.html");
  EXPECT_NE(s.details[0].detail.snippet.find("41-year-old bus driver"), std::string::npos);
}

TEST(AnalyzePage, GenericStatementsAreNotSubjects) {
  PageBuilder b("https://drlee.example/blog/bp.html");
  b.P("Many of my patients ask about blood pressure. One in ten adults has it and does not "
      "know.")
      .M(MentionType::kCondition, "blood pressure", "hypertension", 0.47);
  b.P("If you are over 40, have it checked every year.")
      .M(MentionType::kAge, "over 40", "40+", 0.5);
  PageAnalysis a = Analyze(b);
  EXPECT_TRUE(a.subjects.empty());
  EXPECT_TRUE(LinkSite({a}, nullptr, {}).empty());
}

TEST(LinkSite, StoryWithoutPlaceInheritsPracticeCatchment) {
  std::vector<PageAnalysis> pages{Analyze(ContactPage()), Analyze(WilsonPost())};
  std::vector<Finding> findings = LinkSite(pages, nullptr, {});
  const Finding* f = FindKind(findings, FindingKind::kPatientReidentification);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->risk, Risk::kCritical);
  EXPECT_LT(f->anonymity_set, 0.01);
  EXPECT_NEAR(f->anonymity_set, 6000 * 0.013 * 0.0011 * (1.0 / 365) * 0.5 / 30000, 1e-12);
  ASSERT_EQ(f->pages.size(), 2u);
  EXPECT_EQ(f->pages[0], "https://drlee.example/blog/copper.html");
  EXPECT_EQ(f->pages[1], "https://drlee.example/contact.html");
  auto inherited = std::find_if(f->details.begin(), f->details.end(),
                                [](const FindingDetail& d) { return d.inherited; });
  ASSERT_NE(inherited, f->details.end());
  EXPECT_EQ(inherited->type, MentionType::kLocation);
  EXPECT_EQ(inherited->url, "https://drlee.example/contact.html");
  EXPECT_EQ(f->summary,
            "A 41-year-old bus driver with Wilson's disease, last Friday (2024-03-08), seen at a "
            "practice in Fairview, OH (pop. 6,000): fewer than 0.01 people match.");
  EXPECT_NE(f->advice.find("Drop the condition (\"Wilson's disease\")"), std::string::npos)
      << f->advice;
  EXPECT_NE(f->advice.find("https://drlee.example/contact.html"), std::string::npos);
  EXPECT_TRUE(f->indexable);
}

// The town inherited from JSON-LD is shown in words a physician reads, not as the markup's
// key path, with only the town's name highlighted; the author's details likewise.
TEST(LinkSite, InheritedTownFromStructuredDataIsExplainedInPlainWords) {
  std::vector<PageAnalysis> pages{Analyze(ContactPage()), Analyze(WilsonPost())};
  LinkOptions options;
  options.author_anonymous = true;
  std::vector<Finding> findings = LinkSite(pages, nullptr, options);
  const Finding* f = FindKind(findings, FindingKind::kPatientReidentification);
  ASSERT_NE(f, nullptr);
  auto inherited = std::find_if(f->details.begin(), f->details.end(),
                                [](const FindingDetail& d) { return d.inherited; });
  ASSERT_NE(inherited, f->details.end());
  EXPECT_EQ(inherited->snippet,
            "Fairview (the town in the page's structured data, which visitors do not see and "
            "search engines read)");
  EXPECT_EQ(inherited->snippet.substr(inherited->snippet_begin,
                                      inherited->snippet_end - inherited->snippet_begin),
            "Fairview");
  const Finding* author = FindKind(findings, FindingKind::kAuthorReidentification);
  ASSERT_NE(author, nullptr);
  for (const auto& d : author->details) {
    EXPECT_EQ(d.snippet.find("address."), std::string::npos) << d.snippet;
    EXPECT_LE(d.snippet_end, d.snippet.size());
    EXPECT_LT(d.snippet_begin, d.snippet_end);
    const std::string marked = d.snippet.substr(d.snippet_begin, d.snippet_end - d.snippet_begin);
    EXPECT_EQ(marked, d.text.substr(0, d.text.find(','))) << d.snippet;
  }
}

TEST(LinkSite, AdviceBringsKAboveTheMediumThreshold) {
  std::vector<PageAnalysis> pages{Analyze(ContactPage()), Analyze(WilsonPost())};
  std::vector<Finding> findings = LinkSite(pages, nullptr, {});
  const Finding* f = FindKind(findings, FindingKind::kPatientReidentification);
  ASSERT_NE(f, nullptr);
  // After the advised changes the advice states a k of at least 20 people.
  EXPECT_EQ(f->advice.find("still few"), std::string::npos) << f->advice;
  EXPECT_NE(f->advice.find("would match"), std::string::npos);
}

TEST(LinkSite, FindingIdIsStableWhenSurroundingTextChanges) {
  auto id = [](const PageBuilder& post) {
    std::vector<PageAnalysis> pages{Analyze(ContactPage()), Analyze(post)};
    std::vector<Finding> findings = LinkSite(pages, nullptr, {});
    const Finding* f = FindKind(findings, FindingKind::kPatientReidentification);
    return f ? f->id : std::string();
  };
  std::string a = id(WilsonPost("Last week was busy."));
  std::string b = id(WilsonPost("It rained all week and the waiting room was full."));
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), 16u);

  PageBuilder changed("https://drlee.example/blog/copper.html");
  changed.P("A 52-year-old bus driver came in last Friday with tremor.")
      .M(MentionType::kAge, "52-year-old", "52", 0.013)
      .M(MentionType::kOccupation, "bus driver", "bus driver", 0.0011)
      .M(MentionType::kDate, "last Friday", "2024-03-08", 1.0 / 365);
  changed.P("She turned out to have Wilson's disease, and she is doing well on treatment.")
      .M(MentionType::kSex, "She", "F", 0.5)
      .M(MentionType::kCondition, "Wilson's disease", "wilson disease", 1.0 / 30000);
  EXPECT_NE(id(changed), a);
}

TEST(LinkSite, BigCityCommonConditionStaysLow) {
  PageBuilder b("https://drlee.example/blog/pressure.html");
  b.P("A patient in Houston with high blood pressure asked me about salt.")
      .M(MentionType::kLocation, "Houston", "Houston, TX", 2296224 / 331e6,
         {{"population", "2296224"}, {"admin", "TX"}, {"country", "US"}})
      .M(MentionType::kCondition, "high blood pressure", "hypertension", 0.47);
  b.P("He cut back on salt and his readings improved.").M(MentionType::kSex, "He", "M", 0.49);
  std::vector<Finding> findings = LinkSite({Analyze(ContactPage()), Analyze(b)}, nullptr, {});
  for (const auto& f : findings) EXPECT_EQ(f.risk, Risk::kLow) << f.summary;
  const Finding* f = FindKind(findings, FindingKind::kPatientReidentification);
  ASSERT_NE(f, nullptr);
  EXPECT_GT(f->anonymity_set, 100000);
  EXPECT_NE(f->summary.find("in Houston, TX (pop. 2.3 million)"), std::string::npos) << f->summary;
  EXPECT_NE(f->advice.find("No change needed"), std::string::npos);
}

TEST(LinkSite, HiddenCommentWithPatientNameIsDirectIdentifier) {
  PageBuilder b("https://drlee.example/blog/fall.html");
  b.P("My patient, a retired teacher, fell on the ice in January.")
      .M(MentionType::kOccupation, "retired teacher", "teacher", 0.02)
      .M(MentionType::kEvent, "fell on the ice", "fall on ice", 0.01);
  b.Comment(" TODO: ask Margaret Kowalski before publishing ")
      .M(MentionType::kPersonName, "Margaret Kowalski", "Margaret Kowalski", 1e-6,
         {{"role", "patient"}});
  std::vector<Finding> findings = LinkSite({Analyze(ContactPage()), Analyze(b)}, nullptr, {});
  const Finding* f = FindKind(findings, FindingKind::kDirectIdentifier);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->risk, Risk::kCritical);
  auto name = std::find_if(f->details.begin(), f->details.end(), [](const FindingDetail& d) {
    return d.type == MentionType::kPersonName;
  });
  ASSERT_NE(name, f->details.end());
  EXPECT_TRUE(name->hidden);
  EXPECT_NE(f->summary.find("The name \"Margaret Kowalski\" (hidden in the page source)"),
            std::string::npos)
      << f->summary;
  EXPECT_NE(f->advice.find("HTML source"), std::string::npos);
  EXPECT_EQ(FindKind(findings, FindingKind::kPatientReidentification), nullptr);
}

TEST(LinkSite, AgeOverEightyNineIsDirectIdentifierAtLeastHigh) {
  PageBuilder b("https://drlee.example/blog/centenarian.html");
  b.P("One of our oldest patients, a 94-year-old man, still walks to the clinic.")
      .M(MentionType::kAge, "94-year-old", "94", 0.001, {{"safe_harbor", "true"}})
      .M(MentionType::kSex, "man", "M", 0.49);
  std::vector<Finding> findings = LinkSite({Analyze(b)}, nullptr, {});
  const Finding* f = FindKind(findings, FindingKind::kDirectIdentifier);
  ASSERT_NE(f, nullptr);
  EXPECT_GE(f->risk, Risk::kHigh);
  EXPECT_NE(f->summary.find("An age over 89"), std::string::npos) << f->summary;
}

TEST(LinkSite, PracticeAddressIsNotPersonalButChildrensSchoolIs) {
  PageBuilder about("https://drlee.example/about.html");
  about.P("Our office is at 120 Main Street.")
      .M(MentionType::kAddress, "120 Main Street", "120 main street");
  about.P("When I am not at the clinic, I cheer for my kids at Lincoln Elementary School.")
      .M(MentionType::kFacility, "Lincoln Elementary School", "lincoln elementary school");
  about.P("My husband Tom and I live on 45 Oak Lane.")
      .M(MentionType::kPersonName, "Tom", "Tom", 0.01, {{"role", "relative"}})
      .M(MentionType::kAddress, "45 Oak Lane", "45 oak lane");
  std::vector<Finding> findings = LinkSite({Analyze(ContactPage()), Analyze(about)}, nullptr, {});
  std::vector<std::string> personal;
  for (const auto& f : findings) {
    if (f.kind == FindingKind::kPersonalInformation) personal.push_back(f.details[0].text);
    EXPECT_NE(f.kind, FindingKind::kPatientReidentification);
  }
  std::sort(personal.begin(), personal.end());
  EXPECT_EQ(personal,
            (std::vector<std::string>{"45 Oak Lane", "Lincoln Elementary School", "Tom"}));
}

TEST(LinkSite, NamedColleagueCriticismIsHigh) {
  PageBuilder b("https://drlee.example/blog/er.html");
  b.P("Dr. Hargrove in the ER was frankly incompetent and sent the boy home.")
      .M(MentionType::kPersonName, "Dr. Hargrove", "Hargrove", 0.0001, {{"role", "colleague"}});
  b.P("Some doctors are lazy about follow-up; we all can do better.");
  std::vector<Finding> findings = LinkSite({Analyze(b)}, nullptr, {});
  std::vector<const Finding*> crit;
  for (const auto& f : findings) {
    if (f.kind == FindingKind::kColleagueCriticism) crit.push_back(&f);
  }
  ASSERT_EQ(crit.size(), 1u);
  EXPECT_EQ(crit[0]->risk, Risk::kHigh);
  EXPECT_EQ(crit[0]->details[0].text, "Dr. Hargrove");
  EXPECT_NE(crit[0]->summary.find("\"incompetent\""), std::string::npos);
}

TEST(LinkSite, RoleCriticismIsMediumWhenTheEmployerIsKnown) {
  PageBuilder b("https://drlee.example/blog/admin.html");
  b.P("My supervisor is clueless about what rural medicine needs.");
  PageBuilder about("https://drlee.example/about.html");
  about.JsonLd("Physician", {{"hospitalAffiliation.name", "Fairview Community Hospital"}});
  std::vector<Finding> findings = LinkSite({Analyze(about), Analyze(b)}, nullptr, {});
  const Finding* f = FindKind(findings, FindingKind::kColleagueCriticism);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->risk, Risk::kMedium);
  EXPECT_EQ(f->details[0].text, "My supervisor");
}

TEST(LinkSite, FooterDetailCountsOncePerSite) {
  std::vector<PageAnalysis> pages;
  for (const char* path : {"/a.html", "/b.html", "/c.html"}) {
    PageBuilder b(std::string("https://drlee.example") + path);
    b.P(std::string("Unique text of ") + path);
    b.Footer("For urgent questions text me on my cell: 440-555-0199.")
        .M(MentionType::kContact, "440-555-0199", "+14405550199", 1.0, {{"kind", "phone"}});
    pages.push_back(Analyze(b));
  }
  std::vector<Finding> findings = LinkSite(pages, nullptr, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kPersonalInformation);
  EXPECT_EQ(findings[0].pages.size(), 3u);
}

// A footer on a large site is one finding listing every page; only one page is open to search
// engines, and that is enough to make the finding indexable. (Each page once made the finding
// again with all the block's pages: quadratic, 4 GB for 5,000 pages.) Its detail is read on the
// first page by URL, whatever order the crawl delivered the pages in.
TEST(LinkSite, FooterOnManyPagesIsOneFindingIndexableThroughAnyPage) {
  ExposureVerdict hidden;
  hidden.indexable = false;
  hidden.reasons.push_back({"noindex_meta", "noindex"});
  constexpr int kPages = 2000;
  std::vector<PageAnalysis> pages;
  for (int i = kPages - 1; i >= 0; --i) {
    PageBuilder b("https://drlee.example/posts/" + std::to_string(i) + ".html");
    b.P("Unique text of post " + std::to_string(i) + ".");
    b.Footer("Questions? Text me on my cell: 440-555-0199 or my personal email jlee@mail.example.")
        .M(MentionType::kContact, "440-555-0199", "+14405550199", 1.0, {{"kind", "phone"}})
        .M(MentionType::kContact, "jlee@mail.example", "jlee@mail.example", 1.0,
           {{"kind", "email"}});
    pages.push_back(Analyze(b, i == 7 ? Indexable() : hidden));
  }
  std::vector<Finding> findings = LinkSite(pages, nullptr, {});
  ASSERT_EQ(findings.size(), 2u);
  for (const Finding& f : findings) {
    EXPECT_EQ(f.kind, FindingKind::kPersonalInformation);
    EXPECT_EQ(f.pages.size(), static_cast<size_t>(kPages));
    EXPECT_TRUE(std::is_sorted(f.pages.begin(), f.pages.end()));
    ASSERT_EQ(f.details.size(), 1u);
    EXPECT_EQ(f.details[0].url, "https://drlee.example/posts/0.html");
    EXPECT_TRUE(f.indexable) << f.summary;
  }
  EXPECT_EQ(findings[0].risk, Risk::kHigh);    // the phone
  EXPECT_EQ(findings[1].risk, Risk::kMedium);  // the email

  // Fed page by page, the linkage keeps each footer detail on one page only (the first by
  // URL, moved as smaller URLs arrive) and still makes the same findings.
  SiteLinkage linkage;
  for (PageAnalysis& page : pages) ASSERT_TRUE(linkage.Add(std::move(page)));
  auto streamed = linkage.Link(nullptr);
  ASSERT_TRUE(streamed);
  ASSERT_EQ(streamed->size(), findings.size());
  for (size_t i = 0; i < findings.size(); ++i) {
    EXPECT_EQ((*streamed)[i].id, findings[i].id);
    EXPECT_EQ((*streamed)[i].pages, findings[i].pages);
    ASSERT_EQ((*streamed)[i].details.size(), 1u);
    EXPECT_EQ((*streamed)[i].details[0].url, "https://drlee.example/posts/0.html");
    EXPECT_EQ((*streamed)[i].details[0].snippet, findings[i].details[0].snippet);
    EXPECT_TRUE((*streamed)[i].indexable);
  }
}

// The same number twice in one footer block: the page keeps one copy, and fed page by page
// the linkage makes what LinkSite makes.
TEST(LinkSite, DetailTwiceInOneFooterBlockIsKeptOnce) {
  std::vector<PageAnalysis> pages;
  for (const char* path : {"/b.html", "/a.html", "/c.html"}) {
    PageBuilder b(std::string("https://drlee.example") + path);
    b.P(std::string("Unique text of ") + path);
    b.Footer("Text me on my cell: 440-555-0199, or after hours my cell (440) 555-0199.")
        .M(MentionType::kContact, "440-555-0199", "+14405550199", 1.0, {{"kind", "phone"}})
        .M(MentionType::kContact, "(440) 555-0199", "+14405550199", 1.0, {{"kind", "phone"}});
    pages.push_back(Analyze(b));
  }
  const std::vector<Finding> listed = LinkSite(pages, nullptr, {});
  SiteLinkage linkage;
  for (PageAnalysis& page : pages) ASSERT_TRUE(linkage.Add(std::move(page)));
  auto streamed = linkage.Link(nullptr);
  ASSERT_TRUE(streamed);
  ASSERT_EQ(streamed->size(), listed.size());
  ASSERT_FALSE(listed.empty());
  for (size_t i = 0; i < listed.size(); ++i) {
    EXPECT_EQ((*streamed)[i].id, listed[i].id);
    EXPECT_EQ((*streamed)[i].pages, listed[i].pages);
    EXPECT_EQ((*streamed)[i].pages.size(), 3u);
    EXPECT_EQ((*streamed)[i].details[0].url, "https://drlee.example/a.html");
  }
}

TEST(LinkSite, BusinessPhoneInFooterIsNotAFinding) {
  std::vector<PageAnalysis> pages{Analyze(ContactPage())};
  PageBuilder b("https://drlee.example/blog/x.html");
  b.Footer("Call my cell phone line at (440) 555-0100 for appointments.")
      .M(MentionType::kContact, "(440) 555-0100", "+14405550100", 1.0, {{"kind", "phone"}});
  pages.push_back(Analyze(b));
  EXPECT_TRUE(LinkSite(pages, nullptr, {}).empty());
}

TEST(LinkSite, AuthorReidentificationOnlyWhenAuthorIsAnonymous) {
  PageBuilder about("https://anon-doc.example/about.html");
  about.JsonLd("Physician", {{"medicalSpecialty", "Dermatology"},
                             {"address.addressLocality", "Fairview"},
                             {"address.addressRegion", "OH"}});
  about.P("I practise in Fairview.")
      .M(MentionType::kLocation, "Fairview", "Fairview, OH", 6000.0 / 331e6,
         {{"population", "6000"}});
  std::vector<PageAnalysis> pages{Analyze(about)};
  EXPECT_EQ(FindKind(LinkSite(pages, nullptr, {}), FindingKind::kAuthorReidentification), nullptr);
  LinkOptions options;
  options.author_anonymous = true;
  std::vector<Finding> findings = LinkSite(pages, nullptr, options);
  const Finding* f = FindKind(findings, FindingKind::kAuthorReidentification);
  ASSERT_NE(f, nullptr);
  // 6,000 × (1 M / 331 M physicians) × 1.3 % dermatologists ≈ 0.24 people.
  EXPECT_NEAR(f->anonymity_set, 6000 * (1.0e6 / 331.0e6) * 0.013, 1e-9);
  EXPECT_EQ(f->risk, Risk::kCritical);
  EXPECT_NE(f->summary.find("dermatology physician in Fairview, OH"), std::string::npos)
      << f->summary;
}

TEST(LinkSite, FacilityNamedOnAnotherPageSetsThePlace) {
  PageBuilder about("https://drlee.example/about.html");
  about.P("I also work shifts at Riverside General Hospital in Millbrook.")
      .M(MentionType::kFacility, "Riverside General Hospital", "riverside general hospital")
      .M(MentionType::kLocation, "Millbrook", "Millbrook, OH", 2000 / 331e6,
         {{"population", "2000"}});
  PageBuilder post("https://drlee.example/blog/night.html");
  post.P("A 33-year-old farmer was brought to Riverside General Hospital after a tractor "
         "rollover.")
      .M(MentionType::kAge, "33-year-old", "33", 0.013)
      .M(MentionType::kOccupation, "farmer", "farmer", 0.005)
      .M(MentionType::kFacility, "Riverside General Hospital", "riverside general hospital")
      .M(MentionType::kEvent, "tractor rollover", "tractor rollover", 0.001);
  std::vector<Finding> findings = LinkSite({Analyze(about), Analyze(post)}, nullptr, {});
  const Finding* f = FindKind(findings, FindingKind::kPatientReidentification);
  ASSERT_NE(f, nullptr);
  EXPECT_NEAR(f->anonymity_set, 2000 * 0.013 * 0.005 * 0.001, 1e-12);
  auto place = std::find_if(f->details.begin(), f->details.end(), [](const FindingDetail& d) {
    return d.inherited && d.type == MentionType::kLocation;
  });
  ASSERT_NE(place, f->details.end());
  EXPECT_EQ(place->url, "https://drlee.example/about.html");
}

TEST(LinkSite, TwoStoriesOnOnePageAreTwoSubjects) {
  PageBuilder b("https://drlee.example/blog/two.html");
  b.P("A 41-year-old bus driver came in with Wilson's disease.")
      .M(MentionType::kAge, "41-year-old", "41", 0.013)
      .M(MentionType::kOccupation, "bus driver", "bus driver", 0.0011)
      .M(MentionType::kCondition, "Wilson's disease", "wilson disease", 1.0 / 30000);
  b.P("Another patient, a 7-year-old girl, had the same tremor.")
      .M(MentionType::kAge, "7-year-old", "7", 0.012)
      .M(MentionType::kSex, "girl", "F", 0.5);
  PageAnalysis a = Analyze(b);
  ASSERT_EQ(a.subjects.size(), 2u);
  EXPECT_EQ(a.subjects[0].details.size(), 3u);
  EXPECT_EQ(a.subjects[1].details.size(), 2u);
}

TEST(LinkSite, NotIndexablePagesCarryTheirExposure) {
  ExposureVerdict hidden;
  hidden.indexable = false;
  hidden.reasons.push_back({"noindex_meta", "noindex"});
  std::vector<PageAnalysis> pages{Analyze(ContactPage()), Analyze(WilsonPost(), hidden)};
  std::vector<Finding> findings = LinkSite(pages, nullptr, {});
  const Finding* f = FindKind(findings, FindingKind::kPatientReidentification);
  ASSERT_NE(f, nullptr);
  EXPECT_FALSE(f->indexable);
  EXPECT_NE(std::find(f->exposure_reasons.begin(), f->exposure_reasons.end(), "noindex_meta"),
            f->exposure_reasons.end());
}

TEST(LinkSite, ThresholdsChangeTheRisk) {
  std::vector<PageAnalysis> pages{Analyze(ContactPage()), Analyze(WilsonPost())};
  LinkOptions lax;
  lax.thresholds = {1e-9, 2e-9, 3e-9};
  std::vector<Finding> findings = LinkSite(pages, nullptr, lax);
  const Finding* f = FindKind(findings, FindingKind::kPatientReidentification);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->risk, Risk::kLow);
}

}  // namespace
}  // namespace sightline::analyzer

namespace sightline::analyzer {
namespace {

using testing::PageBuilder;

TEST(AnalyzePage, SurvivesMentionsWithBadBlocksAndSpans) {
  PageBuilder b("https://drlee.example/blog/odd.html");
  b.P("A 41-year-old woman came in.");
  PageContent page = b.page();
  std::vector<Mention> mentions(4);
  mentions[0].type = MentionType::kAge;
  mentions[0].block = 99;  // no such block
  mentions[1].type = MentionType::kCondition;
  mentions[1].begin = 500;  // past the end of the text
  mentions[1].end = 10;
  mentions[2].type = MentionType::kPersonName;
  mentions[2].begin = 3;
  mentions[2].end = 2;  // end before begin
  mentions[3].type = MentionType::kContact;
  mentions[3].attributes["kind"] = "phone";
  PageAnalysis a = AnalyzePage(page, mentions, ExposureVerdict{});
  EXPECT_EQ(a.url, page.url);
  std::vector<Finding> findings = LinkSite({a}, nullptr, {});
  for (const auto& f : findings) EXPECT_FALSE(f.id.empty());
  EXPECT_TRUE(LinkSite({}, nullptr, {}).empty());
  EXPECT_TRUE(AnalyzePage(PageContent{}, {}, ExposureVerdict{}).subjects.empty());
}

TEST(AnalyzePage, IsThreadSafeAndDeterministic) {
  PageBuilder b("https://drlee.example/blog/copper.html");
  b.P("A 41-year-old bus driver came in last Friday with tremor.")
      .M(MentionType::kAge, "41-year-old", "41", 0.013)
      .M(MentionType::kOccupation, "bus driver", "bus driver", 0.0011);
  b.P("He had Wilson's disease.")
      .M(MentionType::kCondition, "Wilson's disease", "wilson disease", 1.0 / 30000);
  PageAnalysis reference = AnalyzePage(b.page(), b.mentions(), ExposureVerdict{});
  std::vector<PageAnalysis> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back(
        [&, i] { results[i] = AnalyzePage(b.page(), b.mentions(), ExposureVerdict{}); });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    ASSERT_EQ(r.subjects.size(), reference.subjects.size());
    EXPECT_EQ(r.subjects[0].details.size(), reference.subjects[0].details.size());
    EXPECT_EQ(r.block_fingerprints, reference.block_fingerprints);
  }
}

TEST(AnalyzePage, HugeBlockWithManyMentionsKeepsEveryStoryDetail) {
  // One 1.6 MB paragraph, 20,000 sentences, an age mention in each: the sentence index is
  // built once per block, so this stays linear.
  std::string text;
  std::vector<std::pair<size_t, size_t>> spans;
  for (int i = 0; i < 20000; ++i) {
    std::string sentence = "A 41-year-old woman came in with a cough and a mild fever today. ";
    spans.emplace_back(text.size() + 2, text.size() + 13);
    text += sentence + "She felt better soon after. ";
  }
  PageBuilder b("https://drlee.example/blog/huge.html");
  b.P(text);
  std::vector<Mention> mentions;
  for (const auto& [s, e] : spans) {
    Mention m;
    m.type = MentionType::kAge;
    m.text = "41-year-old";
    m.normalized = "41";
    m.begin = s;
    m.end = e;
    m.prior = 0.013;
    mentions.push_back(m);
  }
  PageAnalysis a = AnalyzePage(b.page(), mentions, ExposureVerdict{});
  size_t details = 0;
  for (const auto& s : a.subjects) details += s.details.size();
  EXPECT_EQ(details, mentions.size());
  for (const auto& s : a.subjects) {
    for (const auto& d : s.details) {
      EXPECT_LE(d.detail.snippet.size(), 240u);
      ASSERT_EQ(d.detail.snippet.substr(d.detail.snippet_begin,
                                        d.detail.snippet_end - d.detail.snippet_begin),
                "41-year-old");
    }
  }
}

}  // namespace
}  // namespace sightline::analyzer

namespace sightline::analyzer {
namespace {

using testing::PageBuilder;

TEST(AnalyzePage, StoryRunsOnUnderASubheadingThatStillSpeaksOfThePatient) {
  PageBuilder b("https://drlee.example/blog/case.html");
  b.P("A 41-year-old bus driver came in with a tremor.")
      .M(MentionType::kAge, "41-year-old", "41", 0.013);
  b.H("Diagnosis");
  b.P("His ceruloplasmin was low and he had Wilson's disease.")
      .M(MentionType::kCondition, "Wilson's disease", "wilson disease", 1.0 / 30000);
  b.H("Case two");
  b.P("My patient, a retired nurse, had a similar tremor.")
      .M(MentionType::kOccupation, "retired nurse", "nurse", 0.01);
  b.H("What you can do");
  b.P("If you have a tremor, he or she who treats you should check your copper.")
      .M(MentionType::kCondition, "tremor", "tremor", 0.05);
  PageAnalysis a = AnalyzePage(b.page(), b.mentions(), ExposureVerdict{});
  ASSERT_EQ(a.subjects.size(), 2u);
  EXPECT_EQ(a.subjects[0].details.size(), 2u);
  ASSERT_EQ(a.subjects[1].details.size(), 1u);
  EXPECT_EQ(a.subjects[1].details[0].detail.text, "retired nurse");
}

TEST(AnalyzePage, RelativeDescribedInAStoryIsNotANewPatient) {
  PageBuilder b("https://drlee.example/blog/family.html");
  b.P("A 41-year-old woman came in with fatigue.").M(MentionType::kAge, "41-year-old", "41", 0.013);
  b.P("She brought her husband, a 45-year-old farmer, who drove her in.")
      .M(MentionType::kOccupation, "farmer", "farmer", 0.005);
  b.P("A 7-year-old boy came in the next day; his mother was worried.")
      .M(MentionType::kAge, "7-year-old", "7", 0.012);
  PageAnalysis a = AnalyzePage(b.page(), b.mentions(), ExposureVerdict{});
  ASSERT_EQ(a.subjects.size(), 2u);
  EXPECT_EQ(a.subjects[0].details.size(), 2u);
  EXPECT_EQ(a.subjects[1].details.size(), 1u);
}

}  // namespace
}  // namespace sightline::analyzer

namespace sightline::analyzer {
namespace {

using testing::PageBuilder;

TEST(AnalyzePage, MetaDescriptionDetailsJoinTheOnlyStoryAsHidden) {
  PageBuilder b("https://drlee.example/blog/meta.html");
  b.Block(BlockKind::kMetaDescription, "How we found Mrs. Alvarez's Wilson's disease.",
          "html>head>meta")
      .M(MentionType::kPersonName, "Mrs. Alvarez", "Alvarez", 1e-5, {{"role", "unknown"}});
  b.P("A 41-year-old bus driver came in with a tremor.")
      .M(MentionType::kAge, "41-year-old", "41", 0.013);
  std::vector<Finding> findings =
      LinkSite({AnalyzePage(b.page(), b.mentions(), ExposureVerdict{})}, nullptr, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kDirectIdentifier);
  auto name =
      std::find_if(findings[0].details.begin(), findings[0].details.end(),
                   [](const FindingDetail& d) { return d.type == MentionType::kPersonName; });
  ASSERT_NE(name, findings[0].details.end());
  EXPECT_TRUE(name->hidden);
}

}  // namespace
}  // namespace sightline::analyzer
