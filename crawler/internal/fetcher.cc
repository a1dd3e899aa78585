#include "crawler/internal/fetcher.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cctype>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "crawler/internal/address.h"

namespace sightline::crawler::internal {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

constexpr size_t kMaxHeaders = 200;
constexpr size_t kMaxHeaderValue = 8192;

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// One socket curl asked us to watch. Handlers hold a shared_ptr, so a socket closed (and its
// fd number reused) while a wait is queued is recognised by `closed`.
struct SocketState {
  SocketState(asio::io_context& io, curl_socket_t s) : desc(io), fd(s) {}
  asio::posix::stream_descriptor desc;
  curl_socket_t fd;
  int what = 0;        // CURL_POLL_IN/OUT/INOUT, 0 after CURL_POLL_REMOVE
  bool owned = false;  // opened by our OPENSOCKETFUNCTION (we close it)
  bool closed = false;
  bool read_pending = false;
  bool write_pending = false;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

struct Transfer {
  Fetcher::Impl* owner = nullptr;
  std::unique_ptr<CURL, EasyDeleter> easy;
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  FetchRequest request;
  FetchResponse response;
  FetchCallback done;
  Clock::time_point started;
  bool got_first_byte = false;
  bool first_byte_expired = false;
  bool private_refused = false;
  char errbuf[CURL_ERROR_SIZE] = {};
};

class Fetcher::Impl {
 public:
  Impl(asio::io_context& io, FetcherOptions options)
      : io_(io), options_(std::move(options)), timer_(io) {}

  ~Impl() {
    timer_.cancel();
    // Transfers first (remove before cleanup), then the multi handle, whose cleanup closes the
    // pooled connections through our CLOSESOCKETFUNCTION: the registry must still exist.
    for (auto& [easy, transfer] : transfers_) curl_multi_remove_handle(multi_, easy);
    transfers_.clear();
    if (multi_ != nullptr) curl_multi_cleanup(multi_);
    for (auto& [fd, state] : sockets_) Forget(*state);
    sockets_.clear();
  }

  Status Init() {
    GlobalInit();
    multi_ = curl_multi_init();
    if (multi_ == nullptr) return Fail(ErrorCode::kInternal, "curl_multi_init failed");
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &Impl::OnSocket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &Impl::OnTimer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS,
                      static_cast<long>(std::max(1, options_.max_host_connections)));
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                      static_cast<long>(std::max(1, options_.max_total_connections)));
    curl_multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    return Ok();
  }

  void Start(FetchRequest request, FetchCallback done);
  void CancelAll();
  size_t active() const { return transfers_.size(); }

 private:
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

  asio::io_context& io_;
  FetcherOptions options_;
  CURLM* multi_ = nullptr;
  asio::steady_timer timer_;
  uint64_t timer_generation_ = 0;
  std::unordered_map<curl_socket_t, std::shared_ptr<SocketState>> sockets_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers_;
};

// ---------------------------------------------------------------- socket registry

std::shared_ptr<SocketState> Fetcher::Impl::Register(curl_socket_t s, bool owned) {
  if (auto it = sockets_.find(s); it != sockets_.end()) {
    // A stale entry: curl closed a socket it did not open through us and the number came back.
    Forget(*it->second);
    sockets_.erase(it);
  }
  auto state = std::make_shared<SocketState>(io_, s);
  state->owned = owned;
  boost::system::error_code ec;
  state->desc.assign(s, ec);
  if (ec) return nullptr;
  sockets_[s] = state;
  return state;
}

// Stops watching without closing the fd (curl or OnCloseSocket owns the close).
void Fetcher::Impl::Forget(SocketState& state) {
  state.closed = true;
  boost::system::error_code ec;
  state.desc.cancel(ec);
  if (state.desc.is_open()) state.desc.release();
}

curl_socket_t Fetcher::Impl::OnOpenSocket(void* clientp, curlsocktype purpose,
                                          curl_sockaddr* addr) {
  auto* t = static_cast<Transfer*>(clientp);
  Impl* self = t->owner;
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  if (addr->family != AF_INET && addr->family != AF_INET6) return CURL_SOCKET_BAD;
  if (t->request.refuse_private) {
    char ip[INET6_ADDRSTRLEN] = {};
    int port = 0;
    if (addr->family == AF_INET) {
      const auto* sin = reinterpret_cast<const sockaddr_in*>(&addr->addr);
      inet_ntop(AF_INET, &sin->sin_addr, ip, sizeof(ip));
      port = ntohs(sin->sin_port);
    } else {
      const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(&addr->addr);
      inet_ntop(AF_INET6, &sin6->sin6_addr, ip, sizeof(ip));
      port = ntohs(sin6->sin6_port);
    }
    // Refused before any packet leaves: a public page must not make us probe an intranet.
    if (self->IsPrivate(ip, port)) {
      t->private_refused = true;
      return CURL_SOCKET_BAD;
    }
  }
  const curl_socket_t s = ::socket(addr->family, addr->socktype | SOCK_CLOEXEC, addr->protocol);
  if (s == CURL_SOCKET_BAD) return CURL_SOCKET_BAD;
  if (!self->Register(s, /*owned=*/true)) {
    ::close(s);
    return CURL_SOCKET_BAD;
  }
  return s;
}

int Fetcher::Impl::OnCloseSocket(void* clientp, curl_socket_t s) {
  auto* self = static_cast<Impl*>(clientp);
  // CURL_POLL_REMOVE may or may not have come first: drop the registry entry either way.
  if (auto it = self->sockets_.find(s); it != self->sockets_.end()) {
    self->Forget(*it->second);
    self->sockets_.erase(it);
  }
  return ::close(s);
}

int Fetcher::Impl::OnSocket(CURL*, curl_socket_t s, int what, void* userp, void*) {
  auto* self = static_cast<Impl*>(userp);
  auto it = self->sockets_.find(s);
  if (what == CURL_POLL_REMOVE) {
    if (it == self->sockets_.end()) return 0;
    std::shared_ptr<SocketState> state = it->second;
    state->what = 0;
    if (!state->owned) {
      // Not ours to close (e.g. the threaded resolver's socketpair): stop watching now.
      self->Forget(*state);
      self->sockets_.erase(it);
    } else {
      boost::system::error_code ec;
      state->desc.cancel(ec);  // an idle pooled connection needs no wait
    }
    return 0;
  }
  std::shared_ptr<SocketState> state =
      it != self->sockets_.end() ? it->second : self->Register(s, /*owned=*/false);
  if (!state) return -1;
  state->what = what;
  self->Arm(state);
  return 0;
}

void Fetcher::Impl::Arm(const std::shared_ptr<SocketState>& state) {
  if ((state->what & CURL_POLL_IN) && !state->read_pending) ArmDirection(state, true);
  if ((state->what & CURL_POLL_OUT) && !state->write_pending) ArmDirection(state, false);
}

void Fetcher::Impl::ArmDirection(const std::shared_ptr<SocketState>& state, bool read) {
  (read ? state->read_pending : state->write_pending) = true;
  // Asio's epoll reactor is edge-triggered and its waits are not speculative: readiness that
  // arrived while no wait was queued would be missed. Look first, and act at once if ready.
  pollfd p{state->fd, static_cast<short>(read ? POLLIN : POLLOUT), 0};
  if (::poll(&p, 1, 0) > 0) {
    asio::post(io_, [this, state, read] { OnReady(state, read, {}); });
    return;
  }
  state->desc.async_wait(
      read ? asio::posix::stream_descriptor::wait_read : asio::posix::stream_descriptor::wait_write,
      [this, state, read](const boost::system::error_code& ec) { OnReady(state, read, ec); });
}

void Fetcher::Impl::OnReady(const std::shared_ptr<SocketState>& state, bool read,
                            const boost::system::error_code& ec) {
  (read ? state->read_pending : state->write_pending) = false;
  if (state->closed || ec == asio::error::operation_aborted) {
    if (!state->closed) Arm(state);  // cancelled by CURL_POLL_REMOVE; curl may want it again
    return;
  }
  const int mask = read ? CURL_POLL_IN : CURL_POLL_OUT;
  if ((state->what & mask) == 0) return;
  Action(state->fd, ec ? CURL_CSELECT_ERR : (read ? CURL_CSELECT_IN : CURL_CSELECT_OUT));
  if (!state->closed) Arm(state);
}

int Fetcher::Impl::OnTimer(CURLM*, long timeout_ms, void* userp) {
  auto* self = static_cast<Impl*>(userp);
  ++self->timer_generation_;
  self->timer_.cancel();
  if (timeout_ms < 0) return 0;  // -1: delete the timer
  // Even a 0 ms timeout goes through the io_context: calling socket_action from inside this
  // callback would re-enter libcurl.
  self->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
  const uint64_t generation = self->timer_generation_;
  self->timer_.async_wait([self, generation](const boost::system::error_code& ec) {
    if (ec || generation != self->timer_generation_) return;
    self->Action(CURL_SOCKET_TIMEOUT, 0);
  });
  return 0;
}

void Fetcher::Impl::Action(curl_socket_t s, int flags) {
  int running = 0;
  curl_multi_socket_action(multi_, s, flags, &running);
  CheckDone();
}

// ---------------------------------------------------------------- transfers

size_t Fetcher::Impl::OnWrite(char* data, size_t size, size_t n, void* userp) {
  auto* t = static_cast<Transfer*>(userp);
  const size_t bytes = size * n;
  t->got_first_byte = true;
  std::string& body = t->response.body;
  const size_t room = t->request.max_body > body.size() ? t->request.max_body - body.size() : 0;
  if (bytes > room) {
    // Decoded data arrives in pieces of at most CURL_MAX_WRITE_SIZE, so a gzip bomb never
    // costs more than the cap: keep what fits and stop the transfer.
    body.append(data, room);
    t->response.truncated = true;
    return 0;
  }
  body.append(data, bytes);
  return bytes;
}

size_t Fetcher::Impl::OnHeader(char* data, size_t size, size_t n, void* userp) {
  auto* t = static_cast<Transfer*>(userp);
  const size_t bytes = size * n;
  t->got_first_byte = true;
  std::string_view line(data, bytes);
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();  // a new response (after 1xx): keep only the final one
    return bytes;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || t->response.headers.size() >= kMaxHeaders) return bytes;
  std::string value(TrimView(line.substr(colon + 1)));
  if (value.size() > kMaxHeaderValue) value.resize(kMaxHeaderValue);
  t->response.headers.emplace_back(Lower(std::string(TrimView(line.substr(0, colon)))),
                                   std::move(value));
  return bytes;
}

int Fetcher::Impl::OnProgress(void* clientp, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(clientp);
  if (!t->got_first_byte && Clock::now() - t->started > t->request.first_byte_timeout) {
    t->first_byte_expired = true;
    return 1;
  }
  return 0;
}

int Fetcher::Impl::OnPrereq(void* clientp, char* primary_ip, char*, int primary_port, int) {
  auto* t = static_cast<Transfer*>(clientp);
  // Also catches a reused connection, which never passes through OPENSOCKETFUNCTION.
  if (t->request.refuse_private && t->owner->IsPrivate(primary_ip, primary_port)) {
    t->private_refused = true;
    return CURL_PREREQFUNC_ABORT;
  }
  return CURL_PREREQFUNC_OK;
}

void Fetcher::Impl::Start(FetchRequest request, FetchCallback done) {
  auto t = std::make_unique<Transfer>();
  t->owner = this;
  t->request = std::move(request);
  t->done = std::move(done);
  t->started = Clock::now();
  t->easy.reset(curl_easy_init());
  CURL* e = t->easy.get();
  if (e == nullptr) {
    FetchResponse r;
    r.error = "internal";
    r.error_detail = "curl_easy_init failed";
    asio::post(io_, [cb = std::move(t->done), r = std::move(r)]() mutable { cb(std::move(r)); });
    return;
  }
  const FetchRequest& q = t->request;
  curl_slist* list = nullptr;
  for (const std::string& h : q.headers) {
    if (curl_slist* next = curl_slist_append(list, h.c_str())) list = next;
  }
  t->headers.reset(list);
  curl_easy_setopt(e, CURLOPT_URL, q.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
  curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl can decode
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt(e, CURLOPT_IPRESOLVE, static_cast<long>(CURL_IPRESOLVE_WHATEVER));
  curl_easy_setopt(e, CURLOPT_USERAGENT, q.user_agent.c_str());
  if (t->headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers.get());
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(q.connect_timeout.count()));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(q.total_timeout.count()));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, q.low_speed_bytes);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(q.low_speed_time.count()));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::OnWrite);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::OnHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, &Impl::OnProgress);
  curl_easy_setopt(e, CURLOPT_XFERINFODATA, t.get());
  curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, &Impl::OnPrereq);
  curl_easy_setopt(e, CURLOPT_PREREQDATA, t.get());
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &Impl::OnOpenSocket);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t.get());
  // Sockets outlive transfers (connection reuse): the close callback gets the Fetcher.
  curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, &Impl::OnCloseSocket);
  curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, this);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
  transfers_[e] = std::move(t);
  curl_multi_add_handle(multi_, e);
}

FetchResponse Fetcher::Impl::Finish(Transfer& t, CURLcode code) {
  CURL* e = t.easy.get();
  FetchResponse r = std::move(t.response);
  long status = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  r.status = static_cast<int>(status);
  char* ip = nullptr;
  if (curl_easy_getinfo(e, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) {
    r.primary_ip = ip;
  }
  long port = 0;
  curl_easy_getinfo(e, CURLINFO_PRIMARY_PORT, &port);
  r.primary_port = static_cast<int>(port);
  curl_off_t us = 0;
  if (curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &us) == CURLE_OK) {
    r.timings.connect_ms = static_cast<double>(us) / 1000.0;
  }
  if (curl_easy_getinfo(e, CURLINFO_STARTTRANSFER_TIME_T, &us) == CURLE_OK) {
    r.timings.first_byte_ms = static_cast<double>(us) / 1000.0;
  }
  if (curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &us) == CURLE_OK) {
    r.timings.total_ms = static_cast<double>(us) / 1000.0;
  }
  const std::string detail = t.errbuf[0] != '\0' ? t.errbuf : curl_easy_strerror(code);
  auto fail = [&](const char* error) {
    r.error = error;
    r.error_detail = detail;
  };
  switch (code) {
    case CURLE_OK:
      break;
    case CURLE_WRITE_ERROR:
      if (!r.truncated) fail("network");
      break;
    case CURLE_ABORTED_BY_CALLBACK:
      if (t.private_refused) {
        r.error = "private";
        r.error_detail = "peer address " + r.primary_ip + " is private";
      } else if (t.first_byte_expired) {
        r.error = "first_byte";
        r.error_detail =
            "no response within " + std::to_string(t.request.first_byte_timeout.count()) + " ms";
      } else {
        fail("cancelled");
      }
      break;
    case CURLE_COULDNT_CONNECT:
      if (t.private_refused) {
        r.error = "private";
        r.error_detail = "every address of the host is private";
      } else {
        fail("connect");
      }
      break;
    case CURLE_OPERATION_TIMEDOUT:
      fail(detail.find("too slow") != std::string::npos ? "low_speed" : "timeout");
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      fail("dns");
      break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      fail("reset");
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      fail("tls");
      break;
    case CURLE_BAD_CONTENT_ENCODING:
      fail("decoding");
      break;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      fail("protocol");
      break;
    default:
      fail("network");
      break;
  }
  return r;
}

void Fetcher::Impl::CheckDone() {
  // Collect first, call back after: a callback may start new transfers.
  std::vector<std::pair<FetchCallback, FetchResponse>> finished;
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    const CURLcode code = msg->data.result;
    auto it = transfers_.find(easy);
    if (it == transfers_.end()) continue;
    std::unique_ptr<Transfer> t = std::move(it->second);
    transfers_.erase(it);
    FetchResponse r = Finish(*t, code);
    curl_multi_remove_handle(multi_, easy);  // before the easy handle is cleaned up
    finished.emplace_back(std::move(t->done), std::move(r));
  }
  for (auto& [done, response] : finished) done(std::move(response));
}

void Fetcher::Impl::CancelAll() {
  std::vector<std::pair<FetchCallback, FetchResponse>> cancelled;
  for (auto& [easy, t] : transfers_) {
    curl_multi_remove_handle(multi_, easy);
    FetchResponse r;
    r.error = "cancelled";
    r.error_detail = "crawl stopped";
    cancelled.emplace_back(std::move(t->done), std::move(r));
  }
  transfers_.clear();
  for (auto& [done, response] : cancelled) done(std::move(response));
}

// ---------------------------------------------------------------- Fetcher

Result<std::unique_ptr<Fetcher>> Fetcher::Create(asio::io_context& io, FetcherOptions options) {
  auto impl = std::make_unique<Impl>(io, std::move(options));
  if (Status s = impl->Init(); !s) return Unexpected(s.error());
  return std::unique_ptr<Fetcher>(new Fetcher(std::move(impl)));
}

Fetcher::Fetcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Fetcher::~Fetcher() = default;

void Fetcher::Start(FetchRequest request, FetchCallback done) {
  impl_->Start(std::move(request), std::move(done));
}
void Fetcher::CancelAll() { impl_->CancelAll(); }
size_t Fetcher::active() const { return impl_->active(); }

}  // namespace sightline::crawler::internal
