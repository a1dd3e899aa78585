// CrawlEngine, part three: settling a page. Redirects are followed here, hop by hop, each
// hop a job of its own origin's queue (so robots.txt and politeness apply to every hop); a
// settled page is handed to the sink and the links it returns are admitted.
#include <algorithm>
#include <cctype>

#include "common/url.h"
#include "crawler/internal/crawl_engine.h"

namespace sightline::crawler::internal {
namespace {

constexpr size_t kMaxRedirects = 10;

}  // namespace

void CrawlEngine::HandleRedirect(CrawlJob job, FetchResponse r) {
  const std::string location = HeaderValue(r.headers, "location");
  auto target = ResolveUrl(job.url, location);
  job.redirects.push_back({job.url, r.status, target ? *target : location});
  const std::string first = job.original_url.empty() ? job.url : job.original_url;
  auto fail = [&](const char* error, std::string detail) {
    FetchResponse settled = std::move(r);
    settled.error = error;
    settled.error_detail = std::move(detail);
    CrawlJob last = job;
    last.original_url = first;
    if (target) last.url = *target;
    SettlePage(last, std::move(settled));
  };
  if (!target) return fail("redirect_invalid", "cannot follow Location: " + location);
  if (job.redirects.size() > kMaxRedirects) {
    return fail("too_many_redirects", "more than 10 redirects");
  }
  const bool loop =
      *target == first || std::any_of(job.redirects.begin(), job.redirects.end(),
                                      [&](const RedirectHop& hop) { return hop.url == *target; });
  if (loop) return fail("redirect_loop", "redirects back to " + *target);
  if (!frontier_.InScope(*target)) return fail("redirect_out_of_scope", *target);
  if (!frontier_.Claim(*target)) {
    // The target is (or will be) fetched as a page of its own: no second download.
    CrawlJob last = job;
    last.original_url = first;
    last.url = *target;
    r.body.clear();
    SettlePage(last, std::move(r));
    return;
  }
  CrawlJob next = std::move(job);
  next.original_url = first;
  next.url = *target;
  next.origin = UrlOrigin(*target).value_or(next.origin);
  next.attempts = 0;
  next.not_before = {};
  next.from_public = IsPublic(r);
  frontier_.Requeue(std::move(next));
}

FetchedPage CrawlEngine::BasePage(const CrawlJob& job) {
  FetchedPage p;
  p.url = job.original_url.empty() ? job.url : job.original_url;
  p.final_url = job.url;
  p.redirects = job.redirects;
  p.discovered_by = job.discovered_by;
  p.depth = job.depth;
  p.referrer = job.referrer;
  p.attempts = std::max(1, job.attempts);
  p.robots = AccessFor(p.url);
  p.fetched_at = clock_.WallNow();
  for (const std::string* u : {&p.url, &p.final_url}) {
    if (auto it = sitemap_pages_.find(UrlKey(*u)); it != sitemap_pages_.end()) {
      p.in_sitemap = true;
      p.sitemap_lastmod = it->second;
      break;
    }
  }
  return p;
}

void CrawlEngine::SettlePage(const CrawlJob& job, FetchResponse r) {
  FetchedPage p = BasePage(job);
  p.status = r.status;
  p.timings = r.timings;
  p.headers = std::move(r.headers);
  std::string type = p.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  p.content_type = std::move(type);
  p.etag = p.Header("etag");
  p.last_modified = p.Header("last-modified");
  p.body = std::move(r.body);
  p.truncated = r.truncated;
  if (!r.error.empty()) {
    p.error = r.error;
    if (r.error == "private")
      p.error = job.redirects.empty() ? "private_address" : "redirect_private";
    p.error_detail = std::move(r.error_detail);
    if (r.error == "reset" && !p.body.empty()) p.truncated = true;
  } else if (r.status == 304) {
    p.not_modified = true;
  } else if (r.status >= 400) {
    p.error = "http_" + std::to_string(r.status);
  }
  Deliver(std::move(p), IsPublic(r));
}

void CrawlEngine::Deliver(FetchedPage page, bool from_public) {
  summary_.bytes += page.body.size();
  if (page.error.empty()) {
    ++summary_.fetched;
    if (page.not_modified) ++summary_.not_modified;
    if (page.resumed) ++summary_.resumed;
  } else if (page.error == "robots_disallowed") {
    ++summary_.skipped;
    ++summary_.skipped_by_reason[page.error];
  } else {
    ++summary_.failed;
    ++summary_.failed_by_reason[page.error];
  }
  ++outstanding_;
  Progress();
  const int depth = page.depth;
  const std::string base = page.final_url.empty() ? page.url : page.final_url;
  std::shared_ptr<Bridge> bridge = bridge_;
  auto released = std::make_shared<std::atomic<bool>>(false);
  sink_->OnPage(std::move(page), [bridge, released, depth, base,
                                  from_public](std::vector<std::string> links) {
    if (released->exchange(true)) return;  // a second call would unbalance the count
    bridge->Post([links = std::move(links), depth, base, from_public](CrawlEngine& e) mutable {
      e.OnLinks(std::move(links), depth, base, from_public);
    });
  });
}

void CrawlEngine::OnLinks(std::vector<std::string> links, int depth, const std::string& base,
                          bool from_public) {
  --outstanding_;
  if (!stopping_ && o_.follow_links) {
    for (std::string& link : links) {
      CrawlJob job;
      job.url = std::move(link);
      job.depth = depth + 1;
      job.discovered_by = Discovery::kLink;
      job.referrer = base;
      job.from_public = from_public;
      Admit(std::move(job));
    }
  }
  Dispatch();
}

void CrawlEngine::GiveUp(const std::string& origin, const std::string& reason) {
  OriginState& st = origins_[origin];
  st.given_up = true;
  st.given_up_reason = reason;
  for (CrawlJob& job : frontier_.Drain(origin)) {
    FetchedPage page = BasePage(job);
    page.error = "host_given_up";
    page.error_detail = reason;
    Deliver(std::move(page), job.from_public);
  }
}

}  // namespace sightline::crawler::internal
