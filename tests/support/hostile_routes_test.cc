#include "tests/support/hostile_routes.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

#include "tests/fuzz/fuzz_checks.h"
#include "tests/support/loopback_http_server.h"
#include "tests/support/test_curl.h"

namespace sightline::testing::hostile {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Sends `request` to 127.0.0.1:port and collects what arrives until the peer closes or
// resets, or `listen_for` passes. `reset` tells whether the connection ended in a reset.
struct RawReply {
  std::string bytes;
  bool closed = false;
  bool reset = false;
};

RawReply RawExchange(std::uint16_t port, const std::string& request, milliseconds listen_for) {
  RawReply reply;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) < 0) {
    ADD_FAILURE() << "cannot talk to 127.0.0.1:" << port;
    ::close(fd);
    return reply;
  }
  const auto deadline = steady_clock::now() + listen_for;
  char buffer[65536];
  while (true) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n == 0) {
      reply.closed = true;
      break;
    }
    if (n < 0) {
      reply.reset = errno == ECONNRESET;
      reply.closed = true;
      break;
    }
    reply.bytes.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return reply;
}

std::string Get(std::string_view path) {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

TEST(HostileRoutes, ResetMidHeadersCutsTheHeadAndResets) {
  LoopbackHttpServer server;
  server.Route("/r", ResetMidHeaders());
  RawReply raw = RawExchange(server.port(), Get("/r"), milliseconds(5000));
  EXPECT_TRUE(raw.reset);
  EXPECT_TRUE(raw.bytes.starts_with("HTTP/1.1 200"));
  EXPECT_EQ(raw.bytes.find("\r\n\r\n"), std::string::npos);
  CurlClient client;
  EXPECT_NE(client.Get(server.Url("/r")).code, CURLE_OK);
}

TEST(HostileRoutes, ResetMidBodySendsPartOfTheBodyThenResets) {
  LoopbackHttpServer server;
  server.Route("/r", ResetMidBody(64 * 1024));
  RawReply raw = RawExchange(server.port(), Get("/r"), milliseconds(5000));
  EXPECT_TRUE(raw.reset);
  auto head_end = raw.bytes.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_NE(raw.bytes.find("Content-Length: 65536"), std::string::npos);
  EXPECT_LT(raw.bytes.size() - head_end - 4, 64u * 1024);
  CurlClient client;
  CurlResult r = client.Get(server.Url("/r"));
  EXPECT_NE(r.code, CURLE_OK);
  EXPECT_LT(r.body_bytes, 64u * 1024);
}

TEST(HostileRoutes, TrickleDeliversAboutOneBytePerSecond) {
  LoopbackHttpServer server;
  server.Route("/slow", Trickle(1));
  RawReply raw = RawExchange(server.port(), Get("/slow"), milliseconds(2500));
  EXPECT_FALSE(raw.closed);
  EXPECT_GE(raw.bytes.size(), 1u);
  EXPECT_LE(raw.bytes.size(), 3u);
  EXPECT_TRUE(std::string("HTTP/1.1").starts_with(raw.bytes));
  CurlClient client;
  CurlOptions options;
  options.timeout_ms = 1500;
  EXPECT_EQ(client.Get(server.Url("/slow"), options).code, CURLE_OPERATION_TIMEDOUT);
}

TEST(HostileRoutes, EndlessChunkedBodyKeepsComing) {
  LoopbackHttpServer server;
  server.Route("/endless", EndlessChunkedBody());
  CurlClient client;
  CurlOptions options;
  options.keep_body = false;
  options.max_body_bytes = 20 * 1000 * 1000;
  options.timeout_ms = 30000;
  CurlResult r = client.Get(server.Url("/endless"), options);
  EXPECT_EQ(r.code, CURLE_WRITE_ERROR) << r.error;  // our cap, not the server, ended it
  EXPECT_GT(r.body_bytes, 20u * 1000 * 1000);
  EXPECT_EQ(r.headers["transfer-encoding"], "chunked");
}

TEST(HostileRoutes, WrongContentLengthsAreAnnounced) {
  LoopbackHttpServer server;
  server.Route("/long", ContentLengthTooLong(100000));
  server.Route("/short", ContentLengthTooShort(10));
  CurlClient client;
  CurlResult too_long = client.Get(server.Url("/long"));
  EXPECT_EQ(too_long.code, CURLE_PARTIAL_FILE);
  EXPECT_EQ(too_long.headers["content-length"], "100000");
  CurlResult too_short = client.Get(server.Url("/short"));
  ASSERT_EQ(too_short.code, CURLE_OK) << too_short.error;
  EXPECT_EQ(too_short.body.size(), 10u);
  RawReply raw = RawExchange(server.port(), Get("/short"), milliseconds(5000));
  EXPECT_TRUE(raw.closed);
  EXPECT_GT(raw.bytes.size() - raw.bytes.find("\r\n\r\n") - 4, 10u);
}

TEST(HostileRoutes, GzipBombDecodesToExactlyTheAnnouncedZeros) {
  LoopbackHttpServer server;
  constexpr std::uint64_t kSize = 8 * 1024 * 1024 + 12345;  // whole segments and a rest
  server.Route("/single", GzipBomb(kSize, false));
  server.Route("/double", GzipBomb(kSize, true));
  CurlClient client;
  CurlOptions decode;
  decode.accept_encoding = "";
  decode.timeout_ms = 30000;
  for (const char* path : {"/single", "/double"}) {
    CurlResult r = client.Get(server.Url(path), decode);
    ASSERT_EQ(r.code, CURLE_OK) << path << ": " << r.error;  // CRC-32 and size checked by zlib
    EXPECT_EQ(r.body.size(), kSize) << path;
    EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\0'), static_cast<long>(kSize)) << path;
  }
}

TEST(HostileRoutes, GzipBombOfOneGibFitsInAFewKilobytes) {
  constexpr std::uint64_t kGib = std::uint64_t{1} << 30;
  const std::uint64_t double_size = GzipBombWireSize(kGib, true);
  const std::uint64_t single_size = GzipBombWireSize(kGib, false);
  EXPECT_LT(double_size, 8u * 1024);
  EXPECT_LT(single_size, 1100u * 1024);  // deflate's ~1032:1 ceiling

  LoopbackHttpServer server;
  server.Route("/bomb", GzipBomb(kGib, true));
  CurlClient client;
  CurlResult raw = client.Get(server.Url("/bomb"));  // no Accept-Encoding: bytes as sent
  ASSERT_EQ(raw.code, CURLE_OK) << raw.error;
  EXPECT_EQ(raw.body.size(), double_size);
  EXPECT_EQ(raw.headers["content-encoding"], "gzip, gzip");

  CurlOptions decode;
  decode.accept_encoding = "";
  decode.keep_body = false;
  decode.timeout_ms = 120000;
  CurlResult decoded = client.Get(server.Url("/bomb"), decode);
  ASSERT_EQ(decoded.code, CURLE_OK) << decoded.error;
  EXPECT_EQ(decoded.body_bytes, kGib);
}

TEST(HostileRoutes, RedirectChainOfTenThousandHops) {
  LoopbackHttpServer server;
  server.RoutePrefix("/chain/", RedirectChain("/chain/", 10000));
  CurlClient client;
  CurlResult first = client.Get(server.Url("/chain/0"));
  EXPECT_EQ(first.status, 302);
  EXPECT_EQ(first.headers["location"], "/chain/1");
  EXPECT_EQ(client.Get(server.Url("/chain/9999")).headers["location"], "/chain/10000");
  CurlResult end = client.Get(server.Url("/chain/10000"));
  EXPECT_EQ(end.status, 200);
  EXPECT_NE(end.body.find("end of chain"), std::string::npos);

  CurlOptions follow;
  follow.follow_redirects = true;
  follow.max_redirects = 20;
  EXPECT_EQ(client.Get(server.Url("/chain/0"), follow).code, CURLE_TOO_MANY_REDIRECTS);
  follow.max_redirects = 5;
  CurlResult near_end = client.Get(server.Url("/chain/9997"), follow);
  ASSERT_EQ(near_end.code, CURLE_OK) << near_end.error;
  EXPECT_EQ(near_end.status, 200);
}

TEST(HostileRoutes, RedirectLoopNeverEnds) {
  LoopbackHttpServer server;
  server.RoutePrefix("/loop/", RedirectLoop("/loop/"));
  CurlClient client;
  EXPECT_EQ(client.Get(server.Url("/loop/a")).headers["location"], "/loop/b");
  EXPECT_EQ(client.Get(server.Url("/loop/b")).headers["location"], "/loop/a");
  CurlOptions follow;
  follow.follow_redirects = true;
  follow.max_redirects = 30;
  EXPECT_EQ(client.Get(server.Url("/loop/a"), follow).code, CURLE_TOO_MANY_REDIRECTS);
}

TEST(HostileRoutes, RedirectToNonHttpSchemeIsRefusedByAnHttpOnlyClient) {
  LoopbackHttpServer server;
  server.Route("/file", RedirectToNonHttp("file:///etc/passwd"));
  server.Route("/js", RedirectToNonHttp("javascript:alert(1)"));
  CurlClient client;
  EXPECT_EQ(client.Get(server.Url("/file")).headers["location"], "file:///etc/passwd");
  CurlOptions follow;
  follow.follow_redirects = true;
  CurlResult r = client.Get(server.Url("/file"), follow);
  EXPECT_EQ(r.code, CURLE_UNSUPPORTED_PROTOCOL) << r.error;
  EXPECT_EQ(client.Get(server.Url("/js")).headers["location"], "javascript:alert(1)");
}

TEST(HostileRoutes, RedirectToOtherHostNamesLocalhost) {
  LoopbackHttpServer server;
  server.Route("/away", RedirectToOtherHost(server.port(), "/landing"));
  server.Route("/landing", Response::Text("landed"));
  CurlClient client;
  CurlOptions follow;
  follow.follow_redirects = true;
  follow.resolve = {"localhost:" + std::to_string(server.port()) + ":127.0.0.1"};
  CurlResult r = client.Get(server.Url("/away"), follow);
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  EXPECT_EQ(r.body, "landed");
  EXPECT_EQ(server.Requests().back().Header("host"), "localhost:" + std::to_string(server.port()));
}

TEST(HostileRoutes, CalendarTrapLinksToANextMonthForever) {
  LoopbackHttpServer server;
  server.RoutePrefix("/calendar/", CalendarTrap("/calendar/"));
  CurlClient client;
  std::string path = "/calendar/2026/11/";
  std::set<std::string> seen;
  for (int i = 0; i < 30; ++i) {
    CurlResult r = client.Get(server.Url(path));
    ASSERT_EQ(r.code, CURLE_OK) << r.error;
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(seen.insert(path).second) << path;
    const std::string marker = "rel=\"next\" href=\"";
    auto at = r.body.find(marker);
    ASSERT_NE(at, std::string::npos);
    at += marker.size();
    path = r.body.substr(at, r.body.find('"', at) - at);
  }
  EXPECT_EQ(path, "/calendar/2029/05/");
  CurlResult far = client.Get(server.Url("/calendar/9999/12/"));
  EXPECT_NE(far.body.find("/calendar/10000/01/"), std::string::npos);
  EXPECT_NE(far.body.find("/calendar/9999/12/?day=28"), std::string::npos);
}

TEST(HostileRoutes, ManyLinksPageHasAHundredThousandDistinctLinks) {
  LoopbackHttpServer server;
  server.Route("/many", ManyLinks());
  CurlClient client;
  CurlResult r = client.Get(server.Url("/many"));
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  std::size_t links = 0;
  for (auto at = r.body.find("<a href="); at != std::string::npos;
       at = r.body.find("<a href=", at + 1)) {
    ++links;
  }
  EXPECT_EQ(links, 100000u);
  EXPECT_NE(r.body.find("href=\"/link/0\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/link/99999\""), std::string::npos);
}

TEST(HostileRoutes, LargePageIsExactlyFiftyMegabytes) {
  LoopbackHttpServer server;
  server.Route("/large", LargePage());
  CurlClient client;
  CurlOptions options;
  options.timeout_ms = 60000;
  CurlResult r = client.Get(server.Url("/large"), options);
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  EXPECT_EQ(r.headers["content-length"], "50000000");
  EXPECT_EQ(r.body.size(), 50u * 1000 * 1000);
  EXPECT_TRUE(r.body.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(r.body.ends_with("<p id=\"end\">end of the large page</p>\n</body></html>\n"));
}

TEST(HostileRoutes, InvalidUtf8PageIsDeclaredUtf8ButIsNot) {
  LoopbackHttpServer server;
  server.Route("/bad", InvalidUtf8Page());
  CurlClient client;
  CurlResult r = client.Get(server.Url("/bad"));
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  EXPECT_EQ(r.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_FALSE(fuzz::IsValidUtf8(r.body));
  EXPECT_NE(r.body.find("Jane Roe wrote this page in Oak Ridge."), std::string::npos);
  EXPECT_NE(r.body.find("\xED\xA0\x80"), std::string::npos);
}

TEST(HostileRoutes, BillionLaughsSitemapIsSmallButExpandsToABillion) {
  LoopbackHttpServer server;
  server.Route("/sitemap.xml", BillionLaughsSitemap(server.Url("/page")));
  CurlClient client;
  CurlResult r = client.Get(server.Url("/sitemap.xml"));
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  EXPECT_EQ(r.headers["content-type"], "application/xml");
  EXPECT_LT(r.body.size(), 2048u);
  // Nine levels of ten references over "lol": 10^9 expansions of the innermost entity.
  EXPECT_NE(r.body.find("<!ENTITY lol9 \"&lol8;&lol8;"), std::string::npos);
  EXPECT_NE(r.body.find("<loc>" + server.Url("/page") + "</loc>"), std::string::npos);
}

TEST(HostileRoutes, HugeRobotsTxtIsTenMegabytesWithARuleAtTheEnd) {
  LoopbackHttpServer server;
  server.Route("/robots.txt", HugeRobotsTxt());
  CurlClient client;
  CurlOptions options;
  options.timeout_ms = 60000;
  CurlResult r = client.Get(server.Url("/robots.txt"), options);
  ASSERT_EQ(r.code, CURLE_OK) << r.error;
  EXPECT_EQ(r.body.size(), 10u * 1000 * 1000);
  EXPECT_TRUE(r.body.starts_with("User-agent: *\nDisallow: /private/\n# padding"));
  EXPECT_TRUE(r.body.ends_with("\nDisallow: /beyond-limit/\n"));
  // Every line in between is a comment (or the padding's last, shorter comment).
  EXPECT_EQ(r.body.find("\n\n"), std::string::npos);
}

}  // namespace
}  // namespace sightline::testing::hostile
