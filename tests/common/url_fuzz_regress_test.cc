// Regression tests for URL normalisation bugs found by tests/fuzz/url_fuzzer (the minimal
// inputs are kept as tests/fuzz/corpus/url_fuzzer/regress_*). The property the fuzzer checks
// is that a normal form is a fixed point: NormalizeUrl(NormalizeUrl(x)) == NormalizeUrl(x).
#include <gtest/gtest.h>

#include <string>

#include "common/url.h"

namespace sightline {
namespace {

void ExpectFixedPoint(const std::string& normal) {
  auto again = NormalizeUrl(normal);
  ASSERT_TRUE(again.has_value()) << normal;
  EXPECT_EQ(*again, normal);
}

TEST(NormalizeUrlRegress, HostOfOnlyDotsIsRejectedNotPrintedEmpty) {
  // Was "http:////example.com/", which does not parse again.
  EXPECT_FALSE(NormalizeUrl("http://..//example.com/").has_value());
  EXPECT_FALSE(NormalizeUrl("http://./").has_value());
  EXPECT_EQ(NormalizeUrl("http://example.com../a").value(), "http://example.com/a");
}

TEST(NormalizeUrlRegress, NumericHostsBecomeDottedQuads) {
  // Was "http://1/", which curl re-reads as 0.0.0.1.
  EXPECT_EQ(NormalizeUrl("http://1./").value(), "http://0.0.0.1/");
  EXPECT_EQ(NormalizeUrl("http://0355../").value(), "http://0.0.0.237/");
  // Hex, octal and short forms of loopback are the loopback address the crawler checks.
  EXPECT_EQ(NormalizeUrl("http://0x7f.1/a").value(), "http://127.0.0.1/a");
  EXPECT_EQ(NormalizeUrl("http://0177.0.0.1./").value(), "http://127.0.0.1/");
  EXPECT_EQ(NormalizeUrl("http://2130706433/").value(), "http://127.0.0.1/");
  EXPECT_EQ(NormalizeUrl("http://192.168.1/").value(), "http://192.168.0.1/");
  EXPECT_EQ(NormalizeUrl("http://10.0.0.1:8080/").value(), "http://10.0.0.1:8080/");
  for (const char* url : {"http://1./", "http://0355../", "http://0x7f.1/", "http://1.2.3.4./"}) {
    ExpectFixedPoint(NormalizeUrl(url).value());
  }
}

TEST(NormalizeUrlRegress, InvalidNumericHostsAreRejected) {
  EXPECT_FALSE(NormalizeUrl("http://256.0.0.1/").has_value());
  EXPECT_FALSE(NormalizeUrl("http://1.2.3.4.5/").has_value());
  EXPECT_FALSE(NormalizeUrl("http://4294967296/").has_value());
  EXPECT_FALSE(NormalizeUrl("http://09/").has_value());
  EXPECT_FALSE(NormalizeUrl("http://1..2/").has_value());
}

TEST(NormalizeUrlRegress, HostsThatDoNotPrintBackAreRejected) {
  // curl decodes "%25" in the host to "%"; "http://4%000000/" did not parse again.
  EXPECT_FALSE(NormalizeUrl("http:/4%25000000/.x").has_value());
  EXPECT_FALSE(NormalizeUrl("http://exa%2fmple.org/").has_value());
  EXPECT_EQ(NormalizeUrl("http://my_host-1.example/").value(), "http://my_host-1.example/");
}

TEST(NormalizeUrlRegress, NamesWithDigitsStayNames) {
  EXPECT_EQ(NormalizeUrl("http://1.example/").value(), "http://1.example/");
  EXPECT_EQ(NormalizeUrl("http://example.0a/").value(), "http://example.0a/");
  EXPECT_EQ(NormalizeUrl("http://[::1]:8080/").value(), "http://[::1]:8080/");
}

TEST(NormalizeUrlRegress, EncodedDotSegmentsCollapseInOnePass) {
  // Was "http://-//./x" after one pass and "http://-//x" after the second.
  EXPECT_EQ(NormalizeUrl("http://-//%2e/x").value(), "http://-//x");
  EXPECT_EQ(NormalizeUrl("http://example.org/a/%2E%2e/b").value(), "http://example.org/b");
  EXPECT_EQ(NormalizeUrl("http://example.org/a/%2e").value(), "http://example.org/a/");
  EXPECT_EQ(NormalizeUrl("http://example.org/a/.%2e/").value(), "http://example.org/");
  // Dots that are part of a name are not segments.
  EXPECT_EQ(NormalizeUrl("http://example.org/%2e%2e%2e/.x").value(), "http://example.org/.../.x");
  ExpectFixedPoint(NormalizeUrl("http://-//%2e/x").value());
}

TEST(ResolveUrlRegress, EmptyAndFragmentReferencesAreTheBaseDocument) {
  // RFC 3986 §5.2.2; was "http://example.org/blog/".
  EXPECT_EQ(ResolveUrl("http://example.org/blog/post.html", "#comments").value(),
            "http://example.org/blog/post.html");
  EXPECT_EQ(ResolveUrl("http://example.org/blog/post.html?p=2#x", "").value(),
            "http://example.org/blog/post.html?p=2");
  EXPECT_EQ(ResolveUrl("http://example.org/blog/post.html", "  #top ").value(),
            "http://example.org/blog/post.html");
  EXPECT_EQ(ResolveUrl("http://example.org/blog/post.html", "?q=1").value(),
            "http://example.org/blog/post.html?q=1");
}

}  // namespace
}  // namespace sightline
