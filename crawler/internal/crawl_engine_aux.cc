// CrawlEngine, part two: robots.txt (RFC 9309 2.3: fetched first for every origin, redirects
// followed up to five hops, 4xx = allow all, 5xx/429/unreachable = disallow all, cached for
// the crawl) and sitemaps (robots.txt Sitemap: lines and /sitemap.xml, indexes one level
// deep, read before the origin's pages so that every page knows whether a sitemap lists it).
#include <algorithm>

#include "common/url.h"
#include "crawler/internal/crawl_engine.h"
#include "crawler/retry_policy.h"
#include "crawler/sitemap.h"

namespace sightline::crawler::internal {
namespace {

constexpr int kMaxAuxHops = 5;
constexpr int kMaxSitemapFilesPerOrigin = 50;
constexpr size_t kMaxSitemapPages = 200'000;  // URLs remembered for in_sitemap marking

}  // namespace

void CrawlEngine::QueueRobots(const std::string& origin, bool from_public) {
  OriginState& st = origins_[origin];
  st.phase = Phase::kRobots;
  AuxJob job;
  job.kind = AuxKind::kRobots;
  job.url = origin + "/robots.txt";
  job.origin = origin;
  job.for_origin = origin;
  job.from_public = from_public;
  aux_[origin].push_back(std::move(job));
}

void CrawlEngine::StartAux(AuxJob job) {
  scheduler_.Started(job.origin);
  ++in_flight_;
  ++job.attempts;
  // One byte over the robots.txt limit lets the parser notice (and record) the truncation.
  const size_t cap = job.kind == AuxKind::kRobots ? kRobotsMaxBytes + 1 : kSitemapMaxBytes;
  FetchRequest request = MakeRequest(job.url, cap, job.from_public);  // before `job` moves
  fetcher_->Start(std::move(request), [this, job = std::move(job)](FetchResponse r) mutable {
    OnAuxDone(std::move(job), std::move(r));
  });
}

void CrawlEngine::OnAuxDone(AuxJob job, FetchResponse r) {
  scheduler_.Finished(job.origin);
  --in_flight_;
  if (r.error == "cancelled") return CheckDone();
  const bool retryable = r.error.empty() ? IsRetryableStatus(r.status) : IsRetryableError(r.error);
  if (retryable && !stopping_ && job.attempts < o_.max_retries) {
    job.not_before = steady_.SteadyNow() + RetryDelay(r, job.attempts);
    if (r.status == 429 || r.status == 503) scheduler_.BackOffUntil(job.origin, job.not_before);
    const std::string origin = job.origin;
    aux_[origin].push_front(std::move(job));
    return Dispatch();
  }
  const std::string location = HeaderValue(r.headers, "location");
  if (r.error.empty() && r.status >= 300 && r.status < 400 && !location.empty() &&
      job.hops < kMaxAuxHops) {
    if (auto target = ResolveUrl(job.url, location)) {
      if (auto origin = UrlOrigin(*target)) {
        AuxJob next = job;
        next.url = *target;
        next.origin = *origin;
        next.hops = job.hops + 1;
        next.attempts = 0;
        next.not_before = {};
        next.from_public = IsPublic(r);
        aux_[next.origin].push_back(std::move(next));
        return Dispatch();
      }
    }
  }
  if (job.kind == AuxKind::kRobots) {
    SettleRobots(job, r);
  } else {
    SettleSitemap(job, r);
  }
  Dispatch();
}

void CrawlEngine::SettleRobots(const AuxJob& job, const FetchResponse& r) {
  OriginState& st = origins_[job.for_origin];
  if (r.error.empty() && r.status >= 200 && r.status < 300) {
    st.robots = RobotsTxt::Parse(r.body);
    st.robots_status = "ok";
  } else if (r.error.empty() && r.status >= 300 && r.status < 500 && r.status != 429) {
    // 4xx (and redirects that lead nowhere): "unavailable", everything allowed.
    st.robots = RobotsTxt();
    st.robots_status = "missing";
  } else {
    st.robots = RobotsTxt::DisallowAll();
    st.robots_status = "unreachable";
    st.private_refused = r.error == "private";
    if (!r.error.empty()) st.robots_error = r.error + ": " + r.error_detail;
  }
  RobotsFile file;
  file.origin = job.for_origin;
  file.status = r.status;
  file.robots_status = st.robots_status;
  file.body = r.body.substr(0, kRobotsMaxBytes);
  summary_.robots_files.push_back(std::move(file));
  if (auto delay = st.robots.CrawlDelay(user_agent_)) {
    scheduler_.SetCrawlDelay(job.for_origin, *delay);
  }
  st.phase = Phase::kReady;
  if (!o_.fetch_sitemaps || st.robots_status == "unreachable") return;
  st.phase = Phase::kSitemaps;
  std::vector<std::string> sitemaps = st.robots.sitemaps();
  sitemaps.push_back(job.for_origin + "/sitemap.xml");
  for (const std::string& url : sitemaps) {
    QueueSitemap(url, job.for_origin, 0, job.from_public);
  }
  if (st.sitemaps_pending == 0) st.phase = Phase::kReady;
}

void CrawlEngine::QueueSitemap(const std::string& url, const std::string& for_origin,
                               int index_depth, bool from_public) {
  OriginState& st = origins_[for_origin];
  auto normal = NormalizeUrl(url);
  if (!normal || st.sitemap_files >= kMaxSitemapFilesPerOrigin) return;
  if (!st.sitemaps_seen.insert(*normal).second) return;
  auto origin = UrlOrigin(*normal);
  if (!origin) return;
  ++st.sitemap_files;
  ++st.sitemaps_pending;
  AuxJob job;
  job.kind = AuxKind::kSitemap;
  job.url = *normal;
  job.origin = *origin;
  job.for_origin = for_origin;
  job.index_depth = index_depth;
  job.from_public = from_public;
  aux_[job.origin].push_back(std::move(job));
}

void CrawlEngine::SettleSitemap(const AuxJob& job, const FetchResponse& r) {
  if (r.error.empty() && r.status >= 200 && r.status < 300 && !r.body.empty()) {
    const Sitemap sitemap = ParseSitemap(r.body);
    const bool from_public = IsPublic(r);
    for (const SitemapEntry& entry : sitemap.entries) {
      if (sitemap.is_index) {
        // The protocol forbids nested indexes; one extra level is tolerated, no more.
        if (job.index_depth < 2) {
          QueueSitemap(entry.loc, job.for_origin, job.index_depth + 1, from_public);
        }
        continue;
      }
      auto normal = NormalizeUrl(entry.loc);
      if (!normal) continue;
      ++summary_.sitemap_urls;
      if (sitemap_pages_.size() < kMaxSitemapPages) {
        sitemap_pages_.emplace(UrlKey(*normal), entry.lastmod);
      }
      // URL-list mode only marks the listed pages; a site crawl also fetches sitemap-only ones.
      if (o_.follow_links) {
        CrawlJob page;
        page.url = *normal;
        page.depth = 1;
        page.discovered_by = Discovery::kSitemap;
        page.referrer = job.url;
        page.from_public = from_public;
        Admit(std::move(page));
      }
    }
  }
  SitemapDone(job.for_origin);
}

void CrawlEngine::SitemapDone(const std::string& for_origin) {
  OriginState& st = origins_[for_origin];
  if (st.sitemaps_pending > 0) --st.sitemaps_pending;
  if (st.sitemaps_pending == 0 && st.phase == Phase::kSitemaps) st.phase = Phase::kReady;
}

RobotsAccess CrawlEngine::AccessFor(const std::string& url) {
  RobotsAccess access;
  access.robots_status = "none";
  auto origin = UrlOrigin(url);
  if (!origin) return access;
  auto it = origins_.find(*origin);
  if (it == origins_.end() || it->second.robots_status == "none") return access;
  const RobotsTxt& robots = it->second.robots;
  access.robots_status = it->second.robots_status;
  auto parts = SplitUrl(url);
  std::string path = parts ? parts->path : "/";
  if (parts && !parts->query.empty()) path += "?" + parts->query;
  access.googlebot = robots.Allowed("googlebot", path);
  access.bingbot = robots.Allowed("bingbot", path);
  access.any = robots.AllowedForAnyAgent(path);
  return access;
}

}  // namespace sightline::crawler::internal
