#include "app/audit_runner.h"

#include <malloc.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>
#include <thread>
#include <unordered_set>

#include "analyzer/extract/robots_txt_findings.h"
#include "analyzer/link/linker.h"
#include "app/analysis_cache.h"
#include "app/analysis_sink.h"
#include "app/progress_line.h"
#include "common/logging.h"
#include "crawler/crawler.h"

namespace sightline::app {
namespace {

// The crawl a signal should stop. Stop() is async-signal-safe (an atomic flag and a wake-up).
std::atomic<crawler::Crawler*> g_running_crawl{nullptr};

extern "C" void OnStopSignal(int) {
  if (crawler::Crawler* crawl = g_running_crawl.load()) crawl->Stop();
}

class ActiveCrawl {
 public:
  explicit ActiveCrawl(crawler::Crawler* crawl) { g_running_crawl.store(crawl); }
  ~ActiveCrawl() { g_running_crawl.store(nullptr); }
  ActiveCrawl(const ActiveCrawl&) = delete;
  ActiveCrawl& operator=(const ActiveCrawl&) = delete;
};

crawler::Scope ScopeOf(const std::string& name) {
  if (name == "host") return crawler::Scope::kHost;
  if (name == "prefix") return crawler::Scope::kPrefix;
  return crawler::Scope::kDomain;
}

// A robots.txt Disallow line that names a private path publishes it: a finding of its own,
// stored and diffed with the others.
Status StoreRobotsTxtFindings(const crawler::CrawlSummary& summary,
                              const storage::AuditStore::FindingSink& store_finding) {
  for (const auto& robots : summary.robots_files) {
    for (const auto& finding : analyzer::RobotsTxtFindings(robots.body, robots.origin)) {
      if (Status s = store_finding(finding); !s) return s;
    }
  }
  return Ok();
}

std::string OptionsJson(const AuditPlan& plan) {
  const Settings& s = plan.settings;
  nlohmann::json j = {{"mode", plan.url_list_mode ? "scan" : "audit"},
                      {"max_pages", s.max_pages},
                      {"max_depth", s.max_depth},
                      {"scope", s.scope},
                      {"concurrency", s.concurrency},
                      {"per_host", s.per_host},
                      {"delay_ms", s.delay_ms},
                      {"follow", s.follow},
                      {"author_anonymous", s.author_anonymous},
                      {"region", s.region},
                      {"redact", s.redact}};
  return j.dump();
}

}  // namespace

void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

Result<AuditOutcome> RunAudit(const AuditPlan& plan, storage::AuditStore& store,
                              const DetectorLoader& detector, const Clock& clock,
                              bool show_progress) {
  const Settings& s = plan.settings;
  Status stale = store.MarkStaleAuditsInterrupted();
  if (!stale) return Unexpected(stale.error());

  // --resume continues the site's interrupted audit: its stored pages are replayed from the
  // database instead of the network.
  int64_t audit_id = 0;
  // URLs already stored by the interrupted audit; each is read back when the crawl reaches
  // it, so resuming a large audit does not hold every body in memory.
  std::unordered_set<std::string> resumed;
  if (s.resume) {
    auto interrupted = store.FindInterruptedAudit(plan.site);
    if (!interrupted) return Unexpected(interrupted.error());
    if (*interrupted) {
      audit_id = **interrupted;
      Status taken = store.ResumeAudit(audit_id);
      if (!taken) return Unexpected(taken.error());
      auto urls = store.AuditPageUrls(audit_id);
      if (!urls) return Unexpected(urls.error());
      resumed.insert(urls->begin(), urls->end());
      std::fprintf(stderr, "sightline: resuming audit %lld of %s (%zu pages already stored)\n",
                   static_cast<long long>(audit_id), plan.site.c_str(), resumed.size());
    }
  }
  if (audit_id == 0) {
    auto begun = store.BeginAudit(plan.site, OptionsJson(plan), clock.WallNow());
    if (!begun) return Unexpected(begun.error());
    audit_id = *begun;
  }

  const unsigned workers = std::max(1u, std::thread::hardware_concurrency());
  // SIGHTLINE_ANALYSIS_CACHE=off analyses every page again (for comparisons and tests).
  const char* cache_env = std::getenv("SIGHTLINE_ANALYSIS_CACHE");
  const bool reuse = cache_env == nullptr || std::string_view(cache_env) != "off";
  analyzer::DetectorOptions detector_options;
  detector_options.region_hint = s.region;
  AnalysisSink sink(store, detector, audit_id, plan.site, clock, workers,
                    reuse ? AnalyzerFingerprint(detector_options) : std::string());
  ProgressLine progress(show_progress);

  crawler::CrawlOptions options;
  options.seeds = plan.seeds;
  options.follow_links = !plan.url_list_mode || s.follow;
  options.scope = ScopeOf(s.scope);
  options.max_pages = s.max_pages;
  options.max_depth = s.max_depth;
  options.concurrency = s.concurrency;
  options.per_host = s.per_host;
  options.delay = std::chrono::milliseconds(s.delay_ms);
  options.user_agent = s.user_agent;
  options.max_body_bytes = s.max_body_bytes;
  options.allow_private = s.allow_private;
  options.clock = &clock;
  options.validators = [&store, &plan](const std::string& url) {
    auto v = store.LoadValidators(plan.site, url);
    return v ? *v : std::nullopt;
  };
  options.resume_lookup =
      [&resumed, &store, audit_id](const std::string& url) -> std::optional<crawler::FetchedPage> {
    if (!resumed.contains(url)) return std::nullopt;
    auto page = store.LoadAuditPage(audit_id, url);
    if (!page) {
      spdlog::warn("resume: {} is fetched again: {}", url, page.error().message);
      return std::nullopt;
    }
    return *page;
  };
  options.on_progress = [&progress](const crawler::CrawlProgress& p) { progress.Update(p); };

  auto crawl = crawler::Crawler::Create(options, &sink);
  if (!crawl) {
    (void)store.AbandonAudit(audit_id, clock.WallNow());
    return Unexpected(crawl.error());
  }
  Result<crawler::CrawlSummary> summary = [&] {
    ActiveCrawl active(crawl->get());
    return (*crawl)->Run();
  }();
  sink.Wait();
  progress.Finish();

  AuditOutcome outcome;
  outcome.audit_id = audit_id;
  const bool stopped = !summary || summary->stopped;
  if (std::optional<Error> failed = sink.failure()) {
    (void)store.AbandonAudit(audit_id, clock.WallNow());
    return Unexpected(*failed);
  }
  if (stopped) {
    (void)store.Flush();
    (void)store.AbandonAudit(audit_id, clock.WallNow());
    if (!summary) return Unexpected(summary.error());
    outcome.interrupted = true;
    return outcome;
  }

  analyzer::LinkOptions link_options;
  link_options.author_anonymous = s.author_anonymous;
  link_options.thresholds = {s.thresholds.critical, s.thresholds.high, s.thresholds.medium};
  const Result<const analyzer::Detector*> loaded = detector.Get();
  if (!loaded) {
    (void)store.AbandonAudit(audit_id, clock.WallNow());
    return Unexpected(loaded.error());
  }
  const analyzer::SiteLinkage linkage = sink.TakeLinkage();

  const SinkCounts counts = sink.counts();
  spdlog::info(
      "{} pages reused their stored analysis, {} analysed", counts.reused,
      counts.fetched + counts.not_modified + counts.resumed + counts.failed - counts.reused);
  storage::AuditCounts audit_counts;
  // As in the JSON contract, not_modified counts a subset of pages_fetched (a 304 is a fetch).
  audit_counts.pages_fetched = counts.fetched + counts.not_modified + counts.resumed;
  audit_counts.pages_failed = counts.failed;
  audit_counts.not_modified = counts.not_modified;
  audit_counts.pages_skipped = summary->skipped;
  Status flushed = store.Flush();
  if (!flushed) {
    (void)store.AbandonAudit(audit_id, clock.WallNow());
    return Unexpected(flushed.error());
  }
  // The findings go to the database as linkage makes them, page by page: a 100,000-page site
  // has ~145,000 of them, which need never be in memory together.
  Status finished = store.FinishAuditStreaming(
      audit_id,
      [&](const storage::AuditStore::FindingSink& store_finding) -> Status {
        Status linked = linkage.Link(&(*loaded)->priors(), link_options,
                                     [&](analyzer::Finding f) { return store_finding(f); });
        if (!linked) return linked;
        return StoreRobotsTxtFindings(*summary, store_finding);
      },
      audit_counts, clock.WallNow());
  if (!finished) {
    (void)store.AbandonAudit(audit_id, clock.WallNow());
    return Unexpected(finished.error());
  }
  // The crawl's and linkage's memory is free now; hand it back to the OS before the caller
  // loads and renders the report, so the two peaks do not stack (glibc keeps freed heap).
  malloc_trim(0);
  if (s.keep > 0) {
    Status pruned = store.Prune(plan.site, s.keep);
    if (!pruned) spdlog::warn("retention: {}", pruned.error().message);
  }

  outcome.pages_fetched = audit_counts.pages_fetched;
  outcome.pages_failed = audit_counts.pages_failed;
  outcome.not_modified = audit_counts.not_modified;
  outcome.pages_skipped = audit_counts.pages_skipped;
  outcome.seconds = summary->seconds;
  return outcome;
}

}  // namespace sightline::app
