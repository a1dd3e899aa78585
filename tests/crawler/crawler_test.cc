#include "crawler/crawler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>

#include "tests/crawler/crawl_harness.h"
#include "tests/support/gzip_encoder.h"
#include "tests/support/loopback_http_server.h"

using namespace std::chrono_literals;

namespace sightline::crawler {
namespace {

using sightline::testing::LoopbackHttpServer;
using sightline::testing::Response;
using testing_support::FastOptions;
using testing_support::RecordingSink;
using testing_support::RunCrawl;

TEST(Crawler, CrawlsLinkedPagesOnceAndReportsThem) {
  LoopbackHttpServer server;
  server.Route("/", Response::Html("<a href=\"/a\">a</a> <a href=\"b\">b</a> <a href=\"/a#x\">"));
  server.Route("/a", Response::Html("<a href=\"/\">home</a> <a href=\"/b\">b</a>"));
  server.Route("/b", Response::Html("<a href=\"mailto:x@example.org\">mail</a>"));
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/")}), &sink);
  EXPECT_EQ(s.fetched, 3);
  EXPECT_EQ(s.failed, 0);
  EXPECT_FALSE(s.stopped);
  EXPECT_EQ(server.RequestCount("/"), 1u);
  EXPECT_EQ(server.RequestCount("/a"), 1u);
  EXPECT_EQ(server.RequestCount("/b"), 1u);
  EXPECT_EQ(server.RequestCount("/robots.txt"), 1u);
  const FetchedPage a = sink.Find("/a");
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.depth, 1);
  EXPECT_EQ(a.discovered_by, Discovery::kLink);
  EXPECT_EQ(a.referrer, server.Url("/"));
  EXPECT_EQ(a.content_type, "text/html");
  EXPECT_EQ(a.robots.robots_status, "missing");
  EXPECT_TRUE(a.robots.any);
  ASSERT_EQ(s.robots_files.size(), 1u);
  EXPECT_EQ(s.robots_files[0].status, 404);
}

TEST(Crawler, SendsDefaultOrOverriddenUserAgent) {
  LoopbackHttpServer server;
  server.Route("/", Response::Html("hi"));
  RecordingSink sink;
  RunCrawl(FastOptions({server.Url("/")}), &sink);
  EXPECT_EQ(server.Requests().back().Header("user-agent"), DefaultUserAgent());
  EXPECT_EQ(DefaultUserAgent().rfind("sightline/", 0), 0u);
  EXPECT_NE(DefaultUserAgent().find("(+https://github.com/sightline-audit/sightline)"),
            std::string::npos);
  CrawlOptions o = FastOptions({server.Url("/")});
  o.user_agent = "AuditBot/2.0";
  RecordingSink sink2;
  RunCrawl(o, &sink2);
  EXPECT_EQ(server.Requests().back().Header("user-agent"), "AuditBot/2.0");
  EXPECT_FALSE(server.Requests().back().Header("accept-encoding").empty());
}

TEST(Crawler, UrlListModeFetchesExactlyTheList) {
  LoopbackHttpServer server;
  server.Route("/one", Response::Html("<a href=\"/three\">"));
  server.Route("/two", Response::Html("x"));
  server.Route("/three", Response::Html("x"));
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/one"), server.Url("/two"), server.Url("/one")});
  o.follow_links = false;
  const CrawlSummary s = RunCrawl(o, &sink);
  EXPECT_EQ(s.fetched, 2);
  EXPECT_EQ(server.RequestCount("/three"), 0u);
  EXPECT_EQ(server.RequestCount("/one"), 1u);
}

TEST(Crawler, FollowsRedirectChainRecordingEachHop) {
  LoopbackHttpServer server;
  server.Route("/start", Response::Redirect("/middle", 301));
  server.Route("/middle", Response::Redirect(server.Url("/end"), 308));
  server.Route("/end", Response::Html("done"));
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/start")}), &sink);
  EXPECT_EQ(s.fetched, 1);
  const FetchedPage p = sink.Find("/start");
  EXPECT_EQ(p.final_url, server.Url("/end"));
  EXPECT_EQ(p.status, 200);
  EXPECT_EQ(p.body, "done");
  ASSERT_EQ(p.redirects.size(), 2u);
  EXPECT_EQ(p.redirects[0].status, 301);
  EXPECT_EQ(p.redirects[0].location, server.Url("/middle"));
  EXPECT_EQ(p.redirects[1].url, server.Url("/middle"));
  EXPECT_EQ(p.redirects[1].status, 308);
}

TEST(Crawler, DetectsRedirectLoops) {
  LoopbackHttpServer server;
  server.Route("/x", Response::Redirect("/y"));
  server.Route("/y", Response::Redirect("/x"));
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/x")}), &sink);
  EXPECT_EQ(s.failed_by_reason.at("redirect_loop"), 1);
  EXPECT_EQ(sink.Find("/x").error, "redirect_loop");
  EXPECT_EQ(server.RequestCount("/x"), 1u);
  EXPECT_EQ(server.RequestCount("/y"), 1u);
}

TEST(Crawler, StopsAfterTenRedirects) {
  LoopbackHttpServer server;
  std::atomic<int> served{0};
  server.RoutePrefix("/r/", [&](const sightline::testing::RecordedRequest& r) {
    ++served;
    return Response::Redirect("/r/" + std::to_string(std::stoi(r.path.substr(3)) + 1));
  });
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/r/0")}), &sink);
  EXPECT_EQ(sink.Find("/r/0").error, "too_many_redirects");
  EXPECT_EQ(s.failed_by_reason.at("too_many_redirects"), 1);
  EXPECT_EQ(served.load(), 11);  // the first request plus ten followed hops
}

TEST(Crawler, RecordsButDoesNotFollowOutOfScopeRedirect) {
  LoopbackHttpServer server;
  server.Route("/leave", Response::Redirect("http://elsewhere.invalid/page"));
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/leave")}), &sink);
  const FetchedPage p = sink.Find("/leave");
  EXPECT_EQ(p.error, "redirect_out_of_scope");
  EXPECT_EQ(p.final_url, "http://elsewhere.invalid/page");
  ASSERT_EQ(p.redirects.size(), 1u);
  EXPECT_EQ(s.failed_by_reason.at("redirect_out_of_scope"), 1);
}

TEST(Crawler, RedirectToAnAlreadyKnownPageIsNotFetchedTwice) {
  LoopbackHttpServer server;
  server.Route("/", Response::Html("<a href=\"/dir\"></a><a href=\"/dir/\"></a>"));
  server.Route("/dir", Response::Redirect("/dir/", 301));
  server.Route("/dir/", Response::Html("dir"));
  RecordingSink sink;
  RunCrawl(FastOptions({server.Url("/")}), &sink);
  EXPECT_EQ(server.RequestCount("/dir/"), 1u);
  EXPECT_EQ(sink.size(), 3u);
}

TEST(Crawler, DecodesContentEncodingItAskedFor) {
  LoopbackHttpServer server;
  Response zipped = Response::Html("<p>compressed page</p>");
  zipped.gzip = true;
  server.Route("/z", zipped);
  RecordingSink sink;
  RunCrawl(FastOptions({server.Url("/z")}), &sink);
  EXPECT_EQ(sink.Find("/z").body, "<p>compressed page</p>");
  const std::string accepted = server.Requests().back().Header("accept-encoding");
  EXPECT_NE(accepted.find("gzip"), std::string::npos);
  EXPECT_NE(accepted.find("deflate"), std::string::npos);
}

TEST(Crawler, TruncatesBodyOverTheCap) {
  LoopbackHttpServer server;
  server.Route("/big", Response::Html(std::string(50000, 'x')));
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/big")});
  o.max_body_bytes = 1000;
  const CrawlSummary s = RunCrawl(o, &sink);
  const FetchedPage p = sink.Find("/big");
  EXPECT_TRUE(p.error.empty()) << p.error;
  EXPECT_TRUE(p.truncated);
  EXPECT_EQ(p.body.size(), 1000u);
  EXPECT_EQ(s.fetched, 1);
}

TEST(Crawler, GzipBombIsCutAtTheDecodedCap) {
  LoopbackHttpServer server;
  Response bomb;
  bomb.headers = {{"Content-Type", "text/html"}};
  bomb.gzip = true;
  bomb.chunk_size = 64 * 1024;
  bomb.body_stream = [] {
    auto sent = std::make_shared<size_t>(0);
    return [sent](std::string& out) {
      if (*sent >= (size_t{1} << 30)) return false;  // 1 GiB of zeros, if nobody stops us
      out.assign(1 << 20, '\0');
      *sent += out.size();
      return true;
    };
  };
  server.Route("/bomb", bomb);
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/bomb")});
  o.max_body_bytes = 2 << 20;
  RunCrawl(o, &sink, 30s);
  const FetchedPage p = sink.Find("/bomb");
  EXPECT_TRUE(p.truncated);
  EXPECT_EQ(p.body.size(), size_t{2} << 20);
}

TEST(Crawler, ServerStallingMidBodyIsCutOff) {
  LoopbackHttpServer server;
  Response stall = Response::Html(std::string(4000, 'x'));
  stall.chunk_size = 100;
  stall.delay_between_chunks = 10s;
  server.Route("/stall", stall);
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/stall")});
  o.low_speed_time = 1s;
  o.total_timeout = 4s;
  o.max_retries = 1;
  const CrawlSummary s = RunCrawl(o, &sink);
  const FetchedPage p = sink.Find("/stall");
  EXPECT_TRUE(p.error == "low_speed" || p.error == "timeout") << p.error;
  EXPECT_EQ(s.failed, 1);
}

TEST(Crawler, NoFirstByteWithinDeadlineFails) {
  LoopbackHttpServer server;
  Response slow = Response::Html("late");
  slow.delay = 10s;
  server.Route("/slow", slow);
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/slow")});
  o.first_byte_timeout = 300ms;
  o.max_retries = 1;
  RunCrawl(o, &sink);
  EXPECT_EQ(sink.Find("/slow").error, "first_byte");
}

TEST(Crawler, ConnectionResetMidBodyIsRecorded) {
  LoopbackHttpServer server;
  Response reset = Response::Html(std::string(10000, 'y'));
  reset.fault = sightline::testing::Fault::kResetMidBody;
  server.Route("/reset", reset);
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/reset")});
  o.max_retries = 2;
  const CrawlSummary s = RunCrawl(o, &sink);
  const FetchedPage p = sink.Find("/reset");
  EXPECT_EQ(p.error, "reset");
  EXPECT_EQ(p.attempts, 2);
  EXPECT_EQ(server.RequestCount("/reset"), 2u);
  EXPECT_EQ(s.failed_by_reason.at("reset"), 1);
}

TEST(Crawler, ResetOnceThenRetriedSuccessfully) {
  LoopbackHttpServer server;
  server.Route("/", Response::Html("ok"));
  // Request 1 is robots.txt, 2 sitemap.xml, 3 the page.
  server.FailNthRequest(3, sightline::testing::Fault::kResetBeforeResponse);
  RecordingSink sink;
  const CrawlSummary s = RunCrawl(FastOptions({server.Url("/")}), &sink);
  const FetchedPage p = sink.Find("/");
  EXPECT_EQ(p.status, 200);
  EXPECT_EQ(server.RequestCount("/"), 2u);  // (libcurl itself retries a dead reused connection)
  EXPECT_EQ(s.fetched, 1);
  EXPECT_EQ(s.failed, 0);
}

TEST(Crawler, ConnectionRefusedHostIsReportedUnreachable) {
  sightline::testing::RefusingLoopbackPort refusing;
  RecordingSink sink;
  CrawlOptions o = FastOptions(
      {refusing.BaseUrl() + "/a", refusing.BaseUrl() + "/b", refusing.BaseUrl() + "/c"});
  o.follow_links = false;
  const CrawlSummary s = RunCrawl(o, &sink);
  // robots.txt cannot be fetched (after its retries): the pages are not tried, and are
  // reported as failed because the host is unreachable, not as disallowed.
  EXPECT_EQ(s.fetched, 0);
  EXPECT_EQ(s.failed, 3);
  EXPECT_EQ(s.failed_by_reason.at("host_unreachable"), 3);
  EXPECT_EQ(sink.Find("/b").robots.robots_status, "unreachable");
}

}  // namespace
}  // namespace sightline::crawler
