// Test harness for crawler tests: a PageSink that records every page and returns the links
// of HTML bodies (href="..." resolved against the final URL), and RunCrawl(), which runs a
// crawl on its own thread bounded in time (on timeout: Stop(), then fail the test).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/url.h"
#include "crawler/crawler.h"
#include "tests/support/bounded_run.h"
#include "tests/support/loopback_http_server.h"

namespace sightline::crawler::testing_support {

class RecordingSink : public PageSink {
 public:
  void OnPage(FetchedPage page, LinksCallback done) override {
    std::vector<std::string> links;
    const std::string base = page.final_url.empty() ? page.url : page.final_url;
    size_t pos = 0;
    while ((pos = page.body.find("href=\"", pos)) != std::string::npos) {
      pos += 6;
      const size_t end = page.body.find('"', pos);
      if (end == std::string::npos) break;
      if (auto url = ResolveUrl(base, page.body.substr(pos, end - pos))) links.push_back(*url);
      pos = end;
    }
    {
      std::lock_guard lock(mu_);
      pages_.push_back(std::move(page));
    }
    if (on_page_) on_page_();
    if (async_) {
      std::thread([done = std::move(done), links = std::move(links)]() mutable {
        done(std::move(links));
      }).detach();
    } else {
      done(std::move(links));
    }
  }

  std::vector<FetchedPage> pages() const {
    std::lock_guard lock(mu_);
    return pages_;
  }
  // The page whose requested URL ends with `suffix`; fails the test when absent.
  FetchedPage Find(const std::string& suffix) const {
    std::lock_guard lock(mu_);
    for (const FetchedPage& p : pages_) {
      if (p.url.size() >= suffix.size() &&
          p.url.compare(p.url.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return p;
      }
    }
    ADD_FAILURE() << "no page for " << suffix;
    return {};
  }
  size_t size() const {
    std::lock_guard lock(mu_);
    return pages_.size();
  }
  void set_async(bool async) { async_ = async; }
  void set_on_page(std::function<void()> f) { on_page_ = std::move(f); }

 private:
  mutable std::mutex mu_;
  std::vector<FetchedPage> pages_;
  bool async_ = false;
  std::function<void()> on_page_;
};

// Options for fast tests: no politeness delay, short timeouts and back-off.
inline CrawlOptions FastOptions(std::vector<std::string> seeds) {
  CrawlOptions o;
  o.seeds = std::move(seeds);
  o.delay = std::chrono::milliseconds(0);
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.first_byte_timeout = std::chrono::milliseconds(3000);
  o.total_timeout = std::chrono::milliseconds(5000);
  o.retry_base_delay = std::chrono::milliseconds(20);
  o.random_seed = 42;
  return o;
}

// Runs the crawl on a thread; a crawl still running after `limit` is stopped and fails.
inline CrawlSummary RunCrawl(CrawlOptions options, PageSink* sink,
                             std::chrono::milliseconds limit = std::chrono::seconds(20),
                             std::function<void(Crawler&)> while_running = {}) {
  auto crawler = Crawler::Create(std::move(options), sink);
  EXPECT_TRUE(crawler.has_value()) << (crawler ? "" : crawler.error().ToString());
  if (!crawler) return {};
  Crawler& c = **crawler;
  auto future = std::async(std::launch::async, [&c] { return c.Run(); });
  if (while_running) while_running(c);
  if (!testing::WaitFor(future, limit, "crawl")) {
    c.Stop();
    future.wait();
    return {};
  }
  auto result = future.get();
  EXPECT_TRUE(result.has_value());
  return result ? *result : CrawlSummary{};
}

// Request paths in arrival order.
inline std::vector<std::string> Paths(const testing::LoopbackHttpServer& server) {
  std::vector<std::string> out;
  for (const auto& r : server.Requests()) out.push_back(r.path);
  return out;
}

}  // namespace sightline::crawler::testing_support
