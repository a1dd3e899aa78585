// The per-thread cache of origin-relative links: a cached link must resolve exactly as curl
// resolves it on every page, and a cache entry of one origin must never answer for another.
#include "analyzer/extract/internal/origin_link_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzer/extract/extractor.h"
#include "common/url.h"
#include "extract_test_util.h"

namespace sightline::analyzer {
namespace {

using internal::OriginLinkCache;

TEST(OriginLinkCache, OriginIsSchemeAndAuthorityOfANormalizedUrl) {
  EXPECT_EQ(OriginLinkCache::OriginOf("https://clinic.example/blog/post.html"),
            "https://clinic.example");
  EXPECT_EQ(OriginLinkCache::OriginOf("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
  EXPECT_EQ(OriginLinkCache::OriginOf("http://user@host.example/a"), "http://user@host.example");
  EXPECT_EQ(OriginLinkCache::OriginOf("https://clinic.example"), "");  // not normalized
  EXPECT_EQ(OriginLinkCache::OriginOf("clinic.example/a"), "");
  EXPECT_EQ(OriginLinkCache::OriginOf(""), "");
}

TEST(OriginLinkCache, OnlyReferencesStartingWithASlashAreOriginRelative) {
  EXPECT_TRUE(OriginLinkCache::IsOriginRelative("/posts/7.html"));
  EXPECT_TRUE(OriginLinkCache::IsOriginRelative("//cdn.example/x.js"));
  EXPECT_FALSE(OriginLinkCache::IsOriginRelative("posts/7.html"));
  EXPECT_FALSE(OriginLinkCache::IsOriginRelative("../7.html"));
  EXPECT_FALSE(OriginLinkCache::IsOriginRelative("?page=2"));
  EXPECT_FALSE(OriginLinkCache::IsOriginRelative("https://other.example/"));
  EXPECT_FALSE(OriginLinkCache::IsOriginRelative(""));
}

TEST(OriginLinkCache, StaysBoundedWhenFull) {
  OriginLinkCache cache;
  for (size_t i = 0; i <= OriginLinkCache::kMaxEntries; ++i) {
    cache.Store("https://a.example", "/p" + std::to_string(i), "https://a.example/p");
  }
  EXPECT_LE(cache.size(), OriginLinkCache::kMaxEntries);
  ASSERT_NE(cache.Find("https://a.example", "/p" + std::to_string(OriginLinkCache::kMaxEntries)),
            nullptr);
  EXPECT_EQ(cache.Find("https://b.example", "/p1"), nullptr);
}

// Links that curl resolves in different ways; each page links all of them.
const std::vector<std::string> kReferences = {
    "/posts/7.html",
    "/a/../b/./c?q=1#frag",
    "//cdn.example/x.js",
    "/%7Euser/%2e%2e/x",
    "/caf%C3%A9",
    "/search?q=a b",
    "/",
    "//",
};

std::string PageLinking(const std::vector<std::string>& refs) {
  std::string html = "<html><body>";
  for (const auto& r : refs) html += "<a href=\"" + r + "\">l</a>";
  return html + "</body></html>";
}

std::vector<std::string> ResolvedLinks(const std::string& page_url) {
  const PageContent c = ExtractPage(testing::HtmlPage(PageLinking(kReferences), page_url));
  std::vector<std::string> urls;
  for (const auto& l : c.links) urls.push_back(l.url);
  return urls;
}

std::vector<std::string> ExpectedLinks(const std::string& page_url) {
  std::vector<std::string> urls;
  for (const auto& r : kReferences) {
    if (auto u = ResolveUrl(page_url, r)) urls.push_back(*u);
  }
  return urls;
}

TEST(OriginLinkCache, CachedLinksResolveAsCurlDoesOnEveryPage) {
  // The second and third pages of a site are answered from the cache.
  for (const char* url : {"https://clinic.example/blog/post.html", "https://clinic.example/",
                          "https://clinic.example/deep/er/page?x=1"}) {
    EXPECT_EQ(ResolvedLinks(url), ExpectedLinks(url)) << url;
  }
}

TEST(OriginLinkCache, AnotherOriginNeverGetsTheFirstOnesLinks) {
  const std::string first = "https://clinic.example/blog/post.html";
  const std::string second = "http://clinic.example:8080/blog/post.html";
  const std::string third = "https://other.example/blog/post.html";
  EXPECT_EQ(ResolvedLinks(first), ExpectedLinks(first));
  EXPECT_EQ(ResolvedLinks(second), ExpectedLinks(second));
  EXPECT_EQ(ResolvedLinks(third), ExpectedLinks(third));
  EXPECT_NE(ExpectedLinks(first), ExpectedLinks(third));
}

TEST(OriginLinkCache, BaseHrefChangesTheOriginUsed) {
  const std::string html =
      "<html><head><base href=\"https://mirror.example/x/\"></head><body>"
      "<a href=\"/posts/7.html\">a</a></body></html>";
  // Warm the cache with the page's own origin first.
  ResolvedLinks("https://clinic.example/blog/post.html");
  const PageContent c = ExtractPage(testing::HtmlPage(html));
  EXPECT_NE(testing::FindLink(c, "https://mirror.example/posts/7.html"), nullptr);
  EXPECT_EQ(testing::FindLink(c, "https://clinic.example/posts/7.html"), nullptr);
}

}  // namespace
}  // namespace sightline::analyzer
