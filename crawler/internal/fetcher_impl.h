// Fetcher internals shared by fetcher.cc (transfers) and fetcher_sockets.cc (the socket
// registry and timer that connect libcurl's multi handle to Asio). Not part of any API: only
// the two Fetcher source files include it. Single-threaded like the Fetcher itself.
#pragma once

#include <curl/curl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>

#include "crawler/internal/address.h"
#include "crawler/internal/fetcher.h"

namespace sightline::crawler::internal {

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// One socket curl asked us to watch. Handlers hold a shared_ptr, so a socket closed (and its
// fd number reused) while a wait is queued is recognised by `closed`.
struct SocketState {
  SocketState(boost::asio::io_context& io, curl_socket_t s) : desc(io), fd(s) {}
  boost::asio::posix::stream_descriptor desc;
  curl_socket_t fd;
  int what = 0;        // CURL_POLL_IN/OUT/INOUT, 0 after CURL_POLL_REMOVE
  bool owned = false;  // opened by our OPENSOCKETFUNCTION (we close it)
  bool closed = false;
  bool read_pending = false;
  bool write_pending = false;
};

struct Transfer {
  Fetcher::Impl* owner = nullptr;
  std::unique_ptr<CURL, EasyDeleter> easy;
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  FetchRequest request;
  FetchResponse response;
  FetchCallback done;
  std::chrono::steady_clock::time_point started;
  bool got_first_byte = false;
  bool first_byte_expired = false;
  bool private_refused = false;
  char errbuf[CURL_ERROR_SIZE] = {};
};

class Fetcher::Impl {
 public:
  Impl(boost::asio::io_context& io, FetcherOptions options)
      : io_(io), options_(std::move(options)), timer_(io) {}

  ~Impl();
  Status Init();

  void Start(FetchRequest request, FetchCallback done);
  void CancelAll();
  size_t active() const { return transfers_.size(); }

  // (Public for the two source files; the class itself is internal.)
  // --- curl callbacks (static trampolines) ---
  static int OnSocket(CURL* easy, curl_socket_t s, int what, void* userp, void* socketp);
  static int OnTimer(CURLM* multi, long timeout_ms, void* userp);
  static curl_socket_t OnOpenSocket(void* clientp, curlsocktype purpose, curl_sockaddr* addr);
  static int OnCloseSocket(void* clientp, curl_socket_t s);
  static size_t OnWrite(char* data, size_t size, size_t n, void* userp);
  static size_t OnHeader(char* data, size_t size, size_t n, void* userp);
  static int OnProgress(void* clientp, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
  static int OnPrereq(void* clientp, char* primary_ip, char* local_ip, int primary_port,
                      int local_port);

  bool IsPrivate(std::string_view ip, int port) const {
    return options_.is_private ? options_.is_private(ip, port) : IsPrivateAddress(ip);
  }

  std::shared_ptr<SocketState> Register(curl_socket_t s, bool owned);
  void Forget(SocketState& state);
  void Arm(const std::shared_ptr<SocketState>& state);
  void ArmDirection(const std::shared_ptr<SocketState>& state, bool read);
  void OnReady(const std::shared_ptr<SocketState>& state, bool read,
               const boost::system::error_code& ec);
  void Action(curl_socket_t s, int flags);
  void CheckDone();
  FetchResponse Finish(Transfer& t, CURLcode code);

  boost::asio::io_context& io_;
  FetcherOptions options_;
  CURLM* multi_ = nullptr;
  boost::asio::steady_timer timer_;
  uint64_t timer_generation_ = 0;
  std::unordered_map<curl_socket_t, std::shared_ptr<SocketState>> sockets_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers_;
};

}  // namespace sightline::crawler::internal
