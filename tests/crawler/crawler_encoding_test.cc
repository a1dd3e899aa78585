// Content codings the crawler asks for and decodes (issue: gzip/br/deflate accepted): the
// Accept-Encoding header names every coding this libcurl can decode, and a deflate (zlib,
// RFC 9110 section 8.4.1.2) body arrives decoded. gzip has its own tests in crawler_test.cc.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "crawler/crawler.h"
#include "tests/crawler/crawl_harness.h"
#include "tests/support/loopback_http_server.h"

namespace sightline::crawler {
namespace {

using sightline::testing::LoopbackHttpServer;
using sightline::testing::Response;
using testing_support::FastOptions;
using testing_support::RecordingSink;
using testing_support::RunCrawl;

std::string ZlibCompress(const std::string& data) {
  uLongf size = compressBound(data.size());
  std::string out(size, '\0');
  const int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                           reinterpret_cast<const Bytef*>(data.data()), data.size(), 9);
  EXPECT_EQ(rc, Z_OK);
  out.resize(size);
  return out;
}

TEST(CrawlerEncoding, AcceptEncodingNamesGzipDeflateAndBrotliWhenAvailable) {
  LoopbackHttpServer server;
  server.Route("/", Response::Html("plain"));
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/")});
  o.fetch_sitemaps = false;
  RunCrawl(o, &sink);
  const std::string accepted = server.Requests().back().Header("accept-encoding");
  EXPECT_NE(accepted.find("gzip"), std::string::npos) << accepted;
  EXPECT_NE(accepted.find("deflate"), std::string::npos) << accepted;
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  if ((info->features & CURL_VERSION_BROTLI) != 0) {
    EXPECT_NE(accepted.find("br"), std::string::npos) << accepted;
  }
}

TEST(CrawlerEncoding, DeflateBodyIsDecoded) {
  const std::string html = "<p>" + std::string(5000, 'd') + " deflated page</p>";
  LoopbackHttpServer server;
  Response deflated = Response::Html(ZlibCompress(html));
  deflated.headers.emplace_back("Content-Encoding", "deflate");
  server.Route("/d", deflated);
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/d")});
  o.fetch_sitemaps = false;
  const CrawlSummary s = RunCrawl(o, &sink);
  const FetchedPage p = sink.Find("/d");
  EXPECT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.body, html);
  EXPECT_EQ(s.bytes, html.size()) << "bytes count the decoded body";
}

TEST(CrawlerEncoding, DeflateBodyOverTheCapIsTruncatedAtTheDecodedSize) {
  const std::string html(200000, 'z');
  LoopbackHttpServer server;
  Response deflated = Response::Html(ZlibCompress(html));
  deflated.headers.emplace_back("Content-Encoding", "deflate");
  server.Route("/big", deflated);
  RecordingSink sink;
  CrawlOptions o = FastOptions({server.Url("/big")});
  o.fetch_sitemaps = false;
  o.max_body_bytes = 10000;
  RunCrawl(o, &sink);
  const FetchedPage p = sink.Find("/big");
  EXPECT_TRUE(p.error.empty()) << p.error;
  EXPECT_TRUE(p.truncated);
  EXPECT_EQ(p.body.size(), 10000u);
}

}  // namespace
}  // namespace sightline::crawler
