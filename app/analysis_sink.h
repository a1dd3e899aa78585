// AnalysisSink: the PageSink that turns each settled page into stored analysis while the crawl
// goes on. Pages are analysed on a thread pool beside the network thread (extraction,
// exposure verdict, detection, per-page linkage); the store batches the writes. What the
// site-wide linkage needs at the end is kept compactly (PageAnalysis), not the pages.
// Thread-safety: OnPage is called on the crawler's thread; everything else after Wait().
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "analyzer/link/linker.h"
#include "app/detector_loader.h"
#include "crawler/fetched_page.h"
#include "storage/audit_store.h"

namespace sightline::app {

struct SinkCounts {
  int fetched = 0;
  int not_modified = 0;
  int failed = 0;
  int resumed = 0;
  int reused = 0;  // pages whose stored analysis was reused instead of analysing the body
};

class AnalysisSink final : public crawler::PageSink {
 public:
  // `analyzer_fingerprint` (AnalyzerFingerprint) keys the stored per-page analyses: a page
  // whose body was analysed before by the same analyzer is not analysed again. Empty: every
  // page is analysed. The detector is waited for only when a page must be analysed.
  AnalysisSink(storage::AuditStore& store, const DetectorLoader& detector, int64_t audit_id,
               std::string site, const Clock& clock, unsigned threads,
               std::string analyzer_fingerprint = {});
  ~AnalysisSink() override;

  void OnPage(crawler::FetchedPage page, crawler::LinksCallback done) override;

  // Waits for every queued page to be analysed and stored.
  void Wait();

  // The site's pages as linkage needs them (folded as they were analysed).
  analyzer::SiteLinkage TakeLinkage();
  SinkCounts counts() const;
  // The first error that left a page unanalysed or unstored (the store failed, the priors
  // could not be loaded), if any: the audit must not be reported complete after one.
  std::optional<Error> failure() const;

 private:
  void Analyze(crawler::FetchedPage page, const crawler::LinksCallback& done);
  void RecordFailure(const Error& error);

  storage::AuditStore& store_;
  const DetectorLoader& detector_;
  const int64_t audit_id_;
  const std::string site_;
  const Clock& clock_;
  const std::string fingerprint_;
  struct Pool;
  std::unique_ptr<Pool> pool_;

  mutable std::mutex mu_;
  analyzer::SiteLinkage linkage_;
  SinkCounts counts_;
  std::optional<Error> failure_;
};

}  // namespace sightline::app
