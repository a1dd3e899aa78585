#include "tests/support/loopback_http_server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/bounded_run.h"
#include "tests/support/test_curl.h"

namespace sightline::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

TEST(LoopbackHttpServer, BindsLoopbackOnEphemeralPort) {
  LoopbackHttpServer server;
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(server.BaseUrl(), "http://127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(server.Url("/x"), server.BaseUrl() + "/x");
}

TEST(LoopbackHttpServer, ServesRouteBodyStatusAndHeaders) {
  LoopbackHttpServer server;
  Response page = Response::Html("<p>hello</p>");
  page.status = 203;
  page.headers.emplace_back("ETag", "\"v1\"");
  server.Route("/index.html", page);

  CurlClient client;
  CurlResult r = client.Get(server.Url("/index.html"));
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  EXPECT_EQ(r.status, 203);
  EXPECT_EQ(r.body, "<p>hello</p>");
  EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(r.headers["etag"], "\"v1\"");
  EXPECT_EQ(r.headers["content-length"], "12");
}

TEST(LoopbackHttpServer, UnknownPathGets404ByDefault) {
  LoopbackHttpServer server;
  CurlClient client;
  CurlResult r = client.Get(server.Url("/nowhere"));
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  EXPECT_EQ(r.status, 404);
}

TEST(LoopbackHttpServer, SetDefaultReplacesThe404) {
  LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest& req) { return Response::Text("any " + req.path); });
  CurlClient client;
  CurlResult r = client.Get(server.Url("/a/b?c=1"));
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "any /a/b");
}

TEST(LoopbackHttpServer, ExactTargetBeatsPathAndLongestPrefixWins) {
  LoopbackHttpServer server;
  server.Route("/p", Response::Text("path"));
  server.Route("/p?x=1", Response::Text("target"));
  server.RoutePrefix("/gen/", [](const RecordedRequest&) { return Response::Text("short"); });
  server.RoutePrefix("/gen/deep/",
                     [](const RecordedRequest& req) { return Response::Text("long " + req.path); });
  CurlClient client;
  EXPECT_EQ(client.Get(server.Url("/p?x=1")).body, "target");
  EXPECT_EQ(client.Get(server.Url("/p?x=2")).body, "path");
  EXPECT_EQ(client.Get(server.Url("/gen/a")).body, "short");
  EXPECT_EQ(client.Get(server.Url("/gen/deep/z")).body, "long /gen/deep/z");
}

TEST(LoopbackHttpServer, HandlerAnswersConditionalGetWith304) {
  LoopbackHttpServer server;
  server.Route("/doc", [](const RecordedRequest& req) {
    if (req.Header("if-none-match") == "\"abc\"") return Response::Status(304);
    Response r = Response::Text("fresh");
    r.headers.emplace_back("ETag", "\"abc\"");
    return r;
  });
  CurlClient client;
  CurlResult first = client.Get(server.Url("/doc"));
  ASSERT_EQ(first.code, CURLE_OK) << first.error;
  EXPECT_EQ(first.status, 200);
  CurlOptions conditional;
  conditional.request_headers = {"If-None-Match: " + first.headers["etag"]};
  CurlResult second = client.Get(server.Url("/doc"), conditional);
  ASSERT_EQ(second.code, CURLE_OK) << second.error;
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
}

TEST(LoopbackHttpServer, DelayPostponesTheResponse) {
  LoopbackHttpServer server;
  Response slow = Response::Text("late");
  slow.delay = milliseconds(300);
  server.Route("/slow", slow);
  CurlClient client;
  auto start = steady_clock::now();
  CurlResult r = client.Get(server.Url("/slow"));
  auto elapsed = steady_clock::now() - start;
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  EXPECT_EQ(r.body, "late");
  EXPECT_GE(elapsed, milliseconds(300));
}

TEST(LoopbackHttpServer, DelayLongerThanClientTimeoutTimesOut) {
  LoopbackHttpServer server;
  Response slow = Response::Text("too late");
  slow.delay = milliseconds(3000);
  server.Route("/slow", slow);
  CurlClient client;
  CurlOptions options;
  options.timeout_ms = 200;
  EXPECT_EQ(client.Get(server.Url("/slow"), options).code, CURLE_OPERATION_TIMEDOUT);
}

TEST(LoopbackHttpServer, RedirectSendsLocationAndIsFollowed) {
  LoopbackHttpServer server;
  server.Route("/old", Response::Redirect("/new", 301));
  server.Route("/new", Response::Text("moved here"));
  CurlClient client;
  CurlResult direct = client.Get(server.Url("/old"));
  ASSERT_EQ(direct.code, CURLE_OK) << direct.error;
  EXPECT_EQ(direct.status, 301);
  EXPECT_EQ(direct.headers["location"], "/new");

  CurlOptions follow;
  follow.follow_redirects = true;
  CurlResult followed = client.Get(server.Url("/old"), follow);
  ASSERT_EQ(followed.code, CURLE_OK) << followed.error;
  EXPECT_EQ(followed.status, 200);
  EXPECT_EQ(followed.body, "moved here");
}

TEST(LoopbackHttpServer, RedirectToDefaultsTo302) {
  LoopbackHttpServer server;
  Response r;
  r.redirect_to = "/elsewhere";
  server.Route("/r", r);
  CurlClient client;
  CurlResult result = client.Get(server.Url("/r"));
  EXPECT_EQ(result.status, 302);
  EXPECT_EQ(result.headers["location"], "/elsewhere");
}

TEST(LoopbackHttpServer, ChunkedBodyArrivesIntact) {
  LoopbackHttpServer server;
  Response r = Response::Text(std::string(10000, 'x') + "end");
  r.chunked = true;
  r.chunk_size = 333;
  r.delay_between_chunks = milliseconds(1);
  server.Route("/chunked", r);
  CurlClient client;
  CurlResult result = client.Get(server.Url("/chunked"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.headers["transfer-encoding"], "chunked");
  EXPECT_EQ(result.headers.count("content-length"), 0u);
  EXPECT_EQ(result.body, std::string(10000, 'x') + "end");
}

TEST(LoopbackHttpServer, GzipBodyIsEncodedAndDecodesToTheOriginal) {
  LoopbackHttpServer server;
  std::string text;
  for (int i = 0; i < 500; ++i) text += "line " + std::to_string(i) + "\n";
  Response r = Response::Text(text);
  r.gzip = true;
  server.Route("/z", r);
  CurlClient client;
  CurlResult raw = client.Get(server.Url("/z"));
  ASSERT_EQ(raw.code, CURLE_OK) << raw.error;
  EXPECT_EQ(raw.headers["content-encoding"], "gzip");
  ASSERT_GE(raw.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(raw.body[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(raw.body[1]), 0x8b);
  EXPECT_LT(raw.body.size(), text.size());

  CurlOptions decode;
  decode.accept_encoding = "";
  CurlResult decoded = client.Get(server.Url("/z"), decode);
  ASSERT_EQ(decoded.code, CURLE_OK) << decoded.error;
  EXPECT_EQ(decoded.body, text);
}

TEST(LoopbackHttpServer, StreamedBodyIsChunkedAndCanBeGzipped) {
  LoopbackHttpServer server;
  Response r;
  r.body_stream = [] {
    return [n = 0](std::string& out) mutable {
      if (n == 100) return false;
      out += "piece " + std::to_string(n++) + "\n";
      return true;
    };
  };
  std::string expected;
  for (int i = 0; i < 100; ++i) expected += "piece " + std::to_string(i) + "\n";
  server.Route("/plain", r);
  r.gzip = true;
  server.Route("/gz", r);
  CurlClient client;
  CurlResult plain = client.Get(server.Url("/plain"));
  ASSERT_EQ(plain.code, CURLE_OK) << plain.error;
  EXPECT_EQ(plain.headers["transfer-encoding"], "chunked");
  EXPECT_EQ(plain.body, expected);
  CurlOptions decode;
  decode.accept_encoding = "gzip";
  CurlResult gz = client.Get(server.Url("/gz"), decode);
  ASSERT_EQ(gz.code, CURLE_OK) << gz.error;
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  EXPECT_EQ(gz.body, expected);
}

TEST(LoopbackHttpServer, CloseMidBodyMakesCurlReportAPartialFile) {
  LoopbackHttpServer server;
  Response r = Response::Text(std::string(5000, 'a'));
  r.close_after_bytes = 100;
  server.Route("/cut", r);
  CurlClient client;
  CurlResult result = client.Get(server.Url("/cut"));
  EXPECT_EQ(result.code, CURLE_PARTIAL_FILE) << result.error;
  EXPECT_EQ(result.body, std::string(100, 'a'));
}

TEST(LoopbackHttpServer, FaultsBreakTheExchangeAtTheRequestedPoint) {
  LoopbackHttpServer server;
  server.Route("/close", Response::WithFault(Fault::kCloseBeforeResponse));
  server.Route("/reset", Response::WithFault(Fault::kResetBeforeResponse));
  server.Route("/reset-headers", Response::WithFault(Fault::kResetMidHeaders));
  Response mid_body = Response::Text(std::string(100000, 'b'));
  mid_body.fault = Fault::kResetMidBody;
  server.Route("/reset-body", mid_body);
  CurlClient client;
  EXPECT_EQ(client.Get(server.Url("/close")).code, CURLE_GOT_NOTHING);
  EXPECT_NE(client.Get(server.Url("/reset")).code, CURLE_OK);
  CurlResult headers = client.Get(server.Url("/reset-headers"));
  EXPECT_NE(headers.code, CURLE_OK);
  EXPECT_EQ(headers.body_bytes, 0u);
  CurlResult body = client.Get(server.Url("/reset-body"));
  EXPECT_NE(body.code, CURLE_OK);
  EXPECT_LT(body.body_bytes, 100000u);
  EXPECT_EQ(server.RequestCount(), 4u);
}

TEST(LoopbackHttpServer, FailsOnlyTheNthRequest) {
  LoopbackHttpServer server;
  // One connection per request: curl silently retries a request whose reused connection
  // was reset, which would shift the count.
  Response fine = Response::Text("fine");
  fine.close_connection = true;
  server.Route("/ok", fine);
  server.FailNthRequest(2, Fault::kResetBeforeResponse);
  server.FailNthRequest(4, Response::Status(503, "busy"));
  CurlClient client;
  EXPECT_EQ(client.Get(server.Url("/ok")).code, CURLE_OK);
  EXPECT_NE(client.Get(server.Url("/ok")).code, CURLE_OK);
  CurlResult third = client.Get(server.Url("/ok"));
  EXPECT_EQ(third.code, CURLE_OK);
  EXPECT_EQ(third.body, "fine");
  EXPECT_EQ(client.Get(server.Url("/ok")).status, 503);
  EXPECT_EQ(client.Get(server.Url("/ok")).status, 200);
  EXPECT_EQ(server.RequestCount("/ok"), 5u);
}

TEST(LoopbackHttpServer, WrongContentLengthIsSentAsIs) {
  LoopbackHttpServer server;
  Response longer = Response::Text("short");
  longer.content_length = 1000;
  server.Route("/longer", longer);
  Response shorter = Response::Text("0123456789");
  shorter.content_length = 4;
  server.Route("/shorter", shorter);
  CurlClient client;
  EXPECT_EQ(client.Get(server.Url("/longer")).code, CURLE_PARTIAL_FILE);
  CurlResult s = client.Get(server.Url("/shorter"));
  ASSERT_EQ(s.code, CURLE_OK) << s.error;
  EXPECT_EQ(s.body, "0123");
  // The connection was closed, so the leftover bytes cannot poison the next response.
  CurlResult after = client.Get(server.Url("/shorter"));
  EXPECT_EQ(after.body, "0123");
  EXPECT_EQ(server.ConnectionCount(), 3u);
}

TEST(LoopbackHttpServer, TrickleThrottlesTheWholeResponse) {
  LoopbackHttpServer server;
  Response r = Response::Text(std::string(300, 't'));
  r.trickle_bytes_per_second = 1000;
  server.Route("/trickle", r);
  CurlClient client;
  auto start = steady_clock::now();
  CurlResult result = client.Get(server.Url("/trickle"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, std::string(300, 't'));
  // 300 body bytes plus the head at 1000 B/s cannot arrive in under 300 ms.
  EXPECT_GE(steady_clock::now() - start, milliseconds(300));
}

TEST(LoopbackHttpServer, RawResponseIsWrittenVerbatim) {
  LoopbackHttpServer server;
  Response r;
  r.raw = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX-Odd: yes\r\n\r\nabc";
  server.Route("/raw", r);
  CurlClient client;
  CurlResult result = client.Get(server.Url("/raw"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, "abc");
  EXPECT_EQ(result.headers["x-odd"], "yes");
}

TEST(LoopbackHttpServer, HeadGetsHeadersWithoutBody) {
  LoopbackHttpServer server;
  server.Route("/h", Response::Text("body"));
  CurlClient client;
  CurlOptions head;
  head.head = true;
  CurlResult r = client.Get(server.Url("/h"), head);
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  EXPECT_EQ(r.headers["content-length"], "4");
  EXPECT_EQ(server.Requests().at(0).method, "HEAD");
  // The connection is still usable after a body-less response.
  EXPECT_EQ(client.Get(server.Url("/h")).body, "body");
  EXPECT_EQ(server.ConnectionCount(), 1u);
}

TEST(LoopbackHttpServer, RecordsRequestsWithHeadersInArrivalOrder) {
  LoopbackHttpServer server;
  CurlClient client;
  CurlOptions options;
  options.request_headers = {"X-Probe: first", "User-Agent: sightline-test/1"};
  client.Get(server.Url("/one?q=1"), options);
  options.request_headers = {"X-Probe: second"};
  client.Get(server.Url("/two"), options);

  std::vector<RecordedRequest> log = server.Requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].method, "GET");
  EXPECT_EQ(log[0].target, "/one?q=1");
  EXPECT_EQ(log[0].path, "/one");
  EXPECT_EQ(log[0].Header("x-probe"), "first");
  EXPECT_EQ(log[0].Header("user-agent"), "sightline-test/1");
  EXPECT_EQ(log[0].Header("host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(log[1].target, "/two");
  EXPECT_EQ(log[1].Header("x-probe"), "second");
  EXPECT_EQ(log[0].sequence, 1u);
  EXPECT_EQ(log[1].sequence, 2u);
  EXPECT_LE(log[0].arrival, log[1].arrival);
  EXPECT_EQ(server.RequestCount("/one"), 1u);
  EXPECT_EQ(server.RequestCount("/missing"), 0u);
}

TEST(LoopbackHttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  LoopbackHttpServer server;
  server.Route("/a", Response::Text("a"));
  server.Route("/b", Response::Text("b"));
  CurlClient client;
  CurlResult a = client.Get(server.Url("/a"));
  CurlResult b = client.Get(server.Url("/b"));
  ASSERT_EQ(a.code, CURLE_OK) << a.error;
  ASSERT_EQ(b.code, CURLE_OK) << b.error;
  EXPECT_EQ(a.new_connections, 1);
  EXPECT_EQ(b.new_connections, 0);
  EXPECT_EQ(server.ConnectionCount(), 1u);
  std::vector<RecordedRequest> log = server.Requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].connection_id, log[1].connection_id);
}

TEST(LoopbackHttpServer, ServesConcurrentClientsOnSeparateConnections) {
  LoopbackHttpServer server;
  Response slow = Response::Text("done");
  slow.delay = milliseconds(200);
  server.Route("/slow", slow);
  constexpr int kClients = 8;
  std::vector<std::future<CurlResult>> results;
  for (int i = 0; i < kClients; ++i) {
    results.push_back(std::async(std::launch::async, [&server] {
      CurlClient client;
      return client.Get(server.Url("/slow"));
    }));
  }
  for (auto& f : results) {
    ASSERT_TRUE(WaitFor(f, milliseconds(10000), "concurrent GET"));
    CurlResult r = f.get();
    EXPECT_EQ(r.code, CURLE_OK) << r.error;
    EXPECT_EQ(r.body, "done");
  }
  EXPECT_EQ(server.ConnectionCount(), static_cast<std::size_t>(kClients));
  std::vector<RecordedRequest> log = server.Requests();
  ASSERT_EQ(log.size(), static_cast<std::size_t>(kClients));
  // With one connection at a time, the last request could only arrive after seven delays.
  EXPECT_LT(log.back().arrival - log.front().arrival, milliseconds(200 * (kClients - 1)));
}

TEST(LoopbackHttpServer, DestructorReturnsWhileAClientIsStillWaiting) {
  auto server = std::make_unique<LoopbackHttpServer>();
  Response stuck = Response::Text("never");
  stuck.delay = milliseconds(60000);
  server->Route("/stuck", stuck);
  std::string url = server->Url("/stuck");
  auto client = std::async(std::launch::async, [url] {
    CurlClient c;
    CurlOptions options;
    options.timeout_ms = 10000;
    return c.Get(url, options);
  });
  ASSERT_TRUE(WaitUntil([&] { return server->RequestCount() == 1; }, milliseconds(5000)));
  server.reset();  // must not wait for the 60 s delay
  ASSERT_TRUE(WaitFor(client, milliseconds(10000), "client after server shutdown"));
  EXPECT_NE(client.get().code, CURLE_OK);
}

TEST(RefusingLoopbackPort, ConnectionIsRefused) {
  RefusingLoopbackPort refused;
  CurlClient client;
  CurlResult r = client.Get(refused.BaseUrl() + "/");
  EXPECT_EQ(r.code, CURLE_COULDNT_CONNECT) << r.error;
}

}  // namespace
}  // namespace sightline::testing
