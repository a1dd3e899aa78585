#include <gtest/gtest.h>

#include <algorithm>

#include "analyzer/extract/extractor.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

using testing::FindLink;
using testing::HtmlPage;

TEST(ExtractLinks, AnchorsResolveAgainstFinalUrlWithAnchorText) {
  const PageContent c =
      ExtractPage(HtmlPage("<p><a href='../about/'>About <b>me</b></a> <a href='#top'>top</a></p>",
                           "https://clinic.example/blog/post.html"));
  const Link* about = FindLink(c, "https://clinic.example/about/");
  ASSERT_NE(about, nullptr);
  EXPECT_EQ(about->anchor, "About me");
  EXPECT_FALSE(about->nofollow);
  EXPECT_NE(FindLink(c, "https://clinic.example/blog/post.html"), nullptr);  // fragment gone
}

TEST(ExtractLinks, BaseHrefChangesResolution) {
  const PageContent c = ExtractPage(
      HtmlPage("<head><link rel=next href='page2'><base href='https://cdn.example/site/'></head>"
               "<a href='x.html'>x</a><img src='i.png'>"));
  // The first <base href> applies to the whole document, even to URLs before it.
  EXPECT_NE(FindLink(c, "https://cdn.example/site/x.html"), nullptr);
  EXPECT_NE(FindLink(c, "https://cdn.example/site/page2"), nullptr);
  ASSERT_EQ(c.images.size(), 1u);
  EXPECT_EQ(c.images[0], "https://cdn.example/site/i.png");
}

TEST(ExtractLinks, NofollowAndRelTokensRecorded) {
  const PageContent c =
      ExtractPage(HtmlPage("<a rel='UGC NoFollow' href='https://other.example/'>o</a>"));
  const Link* l = FindLink(c, "https://other.example/");
  ASSERT_NE(l, nullptr);
  EXPECT_TRUE(l->nofollow);
  EXPECT_EQ(l->rel, "ugc nofollow");
}

TEST(ExtractLinks, LinkAreaIframeAndRefreshAreLinks) {
  const PageContent c = ExtractPage(HtmlPage(
      "<head><meta http-equiv=refresh content=\"5; URL='/moved'\">"
      "<link rel=alternate hreflang=de href='/de/'><link rel=prev href='/p1'>"
      "<link rel=stylesheet href='/s.css'></head><body><map><area href='/area' alt='Map of "
      "town'></map><iframe src='https://video.example/embed/1'></iframe></body>"));
  EXPECT_NE(FindLink(c, "https://clinic.example/de/"), nullptr);
  EXPECT_NE(FindLink(c, "https://clinic.example/p1"), nullptr);
  EXPECT_EQ(FindLink(c, "https://clinic.example/s.css"), nullptr);
  EXPECT_NE(FindLink(c, "https://clinic.example/area"), nullptr);
  EXPECT_NE(FindLink(c, "https://video.example/embed/1"), nullptr);
  EXPECT_EQ(c.meta_refresh, "https://clinic.example/moved");
  const Link* refresh = FindLink(c, "https://clinic.example/moved");
  ASSERT_NE(refresh, nullptr);
  EXPECT_EQ(refresh->rel, "refresh");
  EXPECT_NE(testing::FindBlock(c, "Map of town"), nullptr);
}

TEST(ExtractLinks, NonHttpHrefsAreNotLinks) {
  const PageContent c =
      ExtractPage(HtmlPage("<a href='javascript:void(0)'>j</a><a href='mailto:a@b.example'>m</a>"
                           "<a href='data:text/html,hi'>d</a><a href='ftp://f.example/'>f</a>"));
  EXPECT_TRUE(c.links.empty());
}

TEST(ExtractLinks, ImageAltBecomesAnchorTextOfImageLink) {
  const PageContent c =
      ExtractPage(HtmlPage("<a href='/team'><img src='t.jpg' alt='Our team'></a>"));
  const Link* l = FindLink(c, "https://clinic.example/team");
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->anchor, "Our team");
}

TEST(ExtractLinks, ImagesFromSrcSrcsetAndOpenGraphDeduplicated) {
  const PageContent c = ExtractPage(HtmlPage(
      "<meta property='og:image' content='/og.jpg'><img src='/a.jpg' srcset='/a.jpg 1x, "
      "/a2.jpg 2x'><picture><source srcset='/b.webp'></picture><img data-src='/lazy.jpg'>"));
  std::vector<std::string> want = {"https://clinic.example/og.jpg", "https://clinic.example/a.jpg",
                                   "https://clinic.example/a2.jpg", "https://clinic.example/b.webp",
                                   "https://clinic.example/lazy.jpg"};
  std::vector<std::string> got = c.images;
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
}

struct CanonicalCase {
  const char* name;
  const char* html;
  const char* canonical;  // "" when none is usable
};

class ExtractCanonical : public ::testing::TestWithParam<CanonicalCase> {};

TEST_P(ExtractCanonical, UsableCanonicalOnly) {
  const PageContent c =
      ExtractPage(HtmlPage(GetParam().html, "https://clinic.example/blog/post.html"));
  EXPECT_EQ(c.canonical, GetParam().canonical);
}

const CanonicalCase kCanonicalCases[] = {
    {"Absolute", "<link rel=canonical href='https://clinic.example/a'>",
     "https://clinic.example/a"},
    {"RelativeResolved", "<link rel='canonical' href='/blog/post.html'>",
     "https://clinic.example/blog/post.html"},
    {"WithHreflangIgnored", "<link rel=canonical hreflang=de href='/de'>", ""},
    {"WithMediaIgnored", "<link rel=canonical media='print' href='/print'>", ""},
    {"WithTypeIgnored", "<link rel=canonical type='application/rss+xml' href='/rss'>", ""},
    {"InBodyIgnored", "<body><p>x</p><link rel=canonical href='/b'></body>", ""},
    {"ConflictingIgnored", "<link rel=canonical href='/one'><link rel=canonical href='/two'>", ""},
    {"SameTwiceKept", "<link rel=canonical href='/one'><link rel=canonical href='/one'>",
     "https://clinic.example/one"},
};

INSTANTIATE_TEST_SUITE_P(Rfc6596, ExtractCanonical, ::testing::ValuesIn(kCanonicalCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace sightline::analyzer
