// HostileSite: one loopback server carrying every hostile route of hostile_routes.h, linked
// from its home page next to a few good pages with known personal details, for end-to-end
// tests (issue 9: "the audit finishes, within its limits, with each problem recorded ... and
// all good pages analysed"). robots.txt is the 10 MB one, /sitemap.xml the billion-laughs one.
// Owns its server; thread-safety as LoopbackHttpServer's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/hostile_routes.h"
#include "tests/support/loopback_http_server.h"

namespace sightline::testing {

struct HostileSiteOptions {
  std::uint64_t large_page_bytes = 50ull * 1000 * 1000;
  std::size_t many_links = 100000;
  int redirect_hops = 10000;
  std::uint64_t gzip_bomb_bytes = std::uint64_t{1} << 30;
  std::uint64_t robots_bytes = 10ull * 1000 * 1000;
  // The 1 B/s trickle holds a connection for minutes unless the client cuts it.
  bool include_trickle = true;
};

struct HostileCase {
  std::string path;         // on the site, linked from "/"
  std::string description;  // what is hostile about it
};

class HostileSite {
 public:
  // The one sentence every good page contains (names, age, place, condition).
  static constexpr const char* kGoodPageText =
      "My name is Jane Roe, I am 42 years old and live in Oak Ridge, Tennessee; last spring I "
      "was diagnosed with Wilson disease at Saint Mary Hospital.";

  explicit HostileSite(const HostileSiteOptions& options = {});

  LoopbackHttpServer& server() { return server_; }
  std::string Url(std::string_view path = "/") const { return server_.Url(path); }

  const std::vector<HostileCase>& cases() const { return cases_; }
  // Paths of the pages that must be fetched and analysed despite everything else.
  const std::vector<std::string>& good_pages() const { return good_pages_; }
  // Linked from "/" but disallowed by the first lines of robots.txt: must never be fetched.
  static constexpr const char* kDisallowedPath = "/private/secret.html";
  // Disallowed only by the last line of the 10 MB robots.txt, beyond the 500 KiB that
  // RFC 9309 requires a crawler to read: a conforming crawler may fetch it.
  static constexpr const char* kBeyondLimitPath = "/beyond-limit/page.html";
  // http://127.0.0.1:PORT/ of a port that refuses connections, linked from "/".
  std::string RefusedUrl() const { return refused_.BaseUrl() + "/"; }

 private:
  void Add(std::string path, std::string description, Response response);
  void AddPrefix(std::string path, std::string prefix, std::string description, Handler handler);

  RefusingLoopbackPort refused_;
  std::vector<HostileCase> cases_;
  std::vector<std::string> good_pages_;
  // Last, so destroyed first: its thread may still read the members above until joined.
  LoopbackHttpServer server_;
};

}  // namespace sightline::testing
