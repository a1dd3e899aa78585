// Fetcher: libcurl's multi interface driven by a Boost.Asio io_context
// (curl_multi_socket_action with CURLMOPT_SOCKETFUNCTION/TIMERFUNCTION). One Fetcher owns one
// CURLM and the registry of the sockets curl uses; the registry lives exactly as long as the
// multi handle because pooled connections outlive the transfers that opened them. Each
// transfer is one GET without redirects (the crawler follows them itself), with decoded-size
// cap, connect/first-byte/total/low-speed deadlines and an optional private-address refusal.
// Every method and every callback runs on the io_context's single thread; callbacks are never
// invoked from inside Start().
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "crawler/fetched_page.h"

namespace sightline::crawler::internal {

struct FetchRequest {
  std::string url;
  std::vector<std::string> headers;  // extra request headers, "Name: value"
  std::string user_agent;
  size_t max_body = 10 << 20;  // decoded bytes kept; the transfer stops there
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds first_byte_timeout{20000};
  std::chrono::milliseconds total_timeout{60000};
  long low_speed_bytes = 100;
  std::chrono::seconds low_speed_time{15};
  bool refuse_private = false;  // abort if the peer address is private
};

struct FetchResponse {
  // "" on success, else "timeout", "first_byte", "low_speed", "connect", "dns", "reset",
  // "tls", "protocol", "decoding", "private", "cancelled", "network".
  std::string error;
  std::string error_detail;
  int status = 0;
  HeaderList headers;  // of the final (non-1xx) response, names lower-case
  std::string body;
  bool truncated = false;  // body stopped at max_body
  std::string primary_ip;  // peer address, "" when never connected
  int primary_port = 0;
  FetchTimings timings;
};

using FetchCallback = std::function<void(FetchResponse)>;
// Decides whether a peer counts as private (the crawl's test seam or IsPrivateAddress).
using PrivateClassifier = std::function<bool(std::string_view ip, int port)>;

struct FetcherOptions {
  int max_host_connections = 2;
  int max_total_connections = 16;
  PrivateClassifier is_private;
};

class Fetcher {
 public:
  static Result<std::unique_ptr<Fetcher>> Create(boost::asio::io_context& io,
                                                 FetcherOptions options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Starts a transfer; `done` runs later on the io thread exactly once (unless the Fetcher is
  // destroyed first).
  void Start(FetchRequest request, FetchCallback done);
  // Aborts every transfer; their callbacks run (with error "cancelled") before this returns.
  void CancelAll();
  size_t active() const;

  class Impl;

 private:
  explicit Fetcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sightline::crawler::internal
