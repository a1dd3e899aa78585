#include "crawler/sitemap.h"

#include <gtest/gtest.h>

#include "tests/support/gzip_encoder.h"

namespace sightline::crawler {
namespace {

TEST(Sitemap, ReadsUrlsetWithLastmod) {
  const auto s = ParseSitemap(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
      "  <url><loc> https://example.org/a?x=1&amp;y=2 </loc><lastmod>2024-03-14</lastmod></url>\n"
      "  <url><loc>https://example.org/b</loc></url>\n"
      "  <url><loc>javascript:alert(1)</loc></url>\n"
      "</urlset>\n");
  EXPECT_FALSE(s.is_index);
  ASSERT_EQ(s.entries.size(), 2u);
  EXPECT_EQ(s.entries[0].loc, "https://example.org/a?x=1&y=2");
  EXPECT_EQ(s.entries[0].lastmod, "2024-03-14");
  EXPECT_FALSE(s.entries[1].lastmod.has_value());
}

TEST(Sitemap, ReadsSitemapIndex) {
  const auto s = ParseSitemap(
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sitemap><loc>https://example.org/s1.xml.gz</loc></sitemap>"
      "<sitemap><loc>https://example.org/s2.xml</loc><lastmod>2024-01-01</lastmod></sitemap>"
      "</sitemapindex>");
  EXPECT_TRUE(s.is_index);
  ASSERT_EQ(s.entries.size(), 2u);
  EXPECT_EQ(s.entries[0].loc, "https://example.org/s1.xml.gz");
}

TEST(Sitemap, DecompressesGzip) {
  const auto s = ParseSitemap(
      testing::GzipCompress("<urlset><url><loc>https://example.org/z</loc></url></urlset>"));
  ASSERT_EQ(s.entries.size(), 1u);
  EXPECT_EQ(s.entries[0].loc, "https://example.org/z");
}

TEST(Sitemap, ReadsPlainTextLists) {
  const auto s = ParseSitemap("https://example.org/1\r\n\r\n  https://example.org/2\nnot a url\n");
  ASSERT_EQ(s.entries.size(), 2u);
  EXPECT_EQ(s.entries[1].loc, "https://example.org/2");
}

TEST(Sitemap, BillionLaughsIsInert) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    xml += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j)
      xml += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    xml += "\">\n";
  }
  xml +=
      "]>\n<urlset><url><loc>https://example.org/&lol9;</loc></url>"
      "<url><loc>https://example.org/ok</loc></url></urlset>";
  const auto s = ParseSitemap(xml);
  ASSERT_FALSE(s.entries.empty());
  for (const auto& e : s.entries) EXPECT_LT(e.loc.size(), 100u);
}

TEST(Sitemap, CapsUrlsPerFile) {
  std::string xml = "<urlset>";
  for (size_t i = 0; i < kSitemapMaxUrls + 10; ++i) {
    xml += "<url><loc>https://e.org/" + std::to_string(i) + "</loc></url>";
  }
  xml += "</urlset>";
  const auto s = ParseSitemap(xml);
  EXPECT_EQ(s.entries.size(), kSitemapMaxUrls);
  EXPECT_TRUE(s.truncated);
}

TEST(Sitemap, GzipBombStopsAtTheSizeLimit) {
  // 60 MB of zeros compress to ~60 KB; decoding must stop at 50 MB.
  testing::GzipEncoder enc;
  std::string gz;
  const std::string block(1 << 20, ' ');
  gz += enc.Compress("<urlset>");
  for (int i = 0; i < 60; ++i) gz += enc.Compress(block);
  gz += enc.Finish();
  const auto s = ParseSitemap(gz);
  EXPECT_TRUE(s.truncated);
  EXPECT_TRUE(s.entries.empty());
}

TEST(Sitemap, GarbageNeverFails) {
  EXPECT_TRUE(ParseSitemap("").entries.empty());
  EXPECT_TRUE(ParseSitemap("<html><body>hi</body></html>").entries.empty());
  EXPECT_FALSE(
      ParseSitemap("<urlset><url><loc>https://e.org/a</loc></url><url><loc>").issues.empty());
  EXPECT_FALSE(ParseSitemap("\x1f\x8b garbage").issues.empty());
}

}  // namespace
}  // namespace sightline::crawler
