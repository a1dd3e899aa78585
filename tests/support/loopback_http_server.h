// LoopbackHttpServer: a scriptable HTTP/1.1 test server (Boost.Beast parsing, hand-written
// responses so that faults can be byte-exact) bound to 127.0.0.1 on an ephemeral port.
// It owns its io_context and one thread; each connection is one coroutine, keep-alive is
// honoured. Routes, the failure schedule and the request log are guarded by one mutex, so
// every public method is thread-safe. The destructor stops the loop and joins the thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sightline::testing {

// One request as the server saw it.
struct RecordedRequest {
  std::string method;                          // "GET", "HEAD", ...
  std::string target;                          // as sent: path plus query, e.g. "/a?b=1"
  std::string path;                            // target without the query
  std::map<std::string, std::string> headers;  // lower-case names; repeats joined by ", "
  std::string body;
  std::chrono::steady_clock::time_point arrival;  // when the request head was parsed
  std::uint64_t connection_id = 0;  // 1, 2, ... in accept order; same id = reused connection
  std::uint64_t sequence = 0;       // 1, 2, ... over the whole server (order of arrival)

  // Header value by lower-case name, or "" when absent.
  std::string Header(std::string_view lower_case_name) const;
};

// A deliberate misbehaviour of the connection.
enum class Fault {
  kNone,
  kCloseBeforeResponse,  // read the request, then close cleanly without answering
  kResetBeforeResponse,  // read the request, then reset (RST) without answering
  kResetMidHeaders,      // send part of the status line and headers, then reset
  kResetMidBody,         // send the headers and part of the body, then reset
};

// Produces a body piece by piece on the server thread: append the next piece to `out` and
// return true, or return false when the body is complete. Lets routes serve bodies far
// larger than memory (or endless ones).
using BodyStream = std::function<bool(std::string& out)>;

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, sent as given
  std::string body;
  // Creates a fresh stream per request; when set, `body` is ignored. Without content_length
  // the streamed body is sent chunked.
  std::function<BodyStream()> body_stream;

  std::chrono::milliseconds delay{0};  // wait before the first byte of the response
  bool chunked = false;                // Transfer-Encoding: chunked
  std::size_t chunk_size = 1024;       // body bytes per chunk (per write when not chunked)
  std::chrono::milliseconds delay_between_chunks{0};
  // Send only this many body bytes (after encoding), then close the connection.
  std::optional<std::uint64_t> close_after_bytes;
  // Location header; status becomes 302 unless status is already 3xx.
  std::string redirect_to;
  // Throttle the whole response (status line included) to this rate; 0 = unthrottled.
  std::size_t trickle_bytes_per_second = 0;
  // Content-Length to announce instead of the real one (lies are allowed). The connection is
  // closed after a response whose body length differs from what was announced.
  std::optional<std::uint64_t> content_length;
  // Gzip-encode the body (and stream) and send Content-Encoding: gzip, whatever the client
  // accepts.
  bool gzip = false;
  Fault fault = Fault::kNone;
  // Written verbatim instead of a formatted response, then the connection is closed
  // (malformed status lines, broken headers, ...).
  std::optional<std::string> raw;
  bool close_connection = false;  // send Connection: close and close after the response

  static Response Text(std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response Html(std::string body);
  static Response Status(int status, std::string body = "");
  static Response Redirect(std::string location, int status = 302);
  static Response WithFault(Fault fault);
};

using Handler = std::function<Response(const RecordedRequest&)>;

class LoopbackHttpServer {
 public:
  // Binds 127.0.0.1:0 and starts serving. Aborts the test binary if binding fails (there is
  // no sensible way to run a network test without it).
  LoopbackHttpServer();
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  std::uint16_t port() const;
  std::string BaseUrl() const;                   // "http://127.0.0.1:PORT"
  std::string Url(std::string_view path) const;  // BaseUrl() + path ("/x" expected)

  // Exact match on the target ("/a?b=1") first, then on the path without query ("/a").
  void Route(std::string path, Response response);
  void Route(std::string path, Handler handler);
  // For paths starting with `prefix` that have no exact route; longest prefix wins.
  void RoutePrefix(std::string prefix, Handler handler);
  // For everything else; the built-in default answers 404 "not found".
  void SetDefault(Handler handler);
  // The n-th request to arrive (1-based, counted over all paths and connections) gets
  // `failure` instead of its route. Several n may be scheduled.
  void FailNthRequest(std::size_t n, Fault fault);
  void FailNthRequest(std::size_t n, Response failure);

  std::vector<RecordedRequest> Requests() const;  // a copy, in arrival order
  std::size_t RequestCount() const;
  std::size_t RequestCount(std::string_view path) const;  // by path without query
  std::size_t ConnectionCount() const;                    // accepted connections so far

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// A 127.0.0.1 port that refuses connections for as long as this object lives: the port is
// bound (so nobody else gets it) but never listened on, so connect() fails with
// ECONNREFUSED.
class RefusingLoopbackPort {
 public:
  RefusingLoopbackPort();
  ~RefusingLoopbackPort();
  RefusingLoopbackPort(const RefusingLoopbackPort&) = delete;
  RefusingLoopbackPort& operator=(const RefusingLoopbackPort&) = delete;

  std::uint16_t port() const { return port_; }
  std::string BaseUrl() const;  // "http://127.0.0.1:PORT"

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace sightline::testing
