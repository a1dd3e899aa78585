#include "tests/support/hostile_site.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/test_curl.h"

namespace sightline::testing {
namespace {

TEST(HostileSite, HomeLinksToEveryCaseAndGoodPage) {
  HostileSiteOptions options;
  options.large_page_bytes = 1000000;
  options.gzip_bomb_bytes = 16 << 20;
  HostileSite site(options);
  CurlClient client;
  CurlResult home = client.Get(site.Url("/"));
  ASSERT_EQ(home.code, CURLE_OK) << home.error;
  ASSERT_GE(site.cases().size(), 15u);
  for (const auto& c : site.cases()) {
    EXPECT_NE(home.body.find("href=\"" + c.path + "\""), std::string::npos) << c.path;
  }
  EXPECT_NE(home.body.find(HostileSite::kDisallowedPath), std::string::npos);
  EXPECT_NE(home.body.find(site.RefusedUrl()), std::string::npos);
  EXPECT_EQ(home.body.find("from-sitemap"), std::string::npos);  // only the sitemap has it
}

TEST(HostileSite, GoodPagesCarryTheKnownDetails) {
  HostileSite site;
  CurlClient client;
  for (const auto& path : site.good_pages()) {
    CurlResult page = client.Get(site.Url(path));
    ASSERT_EQ(page.code, CURLE_OK) << path << ": " << page.error;
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_NE(page.body.find(HostileSite::kGoodPageText), std::string::npos) << path;
  }
}

TEST(HostileSite, RobotsSitemapAndRefusedPortAreHostileToo) {
  HostileSiteOptions options;
  options.robots_bytes = 2000000;
  HostileSite site(options);
  CurlClient client;
  CurlResult robots = client.Get(site.Url("/robots.txt"));
  ASSERT_EQ(robots.code, CURLE_OK) << robots.error;
  EXPECT_EQ(robots.body.size(), 2000000u);
  EXPECT_TRUE(robots.body.starts_with("User-agent: *\nDisallow: /private/\n"));
  CurlResult sitemap = client.Get(site.Url("/sitemap.xml"));
  EXPECT_NE(sitemap.body.find("<!ENTITY lol9"), std::string::npos);
  EXPECT_NE(sitemap.body.find(site.Url("/good/from-sitemap.html")), std::string::npos);
  EXPECT_EQ(client.Get(site.RefusedUrl()).code, CURLE_COULDNT_CONNECT);
  CurlOptions follow;
  follow.follow_redirects = true;
  follow.max_redirects = 30;
  EXPECT_EQ(client.Get(site.Url("/redirects/0"), follow).code, CURLE_TOO_MANY_REDIRECTS);
}

}  // namespace
}  // namespace sightline::testing
