// Crawler behaviour towards the server: politeness measured from the server's request log,
// retries and back-off, robots.txt, sitemaps, conditional requests, large sites and stopping.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>

#include "crawler/crawler.h"
#include "tests/crawler/crawl_harness.h"
#include "tests/support/gzip_encoder.h"
#include "tests/support/loopback_http_server.h"

using namespace std::chrono_literals;

namespace sightline::crawler {
namespace {

using sightline::testing::LoopbackHttpServer;
using sightline::testing::RecordedRequest;
using sightline::testing::Response;
using testing_support::FastOptions;
using testing_support::RecordingSink;
using testing_support::RunCrawl;

// A site of `n` pages, /p/0 ... /p/(n-1): page i links to the home page, to i+1 and to its
// children 2i+1 and 2i+2 (a wide tree, so that many pages are known at once).
void ServeGeneratedSite(LoopbackHttpServer& server, int n, std::chrono::milliseconds delay = 0ms) {
  server.RoutePrefix("/p/", [n, delay](const RecordedRequest& r) {
    const int i = std::stoi(r.path.substr(3));
    if (i >= n) return Response::Status(404);
    std::string body = "<a href=\"/p/0\">home</a>";
    for (int k : {i + 1, 2 * i + 1, 2 * i + 2}) {
      if (k < n) body += "<a href=\"/p/" + std::to_string(k) + "\">";
    }
    Response res = Response::Html(body);
    res.delay = delay;
    return res;
  });
}

TEST(CrawlerPoliteness, PerHostConcurrencyAndDelayHoldInTheRequestLog) {
  LoopbackHttpServer server;
  ServeGeneratedSite(server, 12, 150ms);
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/p/0")});
  o.per_host = 2;
  o.delay = 100ms;
  o.fetch_sitemaps = false;
  const CrawlSummary s = RunCrawl(o, &sink, 30s);
  EXPECT_EQ(s.fetched, 12);
  // Connections are reused, and never more than per_host of them.
  EXPECT_LE(server.ConnectionCount(), 2u);
  const auto log = server.Requests();
  ASSERT_GE(log.size(), 13u);
  for (size_t i = 2; i < log.size(); ++i) {
    // Minimum gap between request starts to one origin. The crawler spaces the starts; the
    // server sees arrivals, which a new connection's handshake can delay, hence the slack
    // (and request 1 follows robots.txt, whose connection was new).
    EXPECT_GE(log[i].arrival - log[i - 1].arrival, 75ms) << "request " << i;
  }
  for (size_t i = 2; i < log.size(); ++i) {
    // Every page answers after 150 ms: with two transfers at most in flight, the third
    // request can only start once the first has been answered.
    if (log[i - 2].path == "/robots.txt") continue;
    EXPECT_GE(log[i].arrival - log[i - 2].arrival, 145ms) << "request " << i;
  }
}

TEST(CrawlerPoliteness, HonoursRetryAfterThenSucceeds) {
  LoopbackHttpServer server;
  std::atomic<int> calls{0};
  server.Route("/busy", [&](const RecordedRequest&) {
    if (calls++ == 0) {
      Response r = Response::Status(503, "busy");
      r.headers = {{"Retry-After", "1"}};
      return r;
    }
    return Response::Html("finally");
  });
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/busy")}), &sink);
  const FetchedPage p = sink.Find("/busy");
  EXPECT_EQ(p.status, 200);
  EXPECT_EQ(p.attempts, 2);
  EXPECT_EQ(s.fetched, 1);
  std::vector<std::chrono::steady_clock::time_point> times;
  for (const auto& r : server.Requests()) {
    if (r.path == "/busy") times.push_back(r.arrival);
  }
  ASSERT_EQ(times.size(), 2u);
  EXPECT_GE(times[1] - times[0], 990ms);
}

TEST(CrawlerPoliteness, BacksOffExponentiallyAndStopsAfterMaxTries) {
  LoopbackHttpServer server;
  server.Route("/down", Response::Status(500, "broken"));
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/down")});
  o.retry_base_delay = 100ms;
  const CrawlSummary s = RunCrawl(o, &sink);
  EXPECT_EQ(sink.Find("/down").error, "http_500");
  EXPECT_EQ(sink.Find("/down").attempts, 3);
  EXPECT_EQ(s.failed_by_reason.at("http_500"), 1);
  std::vector<std::chrono::steady_clock::time_point> times;
  for (const auto& r : server.Requests()) {
    if (r.path == "/down") times.push_back(r.arrival);
  }
  ASSERT_EQ(times.size(), 3u);
  EXPECT_GE(times[1] - times[0], 95ms);   // base
  EXPECT_GE(times[2] - times[1], 195ms);  // base * 2
}

TEST(CrawlerPoliteness, GivesUpAHostThatKeepsFailing) {
  LoopbackHttpServer server;
  server.Route("/",
               Response::Html("<a href=\"/e1\"><a href=\"/e2\"><a href=\"/e3\"><a href=\"/e4\">"));
  server.RoutePrefix("/e", [](const RecordedRequest&) { return Response::Status(502); });
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/")});
  o.per_host = 1;
  o.max_retries = 1;
  o.host_failure_limit = 2;
  const CrawlSummary s = RunCrawl(o, &sink);
  EXPECT_EQ(s.failed_by_reason.at("http_502"), 2);
  EXPECT_EQ(s.failed_by_reason.at("host_given_up"), 2);
  EXPECT_EQ(server.RequestCount("/e3") + server.RequestCount("/e4"), 0u);
}

TEST(CrawlerPoliteness, Robots500DisallowsTheWholeSite) {
  LoopbackHttpServer server;
  server.Route("/robots.txt", Response::Status(500));
  server.Route("/", Response::Html("<a href=\"/a\">"));
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/")}), &sink);
  EXPECT_EQ(server.RequestCount("/"), 0u);
  EXPECT_EQ(server.RequestCount("/robots.txt"), 3u);  // retried like any 5xx
  const FetchedPage p = sink.Find("/");
  EXPECT_EQ(p.error, "robots_disallowed");
  EXPECT_EQ(p.robots.robots_status, "unreachable");
  EXPECT_FALSE(p.robots.googlebot);
  EXPECT_EQ(s.skipped_by_reason.at("robots_disallowed"), 1);
  ASSERT_EQ(s.robots_files.size(), 1u);
  EXPECT_EQ(s.robots_files[0].status, 500);
}

TEST(CrawlerPoliteness, RobotsDisallowedPagesAreReportedButNotFetched) {
  LoopbackHttpServer server;
  server.Route("/robots.txt", Response::Text("User-agent: *\nDisallow: /private\n"
                                             "User-agent: googlebot\nDisallow: /nogoogle\n"));
  server.Route("/", Response::Html("<a href=\"/private/x\"><a href=\"/nogoogle\">"));
  server.Route("/nogoogle", Response::Html("ok"));
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/")}), &sink);
  EXPECT_EQ(server.RequestCount("/private/x"), 0u);
  const FetchedPage priv = sink.Find("/private/x");
  EXPECT_EQ(priv.error, "robots_disallowed");
  EXPECT_FALSE(priv.robots.any);
  EXPECT_TRUE(priv.robots.googlebot);
  const FetchedPage nog = sink.Find("/nogoogle");
  EXPECT_EQ(nog.status, 200);
  EXPECT_FALSE(nog.robots.googlebot);
  EXPECT_TRUE(nog.robots.bingbot);
  EXPECT_EQ(nog.robots.robots_status, "ok");
  EXPECT_EQ(s.skipped_by_reason.at("robots_disallowed"), 1);
  ASSERT_EQ(s.robots_files.size(), 1u);
  EXPECT_NE(s.robots_files[0].body.find("Disallow: /private"), std::string::npos);
}

TEST(CrawlerPoliteness, HonoursCrawlDelay) {
  LoopbackHttpServer server;
  server.Route("/robots.txt", Response::Text("User-agent: *\nCrawl-delay: 0.4\n"));
  ServeGeneratedSite(server, 3);
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/p/0")});
  o.per_host = 4;
  o.fetch_sitemaps = false;
  const CrawlSummary s = RunCrawl(o, &sink);
  EXPECT_EQ(s.fetched, 3);
  const auto log = server.Requests();
  ASSERT_EQ(log.size(), 4u);
  for (size_t i = 2; i < log.size(); ++i) {
    EXPECT_GE(log[i].arrival - log[i - 1].arrival, 395ms) << log[i].path;
  }
}

TEST(CrawlerPoliteness, ReadsSitemapIndexAndGzippedSitemaps) {
  LoopbackHttpServer server;
  server.Route("/robots.txt", Response::Text("Sitemap: " + server.Url("/index.xml") + "\n"));
  server.Route("/index.xml",
               Response::Text("<sitemapindex><sitemap><loc>" + server.Url("/s1.xml.gz") +
                                  "</loc></sitemap><sitemap><loc>" + server.Url("/s2.xml") +
                                  "</loc></sitemap></sitemapindex>",
                              "application/xml"));
  Response gz = Response::Text(
      sightline::testing::GzipCompress("<urlset><url><loc>" + server.Url("/hidden") +
                                       "</loc><lastmod>2024-03-14</lastmod></url></urlset>"),
      "application/gzip");
  server.Route("/s1.xml.gz", gz);
  server.Route("/s2.xml",
               Response::Text("<urlset><url><loc>" + server.Url("/") + "</loc></url></urlset>",
                              "application/xml"));
  server.Route("/", Response::Html("home, links nowhere"));
  server.Route("/hidden", Response::Html("only in the sitemap"));
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/")}), &sink);
  EXPECT_EQ(s.fetched, 2);
  EXPECT_EQ(s.sitemap_urls, 2);
  const FetchedPage hidden = sink.Find("/hidden");
  EXPECT_EQ(hidden.status, 200);
  EXPECT_EQ(hidden.discovered_by, Discovery::kSitemap);
  EXPECT_TRUE(hidden.in_sitemap);
  EXPECT_EQ(hidden.sitemap_lastmod, "2024-03-14");
  const FetchedPage home = sink.Find("/");
  EXPECT_EQ(home.discovered_by, Discovery::kSeed);
  EXPECT_TRUE(home.in_sitemap);
  EXPECT_EQ(server.RequestCount("/sitemap.xml"), 1u);
}

TEST(CrawlerPoliteness, ConditionalGetAnsweredWith304) {
  LoopbackHttpServer server;
  server.Route("/page", [](const RecordedRequest& r) {
    if (r.Header("if-none-match") == "\"v1\"") return Response::Status(304);
    Response res = Response::Html("changed");
    res.headers = {{"ETag", "\"v2\""}};
    return res;
  });
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/page")});
  o.validators = [](const std::string& url) -> std::optional<Validators> {
    if (url.ends_with("/page")) return Validators{"\"v1\"", "Tue, 24 Nov 2026 10:00:00 GMT"};
    return std::nullopt;
  };
  const CrawlSummary s = RunCrawl(o, &sink);
  const FetchedPage p = sink.Find("/page");
  EXPECT_TRUE(p.not_modified);
  EXPECT_EQ(p.status, 304);
  EXPECT_TRUE(p.error.empty());
  EXPECT_EQ(s.not_modified, 1);
  EXPECT_EQ(s.fetched, 1);
  const auto log = server.Requests();
  EXPECT_EQ(log.back().Header("if-modified-since"), "Tue, 24 Nov 2026 10:00:00 GMT");
}

TEST(CrawlerPoliteness, CrawlsAThousandPageSiteCompletelyWithoutDuplicates) {
  LoopbackHttpServer server;
  ServeGeneratedSite(server, 1000);
  RecordingSink sink;
  sink.set_async(true);
  CrawlOptions o = FastOptions({server.Url("/p/0")});
  o.max_pages = 5000;
  o.max_depth = 1000;
  o.per_host = 8;
  o.concurrency = 16;
  const CrawlSummary s = RunCrawl(o, &sink, 60s);
  EXPECT_EQ(s.fetched, 1000);
  EXPECT_EQ(s.failed, 0);
  std::map<std::string, int> counts;
  for (const auto& r : server.Requests()) ++counts[r.target];
  EXPECT_EQ(counts.size(), 1002u);  // + robots.txt and sitemap.xml
  for (const auto& [target, n] : counts) EXPECT_EQ(n, 1) << target;
  std::set<std::string> urls;
  for (const auto& p : sink.pages()) urls.insert(p.url);
  EXPECT_EQ(urls.size(), 1000u);
}

TEST(CrawlerPoliteness, StopMidCrawlKeepsWhatWasFetched) {
  LoopbackHttpServer server;
  ServeGeneratedSite(server, 200, 50ms);
  RecordingSink sink;
  std::atomic<Crawler*> crawler{nullptr};
  sink.set_on_page([&] {
    if (Crawler* c = crawler.load(); c != nullptr && sink.size() == 5) c->Stop();
  });
  CrawlOptions o = FastOptions({server.Url("/p/0")});
  o.max_depth = 1000;
  const auto start = std::chrono::steady_clock::now();
  const CrawlSummary s = RunCrawl(o, &sink, 20s, [&](Crawler& c) { crawler = &c; });
  EXPECT_TRUE(s.stopped);
  EXPECT_GE(s.fetched, 4);
  EXPECT_LT(s.fetched, 200);
  EXPECT_EQ(static_cast<size_t>(s.fetched + s.failed), sink.size());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

std::atomic<Crawler*> g_signalled_crawler{nullptr};
extern "C" void StopOnSignal(int) {
  if (Crawler* c = g_signalled_crawler.load()) c->Stop();
}

TEST(CrawlerPoliteness, StopFromASignalHandlerEndsTheCrawl) {
  LoopbackHttpServer server;
  ServeGeneratedSite(server, 500, 20ms);
  RecordingSink sink;
  struct sigaction action {};
  struct sigaction previous {};
  action.sa_handler = StopOnSignal;
  sigemptyset(&action.sa_mask);
  ASSERT_EQ(sigaction(SIGUSR1, &action, &previous), 0);
  std::atomic<bool> sent{false};
  sink.set_on_page([&] {
    // Delivered to some thread of this process, which is all Stop() needs.
    if (sink.size() >= 3 && g_signalled_crawler.load() != nullptr && !sent.exchange(true)) {
      kill(getpid(), SIGUSR1);
    }
  });
  CrawlOptions o = FastOptions({server.Url("/p/0")});
  o.max_depth = 1000;
  const CrawlSummary s = RunCrawl(o, &sink, 20s, [](Crawler& c) { g_signalled_crawler = &c; });
  g_signalled_crawler = nullptr;
  sigaction(SIGUSR1, &previous, nullptr);
  EXPECT_TRUE(s.stopped);
  EXPECT_LT(s.fetched, 500);
  EXPECT_GE(s.skipped_by_reason.at("stopped"), 1);
}

TEST(CrawlerPoliteness, StopBeforeRunEndsAtOnce) {
  LoopbackHttpServer server;
  ServeGeneratedSite(server, 10);
  RecordingSink sink;
  auto crawler = Crawler::Create(FastOptions({server.Url("/p/0")}), &sink);
  ASSERT_TRUE(crawler.has_value());
  (*crawler)->Stop();
  auto result = (*crawler)->Run();
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->stopped);
  EXPECT_EQ(result->fetched, 0);
}

}  // namespace
}  // namespace sightline::crawler
