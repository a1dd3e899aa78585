// A sink that falls behind must slow the crawl down instead of letting page bodies pile up:
// at most max_unreleased_pages pages are in flight or waiting in the sink at once.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "crawler/crawler.h"
#include "tests/crawler/crawl_harness.h"
#include "tests/support/loopback_http_server.h"

namespace sightline::crawler {
namespace {

// Holds every page until Release(); returns each page's links when released.
class StallingSink : public PageSink {
 public:
  void OnPage(FetchedPage page, LinksCallback done) override {
    std::lock_guard lock(mu_);
    std::vector<std::string> links;
    if (page.url.ends_with("/")) {
      for (int i = 0; i < 40; ++i) links.push_back(base_ + "/p" + std::to_string(i));
    }
    held_.emplace_back(std::move(done), std::move(links));
    max_held_ = std::max(max_held_, held_.size());
    ++delivered_;
  }
  void ReleaseAll() {
    std::vector<std::pair<LinksCallback, std::vector<std::string>>> held;
    {
      std::lock_guard lock(mu_);
      held.swap(held_);
    }
    for (auto& [done, links] : held) done(std::move(links));
  }
  size_t held() const {
    std::lock_guard lock(mu_);
    return held_.size();
  }
  size_t max_held() const {
    std::lock_guard lock(mu_);
    return max_held_;
  }
  size_t delivered() const {
    std::lock_guard lock(mu_);
    return delivered_;
  }
  std::string base_;

 private:
  mutable std::mutex mu_;
  std::vector<std::pair<LinksCallback, std::vector<std::string>>> held_;
  size_t max_held_ = 0;
  size_t delivered_ = 0;
};

TEST(CrawlerBackpressure, StopsFetchingWhileTheSinkHoldsTooManyPages) {
  testing::LoopbackHttpServer server;
  server.SetDefault(
      [](const testing::RecordedRequest&) { return testing::Response::Html("<p>page</p>"); });
  StallingSink sink;
  sink.base_ = server.BaseUrl();
  CrawlOptions options = testing_support::FastOptions({server.Url("/")});
  options.concurrency = 4;
  options.per_host = 4;
  options.max_unreleased_pages = 5;
  options.fetch_sitemaps = false;

  const CrawlSummary summary =
      testing_support::RunCrawl(options, &sink, std::chrono::seconds(20), [&](Crawler&) {
        // Let the crawl run against a sink that releases nothing, then drain it repeatedly.
        for (int round = 0; round < 200 && sink.held() < 5; ++round) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        EXPECT_LE(server.RequestCount() - server.RequestCount("/robots.txt"), 5u)
            << "no new page transfer while five pages wait in the sink";
        // Done when all 41 pages reached the sink and were released. (Counting the server's
        // requests instead raced: a page requested but not yet delivered was never released,
        // and the crawl waited for it until the time limit.)
        for (int round = 0; round < 5000; ++round) {
          sink.ReleaseAll();
          if (sink.delivered() >= 41 && sink.held() == 0) break;
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        sink.ReleaseAll();
      });
  EXPECT_EQ(summary.fetched, 41) << "the crawl still completes";
  EXPECT_LE(sink.max_held(), 5u);
}

}  // namespace
}  // namespace sightline::crawler
