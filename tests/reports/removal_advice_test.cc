#include "reports/removal_advice.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sightline::reports {
namespace {

using analyzer::FindingKind;
using storage::FindingStatus;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kUrl[] = "https://clinic.example/blog/rare-case.html";

AdviceContext CurrentIndexable() {
  AdviceContext ctx;
  ctx.finding_id = "3f9a1c2b7d004e51";
  ctx.url = kUrl;
  ctx.kind = FindingKind::kPatientReidentification;
  ctx.status = FindingStatus::kNew;
  ctx.page_exists = true;
  ctx.status_code = 200;
  ctx.indexable_now = true;
  ctx.ever_indexable = true;
  return ctx;
}

AdviceContext ResolvedGone() {
  AdviceContext ctx = CurrentIndexable();
  ctx.status = FindingStatus::kResolved;
  ctx.page_exists = false;
  ctx.status_code = 410;
  ctx.indexable_now = false;
  return ctx;
}

// Index of the first step containing `needle`, or -1.
int StepIndex(const std::vector<std::string>& steps, const std::string& needle) {
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].find(needle) != std::string::npos) return static_cast<int>(i);
  }
  return -1;
}

TEST(RemovalAdvice, CurrentFindingGetsSiteThenSearchEngineThenArchiveStepsInOrder) {
  AdviceContext ctx = CurrentIndexable();
  ctx.archives_checked = true;
  ctx.archives_with_captures = {"wayback"};
  const std::vector<std::string> steps = RemovalSteps(ctx);
  const int edit = StepIndex(steps, "Edit " + std::string(kUrl));
  const int status = StepIndex(steps, "404");
  const int robots = StepIndex(steps, "Do not block the page in robots.txt");
  const int google = StepIndex(steps, "Temporarily remove URL");
  const int bing = StepIndex(steps, "Bing Webmaster Tools");
  const int archive = StepIndex(steps, "info@archive.org");
  ASSERT_GE(edit, 0);
  EXPECT_LT(edit, status);
  EXPECT_LT(status, robots);
  EXPECT_LT(robots, google);
  EXPECT_LT(google, bing);
  EXPECT_LT(bing, archive);
}

TEST(RemovalAdvice, CurrentFindingOffersTakingDownWith404Or410OrNoindexWhileCrawlable) {
  const std::string advice = RemovalAdvice(CurrentIndexable());
  EXPECT_THAT(advice, AllOf(HasSubstr("404"), HasSubstr("410"), HasSubstr("noindex"),
                            HasSubstr("not a redirect to your home page")));
  // The noindex must be seen before any robots.txt block.
  EXPECT_THAT(advice, HasSubstr("a blocked page is not visited again"));
}

TEST(RemovalAdvice, GoogleStepsNameTemporaryRemovalForAboutSixMonthsAndClearCachedUrl) {
  const std::string advice = RemovalAdvice(CurrentIndexable());
  EXPECT_THAT(advice, AllOf(HasSubstr("Google Search Console"), HasSubstr("Removals"),
                            HasSubstr("\"Temporarily remove URL\""), HasSubstr("six months"),
                            HasSubstr("\"Clear cached URL\"")));
}

TEST(RemovalAdvice, ChangedPageGetsOutdatedContentToolButDeletedPageDoesNot) {
  AdviceContext changed = ResolvedGone();
  changed.page_exists = true;
  changed.status_code = 200;
  changed.indexable_now = true;
  EXPECT_THAT(RemovalAdvice(changed), HasSubstr("Refresh Outdated Content"));
  EXPECT_THAT(RemovalAdvice(changed), HasSubstr("pick up the corrected text"));
  EXPECT_THAT(RemovalAdvice(ResolvedGone()), Not(HasSubstr("Refresh Outdated Content")));
}

TEST(RemovalAdvice, PatientContactDetailsOrRecordsAddGooglePersonalInformationRequest) {
  AdviceContext ctx = CurrentIndexable();
  EXPECT_THAT(RemovalAdvice(ctx), Not(HasSubstr("remove personal information")));
  ctx.patient_contact_or_records = true;
  const std::vector<std::string> steps = RemovalSteps(ctx);
  const int personal = StepIndex(steps, "remove personal information");
  ASSERT_GE(personal, 0);
  EXPECT_THAT(steps[personal], AllOf(HasSubstr("medical record"), HasSubstr("The patient")));
  EXPECT_LT(StepIndex(steps, "Temporarily remove URL"), personal);
  EXPECT_LT(personal, StepIndex(steps, "Bing Webmaster Tools"));
}

TEST(RemovalAdvice, AuthorsOwnContactDetailsAreFramedAsTheirOwn) {
  AdviceContext ctx = CurrentIndexable();
  ctx.kind = FindingKind::kPersonalInformation;
  ctx.patient_contact_or_records = true;
  const std::string advice = RemovalAdvice(ctx);
  EXPECT_THAT(advice, HasSubstr("your own contact details"));
  EXPECT_THAT(advice, HasSubstr("Remove your private details"));
  EXPECT_THAT(advice, Not(HasSubstr("The patient")));
}

TEST(RemovalAdvice, BingContentRemovalIsAlwaysThereForIndexedPages) {
  EXPECT_THAT(RemovalAdvice(CurrentIndexable()),
              AllOf(HasSubstr("Bing Webmaster Tools"), HasSubstr("Content Removal")));
  EXPECT_THAT(RemovalAdvice(ResolvedGone()), HasSubstr("Content Removal"));
}

TEST(RemovalAdvice, ResolvedGonePageSaysKeepItGoneAndDoNotBlockInRobotsTxt) {
  const std::string advice = RemovalAdvice(ResolvedGone());
  EXPECT_THAT(advice, AllOf(HasSubstr("is no longer on your site (it answers HTTP status 410)"),
                            HasSubstr("Do not block it in robots.txt")));
  EXPECT_THAT(advice, Not(HasSubstr("Edit ")));
}

TEST(RemovalAdvice, ResolvedNoindexPageMustStayCrawlableUntilRecrawled) {
  AdviceContext ctx = ResolvedGone();
  ctx.page_exists = true;
  ctx.status_code = 200;
  ctx.indexable_now = false;
  const std::vector<std::string> steps = RemovalSteps(ctx);
  ASSERT_FALSE(steps.empty());
  EXPECT_THAT(steps[0], AllOf(HasSubstr("noindex"), HasSubstr("do not block it in robots.txt"),
                              HasSubstr("would not be seen")));
}

TEST(RemovalAdvice, ResolvedRedirectKeepsOldAddressCrawlable) {
  AdviceContext ctx = ResolvedGone();
  ctx.page_exists = true;
  ctx.status_code = 301;
  EXPECT_THAT(RemovalSteps(ctx)[0], HasSubstr("redirects elsewhere"));
}

TEST(RemovalAdvice, InternetArchiveRemovalIsByEmailAndRobotsTxtNoLongerRemoves) {
  AdviceContext ctx = ResolvedGone();
  ctx.archives_checked = true;
  ctx.archives_with_captures = {"wayback"};
  const std::string advice = RemovalAdvice(ctx);
  EXPECT_THAT(advice, AllOf(HasSubstr("Wayback Machine holds copies"),
                            HasSubstr("email to info@archive.org"), HasSubstr("your site's domain"),
                            HasSubstr("robots.txt block no longer removes")));
  EXPECT_THAT(advice, Not(HasSubstr("CCBot")));
  EXPECT_THAT(advice, Not(HasSubstr("archive.today")));
}

TEST(RemovalAdvice, CommonCrawlCcbotDisallowStopsOnlyFutureCrawls) {
  AdviceContext ctx = ResolvedGone();
  ctx.archives_checked = true;
  ctx.archives_with_captures = {"commoncrawl"};
  const std::string advice = RemovalAdvice(ctx);
  EXPECT_THAT(advice, AllOf(HasSubstr("User-agent: CCBot"), HasSubstr("future visits only"),
                            HasSubstr("copies already in published crawls stay")));
}

TEST(RemovalAdvice, ArchiveTodayHasNoReliableRemovalPathAndSaysSo) {
  AdviceContext ctx = ResolvedGone();
  ctx.archives_checked = true;
  ctx.archives_with_captures = {"archivetoday"};
  EXPECT_THAT(RemovalAdvice(ctx), HasSubstr("There is no reliable way to have them removed"));
}

TEST(RemovalAdvice, ArchivesNotCheckedSuggestsLookingAndExplainsInternetArchiveRemoval) {
  const std::string advice = RemovalAdvice(CurrentIndexable());
  EXPECT_THAT(advice, AllOf(HasSubstr("web.archive.org"), HasSubstr("--archives"),
                            HasSubstr("info@archive.org")));
}

TEST(RemovalAdvice, ArchivesCheckedWithoutCopiesAddNoArchiveStep) {
  AdviceContext ctx = CurrentIndexable();
  ctx.archives_checked = true;
  EXPECT_THAT(RemovalAdvice(ctx), Not(HasSubstr("archive.org")));
}

TEST(RemovalAdvice, ResolvedFindingThatWasIndexableKeepsAdviceUntilAcknowledged) {
  AdviceContext ctx = ResolvedGone();
  EXPECT_TRUE(NeedsRemovalAdvice(ctx));
  EXPECT_THAT(RemovalAdvice(ctx), HasSubstr("sightline ack 3f9a1c2b7d004e51"));
  ctx.acknowledged = true;
  EXPECT_FALSE(NeedsRemovalAdvice(ctx));
  EXPECT_EQ(RemovalAdvice(ctx), "");
}

TEST(RemovalAdvice, ResolvedNeverIndexableFindingWithArchiveCopiesKeepsArchiveSteps) {
  AdviceContext ctx = ResolvedGone();
  ctx.ever_indexable = false;
  ctx.archives_checked = true;
  ctx.archives_with_captures = {"wayback"};
  ASSERT_TRUE(NeedsRemovalAdvice(ctx));
  const std::string advice = RemovalAdvice(ctx);
  EXPECT_THAT(advice, HasSubstr("info@archive.org"));
  EXPECT_THAT(advice, HasSubstr("Search engines: nothing to request"));
  EXPECT_THAT(advice, Not(HasSubstr("Temporarily remove URL")));
}

TEST(RemovalAdvice, ResolvedNeverIndexableFindingWithoutCopiesNeedsNothing) {
  AdviceContext ctx = ResolvedGone();
  ctx.ever_indexable = false;
  ctx.archives_checked = true;
  EXPECT_FALSE(NeedsRemovalAdvice(ctx));
  EXPECT_TRUE(RemovalSteps(ctx).empty());
  EXPECT_EQ(RemovalAdvice(ctx), "");
}

TEST(RemovalAdvice, CurrentFindingOnNoindexPageSkipsSearchEngineRequestsButNotTheEdit) {
  AdviceContext ctx = CurrentIndexable();
  ctx.status = FindingStatus::kPersisting;
  ctx.indexable_now = false;
  ctx.ever_indexable = false;
  const std::string advice = RemovalAdvice(ctx);
  EXPECT_THAT(advice, HasSubstr("Edit "));
  EXPECT_THAT(advice, HasSubstr("Search engines: nothing to request"));
  EXPECT_THAT(advice, Not(HasSubstr("Temporarily remove URL")));
  EXPECT_THAT(advice, Not(HasSubstr("Do not block the page in robots.txt")));
}

TEST(RemovalAdvice, AcknowledgingACurrentFindingDoesNotHideItsAdvice) {
  AdviceContext ctx = CurrentIndexable();
  ctx.acknowledged = true;
  EXPECT_TRUE(NeedsRemovalAdvice(ctx));
  EXPECT_THAT(RemovalAdvice(ctx), HasSubstr("Run the audit again"));
}

TEST(RemovalAdvice, EachKindGetsItsOwnFirstStep) {
  AdviceContext ctx = CurrentIndexable();
  ctx.kind = FindingKind::kDirectIdentifier;
  EXPECT_THAT(RemovalSteps(ctx)[0], HasSubstr("Delete the identifying detail"));
  ctx.kind = FindingKind::kAuthorReidentification;
  EXPECT_THAT(RemovalSteps(ctx)[0], HasSubstr("stay anonymous"));
  ctx.kind = FindingKind::kColleagueCriticism;
  EXPECT_THAT(RemovalSteps(ctx)[0], HasSubstr("colleague"));
  ctx.kind = FindingKind::kPatientReidentification;
  EXPECT_THAT(RemovalSteps(ctx)[0], HasSubstr("written permission"));
}

TEST(RemovalAdvice, AdvertisedPrivatePathIsFixedInRobotsTxtNotByRemovalRequests) {
  AdviceContext ctx = CurrentIndexable();
  ctx.kind = FindingKind::kAdvertisedPrivatePath;
  ctx.url = "https://clinic.example/robots.txt";
  ctx.advertised_path = "/patients/";
  const std::vector<std::string> steps = RemovalSteps(ctx);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_THAT(steps[0], HasSubstr("Delete the Disallow line for /patients/"));
  EXPECT_THAT(steps[0], HasSubstr("not access control"));
  EXPECT_THAT(steps[1], HasSubstr("behind a login"));
  EXPECT_THAT(steps[2], HasSubstr("Run the audit again"));
  for (const std::string& step : steps) EXPECT_THAT(step, Not(HasSubstr("Search Console")));

  ctx.status = storage::FindingStatus::kResolved;
  ctx.ever_indexable = true;
  const std::vector<std::string> resolved = RemovalSteps(ctx);
  ASSERT_EQ(resolved.size(), 3u);
  EXPECT_THAT(resolved[0], HasSubstr("gone from https://clinic.example/robots.txt"));
  EXPECT_THAT(resolved[2], HasSubstr("sightline ack"));
}

TEST(RemovalAdvice, AdviceIsNumberedOneStepPerLine) {
  const std::string advice = RemovalAdvice(CurrentIndexable());
  const std::vector<std::string> steps = RemovalSteps(CurrentIndexable());
  EXPECT_EQ(advice.rfind("1. ", 0), 0u);
  EXPECT_THAT(advice, HasSubstr("\n2. "));
  EXPECT_EQ(static_cast<size_t>(std::count(advice.begin(), advice.end(), '\n')), steps.size() - 1);
}

TEST(RemovalAdvice, MissingUrlAndIdFallBackToPlainWords) {
  AdviceContext ctx = ResolvedGone();
  ctx.url.clear();
  ctx.finding_id.clear();
  const std::string advice = RemovalAdvice(ctx);
  EXPECT_THAT(advice, HasSubstr("the page is no longer on your site"));
  EXPECT_THAT(advice, HasSubstr("sightline ack FINDING_ID"));
}

storage::ReportedFinding ReportedResolved() {
  storage::ReportedFinding f;
  f.finding.id = "abc123";
  f.finding.kind = FindingKind::kDirectIdentifier;
  f.finding.pages = {kUrl, "https://clinic.example/contact.html"};
  analyzer::FindingDetail phone;
  phone.type = analyzer::MentionType::kContact;
  f.finding.details.push_back(phone);
  f.status = FindingStatus::kResolved;
  f.exposure.indexable = true;
  f.exposure.ever_indexable = true;
  f.exposure.archived.push_back({"wayback", "2025-01-02T03:04:05Z", "https://w/1"});
  f.exposure.archived.push_back({"wayback", "2025-02-02T03:04:05Z", "https://w/2"});
  f.exposure.archived.push_back({"archivetoday", "2025-02-03T03:04:05Z", "https://a/1"});
  return f;
}

// The author's cell number in the footer of 5,000 pages: fixed once in the template, and no
// per-address removal requests (nor a prefix removal that would hide the whole site).
TEST(RemovalAdvice, RepeatedBlockIsFixedInTheTemplateNotPageByPage) {
  AdviceContext ctx = CurrentIndexable();
  ctx.kind = FindingKind::kPersonalInformation;
  ctx.repeated_on_pages = 5000;
  ctx.patient_contact_or_records = true;
  const std::vector<std::string> steps = RemovalSteps(ctx);
  ASSERT_GE(steps.size(), 4u);
  EXPECT_THAT(steps[0],
              AllOf(HasSubstr("repeated on 5,000 pages"), HasSubstr("template"), HasSubstr(kUrl)));
  const std::string all = RemovalAdvice(ctx);
  EXPECT_THAT(all, Not(HasSubstr("Temporarily remove URL")));
  EXPECT_THAT(all, Not(HasSubstr("take the page down")));
  EXPECT_THAT(all, HasSubstr("Refresh Outdated Content"));
  EXPECT_THAT(all, HasSubstr("outdated cache of the pages it still shows"));
  EXPECT_THAT(all, HasSubstr("your own contact details"));  // Google's personal-info request
  EXPECT_THAT(all, HasSubstr("Do not block these pages in robots.txt yet"));
}

TEST(AdviceContextFor, OneDetailPageOnAFindingOfSeveralPagesIsARepeatedBlock) {
  storage::ReportedFinding footer;
  footer.finding.kind = FindingKind::kPersonalInformation;
  footer.finding.pages = {"https://clinic.example/a.html", "https://clinic.example/b.html",
                          "https://clinic.example/c.html"};
  analyzer::FindingDetail phone;
  phone.type = analyzer::MentionType::kContact;
  phone.url = "https://clinic.example/b.html";
  footer.finding.details.push_back(phone);
  AdviceContext ctx = AdviceContextFor(footer, nullptr, false);
  EXPECT_EQ(ctx.repeated_on_pages, 3u);
  EXPECT_EQ(ctx.url, "https://clinic.example/b.html");  // where the detail was read

  // A story whose town comes from the about page lists two pages, but it is no footer.
  storage::ReportedFinding story;
  story.finding.kind = FindingKind::kPatientReidentification;
  story.finding.pages = {kUrl, "https://clinic.example/about.html"};
  analyzer::FindingDetail age;
  age.url = kUrl;
  analyzer::FindingDetail town;
  town.url = "https://clinic.example/about.html";
  town.inherited = true;
  story.finding.details = {age, town};
  ctx = AdviceContextFor(story, nullptr, false);
  EXPECT_EQ(ctx.repeated_on_pages, 0u);
  EXPECT_EQ(ctx.url, kUrl);
}

TEST(AdviceContextFor, TakesKindStatusCapturesAndContactDetailsFromTheFinding) {
  storage::PageRecord page;
  page.url = kUrl;
  page.status = 410;
  const AdviceContext ctx = AdviceContextFor(ReportedResolved(), &page, false);
  EXPECT_EQ(ctx.finding_id, "abc123");
  EXPECT_EQ(ctx.url, kUrl);
  EXPECT_EQ(ctx.kind, FindingKind::kDirectIdentifier);
  EXPECT_EQ(ctx.status, FindingStatus::kResolved);
  EXPECT_FALSE(ctx.page_exists);
  EXPECT_EQ(ctx.status_code, 410);
  EXPECT_FALSE(ctx.indexable_now);
  EXPECT_TRUE(ctx.ever_indexable);
  EXPECT_EQ(ctx.archives_with_captures, (std::vector<std::string>{"wayback", "archivetoday"}));
  EXPECT_TRUE(ctx.archives_checked);  // captures prove a look-up happened
  EXPECT_TRUE(ctx.patient_contact_or_records);
  EXPECT_FALSE(ctx.acknowledged);
}

TEST(AdviceContextFor, UnknownPageStateGivesNeutralSiteStep) {
  const AdviceContext ctx = AdviceContextFor(ReportedResolved(), nullptr, true);
  EXPECT_TRUE(ctx.page_exists);
  EXPECT_EQ(ctx.status_code, 0);
  const std::vector<std::string> steps = RemovalSteps(ctx);
  ASSERT_FALSE(steps.empty());
  EXPECT_THAT(steps[0], HasSubstr("no longer on"));
  EXPECT_THAT(steps[0], Not(HasSubstr("noindex")));
}

TEST(AdviceContextFor, AcknowledgedResolvedFindingHasNoAdvice) {
  storage::ReportedFinding f = ReportedResolved();
  f.exposure.acknowledged = true;
  EXPECT_EQ(RemovalAdvice(AdviceContextFor(f, nullptr, true)), "");
}

}  // namespace
}  // namespace sightline::reports
