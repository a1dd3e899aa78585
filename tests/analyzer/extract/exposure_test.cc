#include "analyzer/extract/exposure.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "analyzer/extract/extractor.h"
#include "common/clock.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

// 2025-06-15T00:00:00Z (after fetched_at in extract_test_util.h).
const WallTime kNow = WallTime(std::chrono::seconds(1'749'945'600));

struct ExposureCase {
  const char* name;
  const char* head = "";  // markup placed in <head>
  crawler::HeaderList headers = {};
  int status = 200;
  crawler::RobotsAccess robots = {};
  bool indexable = true;
  std::vector<std::string> reasons = {};  // must be present
  std::vector<std::string> absent = {};   // must not be present
  const char* body = "<p>A normal article with enough words to be a page.</p>";
  std::string error = "";
};

crawler::FetchedPage PageFor(const ExposureCase& c) {
  crawler::FetchedPage page =
      testing::HtmlPage(std::string("<html><head><title>Notes</title>") + c.head + "</head><body>" +
                        c.body + "</body></html>");
  page.status = c.status;
  for (const auto& h : c.headers) page.headers.push_back(h);
  page.robots = c.robots;
  page.error = c.error;
  if (!c.error.empty()) {
    page.status = 0;
    page.body.clear();
  }
  return page;
}

class JudgeExposureCases : public ::testing::TestWithParam<ExposureCase> {};

TEST_P(JudgeExposureCases, VerdictAndReasons) {
  const ExposureCase& c = GetParam();
  const crawler::FetchedPage page = PageFor(c);
  const ExposureVerdict v = JudgeExposure(page, ExtractPage(page), kNow);
  std::string got;
  for (const auto& r : v.reasons) got += r.code + " ";
  EXPECT_EQ(v.indexable, c.indexable) << got;
  for (const auto& code : c.reasons) EXPECT_TRUE(v.HasReason(code)) << code << " in: " << got;
  for (const auto& code : c.absent) EXPECT_FALSE(v.HasReason(code)) << code << " in: " << got;
  for (const auto& r : v.reasons) EXPECT_FALSE(r.text.empty()) << r.code;
}

crawler::RobotsAccess Disallowed(bool google, bool bing, std::string status = "ok") {
  crawler::RobotsAccess r;
  r.googlebot = !google;
  r.bingbot = !bing;
  r.any = !(google && bing);
  r.robots_status = std::move(status);
  return r;
}

const ExposureCase kCases[] = {
    {.name = "PlainPageIsIndexable", .absent = {"noindex_meta", "soft_404"}},
    {.name = "MetaRobotsNoindex",
     .head = "<meta name=robots content='noindex, follow'>",
     .indexable = false,
     .reasons = {"noindex_meta"}},
    {.name = "MetaRobotsNone",
     .head = "<meta name=robots content=none>",
     .indexable = false,
     .reasons = {"noindex_meta", "nofollow"}},
    {.name = "GooglebotNoindexLeavesBing",
     .head = "<meta name=googlebot content=noindex>",
     .indexable = true,
     .reasons = {"noindex_meta", "google_excluded"}},
    {.name = "GooglebotAndBingbotNoindex",
     .head = "<meta name=googlebot content=noindex><meta name=bingbot content=noindex>",
     .indexable = false,
     .reasons = {"noindex_meta"}},
    {.name = "OtherBotNoindexIgnored",
     .head = "<meta name=otherbot content=noindex>",
     .absent = {"noindex_meta"}},
    {.name = "MostRestrictiveWins",
     .head = "<meta name=robots content=all><meta name=robots content=noindex>",
     .indexable = false,
     .reasons = {"noindex_meta"}},
    {.name = "XRobotsTagNoindex",
     .headers = {{"x-robots-tag", "noindex"}},
     .indexable = false,
     .reasons = {"noindex_header"}},
    {.name = "XRobotsTagBotPrefixForOtherBot",
     .headers = {{"x-robots-tag", "otherbot: noindex, nofollow"}},
     .absent = {"noindex_header", "nofollow"}},
    {.name = "XRobotsTagMultipleHeadersUnion",
     .headers = {{"x-robots-tag", "googlebot: noindex"}, {"x-robots-tag", "bingbot: none"}},
     .indexable = false,
     .reasons = {"noindex_header", "nofollow"}},
    {.name = "XRobotsTagNoarchive",
     .headers = {{"x-robots-tag", "noarchive"}},
     .reasons = {"noarchive"}},
    {.name = "MetaNocacheIsNoarchive",
     .head = "<meta name=bingbot content=nocache>",
     .reasons = {"noarchive"}},
    {.name = "Nosnippet", .head = "<meta name=robots content=nosnippet>", .reasons = {"nosnippet"}},
    {.name = "MaxSnippetZero",
     .headers = {{"x-robots-tag", "max-snippet: 0"}},
     .reasons = {"nosnippet"}},
    {.name = "MaxSnippetPositiveIsNotNosnippet",
     .head = "<meta name=robots content='max-snippet:50, max-image-preview:large'>",
     .absent = {"nosnippet"}},
    {.name = "DataNosnippetText",
     .reasons = {"data_nosnippet"},
     .body = "<p>open</p><div data-nosnippet><p>private words</p></div>"},
    {.name = "UnavailableAfterPastRfc822",
     .head = "<meta name=robots content='unavailable_after: 25 Jun 2010 15:00:00 PST'>",
     .indexable = false,
     .reasons = {"unavailable_after_past"}},
    {.name = "UnavailableAfterPastRfc850Header",
     .headers = {{"x-robots-tag", "unavailable_after: Wednesday, 08-Nov-23 15:00:00 GMT"}},
     .indexable = false,
     .reasons = {"unavailable_after_past"}},
    {.name = "UnavailableAfterPastIso8601",
     .headers = {{"x-robots-tag", "googlebot: unavailable_after: 2024-01-31T10:00:00+01:00"}},
     .indexable = true,  // Bing is not addressed
     .reasons = {"unavailable_after_past"}},
    {.name = "UnavailableAfterFuture",
     .head = "<meta name=robots content='unavailable_after: 2030-01-01'>",
     .reasons = {"unavailable_after"},
     .absent = {"unavailable_after_past"}},
    {.name = "UnavailableAfterGarbageIgnored",
     .head = "<meta name=robots content='unavailable_after: someday soon'>",
     .absent = {"unavailable_after", "unavailable_after_past"}},
    {.name = "CanonicalSelf",
     .head = "<link rel=canonical href='https://clinic.example/blog/post.html'>",
     .absent = {"canonical_elsewhere"}},
    {.name = "CanonicalElsewhere",
     .head = "<link rel=canonical href='https://clinic.example/other'>",
     .indexable = false,
     .reasons = {"canonical_elsewhere"}},
    {.name = "CanonicalWithHreflangIgnored",
     .head = "<link rel=canonical hreflang=de href='https://clinic.example/de/'>",
     .absent = {"canonical_elsewhere"}},
    {.name = "CanonicalLinkHeaderElsewhere",
     .headers = {{"link",
                  "<https://clinic.example/print>; rel=\"alternate\"; media=print, "
                  "<https://clinic.example/main>; rel=\"canonical\""}},
     .indexable = false,
     .reasons = {"canonical_elsewhere"}},
    {.name = "CanonicalLinkHeaderWithTypeIgnored",
     .headers = {{"link",
                  "<https://clinic.example/feed>; rel=canonical; type=\"application/"
                  "rss+xml\""}},
     .absent = {"canonical_elsewhere"}},
    {.name = "CanonicalLinkHeaderSelfRelative",
     .headers = {{"link", "</blog/post.html>; rel=canonical"}},
     .absent = {"canonical_elsewhere"}},
    {.name = "Status404", .status = 404, .indexable = false, .reasons = {"status_4xx"}},
    {.name = "Status410", .status = 410, .indexable = false, .reasons = {"status_4xx"}},
    {.name = "Status503", .status = 503, .indexable = false, .reasons = {"status_5xx"}},
    {.name = "Status301NotFollowed", .status = 301, .indexable = false, .reasons = {"status_3xx"}},
    {.name = "Soft404HeadingNumber",
     .indexable = false,
     .reasons = {"soft_404"},
     .body = "<h1>Error 404</h1><p>Try the search box.</p>"},
    {.name = "FoundInHeadingIsNotSoft404",
     .absent = {"soft_404"},
     .body = "<h1>What we found in her chart</h1><p>Results.</p>"},
    {.name = "Soft404Heading",
     .indexable = false,
     .reasons = {"soft_404"},
     .body = "<h1>Sorry, this page doesn't exist</h1><p>Go home.</p>"},
    {.name = "EmptyPageIsSoft404", .indexable = false, .reasons = {"soft_404"}, .body = ""},
    {.name = "RobotsDisallowedAllEngines",
     .robots = Disallowed(true, true),
     .indexable = false,
     .reasons = {"robots_disallowed", "url_only_possible"}},
    {.name = "RobotsDisallowedGoogleOnly",
     .robots = Disallowed(true, false),
     .indexable = true,
     .reasons = {"robots_disallowed", "url_only_possible"}},
    {.name = "NoindexOnDisallowedPageIsUnseen",
     .head = "<meta name=robots content=noindex>",
     .robots = Disallowed(true, true),
     .indexable = false,
     .reasons = {"noindex_unseen", "url_only_possible"},
     .absent = {"noindex_meta"}},
    {.name = "RobotsUnreachableMeansDisallowAll",
     .robots = Disallowed(true, true, "unreachable"),
     .indexable = false,
     .reasons = {"robots_disallowed"}},
    {.name = "CrawlerSkippedForRobots",
     .indexable = false,
     .reasons = {"robots_disallowed", "url_only_possible"},
     .error = "robots_disallowed"},
    {.name = "FetchFailed", .indexable = false, .reasons = {"fetch_failed"}, .error = "timeout"},
};

INSTANTIATE_TEST_SUITE_P(SearchEngineRules, JudgeExposureCases, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(JudgeExposure, Soft404TitleFromNotFoundPage) {
  crawler::FetchedPage page =
      testing::HtmlPage("<title>Page not found &ndash; Dr Blog</title><p>Nothing here.</p>");
  const ExposureVerdict v = JudgeExposure(page, ExtractPage(page), kNow);
  EXPECT_FALSE(v.indexable);
  EXPECT_TRUE(v.HasReason("soft_404"));
}

TEST(JudgeExposure, LongArticleTitledNotFoundIsNotSoft404) {
  std::string body = "<title>A diagnosis not found for years</title>";
  for (int i = 0; i < 200; ++i) body += "<p>She saw many doctors before anyone listened.</p>";
  crawler::FetchedPage page = testing::HtmlPage(body);
  const ExposureVerdict v = JudgeExposure(page, ExtractPage(page), kNow);
  EXPECT_TRUE(v.indexable);
  EXPECT_FALSE(v.HasReason("soft_404"));
}

TEST(JudgeExposure, RedirectedPageIsJudgedAtItsFinalUrl) {
  crawler::FetchedPage page =
      testing::HtmlPage("<p>Moved article text.</p>", "https://clinic.example/new");
  page.url = "https://clinic.example/old";
  page.redirects.push_back({"https://clinic.example/old", 301, "https://clinic.example/new"});
  const ExposureVerdict v = JudgeExposure(page, ExtractPage(page), kNow);
  EXPECT_TRUE(v.indexable);
  EXPECT_TRUE(v.HasReason("redirected"));
}

TEST(JudgeExposure, SnippetAndArchiveFlags) {
  crawler::FetchedPage page =
      testing::HtmlPage("<meta name=robots content='nosnippet, noarchive'><p>text</p>");
  const ExposureVerdict v = JudgeExposure(page, ExtractPage(page), kNow);
  EXPECT_TRUE(v.indexable);
  EXPECT_FALSE(v.snippet_allowed);
  EXPECT_FALSE(v.archive_allowed);
}

TEST(JudgeExposure, CrawlFlagsAndSitemapCopied) {
  crawler::FetchedPage page = testing::HtmlPage("<p>text</p>");
  page.robots = Disallowed(false, true);
  page.in_sitemap = true;
  const ExposureVerdict v = JudgeExposure(page, ExtractPage(page), kNow);
  EXPECT_TRUE(v.crawl_allowed_googlebot);
  EXPECT_FALSE(v.crawl_allowed_bingbot);
  EXPECT_TRUE(v.in_sitemap);
  EXPECT_TRUE(v.HasReason("in_sitemap"));
}

TEST(JudgeExposure, Over15MegabytesIsNoted) {
  crawler::FetchedPage page = testing::HtmlPage("<p>x</p>");
  page.body.resize(kIndexingLimitBytes + 1, ' ');
  PageContent content;  // extraction is beside the point here
  content.is_html = true;
  content.blocks.push_back(TextBlock{});
  content.blocks.back().text = "x";
  const ExposureVerdict v = JudgeExposure(page, content, kNow);
  EXPECT_TRUE(v.HasReason("over_15mb"));
  EXPECT_TRUE(v.indexable);
}

// A 15.5 MB page whose robots meta sits in <head> or only after the first 15 MB.
crawler::FetchedPage PageOver15Megabytes(bool noindex_in_head, bool noindex_at_end) {
  std::string body = "<html><head><title>Long notes</title>";
  if (noindex_in_head) body += "<meta name=robots content=noindex>";
  // Script text is not page text, so the filler costs the parser little.
  body += "</head><body><p>An article with enough words to be a page.</p><script>/*";
  body.append(kIndexingLimitBytes + kIndexingLimitBytes / 30 - body.size(), 'x');
  body += "*/</script>";
  if (noindex_at_end) body += "<meta name=robots content=noindex>";
  body += "<p>The end.</p></body></html>";
  return testing::HtmlPage(std::move(body));
}

TEST(JudgeExposure, RobotsMetaBeyondTheFirst15MegabytesIsNeverSeen) {
  const crawler::FetchedPage page = PageOver15Megabytes(false, true);
  ASSERT_GT(page.body.size(), kIndexingLimitBytes);
  const PageContent content = ExtractPage(page);
  EXPECT_TRUE(content.robots_meta.empty());
  EXPECT_NE(std::find(content.problems.begin(), content.problems.end(),
                      "robots_meta_beyond_15mb_ignored"),
            content.problems.end());
  const ExposureVerdict v = JudgeExposure(page, content, kNow);
  EXPECT_TRUE(v.indexable);
  EXPECT_FALSE(v.HasReason("noindex_meta"));
  EXPECT_TRUE(v.HasReason("over_15mb"));
}

TEST(JudgeExposure, RobotsMetaWithinTheFirst15MegabytesCountsOnALongPage) {
  const crawler::FetchedPage page = PageOver15Megabytes(true, false);
  const PageContent content = ExtractPage(page);
  ASSERT_EQ(content.robots_meta.size(), 1u);
  const ExposureVerdict v = JudgeExposure(page, content, kNow);
  EXPECT_FALSE(v.indexable);
  EXPECT_TRUE(v.HasReason("noindex_meta"));
  EXPECT_TRUE(v.HasReason("over_15mb"));
}

TEST(JudgeExposure, NotModifiedKeepsThePreviousVerdict) {
  crawler::FetchedPage page = testing::HtmlPage("");
  page.status = 304;
  page.not_modified = true;
  ExposureVerdict previous;
  previous.indexable = false;
  previous.reasons.push_back({"noindex_meta", "a robots meta tag says noindex"});
  const ExposureVerdict v = JudgeExposure(page, ExtractPage(page), kNow, previous);
  EXPECT_FALSE(v.indexable);
  EXPECT_TRUE(v.HasReason("noindex_meta"));
  EXPECT_TRUE(v.HasReason("not_modified"));
}

TEST(JudgeExposure, NotModifiedWithRestoredBodyIsJudgedAsTheSnapshot) {
  // The caller's contract: restore the stored body and re-run extraction and judgement.
  crawler::FetchedPage page = testing::HtmlPage("<meta name=robots content=noindex><p>t</p>");
  page.status = 304;
  page.not_modified = true;
  const ExposureVerdict v = JudgeExposure(page, ExtractPage(page), kNow);
  EXPECT_FALSE(v.indexable);
  EXPECT_TRUE(v.HasReason("noindex_meta"));
  EXPECT_FALSE(v.HasReason("status_3xx"));
}

TEST(JudgeExposure, PdfWithXRobotsTagNoindex) {
  crawler::FetchedPage page = testing::UndeclaredPage("%PDF-1.4", "application/pdf");
  page.headers.emplace_back("x-robots-tag", "noindex");
  const ExposureVerdict v = JudgeExposure(page, ExtractPage(page), kNow);
  EXPECT_FALSE(v.indexable);
  EXPECT_TRUE(v.HasReason("noindex_header"));
  EXPECT_FALSE(v.HasReason("soft_404"));
}

}  // namespace
}  // namespace sightline::analyzer
