#include "common/url.h"

#include <gtest/gtest.h>

namespace sightline {
namespace {

TEST(NormalizeUrl, LowercasesSchemeAndHostDropsDefaultPortAndFragment) {
  EXPECT_EQ(NormalizeUrl("HTTP://Example.ORG:80/a/b?x=1#top").value(),
            "http://example.org/a/b?x=1");
  EXPECT_EQ(NormalizeUrl("https://example.org:443").value(), "https://example.org/");
  EXPECT_EQ(NormalizeUrl("https://example.org:8443/").value(), "https://example.org:8443/");
}

TEST(NormalizeUrl, RemovesDotSegmentsAndNormalisesPercentEncoding) {
  EXPECT_EQ(NormalizeUrl("http://example.org/a/./b/../c").value(), "http://example.org/a/c");
  EXPECT_EQ(NormalizeUrl("http://example.org/%7Euser/%2f").value(),
            "http://example.org/~user/%2F");
}

TEST(NormalizeUrl, RejectsNonHttpSchemes) {
  EXPECT_FALSE(NormalizeUrl("mailto:dr@example.org").has_value());
  EXPECT_FALSE(NormalizeUrl("javascript:alert(1)").has_value());
  EXPECT_FALSE(NormalizeUrl("ftp://example.org/").has_value());
}

TEST(ResolveUrl, ResolvesRelativeReferencesAgainstBase) {
  EXPECT_EQ(ResolveUrl("http://example.org/blog/post.html", "../contact.html").value(),
            "http://example.org/contact.html");
  EXPECT_EQ(ResolveUrl("http://example.org/blog/", "  ?page=2 ").value(),
            "http://example.org/blog/?page=2");
  EXPECT_EQ(ResolveUrl("http://example.org/", "//other.example/x").value(),
            "http://other.example/x");
}

TEST(UrlOrigin, KeepsNonDefaultPort) {
  EXPECT_EQ(UrlOrigin("http://127.0.0.1:8080/a?b").value(), "http://127.0.0.1:8080");
  EXPECT_EQ(UrlOrigin("https://example.org/a").value(), "https://example.org");
}

}  // namespace
}  // namespace sightline
