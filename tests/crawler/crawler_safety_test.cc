// Crawler safety and bookkeeping: the private-address guard (issue 9), trap limits, resumed
// pages, progress reports.
#include <gtest/gtest.h>

#include <atomic>

#include "crawler/crawler.h"
#include "crawler/internal/address.h"
#include "tests/crawler/crawl_harness.h"
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

TEST(PrivateAddress, ClassifiesLoopbackLinkLocalAndPrivateRanges) {
  using internal::IsPrivateAddress;
  for (const char* ip : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                         "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1",
                         "fd00::1", "::ffff:192.168.0.1", "[::1]", "not an ip"}) {
    EXPECT_TRUE(IsPrivateAddress(ip)) << ip;
  }
  for (const char* ip :
       {"8.8.8.8", "172.32.0.1", "93.184.216.34", "2001:db8::1", "::ffff:8.8.8.8", "100.128.0.1"}) {
    EXPECT_FALSE(IsPrivateAddress(ip)) << ip;
  }
}

// Two loopback servers stand in for the internet and an intranet: the test seam says the
// first one's port is public.
struct TwoNetworks {
  LoopbackHttpServer public_site;
  LoopbackHttpServer intranet;
  CrawlOptions Options(std::string seed) {
    CrawlOptions o = FastOptions({std::move(seed)});
    const int public_port = public_site.port();
    o.is_private_address = [public_port](std::string_view, int port) {
      return port != public_port;
    };
    return o;
  }
};

TEST(CrawlerSafety, PublicPageCannotLeadIntoAPrivateNetwork) {
  TwoNetworks net;
  net.public_site.Route("/", Response::Html("<a href=\"" + net.intranet.Url("/admin") + "\">"));
  net.public_site.Route("/go", Response::Redirect(net.intranet.Url("/secret")));
  net.public_site.Route("/links", Response::Html("<a href=\"/go\">"));
  net.intranet.Route("/admin", Response::Html("admin"));
  net.intranet.Route("/secret", Response::Html("secret"));
  RecordingSink sink;
  CrawlOptions o = net.Options(net.public_site.Url("/"));
  o.seeds.push_back(net.public_site.Url("/links"));
  const CrawlSummary s = RunCrawl(o, &sink);
  EXPECT_EQ(net.intranet.RequestCount("/admin"), 0u);
  EXPECT_EQ(net.intranet.RequestCount("/secret"), 0u);
  EXPECT_EQ(sink.Find("/admin").error, "private_address");
  EXPECT_EQ(sink.Find("/go").error, "redirect_private");
  EXPECT_GE(s.failed, 2);
}

TEST(CrawlerSafety, AllowPrivateLiftsTheGuard) {
  TwoNetworks net;
  net.public_site.Route("/go", Response::Redirect(net.intranet.Url("/secret")));
  net.intranet.Route("/secret", Response::Html("secret"));
  RecordingSink sink;
  CrawlOptions o = net.Options(net.public_site.Url("/go"));
  o.allow_private = true;
  RunCrawl(o, &sink);
  const FetchedPage p = sink.Find("/go");
  EXPECT_EQ(p.status, 200);
  EXPECT_EQ(p.body, "secret");
}

TEST(CrawlerSafety, SeedOnAPrivateAddressIsAlwaysFetched) {
  LoopbackHttpServer server;  // 127.0.0.1 is loopback: private by the default rules
  server.Route("/", Response::Html("<a href=\"/next\">"));
  server.Route("/next", Response::Html("next"));
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/")}), &sink);
  EXPECT_EQ(s.fetched, 2);  // private to private is fine
}

TEST(CrawlerSafety, CalendarTrapIsBoundedByQueryLimit) {
  LoopbackHttpServer server;
  server.Route("/calendar", [](const RecordedRequest& r) {
    const std::string day =
        r.target.find("?d=") != std::string::npos ? r.target.substr(r.target.find("?d=") + 3) : "0";
    const int next = std::stoi(day) + 1;
    return Response::Html("<a href=\"/calendar?d=" + std::to_string(next) + "\">next</a>");
  });
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/calendar")});
  o.limits.max_queries_per_path = 20;
  o.max_depth = 10000;
  const CrawlSummary s = RunCrawl(o, &sink);
  EXPECT_EQ(s.fetched, 21);
  EXPECT_EQ(s.skipped_by_reason.at("too_many_queries"), 1);
}

TEST(CrawlerSafety, MaxPagesAndDepthAreCountedAsSkipped) {
  LoopbackHttpServer server;
  server.Route("/", Response::Html("<a href=\"/1\"><a href=\"/2\"><a href=\"/3\">"));
  server.RoutePrefix("/",
                     [](const RecordedRequest&) { return Response::Html("<a href=\"/deep/x\">"); });
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/")});
  o.max_pages = 3;
  o.max_depth = 1;
  const CrawlSummary s = RunCrawl(o, &sink);
  EXPECT_EQ(s.fetched, 3);
  EXPECT_EQ(s.skipped_by_reason.at("max_pages"), 1);
  EXPECT_EQ(s.skipped_by_reason.at("max_depth"), 1);
}

TEST(CrawlerSafety, ResumedPagesComeFromTheLookupNotTheNetwork) {
  LoopbackHttpServer server;
  server.Route("/", Response::Html("<a href=\"/done\"><a href=\"/todo\">"));
  server.Route("/done", Response::Html("fresh"));
  server.Route("/todo", Response::Html("todo"));
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/")});
  o.resume_lookup = [](const std::string& url) -> std::optional<FetchedPage> {
    if (!url.ends_with("/done")) return std::nullopt;
    FetchedPage p;
    p.url = p.final_url = url;
    p.status = 200;
    p.body = "stored";
    return p;
  };
  const CrawlSummary s = RunCrawl(o, &sink);
  EXPECT_EQ(server.RequestCount("/done"), 0u);
  const FetchedPage done = sink.Find("/done");
  EXPECT_TRUE(done.resumed);
  EXPECT_EQ(done.body, "stored");
  EXPECT_EQ(s.resumed, 1);
  EXPECT_EQ(s.fetched, 3);
}

TEST(CrawlerSafety, ReportsProgress) {
  LoopbackHttpServer server;
  server.Route("/", Response::Html("<a href=\"/a\">"));
  server.Route("/a", Response::Html("a"));
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/")});
  std::atomic<int> calls{0};
  std::atomic<int> last_fetched{0};
  o.on_progress = [&](const CrawlProgress& p) {
    ++calls;
    last_fetched = p.fetched;
  };
  RunCrawl(o, &sink);
  EXPECT_GE(calls.load(), 2);
  EXPECT_EQ(last_fetched.load(), 2);
}

TEST(CrawlerSafety, FakeClockStampsPagesWithoutStallingPoliteness) {
  LoopbackHttpServer server;
  server.Route("/", Response::Html("<a href=\"/a\">"));
  server.Route("/a", Response::Html("a"));
  RecordingSink sink;
  FakeClock clock;
  CrawlOptions o = FastOptions({server.Url("/")});
  o.delay = 50ms;
  o.clock = &clock;
  const CrawlSummary s = RunCrawl(o, &sink);
  EXPECT_EQ(s.fetched, 2);
  EXPECT_EQ(sink.Find("/a").fetched_at, clock.WallNow());
}

TEST(CrawlerSafety, CreateRejectsMissingSeedsAndBadLimits) {
  RecordingSink sink;
  EXPECT_FALSE(Crawler::Create(CrawlOptions{}, &sink).has_value());
  CrawlOptions o = FastOptions({"mailto:a@b.c"});
  EXPECT_FALSE(Crawler::Create(o, &sink).has_value());
  o = FastOptions({"http://127.0.0.1:9/"});
  o.per_host = 0;
  EXPECT_FALSE(Crawler::Create(o, &sink).has_value());
  o.per_host = 1;
  EXPECT_FALSE(Crawler::Create(o, nullptr).has_value());
}

}  // namespace
}  // namespace sightline::crawler
