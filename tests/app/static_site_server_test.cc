// StaticSiteServer (the server of `sightline demo`): serves a folder on 127.0.0.1 with ETags
// and 304s, refuses paths that escape the folder, and when its preferred port is taken (two
// demos at once) serves the files' absolute URLs with the port it actually got, so the crawl
// of robots.txt's sitemap never wanders to whatever holds the preferred port.
#include "app/static_site_server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <string>

#include "tests/support/temp_dir.h"

namespace sightline::app {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct Reply {
  int status = 0;
  std::string etag;
  std::string body;
};

// One GET to 127.0.0.1:port with a 10 s limit; status 0 when it failed.
Reply Get(uint16_t port, const std::string& target, const std::string& if_none_match = "") {
  Reply reply;
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(10));
  beast::error_code ec;
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), port), ec);
  if (ec) return reply;
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, "127.0.0.1");
  if (!if_none_match.empty()) request.set(http::field::if_none_match, if_none_match);
  http::write(stream, request, ec);
  if (ec) return reply;
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(stream, buffer, response, ec);
  if (ec) return reply;
  reply.status = response.result_int();
  reply.etag = std::string(response[http::field::etag]);
  reply.body = response.body();
  return reply;
}

uint16_t PortOf(const StaticSiteServer& server) {
  const std::string base = server.BaseUrl();  // http://127.0.0.1:PORT/
  return static_cast<uint16_t>(std::stoi(base.substr(17, base.size() - 18)));
}

class StaticSite : public ::testing::Test {
 protected:
  // A site written to be served at http://127.0.0.1:`port`/.
  void WriteSite(uint16_t port) {
    const std::string base = "http://127.0.0.1:" + std::to_string(port) + "/";
    std::ofstream(dir_ / "robots.txt")
        << "User-agent: *\nDisallow: /drafts/\n\nSitemap: " << base << "sitemap.xml\n";
    std::ofstream(dir_ / "sitemap.xml")
        << "<urlset><url><loc>" << base << "a.html</loc></url></urlset>\n";
    std::ofstream(dir_ / "index.html") << "<a href=\"" << base << "a.html\">A</a>";
    std::ofstream(dir_ / "a.html") << "<p>A page.</p>";
  }
  testing::TempDir dir_;
};

TEST_F(StaticSite, ServesFilesWithEtagsAnd304sAndRefusesEscapes) {
  auto server = StaticSiteServer::Start(dir_.path());
  ASSERT_TRUE(server) << server.error().ToString();
  WriteSite(PortOf(**server));
  const uint16_t port = PortOf(**server);
  const Reply index = Get(port, "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("a.html"), std::string::npos);
  ASSERT_FALSE(index.etag.empty());
  EXPECT_EQ(Get(port, "/", index.etag).status, 304);
  EXPECT_EQ(Get(port, "/missing.html").status, 404);
  EXPECT_EQ(Get(port, "/../etc/passwd").status, 404);
}

TEST_F(StaticSite, OnAnotherPortTheFilesNameThatPort) {
  // Hold a port, then ask a server to prefer it.
  auto holder = StaticSiteServer::Start(dir_.path());
  ASSERT_TRUE(holder);
  const uint16_t taken = PortOf(**holder);
  WriteSite(taken);
  auto server = StaticSiteServer::Start(dir_.path(), taken);
  ASSERT_TRUE(server) << server.error().ToString();
  const uint16_t port = PortOf(**server);
  ASSERT_NE(port, taken);
  const std::string base = "http://127.0.0.1:" + std::to_string(port) + "/";
  const std::string old_base = "http://127.0.0.1:" + std::to_string(taken) + "/";

  const Reply robots = Get(port, "/robots.txt");
  EXPECT_EQ(robots.status, 200);
  EXPECT_NE(robots.body.find("Sitemap: " + base + "sitemap.xml"), std::string::npos) << robots.body;
  EXPECT_EQ(robots.body.find(old_base), std::string::npos);
  EXPECT_NE(Get(port, "/sitemap.xml").body.find("<loc>" + base + "a.html</loc>"),
            std::string::npos);
  const Reply index = Get(port, "/index.html");
  EXPECT_NE(index.body.find("href=\"" + base + "a.html\""), std::string::npos);
  // The ETag is the served text's: a repeat audit still gets its 304.
  EXPECT_EQ(Get(port, "/index.html", index.etag).status, 304);

  // The server that got its preferred port serves the files as written.
  auto own = StaticSiteServer::Start(dir_.path(), 0);
  ASSERT_TRUE(own);
  EXPECT_NE(Get(PortOf(**own), "/robots.txt").body.find("Sitemap: " + old_base), std::string::npos);
  EXPECT_NE(Get(taken, "/robots.txt").body.find("Sitemap: " + old_base), std::string::npos);
}

TEST_F(StaticSite, FilesWrittenForOnePortAreServedWithThePortAskedFor) {
  // The demo's files name 8765; `sightline demo --port N` serves them as N's.
  WriteSite(8765);
  auto server = StaticSiteServer::Start(dir_.path(), 0, 8765);
  ASSERT_TRUE(server) << server.error().ToString();
  const uint16_t port = PortOf(**server);
  const std::string base = "http://127.0.0.1:" + std::to_string(port) + "/";
  const Reply robots = Get(port, "/robots.txt");
  EXPECT_NE(robots.body.find("Sitemap: " + base + "sitemap.xml"), std::string::npos) << robots.body;
  EXPECT_EQ(robots.body.find("127.0.0.1:8765"), std::string::npos) << robots.body;
  EXPECT_NE(Get(port, "/index.html").body.find("href=\"" + base + "a.html\""), std::string::npos);
}

}  // namespace
}  // namespace sightline::app
