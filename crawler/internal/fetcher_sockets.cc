// Fetcher: the socket registry and the multi timer, i.e. libcurl's multi_socket API driven by
// Asio. Traps handled here: a -1 timeout cancels the timer; socket_action is never called
// from inside a curl callback (the timer always goes through the io_context); sockets outlive
// their easy handles (pooled connections) so the registry belongs to the multi handle;
// CURL_POLL_REMOVE may come after the close callback, or not at all; IPv4 and IPv6 sockets.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

#include "crawler/internal/address.h"
#include "crawler/internal/fetcher_impl.h"

namespace sightline::crawler::internal {

namespace asio = boost::asio;

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

}  // namespace sightline::crawler::internal
