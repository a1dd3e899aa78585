#include "app/report_builder.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/cli.h"
#include "common/logging.h"
#include "crawler/archive/archive_cache.h"
#include "crawler/archive/archive_client.h"
#include "reports/removal_advice.h"

namespace sightline::app {
namespace {

// The archive client's cache, kept in the audit database so nightly runs share it.
class StoreArchiveCache final : public archive::ArchiveCache {
 public:
  explicit StoreArchiveCache(storage::AuditStore& store) : store_(store) {}

  std::optional<std::string> Get(std::string_view archive, std::string_view key,
                                 WallTime now) override {
    auto cached = store_.GetArchiveCache(std::string(archive), std::string(key), now,
                                         archive::kDefaultArchiveCacheTtl);
    if (!cached) return std::nullopt;
    return *cached;
  }

  void Put(std::string_view archive, std::string_view key, std::string_view value,
           WallTime now) override {
    Status put =
        store_.PutArchiveCache(std::string(archive), std::string(key), std::string(value), now);
    if (!put) spdlog::warn("archive cache not written: {}", put.error().message);
  }

 private:
  storage::AuditStore& store_;
};

WallTime ParseOr(const std::string& iso, WallTime fallback) {
  WallTime t;
  return ParseIso8601(iso, &t) ? t : fallback;
}

// WaybackDigest() of each stored body of `page` that contained the finding, memoised per
// content hash (findings share pages). Archives digest the payload as they received it; for a
// page served uncompressed that is the body stored here, so identical content matches.
class SnapshotDigests {
 public:
  SnapshotDigests(storage::AuditStore& store, int64_t audit_id)
      : store_(store), audit_id_(audit_id) {}

  std::vector<std::string> For(const std::string& fingerprint, const std::string& page) {
    std::vector<std::string> digests;
    auto hashes = store_.SnapshotHashesWithFinding(audit_id_, fingerprint, page);
    if (!hashes) {
      spdlog::warn("archive: stored snapshots not read: {}", hashes.error().message);
      return digests;
    }
    for (const std::string& hash : *hashes) {
      auto known = by_hash_.find(hash);
      if (known == by_hash_.end()) {
        auto body = store_.LoadSnapshot(hash);
        std::string digest;
        if (body && *body) digest = archive::WaybackDigest(**body);
        known = by_hash_.emplace(hash, std::move(digest)).first;
      }
      if (!known->second.empty()) digests.push_back(known->second);
    }
    return digests;
  }

 private:
  storage::AuditStore& store_;
  int64_t audit_id_;
  std::map<std::string, std::string> by_hash_;
};

void AttachArchiveCaptures(storage::AuditStore& store, const Settings& settings,
                           storage::AuditReport* report) {
  StoreArchiveCache cache(store);
  archive::ArchiveOptions options;
  options.archives = settings.archives;
  options.base_urls = settings.archive_bases;
  options.cache = &cache;
  auto client = archive::ArchiveClient::Create(options);
  if (!client) {
    spdlog::warn("archive look-ups skipped: {}", client.error().message);
    return;
  }
  const WallTime now = DefaultClock().WallNow();
  SnapshotDigests digests(store, report->audit.id);
  for (auto& reported : report->findings) {
    auto& exposure = reported.exposure;
    std::set<std::string> seen;
    for (const auto& page : reported.finding.pages) {
      archive::LookupRequest request;
      request.url = page;
      request.known_digests = digests.For(reported.finding.id, page);
      request.from = ParseOr(exposure.first_seen, now);
      // A resolved detail may have stayed online until the audit that found it gone.
      request.to = reported.status == storage::FindingStatus::kResolved
                       ? ParseOr(report->audit.started_at, now)
                       : ParseOr(exposure.last_seen, now);
      archive::LookupResult result = (*client)->Lookup(request);
      for (const auto& problem : result.problems) spdlog::warn("archive: {}", problem);
      for (const auto& capture : result.captures) {
        if (!seen.insert(capture.archive + capture.url).second) continue;
        exposure.archived.push_back({capture.archive, capture.captured_at, capture.url});
      }
    }
  }
}

void AttachRemovalAdvice(bool archives_checked, storage::AuditReport* report) {
  // Pages by URL (the last record of a URL, as before): a scan of every page per finding
  // made this quadratic, hours at 100,000 pages and 145,000 findings.
  std::map<std::string_view, const storage::PageRecord*> pages;
  for (const auto& record : report->pages) pages.insert_or_assign(record.url, &record);
  for (auto& reported : report->findings) {
    // A low-risk current finding needs no removal campaign; a resolved one keeps its steps
    // (it may still sit in search engines' and archives' copies).
    if (reported.finding.risk == analyzer::Risk::kLow &&
        reported.status != storage::FindingStatus::kResolved) {
      continue;
    }
    const storage::PageRecord* page = nullptr;
    if (!reported.finding.pages.empty()) {
      auto it = pages.find(reported.finding.pages.front());
      if (it != pages.end()) page = it->second;
    }
    const reports::AdviceContext ctx = reports::AdviceContextFor(reported, page, archives_checked);
    const std::string steps = reports::RemovalAdvice(ctx);
    if (steps.empty()) continue;
    std::string& advice = reported.finding.advice;
    if (!advice.empty()) advice += "\n";
    advice += steps;
  }
}

}  // namespace

Result<storage::AuditReport> BuildReport(storage::AuditStore& store, int64_t audit_id,
                                         const Settings& settings) {
  auto report = store.LoadReport(audit_id);
  if (!report) return Unexpected(report.error());
  const bool archives_checked = !settings.archives.empty();
  if (archives_checked) AttachArchiveCaptures(store, settings, &*report);
  AttachRemovalAdvice(archives_checked, &*report);
  return report;
}

int ExitCodeFor(const storage::AuditReport& report, analyzer::Risk fail_on) {
  for (const auto& reported : report.findings) {
    if (reported.status == storage::FindingStatus::kResolved) continue;
    if (static_cast<int>(reported.finding.risk) >= static_cast<int>(fail_on)) {
      return kExitFindings;
    }
  }
  return kExitOk;
}

}  // namespace sightline::app
