#include "common/url.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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
  EXPECT_EQ(NormalizeUrl("http://example.org/%7Euser/%2f").value(), "http://example.org/~user/%2F");
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

TEST(UrlResolver, ResolvesEachReferenceAsResolveUrlDoesAgainstOneParsedBase) {
  const std::vector<std::string> references = {"../contact.html",
                                               "  ?page=2 ",
                                               "//other.example/x",
                                               "",
                                               "#top",
                                               "post-2.html#c3",
                                               "/a/./b/../c",
                                               "HTTPS://Example.ORG:443/x",
                                               "mailto:dr@example.org",
                                               "http://exa mple.org/",
                                               std::string("a\0b", 3),
                                               "http://[::1]:8080/",
                                               "%7Euser/"};
  // A page URL, a base with a query, an empty base (absolute references only) and a bad one.
  for (const std::string base :
       {"http://example.org/blog/post.html", "https://example.org/?q=1", "", "not a url"}) {
    const UrlResolver resolver(base);
    for (const std::string& reference : references) {
      const Result<std::string> expected = ResolveUrl(base, reference);
      const Result<std::string> got = resolver.Resolve(reference);
      ASSERT_EQ(got.has_value(), expected.has_value()) << base << " + " << reference;
      if (got) {
        EXPECT_EQ(*got, *expected) << base << " + " << reference;
      } else {
        EXPECT_EQ(got.error().message, expected.error().message) << base << " + " << reference;
      }
    }
  }
  EXPECT_EQ(UrlResolver("http://example.org/blog/post.html").Resolve("../contact.html").value(),
            "http://example.org/contact.html");
  EXPECT_EQ(UrlResolver("").Resolve("http://Example.org/a").value(), "http://example.org/a");
  EXPECT_FALSE(UrlResolver("not a url").Resolve("x").has_value());
}

TEST(UrlOrigin, KeepsNonDefaultPort) {
  EXPECT_EQ(UrlOrigin("http://127.0.0.1:8080/a?b").value(), "http://127.0.0.1:8080");
  EXPECT_EQ(UrlOrigin("https://example.org/a").value(), "https://example.org");
}

}  // namespace
}  // namespace sightline
