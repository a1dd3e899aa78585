// Fetcher: transfers (easy-handle setup, write/header/progress/prereq callbacks, outcome
// mapping) and the facade. The socket registry and timer are in fetcher_sockets.cc.
#include "crawler/internal/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cctype>
#include <mutex>

#include "crawler/internal/fetcher_impl.h"

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

Fetcher::Impl::~Impl() {
  timer_.cancel();
  // Transfers first (remove before cleanup), then the multi handle, whose cleanup closes the
  // pooled connections through our CLOSESOCKETFUNCTION: the registry must still exist.
  for (auto& [easy, transfer] : transfers_) curl_multi_remove_handle(multi_, easy);
  transfers_.clear();
  if (multi_ != nullptr) curl_multi_cleanup(multi_);
  for (auto& [fd, state] : sockets_) Forget(*state);
  sockets_.clear();
}

Status Fetcher::Impl::Init() {
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
