#include "crawler/frontier.h"

#include <gtest/gtest.h>

#include "crawler/scope.h"

namespace sightline::crawler {
namespace {

Frontier MakeFrontier(Scope scope, std::vector<std::string> seeds, FrontierOptions options = {}) {
  auto s = CrawlScope::Create(scope, seeds);
  EXPECT_TRUE(s.has_value());
  return Frontier(options, *s);
}

CrawlJob Link(std::string url, int depth = 1) {
  CrawlJob job;
  job.url = std::move(url);
  job.depth = depth;
  job.discovered_by = Discovery::kLink;
  return job;
}

TEST(CrawlScope, DomainScopeUsesRegistrableDomain) {
  auto s = CrawlScope::Create(Scope::kDomain, {"https://www.example.co.uk/"});
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE(s->Contains("https://example.co.uk/a"));
  EXPECT_TRUE(s->Contains("http://blog.example.co.uk/b"));
  EXPECT_FALSE(s->Contains("https://other.co.uk/"));
  EXPECT_EQ(RegistrableDomain("www.example.co.uk"), "example.co.uk");
  EXPECT_EQ(RegistrableDomain("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(RegistrableDomain("localhost"), "localhost");
}

TEST(CrawlScope, DomainScopeSeparatesUsersOfASharedSuffix) {
  // github.io is on the public suffix list: alice's pages are not bob's.
  auto s = CrawlScope::Create(Scope::kDomain, {"https://alice.github.io/"});
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE(s->Contains("https://alice.github.io/post"));
  EXPECT_FALSE(s->Contains("https://bob.github.io/"));
}

TEST(CrawlScope, HostScopeComparesHostNames) {
  auto s = CrawlScope::Create(Scope::kHost, {"https://www.example.org/x"});
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE(s->Contains("http://www.example.org/y"));
  EXPECT_FALSE(s->Contains("https://example.org/y"));
}

TEST(CrawlScope, PrefixScopeKeepsTheSeedDirectory) {
  auto s = CrawlScope::Create(Scope::kPrefix, {"https://example.org/blog/index.html"});
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE(s->Contains("https://example.org/blog/post-1"));
  EXPECT_TRUE(s->Contains("https://EXAMPLE.org:443/blog/a/../post-2"));
  EXPECT_FALSE(s->Contains("https://example.org/shop/"));
  EXPECT_FALSE(s->Contains("http://example.org/blog/post-1"));
}

TEST(CrawlScope, ParsesScopeNames) {
  EXPECT_EQ(*ParseScope("prefix"), Scope::kPrefix);
  EXPECT_FALSE(ParseScope("planet").has_value());
  EXPECT_STREQ(ScopeName(Scope::kHost), "host");
}

TEST(Frontier, ALinkSpelledAsBeforeIsADuplicateWhateverWasDecidedThen) {
  Frontier f = MakeFrontier(Scope::kDomain, {"http://example.org/"});
  EXPECT_EQ(f.Add(Link("http://example.org/a")), Admission::kAdmitted);
  EXPECT_EQ(f.Add(Link("http://example.org/a")), Admission::kDuplicate);
  EXPECT_EQ(f.Add(Link("http://elsewhere.example.com/")), Admission::kOutOfScope);
  EXPECT_EQ(f.Add(Link("http://elsewhere.example.com/")), Admission::kDuplicate);
  // An unparsable spelling stays invalid every time (it never became a URL).
  EXPECT_EQ(f.Add(Link("http://exa mple.org/")), Admission::kInvalidUrl);
  EXPECT_EQ(f.Add(Link("http://exa mple.org/")), Admission::kInvalidUrl);
  EXPECT_EQ(f.queued(), 1u);
}

TEST(Frontier, DedupesOnTheNormalForm) {
  Frontier f = MakeFrontier(Scope::kDomain, {"http://example.org/"});
  EXPECT_EQ(f.Add(Link("http://example.org/a#top")), Admission::kAdmitted);
  EXPECT_EQ(f.Add(Link("HTTP://Example.ORG:80/b/../a")), Admission::kDuplicate);
  EXPECT_EQ(f.Add(Link("http://example.org/%7Euser")), Admission::kAdmitted);
  EXPECT_EQ(f.Add(Link("http://example.org/~user")), Admission::kDuplicate);
  EXPECT_EQ(f.queued(), 2u);
}

TEST(Frontier, SkipsOutOfScopeAndNonHttpUrls) {
  Frontier f = MakeFrontier(Scope::kDomain, {"http://example.org/"});
  EXPECT_EQ(f.Add(Link("http://elsewhere.org/")), Admission::kOutOfScope);
  EXPECT_EQ(f.Add(Link("mailto:doc@example.org")), Admission::kInvalidUrl);
  EXPECT_EQ(f.Add(Link("ftp://example.org/file")), Admission::kInvalidUrl);
}

TEST(Frontier, EnforcesMaxPagesAndDepth) {
  FrontierOptions o;
  o.max_pages = 2;
  o.max_depth = 3;
  Frontier f = MakeFrontier(Scope::kDomain, {"http://example.org/"}, o);
  CrawlJob seed;
  seed.url = "http://example.org/";
  EXPECT_EQ(f.Add(seed), Admission::kAdmitted);
  EXPECT_EQ(f.Add(Link("http://example.org/deep", 4)), Admission::kMaxDepth);
  EXPECT_EQ(f.Add(Link("http://example.org/a", 3)), Admission::kAdmitted);
  EXPECT_EQ(f.Add(Link("http://example.org/b", 1)), Admission::kMaxPages);
}

TEST(Frontier, ResistsCrawlerTraps) {
  FrontierOptions o;
  o.limits.max_url_length = 60;
  o.limits.max_path_segments = 5;
  o.limits.max_repeated_segment = 2;
  o.limits.max_queries_per_path = 3;
  Frontier f = MakeFrontier(Scope::kDomain, {"http://example.org/"}, o);
  EXPECT_EQ(f.Add(Link("http://example.org/" + std::string(60, 'x'))), Admission::kUrlTooLong);
  EXPECT_EQ(f.Add(Link("http://example.org/a/b/c/d/e/f")), Admission::kTooManySegments);
  EXPECT_EQ(f.Add(Link("http://example.org/x/y/x/y/x")), Admission::kRepeatedSegments);
  for (int day = 1; day <= 3; ++day) {
    EXPECT_EQ(f.Add(Link("http://example.org/cal?d=" + std::to_string(day))), Admission::kAdmitted);
  }
  EXPECT_EQ(f.Add(Link("http://example.org/cal?d=4")), Admission::kTooManyQueries);
  EXPECT_EQ(f.Add(Link("http://example.org/other?d=4")), Admission::kAdmitted);
}

TEST(Frontier, UrlListModeAdmitsOnlySeedsAndSitemapUrls) {
  FrontierOptions o;
  o.follow_links = false;
  Frontier f = MakeFrontier(Scope::kDomain, {"http://example.org/a"}, o);
  CrawlJob seed;
  seed.url = "http://example.org/a";
  EXPECT_EQ(f.Add(seed), Admission::kAdmitted);
  EXPECT_EQ(f.Add(Link("http://example.org/b")), Admission::kNotFollowing);
}

TEST(Frontier, QueuesPerOriginInOrderAndRequeuesAtTheFront) {
  Frontier f = MakeFrontier(Scope::kDomain, {"http://example.org/"});
  ASSERT_EQ(f.Add(Link("http://example.org/1")), Admission::kAdmitted);
  ASSERT_EQ(f.Add(Link("http://www.example.org/2")), Admission::kAdmitted);
  ASSERT_EQ(f.Add(Link("http://example.org/3")), Admission::kAdmitted);
  EXPECT_EQ(f.Origins(),
            (std::vector<std::string>{"http://example.org", "http://www.example.org"}));
  auto first = f.Pop("http://example.org");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->url, "http://example.org/1");
  first->attempts = 1;
  f.Requeue(*first);
  EXPECT_EQ(f.Peek("http://example.org")->url, "http://example.org/1");
  EXPECT_EQ(f.Drain("http://example.org").size(), 2u);
  EXPECT_EQ(f.queued(), 1u);
  EXPECT_TRUE(f.Claim("http://example.org/redirect-target"));
  EXPECT_FALSE(f.Claim("http://example.org/redirect-target"));
}

}  // namespace
}  // namespace sightline::crawler
