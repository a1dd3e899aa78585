// GCC 12 warns (-Wtsan) that ThreadSanitizer does not model the std::atomic_thread_fence
// calls inside Boost.Asio 1.74; the tsan preset would turn that into an error. Asio's fences
// only order handler memory that its scheduler mutex already orders, so the warning is
// silenced for this file, before any header pulls in <atomic>.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wtsan"
#endif

#include "tests/support/loopback_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "tests/support/gzip_encoder.h"

namespace sightline::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

std::string RecordedRequest::Header(std::string_view lower_case_name) const {
  auto it = headers.find(std::string(lower_case_name));
  return it == headers.end() ? std::string() : it->second;
}

Response Response::Text(std::string body, std::string content_type) {
  Response r;
  r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

Response Response::Html(std::string body) {
  return Text(std::move(body), "text/html; charset=utf-8");
}

Response Response::Status(int status, std::string body) {
  Response r = Text(std::move(body));
  r.status = status;
  return r;
}

Response Response::Redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.redirect_to = std::move(location);
  return r;
}

Response Response::WithFault(Fault fault) {
  Response r = Text("this body is never sent in full\n");
  r.fault = fault;
  return r;
}

namespace {

constexpr std::size_t kMaxRequestBody = 16 * 1024 * 1024;

asio::awaitable<void> Sleep(std::chrono::milliseconds duration) {
  if (duration.count() <= 0) co_return;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(duration);
  co_await timer.async_wait(asio::use_awaitable);
}

// RST instead of FIN: SO_LINGER with a zero timeout makes close() abort the connection.
void Reset(tcp::socket& socket) {
  boost::system::error_code ec;
  socket.set_option(asio::socket_base::linger(true, 0), ec);
  socket.close(ec);
}

std::string ReasonPhrase(int status) {
  auto reason = http::obsolete_reason(static_cast<http::status>(status));
  if (reason.empty() || reason.front() == '<') return "Status";
  return std::string(reason.data(), reason.size());
}

std::string PathOf(std::string_view target) {
  return std::string(target.substr(0, target.find('?')));
}

// Wraps a stream so that its concatenated output is gzip-encoded.
BodyStream GzipStream(BodyStream inner) {
  auto encoder = std::make_shared<GzipEncoder>();
  auto done = std::make_shared<bool>(false);
  return [inner = std::move(inner), encoder, done](std::string& out) mutable {
    if (*done) return false;
    std::string piece;
    // Highly compressible input yields no output for a while; keep pulling.
    while (true) {
      piece.clear();
      if (!inner(piece)) {
        out += encoder->Finish();
        *done = true;
        return true;
      }
      std::string compressed = encoder->Compress(piece);
      if (!compressed.empty()) {
        out += compressed;
        return true;
      }
    }
  };
}

// Writes the response, applying the trickle rate and the close-after-N-body-bytes limit.
class ResponseWriter {
 public:
  ResponseWriter(tcp::socket& socket, std::size_t bytes_per_second,
                 std::optional<std::uint64_t> body_limit)
      : socket_(socket), bytes_per_second_(bytes_per_second), body_limit_(body_limit) {}

  asio::awaitable<void> WriteHead(std::string_view data) { co_await Write(data); }

  // Returns false once the body limit is reached (the caller then closes).
  asio::awaitable<bool> WriteBody(std::string_view data) {
    if (body_limit_) {
      std::uint64_t room = *body_limit_ - body_sent_;
      if (data.size() >= room) {
        co_await Write(data.substr(0, room));
        body_sent_ += room;
        co_return false;
      }
    }
    co_await Write(data);
    body_sent_ += data.size();
    co_return true;
  }

  bool LimitReached() const { return body_limit_ && body_sent_ >= *body_limit_; }

 private:
  asio::awaitable<void> Write(std::string_view data) {
    if (bytes_per_second_ == 0) {
      co_await asio::async_write(socket_, asio::buffer(data.data(), data.size()),
                                 asio::use_awaitable);
      co_return;
    }
    // Ten writes per second (or one byte per write when slower than that).
    std::size_t step = std::max<std::size_t>(1, bytes_per_second_ / 10);
    while (!data.empty()) {
      // Waiting before each write means n bytes never arrive earlier than n / rate.
      std::string_view slice = data.substr(0, step);
      co_await Sleep(std::chrono::milliseconds(slice.size() * 1000 / bytes_per_second_));
      co_await asio::async_write(socket_, asio::buffer(slice.data(), slice.size()),
                                 asio::use_awaitable);
      data.remove_prefix(slice.size());
    }
  }

  tcp::socket& socket_;
  std::size_t bytes_per_second_;
  std::optional<std::uint64_t> body_limit_;
  std::uint64_t body_sent_ = 0;
};

}  // namespace

class LoopbackHttpServer::Impl {
 public:
  Impl() : acceptor_(io_) {
    boost::system::error_code ec;
    tcp::endpoint endpoint(asio::ip::make_address_v4("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      std::fprintf(stderr, "LoopbackHttpServer: cannot listen on 127.0.0.1: %s\n",
                   ec.message().c_str());
      std::abort();
    }
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, Accept(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }

  ~Impl() {
    io_.stop();
    thread_.join();
  }

  std::uint16_t port() const { return port_; }

  void AddRoute(std::string path, Handler handler) {
    std::lock_guard lock(mutex_);
    routes_[std::move(path)] = std::move(handler);
  }
  void AddPrefix(std::string prefix, Handler handler) {
    std::lock_guard lock(mutex_);
    prefixes_[std::move(prefix)] = std::move(handler);
  }
  void SetDefault(Handler handler) {
    std::lock_guard lock(mutex_);
    default_ = std::move(handler);
  }
  void FailNth(std::size_t n, Response failure) {
    std::lock_guard lock(mutex_);
    failures_[n] = std::move(failure);
  }
  std::vector<RecordedRequest> Requests() const {
    std::lock_guard lock(mutex_);
    return log_;
  }
  std::size_t RequestCount(std::optional<std::string_view> path) const {
    std::lock_guard lock(mutex_);
    if (!path) return log_.size();
    return static_cast<std::size_t>(std::count_if(
        log_.begin(), log_.end(), [&](const RecordedRequest& r) { return r.path == *path; }));
  }
  std::size_t ConnectionCount() const {
    std::lock_guard lock(mutex_);
    return connections_;
  }

 private:
  asio::awaitable<void> Accept() {
    while (true) {
      boost::system::error_code ec;
      tcp::socket socket(io_);
      try {
        socket = co_await acceptor_.async_accept(asio::use_awaitable);
      } catch (const boost::system::system_error& e) {
        ec = e.code();
      }
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
      if (ec) continue;  // e.g. the peer gave up before accept; keep serving
      // Responses go out in several writes (head, chunks); Nagle plus delayed ACKs would
      // add ~40 ms to each keep-alive exchange.
      socket.set_option(tcp::no_delay(true), ec);
      std::uint64_t id;
      {
        std::lock_guard lock(mutex_);
        id = ++connections_;
      }
      asio::co_spawn(io_, Session(std::move(socket), id), asio::detached);
    }
  }

  asio::awaitable<void> Session(tcp::socket socket, std::uint64_t connection_id) {
    boost::beast::flat_buffer buffer;
    try {
      bool keep_alive = true;
      while (keep_alive) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(kMaxRequestBody);
        co_await http::async_read(socket, buffer, parser, asio::use_awaitable);
        const auto& request = parser.get();
        RecordedRequest recorded = Record(request, connection_id);
        Response response = Resolve(recorded);
        keep_alive = co_await Send(socket, recorded, std::move(response), request.keep_alive());
      }
    } catch (const std::exception&) {
      // The client went away or a fault closed the socket: the session simply ends.
    }
    boost::system::error_code ec;
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }

  RecordedRequest Record(const http::request<http::string_body>& request,
                         std::uint64_t connection_id) {
    RecordedRequest r;
    r.method = std::string(request.method_string());
    r.target = std::string(request.target());
    r.path = PathOf(r.target);
    for (const auto& field : request) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      auto [it, inserted] = r.headers.emplace(name, std::string(field.value()));
      if (!inserted) it->second += ", " + std::string(field.value());
    }
    r.body = request.body();
    r.arrival = std::chrono::steady_clock::now();
    r.connection_id = connection_id;
    std::lock_guard lock(mutex_);
    r.sequence = log_.size() + 1;
    log_.push_back(r);
    return r;
  }

  Response Resolve(const RecordedRequest& request) {
    Handler handler;
    {
      std::lock_guard lock(mutex_);
      if (auto it = failures_.find(request.sequence); it != failures_.end()) return it->second;
      if (auto it = routes_.find(request.target); it != routes_.end()) {
        handler = it->second;
      } else if (auto it2 = routes_.find(request.path); it2 != routes_.end()) {
        handler = it2->second;
      } else {
        std::size_t best = 0;
        for (const auto& [prefix, h] : prefixes_) {
          if (request.path.starts_with(prefix) && prefix.size() >= best) {
            best = prefix.size();
            handler = h;
          }
        }
        if (!handler) handler = default_;
      }
    }
    if (!handler) return Response::Status(404, "not found\n");
    try {
      return handler(request);
    } catch (const std::exception& e) {
      return Response::Status(500, std::string("handler threw: ") + e.what() + "\n");
    }
  }

  // Returns whether the connection stays open for another request.
  asio::awaitable<bool> Send(tcp::socket& socket, const RecordedRequest& request, Response r,
                             bool client_keep_alive) {
    co_await Sleep(r.delay);
    if (r.fault == Fault::kCloseBeforeResponse) co_return false;
    if (r.fault == Fault::kResetBeforeResponse) {
      Reset(socket);
      co_return false;
    }
    if (r.raw) {
      ResponseWriter raw_writer(socket, r.trickle_bytes_per_second, std::nullopt);
      co_await raw_writer.WriteHead(*r.raw);
      co_return false;
    }

    BodyStream stream;
    std::string body;
    if (r.body_stream) {
      stream = r.body_stream();
      if (r.gzip) stream = GzipStream(std::move(stream));
    } else {
      body = r.gzip ? GzipCompress(r.body) : std::move(r.body);
    }
    const bool chunked = r.chunked || (stream && !r.content_length);
    if (!r.redirect_to.empty() && (r.status < 300 || r.status >= 400)) r.status = 302;

    std::optional<std::uint64_t> body_limit = r.close_after_bytes;
    if (r.fault == Fault::kResetMidBody && !body_limit) {
      body_limit = stream ? 1024 : std::max<std::size_t>(1, body.size() / 2);
    }
    // A lying Content-Length leaves the stream out of sync, so announce the close up front
    // (a streamed body's length is only known at the end; that case closes afterwards).
    const bool lying_length = r.content_length && !stream && *r.content_length != body.size();
    const bool close =
        r.close_connection || !client_keep_alive || body_limit.has_value() || lying_length;

    std::string head =
        "HTTP/1.1 " + std::to_string(r.status) + " " + ReasonPhrase(r.status) + "\r\n";
    if (!r.redirect_to.empty()) head += "Location: " + r.redirect_to + "\r\n";
    if (r.gzip) head += "Content-Encoding: gzip\r\n";
    if (chunked) head += "Transfer-Encoding: chunked\r\n";
    if (r.content_length) {
      head += "Content-Length: " + std::to_string(*r.content_length) + "\r\n";
    } else if (!chunked) {
      head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    if (close) head += "Connection: close\r\n";
    for (const auto& [name, value] : r.headers) head += name + ": " + value + "\r\n";
    head += "\r\n";

    ResponseWriter writer(socket, r.trickle_bytes_per_second, body_limit);
    if (r.fault == Fault::kResetMidHeaders) {
      co_await writer.WriteHead(std::string_view(head).substr(0, head.size() / 2));
      Reset(socket);
      co_return false;
    }
    co_await writer.WriteHead(head);
    if (request.method == "HEAD") co_return !close;

    std::uint64_t payload_sent = 0;  // body bytes without chunk framing
    auto send_piece = [&](std::string_view piece) -> asio::awaitable<bool> {
      const std::size_t step = std::max<std::size_t>(1, r.chunk_size);
      while (!piece.empty()) {
        std::string_view part = piece.substr(0, step);
        piece.remove_prefix(part.size());
        if (payload_sent > 0) co_await Sleep(r.delay_between_chunks);
        payload_sent += part.size();
        bool more =
            chunked ? co_await writer.WriteBody(fmt_chunk(part)) : co_await writer.WriteBody(part);
        if (!more) co_return false;
      }
      co_return true;
    };

    bool complete = true;
    if (stream) {
      std::string piece;
      while (complete) {
        piece.clear();
        if (!stream(piece)) break;
        complete = co_await send_piece(piece);
      }
    } else {
      complete = co_await send_piece(body);
    }
    if (complete && chunked) complete = co_await writer.WriteBody("0\r\n\r\n");
    if (!complete || writer.LimitReached()) {
      if (r.fault == Fault::kResetMidBody) Reset(socket);
      co_return false;
    }
    if (r.content_length && *r.content_length != payload_sent) co_return false;
    co_return !close;
  }

  static std::string fmt_chunk(std::string_view part) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", part.size());
    std::string out(size);
    out.append(part);
    out += "\r\n";
    return out;
  }

  // io_ is declared first so that it is destroyed last: the coroutine frames it still holds
  // own sockets that must go before it.
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::thread thread_;

  mutable std::mutex mutex_;
  std::map<std::string, Handler> routes_;
  std::map<std::string, Handler> prefixes_;
  Handler default_;
  std::map<std::size_t, Response> failures_;
  std::vector<RecordedRequest> log_;
  std::uint64_t connections_ = 0;
};

LoopbackHttpServer::LoopbackHttpServer() : impl_(std::make_unique<Impl>()) {}
LoopbackHttpServer::~LoopbackHttpServer() = default;

std::uint16_t LoopbackHttpServer::port() const { return impl_->port(); }
std::string LoopbackHttpServer::BaseUrl() const {
  return "http://127.0.0.1:" + std::to_string(port());
}
std::string LoopbackHttpServer::Url(std::string_view path) const {
  return BaseUrl() + std::string(path);
}

void LoopbackHttpServer::Route(std::string path, Response response) {
  impl_->AddRoute(std::move(path),
                  [response = std::move(response)](const RecordedRequest&) { return response; });
}
void LoopbackHttpServer::Route(std::string path, Handler handler) {
  impl_->AddRoute(std::move(path), std::move(handler));
}
void LoopbackHttpServer::RoutePrefix(std::string prefix, Handler handler) {
  impl_->AddPrefix(std::move(prefix), std::move(handler));
}
void LoopbackHttpServer::SetDefault(Handler handler) { impl_->SetDefault(std::move(handler)); }
void LoopbackHttpServer::FailNthRequest(std::size_t n, Fault fault) {
  impl_->FailNth(n, Response::WithFault(fault));
}
void LoopbackHttpServer::FailNthRequest(std::size_t n, Response failure) {
  impl_->FailNth(n, std::move(failure));
}
std::vector<RecordedRequest> LoopbackHttpServer::Requests() const { return impl_->Requests(); }
std::size_t LoopbackHttpServer::RequestCount() const { return impl_->RequestCount(std::nullopt); }
std::size_t LoopbackHttpServer::RequestCount(std::string_view path) const {
  return impl_->RequestCount(path);
}
std::size_t LoopbackHttpServer::ConnectionCount() const { return impl_->ConnectionCount(); }

RefusingLoopbackPort::RefusingLoopbackPort() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    std::perror("RefusingLoopbackPort");
    std::abort();
  }
  port_ = ntohs(address.sin_port);
}

RefusingLoopbackPort::~RefusingLoopbackPort() { ::close(fd_); }

std::string RefusingLoopbackPort::BaseUrl() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

}  // namespace sightline::testing
