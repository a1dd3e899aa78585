// Internal parsers: dates (ISO 8601, URL paths, RFC 822/850) and robots directive values.
#include <gtest/gtest.h>

#include "analyzer/extract/internal/dates.h"
#include "analyzer/extract/internal/robots_directives.h"
#include "common/clock.h"

namespace sightline::analyzer::internal {
namespace {

std::string Iso(std::optional<WallTime> t) { return t ? FormatIso8601(*t) : "none"; }

TEST(ParseRobotsDate, AcceptsTheFormatsSearchEnginesDocument) {
  EXPECT_EQ(Iso(ParseRobotsDate("25 Jun 2010 15:00:00 PST")), "2010-06-25T23:00:00Z");
  EXPECT_EQ(Iso(ParseRobotsDate("Fri, 25 Jun 2010 15:00:00 GMT")), "2010-06-25T15:00:00Z");
  EXPECT_EQ(Iso(ParseRobotsDate("Friday, 25-Jun-10 15:00:00 GMT")), "2010-06-25T15:00:00Z");
  EXPECT_EQ(Iso(ParseRobotsDate("2010-06-25")), "2010-06-25T00:00:00Z");
  EXPECT_EQ(Iso(ParseRobotsDate("2010-06-25T15:00:00+02:00")), "2010-06-25T13:00:00Z");
  EXPECT_EQ(Iso(ParseRobotsDate("2010-06-25T15:00:00.5Z")), "2010-06-25T15:00:00Z");
  EXPECT_EQ(Iso(ParseRobotsDate("25 Jun 2010 15:00:00 +0100")), "2010-06-25T14:00:00Z");
}

TEST(ParseRobotsDate, RejectsGarbage) {
  for (const char* bad : {"", "soon", "2010-13-01", "2010-02-30", "32 Jun 2010", "25 Foo 2010",
                          "2010-06-25T25:99", "25 Jun 2010 15:00:00 MARS"}) {
    EXPECT_FALSE(ParseRobotsDate(bad).has_value()) << bad;
  }
}

TEST(IsoDatePrefix, NormalisesDates) {
  EXPECT_EQ(IsoDatePrefix("2024-03-14T09:00:00+00:00").value_or(""), "2024-03-14");
  EXPECT_EQ(IsoDatePrefix(" 2024/03/14 ").value_or(""), "2024-03-14");
  EXPECT_FALSE(IsoDatePrefix("2024-3-14").has_value());
  EXPECT_FALSE(IsoDatePrefix("20240314").has_value());
  EXPECT_FALSE(IsoDatePrefix("2023-02-29").has_value());
}

TEST(DateFromUrlPath, FindsYearMonthDaySegments) {
  EXPECT_EQ(DateFromUrlPath("https://a.example/2024/03/14/post/").value_or(""), "2024-03-14");
  EXPECT_EQ(DateFromUrlPath("https://a.example/blog/2019/12/31").value_or(""), "2019-12-31");
  EXPECT_FALSE(DateFromUrlPath("https://a.example/2024/03/").has_value());
  EXPECT_FALSE(DateFromUrlPath("https://a.example/2024/13/01/").has_value());
  EXPECT_FALSE(DateFromUrlPath("https://a.example/x?d=/2024/03/14/").has_value());
  EXPECT_FALSE(DateFromUrlPath("https://a.example/1234/56/78/").has_value());
}

TEST(ParseRobotsValue, BotPrefixesSwitchTheAddressedCrawler) {
  AgentDirectives all;
  ParseRobotsValue("googlebot: noindex, nofollow", "*", true, &all);
  ParseRobotsValue("otherbot: noarchive", "*", true, &all);
  ParseRobotsValue("nosnippet", "*", true, &all);
  const DirectiveSet google = EffectiveFor(all, {"googlebot"});
  EXPECT_TRUE(google.noindex);
  EXPECT_TRUE(google.nofollow);
  EXPECT_TRUE(google.nosnippet);
  EXPECT_FALSE(google.noarchive);
  const DirectiveSet bing = EffectiveFor(all, {"bingbot"});
  EXPECT_FALSE(bing.noindex);
  EXPECT_TRUE(bing.nosnippet);
}

TEST(ParseRobotsValue, MetaValuesDoNotTakeAgentPrefixes) {
  AgentDirectives all;
  ParseRobotsValue("max-snippet: 0, max-image-preview:large, NOINDEX", "*", false, &all);
  const DirectiveSet any = EffectiveFor(all, {});
  EXPECT_TRUE(any.nosnippet);
  EXPECT_TRUE(any.noindex);
}

TEST(ParseRobotsValue, Rfc850DateWithCommaIsRejoined) {
  AgentDirectives all;
  ParseRobotsValue("unavailable_after: Wednesday, 08-Nov-23 15:00:00 GMT, noarchive", "*", true,
                   &all);
  const DirectiveSet any = EffectiveFor(all, {});
  ASSERT_TRUE(any.unavailable_after.has_value());
  EXPECT_EQ(FormatIso8601(*any.unavailable_after), "2023-11-08T15:00:00Z");
  EXPECT_TRUE(any.noarchive);
}

TEST(ParseRobotsValue, EarliestUnavailableAfterWins) {
  AgentDirectives all;
  ParseRobotsValue("unavailable_after: 2030-01-01", "*", false, &all);
  ParseRobotsValue("unavailable_after: 2029-01-01", "googlebot", false, &all);
  EXPECT_EQ(FormatIso8601(*EffectiveFor(all, {"googlebot"}).unavailable_after),
            "2029-01-01T00:00:00Z");
}

}  // namespace
}  // namespace sightline::analyzer::internal
