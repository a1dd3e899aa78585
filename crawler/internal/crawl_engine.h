// CrawlEngine: the crawl's state machine, run on one thread by one io_context. It moves URLs
// from the Frontier through robots.txt and sitemaps (per origin, before the origin's pages),
// the HostScheduler and the Fetcher, follows redirects, retries, gives up failing origins,
// hands settled pages to the sink and admits the links the sink returns. Everything here runs
// on the io thread; the only cross-thread entries are the sink's LinksCallback (posted
// through a mutex-guarded bridge) and the stop pipe (a byte written by Crawler::Stop()).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "crawler/crawler.h"
#include "crawler/frontier.h"
#include "crawler/host_scheduler.h"
#include "crawler/internal/fetcher.h"
#include "crawler/robots.h"

namespace sightline::crawler::internal {

// First value of a header (name lower-case), or "".
std::string HeaderValue(const HeaderList& headers, std::string_view name);

class CrawlEngine {
 public:
  // `options.seeds` must already be valid; `stop_fd` is the read end of the stop pipe (not
  // owned).
  CrawlEngine(const CrawlOptions& options, CrawlScope scope, PageSink* sink, int stop_fd);
  ~CrawlEngine();

  Result<CrawlSummary> Run();

  struct Bridge;  // the sink's way back onto the io thread

 private:
  enum class Phase { kNew, kRobots, kSitemaps, kReady };
  struct OriginState {
    Phase phase = Phase::kNew;
    RobotsTxt robots;
    std::string robots_status = "none";
    int sitemaps_pending = 0;
    int sitemap_files = 0;
    std::unordered_set<std::string> sitemaps_seen;
    int consecutive_failures = 0;
    bool given_up = false;
    bool private_refused = false;
    std::string robots_error;  // transport error of robots.txt: the host is unreachable  //
                               // robots.txt was refused: the origin is a private address
    std::string given_up_reason;
  };
  enum class AuxKind { kRobots, kSitemap };
  struct AuxJob {
    AuxKind kind = AuxKind::kRobots;
    std::string url;
    std::string origin;      // of `url` (politeness)
    std::string for_origin;  // whose robots/sitemaps these are
    int hops = 0;
    int attempts = 0;
    int index_depth = 0;
    bool from_public = false;
    SteadyTime not_before{};
  };

  // crawl_engine.cc: admission, dispatch, retries, stop; crawl_engine_settle.cc: redirects,
  // settling and delivering pages.
  void AddSeeds();
  void Admit(CrawlJob job);
  void Dispatch();
  void StartPage(CrawlJob job);
  void OnPageDone(CrawlJob job, FetchResponse r);
  void HandleRedirect(CrawlJob job, FetchResponse r);
  FetchedPage BasePage(const CrawlJob& job);
  void SettlePage(const CrawlJob& job, FetchResponse r);
  void Deliver(FetchedPage page, bool from_public);
  void OnLinks(std::vector<std::string> links, int depth, const std::string& base,
               bool from_public);
  void GiveUp(const std::string& origin, const std::string& reason);
  void OnStop();
  void CheckDone();
  void Progress();
  FetchRequest MakeRequest(const std::string& url, size_t max_body, bool from_public) const;
  bool IsPublic(const FetchResponse& r) const;
  bool ShouldRetry(const FetchResponse& r, int attempts, const std::string& origin);
  std::chrono::milliseconds RetryDelay(const FetchResponse& r, int attempts);

  // crawl_engine_aux.cc: robots.txt and sitemaps.
  void QueueRobots(const std::string& origin, bool from_public);
  void StartAux(AuxJob job);
  void OnAuxDone(AuxJob job, FetchResponse r);
  void SettleRobots(const AuxJob& job, const FetchResponse& r);
  void SettleSitemap(const AuxJob& job, const FetchResponse& r);
  void QueueSitemap(const std::string& url, const std::string& for_origin, int index_depth,
                    bool from_public);
  void SitemapDone(const std::string& for_origin);
  bool AuxPending() const;
  RobotsAccess AccessFor(const std::string& url);

  const CrawlOptions& o_;
  PageSink* sink_;
  const Clock& clock_;  // timestamps handed on (fetched_at)
  // Scheduling must agree with the Asio timers that wait for it, so it runs on real time
  // whatever clock the caller passed (a FakeClock would otherwise stall a live crawl).
  const RealClock steady_;
  std::string user_agent_;
  boost::asio::io_context io_;
  std::unique_ptr<Fetcher> fetcher_;
  Frontier frontier_;
  HostScheduler scheduler_;
  boost::asio::steady_timer dispatch_timer_;
  boost::asio::posix::stream_descriptor stop_watch_;
  std::mt19937_64 rng_;
  std::shared_ptr<Bridge> bridge_;

  std::map<std::string, OriginState> origins_;
  std::map<std::string, std::deque<AuxJob>> aux_;
  std::unordered_map<uint64_t, std::optional<std::string>> sitemap_pages_;  // key -> lastmod
  int in_flight_ = 0;
  int outstanding_ = 0;     // pages handed to the sink and not yet released
  int max_unreleased_ = 0;  // page transfers + unreleased pages allowed at once
  bool stopping_ = false;
  bool finished_ = false;
  SteadyTime started_{};
  CrawlSummary summary_;
};

// Lets the sink release pages from any thread, also after the crawl ended (then it is a no-op).
struct CrawlEngine::Bridge {
  std::mutex mu;
  boost::asio::io_context* io = nullptr;
  CrawlEngine* engine = nullptr;

  template <class F>
  void Post(F fn) {
    std::lock_guard lock(mu);
    if (io == nullptr) return;
    boost::asio::post(*io, [engine = engine, fn = std::move(fn)]() mutable { fn(*engine); });
  }
};

}  // namespace sightline::crawler::internal
