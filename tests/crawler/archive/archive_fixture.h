// Shared set-up for the archive client tests: one loopback server standing in for every
// archive (all base URLs point at it), a FakeClock whose backoff sleeps never block, and an
// in-memory cache. Never contacts a real archive.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "crawler/archive/archive_client.h"
#include "tests/support/loopback_http_server.h"

namespace sightline::archive {

inline WallTime TestTime(const char* iso) {
  WallTime t;
  EXPECT_TRUE(ParseIso8601(iso, &t)) << iso;
  return t;
}

class ArchiveClientTest : public ::testing::Test {
 protected:
  static constexpr char kPage[] = "https://clinic.example/blog/rare-case.html";

  ArchiveClientTest() : clock_(TestTime("2024-06-01T00:00:00Z")) {}

  ArchiveOptions Options(std::vector<std::string> archives) {
    ArchiveOptions options;
    options.archives = std::move(archives);
    for (const char* name : {kWayback, kCommonCrawl, kArchiveToday}) {
      options.base_urls[name] = server_.BaseUrl();
    }
    options.timeout = std::chrono::milliseconds(5000);
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.min_interval = std::chrono::milliseconds(0);  // tested on its own
    options.clock = &clock_;
    options.cache = &cache_;
    options.user_agent = "sightline-test/1";
    options.sleep = [this](std::chrono::milliseconds d) {
      sleeps_.push_back(d);
      clock_.Advance(d);
    };
    return options;
  }

  std::unique_ptr<ArchiveClient> Client(ArchiveOptions options) {
    auto client = ArchiveClient::Create(std::move(options));
    EXPECT_TRUE(client.has_value()) << (client ? "" : client.error().ToString());
    return client ? std::move(*client) : nullptr;
  }

  // The finding was on the page from 1 January to 1 April 2024.
  LookupRequest Request() const {
    LookupRequest request;
    request.url = kPage;
    request.from = TestTime("2024-01-01T00:00:00Z");
    request.to = TestTime("2024-04-01T00:00:00Z");
    return request;
  }

  static std::string Join(const std::vector<std::string>& problems) {
    std::string out;
    for (const std::string& p : problems) out += p + "\n";
    return out;
  }

  testing::LoopbackHttpServer server_;
  FakeClock clock_;
  MemoryArchiveCache cache_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace sightline::archive
