// RunAudit: one audit of one site, end to end — crawl (crawler/), analyse each page as it
// arrives (AnalysisSink), link the site's details into findings (analyzer/link/), record the
// lifecycle (storage/). Ctrl-C stops the crawl cleanly: what was fetched is kept and the
// audit is left `interrupted` for `--resume`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/detector_loader.h"
#include "app/settings.h"
#include "common/clock.h"
#include "common/result.h"
#include "storage/audit_store.h"

namespace sightline::app {

struct AuditPlan {
  std::string site;                // the site's identity in the database
  std::vector<std::string> seeds;  // normalised URLs
  bool url_list_mode = false;      // fetch exactly the seeds unless settings.follow
  Settings settings;
};

struct AuditOutcome {
  int64_t audit_id = 0;
  bool interrupted = false;  // stopped by the user; resumable
  int pages_fetched = 0;
  int pages_failed = 0;
  int not_modified = 0;
  int pages_skipped = 0;
  double seconds = 0;
};

// `detector` may still be loading: pages wait for it only when they must be analysed.
Result<AuditOutcome> RunAudit(const AuditPlan& plan, storage::AuditStore& store,
                              const DetectorLoader& detector, const Clock& clock,
                              bool show_progress);

// Installs SIGINT/SIGTERM handlers that stop the running crawl (idempotent).
void InstallStopHandlers();

}  // namespace sightline::app
