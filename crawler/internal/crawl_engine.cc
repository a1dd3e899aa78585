#include "crawler/internal/crawl_engine.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cctype>
#include <mutex>

#include "common/url.h"
#include "crawler/internal/address.h"
#include "crawler/retry_policy.h"

namespace sightline::crawler::internal {

namespace asio = boost::asio;

std::string HeaderValue(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

CrawlEngine::CrawlEngine(const CrawlOptions& options, CrawlScope scope, PageSink* sink, int stop_fd)
    : o_(options),
      sink_(sink),
      clock_(options.clock != nullptr ? *options.clock : DefaultClock()),
      user_agent_(options.user_agent.empty() ? DefaultUserAgent() : options.user_agent),
      frontier_(FrontierOptions{options.max_pages, options.max_depth, options.follow_links,
                                options.limits},
                std::move(scope)),
      scheduler_(steady_, options.per_host, options.delay),
      dispatch_timer_(io_),
      stop_watch_(io_),
      rng_(options.random_seed != 0 ? options.random_seed : std::random_device{}()),
      bridge_(std::make_shared<Bridge>()) {
  max_unreleased_ = options.max_unreleased_pages > 0 ? options.max_unreleased_pages
                                                     : 2 * std::max(1, options.concurrency);
  boost::system::error_code ec;
  stop_watch_.assign(stop_fd, ec);
  bridge_->io = &io_;
  bridge_->engine = this;
}

CrawlEngine::~CrawlEngine() {
  {
    std::lock_guard lock(bridge_->mu);
    bridge_->io = nullptr;
    bridge_->engine = nullptr;
  }
  if (stop_watch_.is_open()) stop_watch_.release();  // the Crawler owns the pipe
}

Result<CrawlSummary> CrawlEngine::Run() {
  FetcherOptions fo;
  fo.max_host_connections = o_.per_host;
  fo.max_total_connections = o_.concurrency;
  fo.is_private = o_.is_private_address;
  auto fetcher = Fetcher::Create(io_, std::move(fo));
  if (!fetcher) return Unexpected(fetcher.error());
  fetcher_ = std::move(*fetcher);
  started_ = steady_.SteadyNow();

  stop_watch_.async_wait(asio::posix::stream_descriptor::wait_read,
                         [this](const boost::system::error_code& ec) {
                           if (!ec) OnStop();
                         });
  asio::post(io_, [this] {
    AddSeeds();
    Dispatch();
  });
  io_.run();
  // Transfers are gone; the multi handle closes its pooled connections here, while the
  // io_context (and so the socket registry's descriptors) still exists.
  fetcher_.reset();
  summary_.seconds = std::chrono::duration<double>(steady_.SteadyNow() - started_).count();
  return summary_;
}

void CrawlEngine::AddSeeds() {
  for (const std::string& seed : o_.seeds) {
    CrawlJob job;
    job.url = seed;
    job.discovered_by = Discovery::kSeed;
    Admit(std::move(job));
  }
}

void CrawlEngine::Admit(CrawlJob job) {
  if (stopping_) return;
  const Admission a = frontier_.Admit(job);
  if (a == Admission::kDuplicate || a == Admission::kInvalidUrl || a == Admission::kNotFollowing) {
    return;  // not worth a line in the summary
  }
  if (a != Admission::kAdmitted) {
    ++summary_.skipped;
    ++summary_.skipped_by_reason[AdmissionName(a)];
    return;
  }
  if (o_.resume_lookup) {
    if (std::optional<FetchedPage> page = o_.resume_lookup(job.url)) {
      page->resumed = true;
      Deliver(std::move(*page), job.from_public);
      return;
    }
  }
  frontier_.Push(std::move(job));
}

FetchRequest CrawlEngine::MakeRequest(const std::string& url, size_t max_body,
                                      bool from_public) const {
  FetchRequest r;
  r.url = url;
  r.user_agent = user_agent_;
  r.max_body = max_body;
  r.connect_timeout = o_.connect_timeout;
  r.first_byte_timeout = o_.first_byte_timeout;
  r.total_timeout = o_.total_timeout;
  r.low_speed_bytes = o_.low_speed_bytes;
  r.low_speed_time = o_.low_speed_time;
  r.refuse_private = from_public && !o_.allow_private;
  return r;
}

bool CrawlEngine::IsPublic(const FetchResponse& r) const {
  if (r.primary_ip.empty()) return false;
  const bool is_private = o_.is_private_address
                              ? o_.is_private_address(r.primary_ip, r.primary_port)
                              : IsPrivateAddress(r.primary_ip);
  return !is_private;
}

void CrawlEngine::Dispatch() {
  if (finished_) return;
  if (stopping_) return CheckDone();
  const SteadyTime now = steady_.SteadyNow();
  std::optional<SteadyTime> wake;
  auto consider = [&](SteadyTime t) {
    if (!wake || t < *wake) wake = t;
  };
  // Every origin with pages reads its robots.txt (and sitemaps) first.
  std::vector<std::string> origins = frontier_.Origins();
  for (const std::string& origin : origins) {
    OriginState& st = origins_[origin];
    if (st.phase == Phase::kNew) QueueRobots(origin, frontier_.Peek(origin)->from_public);
  }
  for (const auto& [origin, queue] : aux_) {
    if (!queue.empty() && !std::count(origins.begin(), origins.end(), origin)) {
      origins.push_back(origin);
    }
  }
  for (const std::string& origin : origins) {
    OriginState& st = origins_[origin];
    while (in_flight_ < o_.concurrency && !stopping_) {
      std::deque<AuxJob>& aux = aux_[origin];
      const bool is_aux = !aux.empty();
      if (is_aux) {
        if (aux.front().not_before > now) {
          consider(aux.front().not_before);
          break;
        }
      } else {
        if (st.phase != Phase::kReady || !frontier_.HasJobs(origin)) break;
        // Backpressure: while the sink is behind, page bodies would only pile up in its
        // queue; wait for it to release pages (OnLinks dispatches again).
        if (outstanding_ + in_flight_ >= max_unreleased_) break;
        if (st.given_up) {
          GiveUp(origin, st.given_up_reason);
          break;
        }
        const CrawlJob* next = frontier_.Peek(origin);
        if (next->not_before > now) {
          consider(next->not_before);
          break;
        }
        if (!st.robots.AllowedUrl(user_agent_, next->url)) {
          CrawlJob job = *frontier_.Pop(origin);
          FetchedPage page = BasePage(job);
          if (st.private_refused && job.from_public && !o_.allow_private) {
            page.error = job.redirects.empty() ? "private_address" : "redirect_private";
            page.error_detail = "a public page leads to a private address";
          } else if (!st.robots_error.empty()) {
            page.error = "host_unreachable";
            page.error_detail = "robots.txt could not be fetched (" + st.robots_error + ")";
          } else if (st.robots_status == "unreachable") {
            page.error = "robots_disallowed";
            page.error_detail = "robots.txt answered an error: RFC 9309 means disallow all";
          } else {
            page.error = "robots_disallowed";
            page.error_detail = "robots.txt disallows " + RobotsProductToken(user_agent_);
          }
          Deliver(std::move(page), job.from_public);
          continue;
        }
      }
      const std::optional<SteadyTime> start = scheduler_.NextStart(origin);
      if (!start) break;  // a slot frees when a transfer ends, which dispatches again
      if (*start > steady_.SteadyNow()) {  // NextStart() reads the clock itself: compare afresh
        consider(*start);
        break;
      }
      if (is_aux) {
        AuxJob job = std::move(aux.front());
        aux.pop_front();
        StartAux(std::move(job));
      } else {
        StartPage(*frontier_.Pop(origin));
      }
    }
  }
  if (wake) {
    dispatch_timer_.expires_after(*wake - now);
    dispatch_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) Dispatch();
    });
  }
  CheckDone();
}

void CrawlEngine::StartPage(CrawlJob job) {
  scheduler_.Started(job.origin);
  ++in_flight_;
  ++job.attempts;
  FetchRequest request = MakeRequest(job.url, o_.max_body_bytes, job.from_public);
  if (o_.validators && job.redirects.empty()) {
    if (std::optional<Validators> v = o_.validators(job.url)) {
      if (!v->etag.empty()) request.headers.push_back("If-None-Match: " + v->etag);
      if (!v->last_modified.empty()) {
        request.headers.push_back("If-Modified-Since: " + v->last_modified);
      }
    }
  }
  fetcher_->Start(std::move(request), [this, job = std::move(job)](FetchResponse r) mutable {
    OnPageDone(std::move(job), std::move(r));
  });
}

std::chrono::milliseconds CrawlEngine::RetryDelay(const FetchResponse& r, int attempts) {
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  std::chrono::milliseconds delay = BackoffDelay(attempts, o_.retry_base_delay, jitter(rng_));
  for (const auto& [name, value] : r.headers) {
    if (name != "retry-after") continue;
    if (auto after = ParseRetryAfter(value, steady_.WallNow())) {
      const auto capped = std::min<std::chrono::seconds>(*after, o_.max_retry_after);
      delay = std::max<std::chrono::milliseconds>(delay, capped);
    }
  }
  return delay;
}

bool CrawlEngine::ShouldRetry(const FetchResponse& r, int attempts, const std::string& origin) {
  if (stopping_ || attempts >= o_.max_retries || origins_[origin].given_up) return false;
  return r.error.empty() ? IsRetryableStatus(r.status) : IsRetryableError(r.error);
}

void CrawlEngine::OnPageDone(CrawlJob job, FetchResponse r) {
  scheduler_.Finished(job.origin);
  --in_flight_;
  if (r.error == "cancelled") {
    ++summary_.skipped;
    ++summary_.skipped_by_reason["stopped"];
    CheckDone();
    return;
  }
  if (ShouldRetry(r, job.attempts, job.origin)) {
    const auto delay = RetryDelay(r, job.attempts);
    job.not_before = steady_.SteadyNow() + delay;
    // A server that says "slow down" means the whole origin, not just this URL.
    if (r.status == 429 || r.status == 503) scheduler_.BackOffUntil(job.origin, job.not_before);
    frontier_.Requeue(std::move(job));
    Dispatch();
    return;
  }
  OriginState& st = origins_[job.origin];
  const bool host_failure = (!r.error.empty() && (IsRetryableError(r.error) || r.error == "dns")) ||
                            (r.error.empty() && IsRetryableStatus(r.status));
  st.consecutive_failures = host_failure ? st.consecutive_failures + 1 : 0;
  const std::string failure = r.error.empty() ? "http_" + std::to_string(r.status) : r.error;
  const std::string origin = job.origin;
  const bool redirect = r.error.empty() && r.status >= 300 && r.status < 400 && r.status != 304 &&
                        !HeaderValue(r.headers, "location").empty();
  if (redirect) {
    HandleRedirect(std::move(job), std::move(r));
  } else {
    SettlePage(job, std::move(r));
  }
  if (host_failure && st.consecutive_failures >= o_.host_failure_limit && !st.given_up) {
    GiveUp(origin, std::to_string(st.consecutive_failures) +
                       " URLs in a row failed (last: " + failure + ")");
  }
  Dispatch();
}

void CrawlEngine::OnStop() {
  if (stopping_ || finished_) return;
  stopping_ = true;
  summary_.stopped = true;
  dispatch_timer_.cancel();
  fetcher_->CancelAll();
  for (const std::string& origin : frontier_.Origins()) {
    const size_t n = frontier_.Drain(origin).size();
    summary_.skipped += static_cast<int>(n);
    summary_.skipped_by_reason["stopped"] += static_cast<int>(n);
  }
  aux_.clear();
  CheckDone();
}

bool CrawlEngine::AuxPending() const {
  return std::any_of(aux_.begin(), aux_.end(), [](const auto& kv) { return !kv.second.empty(); });
}

void CrawlEngine::CheckDone() {
  if (finished_ || in_flight_ > 0 || outstanding_ > 0 || frontier_.queued() > 0 || AuxPending()) {
    return;
  }
  finished_ = true;
  dispatch_timer_.cancel();
  boost::system::error_code ec;
  stop_watch_.cancel(ec);
  Progress();
  // Idle pooled connections still have waits registered: stop the loop rather than wait.
  io_.stop();
}

void CrawlEngine::Progress() {
  if (!o_.on_progress) return;
  CrawlProgress p;
  p.fetched = summary_.fetched;
  p.failed = summary_.failed;
  p.skipped = summary_.skipped;
  p.queued = static_cast<int>(frontier_.queued());
  p.in_flight = in_flight_;
  p.bytes = summary_.bytes;
  p.seconds = std::chrono::duration<double>(steady_.SteadyNow() - started_).count();
  o_.on_progress(p);
}

}  // namespace sightline::crawler::internal
