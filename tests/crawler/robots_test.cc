#include "crawler/robots.h"

#include <gtest/gtest.h>

#include <string>

#include "crawler/crawler.h"

namespace sightline::crawler {
namespace {

bool Allowed(std::string_view txt, std::string_view agent, std::string_view path) {
  return RobotsTxt::Parse(txt).Allowed(agent, path);
}

// RFC 9309 2.2.2: the most specific (longest) match wins.
TEST(Robots, Rfc9309_LongestMatchWins) {
  const char* txt =
      "user-agent: *\n"
      "disallow: /shop\n"
      "allow: /shop/public\n"
      "disallow: /shop/public/secret\n";
  EXPECT_FALSE(Allowed(txt, "sightline", "/shop/cart"));
  EXPECT_TRUE(Allowed(txt, "sightline", "/shop/public/page"));
  EXPECT_FALSE(Allowed(txt, "sightline", "/shop/public/secret/x"));
  EXPECT_TRUE(Allowed(txt, "sightline", "/other"));
}

// RFC 9309 2.2.2: "If an allow rule and a disallow rule are equivalent, then the allow rule
// SHOULD be used."
TEST(Robots, Rfc9309_AllowWinsTies) {
  EXPECT_TRUE(Allowed("user-agent: *\ndisallow: /page\nallow: /page\n", "x", "/page"));
  EXPECT_TRUE(Allowed("user-agent: *\nallow: /page\ndisallow: /page\n", "x", "/page"));
  // Same length, different patterns that both match.
  EXPECT_TRUE(Allowed("user-agent: *\ndisallow: /a*c\nallow: /ab*\n", "x", "/abc"));
}

// RFC 9309 2.2.3: `*` matches any sequence, `$` anchors the end.
TEST(Robots, Rfc9309_WildcardAndEndAnchor) {
  const char* txt =
      "user-agent: *\n"
      "disallow: /*.pdf$\n"
      "disallow: /private*/notes\n"
      "disallow: /exact$\n";
  EXPECT_FALSE(Allowed(txt, "x", "/files/report.pdf"));
  EXPECT_TRUE(Allowed(txt, "x", "/files/report.pdf?download=1"));
  EXPECT_TRUE(Allowed(txt, "x", "/files/report.pdfx"));
  EXPECT_FALSE(Allowed(txt, "x", "/private-area/notes/1"));
  EXPECT_FALSE(Allowed(txt, "x", "/exact"));
  EXPECT_TRUE(Allowed(txt, "x", "/exactly"));
  EXPECT_TRUE(RobotsPatternMatches("/*", "/"));
  EXPECT_TRUE(RobotsPatternMatches("*", "/anything"));
  EXPECT_TRUE(RobotsPatternMatches("/a**b$", "/axxb"));
  EXPECT_FALSE(RobotsPatternMatches("/a*b$", "/axxbc"));
  EXPECT_TRUE(RobotsPatternMatches("/a*b", "/axxbc"));
}

// RFC 9309 2.2.2: percent-encoded unreserved octets compare equal to their raw form; raw
// UTF-8 in a pattern matches its percent-encoded form in the URL.
TEST(Robots, Rfc9309_PercentEncodingNormalised) {
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /%7Ejoe/\n", "x", "/~joe/index.html"));
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /~joe/\n", "x", "/%7ejoe/index.html"));
  EXPECT_FALSE(
      Allowed("user-agent: *\ndisallow: /foo/bar/\xE3\x83\x84\n", "x", "/foo/bar/%E3%83%84"));
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /foo/bar/%e3%83%84\n", "x", "/foo/bar/%E3%83%84"));
  // A reserved character stays encoded: %2F is not '/'.
  EXPECT_TRUE(Allowed("user-agent: *\ndisallow: /a/b\n", "x", "/a%2Fb"));
}

// Regression (robots_fuzzer): a bare '%' next to decoded escapes must not form a new escape,
// so normalising twice changes nothing.
TEST(Robots, PercentNormalisationIsIdempotentWithBarePercent) {
  for (const char* path : {"/%%34%31", "/100%", "/a%2", "/%%%41", "/%25%34%31", "/%e3%83%84%"}) {
    const std::string once = RobotsNormalizePath(path);
    EXPECT_EQ(RobotsNormalizePath(once), once) << path;
  }
  EXPECT_EQ(RobotsNormalizePath("/%%34%31"), "/%2541");
  // A literal '%' in a rule still matches the same literal '%' in a URL.
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /100%\n", "x", "/100%"));
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /100%\n", "x", "/100%25"));
}

// RFC 9309 2.2.1: product tokens match case-insensitively; the `*` group is the fallback.
TEST(Robots, Rfc9309_GroupSelectionByProductToken) {
  const char* txt =
      "User-Agent: Googlebot\n"
      "Disallow: /g\n"
      "\n"
      "user-agent: *\n"
      "disallow: /all\n";
  EXPECT_FALSE(Allowed(txt, "googlebot", "/g"));
  EXPECT_TRUE(Allowed(txt, "GoogleBot/2.1 (+http://www.google.com/bot.html)", "/all"));
  EXPECT_FALSE(Allowed(txt, "sightline/0.1 (+https://x)", "/all"));
  EXPECT_TRUE(Allowed(txt, "sightline", "/g"));
  EXPECT_EQ(RobotsProductToken("Sightline/0.1 (+https://x)"), "sightline");
}

// RFC 9309 2.2.1: several user-agent lines start one group; groups naming the same agent are
// merged.
TEST(Robots, Rfc9309_GroupsAndMergedGroups) {
  const char* txt =
      "user-agent: a\n"
      "user-agent: b\n"
      "disallow: /ab\n"
      "user-agent: c\n"
      "disallow: /c\n"
      "user-agent: a\n"
      "disallow: /a2\n";
  EXPECT_FALSE(Allowed(txt, "a", "/ab"));
  EXPECT_FALSE(Allowed(txt, "a", "/a2"));
  EXPECT_FALSE(Allowed(txt, "b", "/ab"));
  EXPECT_TRUE(Allowed(txt, "b", "/a2"));
  EXPECT_TRUE(Allowed(txt, "b", "/c"));
  EXPECT_FALSE(Allowed(txt, "c", "/c"));
  EXPECT_TRUE(Allowed(txt, "d", "/ab"));  // no `*` group: everything allowed
}

// RFC 9309 2.2.4: Sitemap lines are not part of a group and do not end it.
TEST(Robots, Rfc9309_SitemapDoesNotSplitGroup) {
  const auto r = RobotsTxt::Parse(
      "user-agent: a\n"
      "sitemap: https://example.org/sitemap.xml\n"
      "user-agent: b\n"
      "disallow: /x\n");
  EXPECT_FALSE(r.Allowed("a", "/x"));
  EXPECT_FALSE(r.Allowed("b", "/x"));
  ASSERT_EQ(r.sitemaps().size(), 1u);
  EXPECT_EQ(r.sitemaps()[0], "https://example.org/sitemap.xml");
}

// RFC 9309 2.2: lines end with CR, LF or CRLF; a UTF-8 BOM is ignored.
TEST(Robots, Rfc9309_LineEndingsAndByteOrderMark) {
  for (const std::string nl : {"\n", "\r", "\r\n"}) {
    const std::string txt =
        "\xEF\xBB\xBFuser-agent: *" + nl + "disallow: /x" + nl + "allow: /x/y" + nl;
    EXPECT_FALSE(Allowed(txt, "z", "/x/1")) << "line ending " << nl.size();
    EXPECT_TRUE(Allowed(txt, "z", "/x/y")) << "line ending " << nl.size();
  }
  // A BOM cut short is still skipped.
  EXPECT_FALSE(Allowed("\xEF\xBBuser-agent: *\ndisallow: /\n", "z", "/a"));
}

// RFC 9309 2.2.2: an empty Disallow allows everything; /robots.txt is always allowed.
TEST(Robots, Rfc9309_EmptyDisallowAndImplicitRobotsTxt) {
  EXPECT_TRUE(Allowed("user-agent: *\ndisallow:\n", "x", "/any"));
  EXPECT_TRUE(Allowed("user-agent: *\ndisallow: /\n", "x", "/robots.txt"));
  EXPECT_FALSE(Allowed("user-agent: *\ndisallow: /\n", "x", "/index.html"));
}

// RFC 9309 2.5: crawlers must parse at least 500 KiB; the rest may be ignored.
TEST(Robots, Rfc9309_ParsesFirst500KiBOnly) {
  std::string txt = "user-agent: *\ndisallow: /early\n";
  while (txt.size() < kRobotsMaxBytes) txt += "# padding padding padding padding padding\n";
  txt += "disallow: /late\n";
  const auto r = RobotsTxt::Parse(txt);
  EXPECT_TRUE(r.truncated());
  EXPECT_FALSE(r.Allowed("x", "/early"));
  EXPECT_TRUE(r.Allowed("x", "/late"));
}

// RFC 9309 2.3.1.4: unreachable robots.txt means complete disallow.
TEST(Robots, Rfc9309_DisallowAllForUnreachable) {
  const auto r = RobotsTxt::DisallowAll();
  EXPECT_FALSE(r.Allowed("sightline", "/"));
  EXPECT_FALSE(r.AllowedForAnyAgent("/page"));
}

// RFC 9309 2.2: comments and unknown lines are ignored but recorded.
TEST(Robots, Rfc9309_CommentsAndUnknownDirectives) {
  const auto r = RobotsTxt::Parse(
      "# hello\n"
      "user-agent: * # all\n"
      "noindex: /x\n"
      "disallow: /y # no\n"
      "garbage line\n");
  EXPECT_FALSE(r.Allowed("a", "/y"));
  EXPECT_TRUE(r.Allowed("a", "/x"));
  EXPECT_EQ(r.issues().size(), 2u);
}

TEST(Robots, RulesBeforeAnyUserAgentAreIgnored) {
  EXPECT_TRUE(Allowed("disallow: /\nuser-agent: *\nallow: /\n", "x", "/a"));
}

TEST(Robots, CrawlDelayPerGroupCappedAt30Seconds) {
  const auto r = RobotsTxt::Parse(
      "user-agent: slow\ncrawl-delay: 120\n"
      "user-agent: *\ncrawl-delay: 2.5\n");
  EXPECT_EQ(r.CrawlDelay("slow"), kMaxCrawlDelay);
  EXPECT_EQ(r.CrawlDelay("other"), std::chrono::milliseconds(2500));
  EXPECT_FALSE(RobotsTxt::Parse("user-agent: *\ncrawl-delay: soon\n").CrawlDelay("x"));
}

TEST(Robots, AccessForGooglebotBingbotAndAnyAgent) {
  const auto r = RobotsTxt::Parse(
      "user-agent: googlebot\ndisallow: /g\n"
      "user-agent: bingbot\ndisallow: /b\n"
      "user-agent: *\ndisallow: /s\n");
  EXPECT_FALSE(r.Allowed("googlebot", "/g"));
  EXPECT_TRUE(r.Allowed("googlebot", "/s"));
  EXPECT_FALSE(r.Allowed("bingbot", "/b"));
  EXPECT_FALSE(r.AllowedForAnyAgent("/s"));
  EXPECT_TRUE(r.AllowedForAnyAgent("/g"));
}

TEST(Robots, RobotsAllowsTakesAbsoluteUrlsWithQueries) {
  const char* txt = "user-agent: sightline\ndisallow: /*?session=\n";
  EXPECT_FALSE(RobotsAllows(txt, "sightline", "https://example.org/a?session=1"));
  EXPECT_TRUE(RobotsAllows(txt, "sightline", "https://example.org/a?page=1"));
  EXPECT_TRUE(RobotsAllows(txt, "otherbot", "https://example.org/a?session=1"));
  EXPECT_FALSE(RobotsAllows(txt, "sightline", "not a url"));
}

TEST(Robots, ArbitraryBytesNeverCrash) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 131 + 7) % 256));
  const auto r = RobotsTxt::Parse(junk);
  (void)r.Allowed("x", "/");
  const auto s = RobotsTxt::Parse("user-agent: *\ndisallow: " + std::string(5000, '*') + "a\n");
  EXPECT_TRUE(s.Allowed("x", "/b"));
  EXPECT_FALSE(s.Allowed("x", "/ba"));
}

}  // namespace
}  // namespace sightline::crawler
