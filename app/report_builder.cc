#include "app/report_builder.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/output.h"
#include "common/logging.h"
#include "crawler/archive/archive_cache.h"
#include "crawler/archive/archive_client.h"
#include "reports/removal_advice.h"
#include "reports/report.h"

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

}  // namespace

struct FindingCompleter::State {
  State(storage::AuditStore& store, const storage::AuditReport& header)
      : cache(store), digests(store, header.audit.id), audit_started_at(header.audit.started_at) {}

  StoreArchiveCache cache;
  SnapshotDigests digests;
  std::string audit_started_at;
  bool archives_checked = false;
  std::unique_ptr<archive::ArchiveClient> client;  // null: no archive look-ups
  WallTime now{};
  // Pages by URL (the last record of a URL, as before): a scan of every page per finding
  // made this quadratic, hours at 100,000 pages and 145,000 findings.
  std::map<std::string_view, const storage::PageRecord*> pages;
};

FindingCompleter::FindingCompleter(storage::AuditStore& store, const storage::AuditReport& header,
                                   const Settings& settings)
    : state_(std::make_unique<State>(store, header)) {
  for (const auto& record : header.pages) state_->pages.insert_or_assign(record.url, &record);
  state_->archives_checked = !settings.archives.empty();
  if (!state_->archives_checked) return;
  archive::ArchiveOptions options;
  options.archives = settings.archives;
  options.base_urls = settings.archive_bases;
  options.cache = &state_->cache;
  auto client = archive::ArchiveClient::Create(options);
  if (!client) {
    spdlog::warn("archive look-ups skipped: {}", client.error().message);
    return;
  }
  state_->client = std::move(*client);
  state_->now = DefaultClock().WallNow();
}

FindingCompleter::~FindingCompleter() = default;

void FindingCompleter::AttachArchiveCaptures(storage::ReportedFinding* reported) {
  State& st = *state_;
  auto& exposure = reported->exposure;
  std::set<std::string> seen;
  for (const auto& page : reported->finding.pages) {
    archive::LookupRequest request;
    request.url = page;
    request.known_digests = st.digests.For(reported->finding.id, page);
    request.from = ParseOr(exposure.first_seen, st.now);
    // A resolved detail may have stayed online until the audit that found it gone.
    request.to = reported->status == storage::FindingStatus::kResolved
                     ? ParseOr(st.audit_started_at, st.now)
                     : ParseOr(exposure.last_seen, st.now);
    archive::LookupResult result = st.client->Lookup(request);
    for (const auto& problem : result.problems) spdlog::warn("archive: {}", problem);
    for (const auto& capture : result.captures) {
      if (!seen.insert(capture.archive + capture.url).second) continue;
      exposure.archived.push_back({capture.archive, capture.captured_at, capture.url});
    }
  }
}

void FindingCompleter::AttachRemovalAdvice(storage::ReportedFinding* reported) {
  // A low-risk current finding needs no removal campaign; a resolved one keeps its steps
  // (it may still sit in search engines' and archives' copies).
  if (reported->finding.risk == analyzer::Risk::kLow &&
      reported->status != storage::FindingStatus::kResolved) {
    return;
  }
  const storage::PageRecord* page = nullptr;
  if (!reported->finding.pages.empty()) {
    auto it = state_->pages.find(reported->finding.pages.front());
    if (it != state_->pages.end()) page = it->second;
  }
  const reports::AdviceContext ctx =
      reports::AdviceContextFor(*reported, page, state_->archives_checked);
  const std::string steps = reports::RemovalAdvice(ctx);
  if (steps.empty()) return;
  std::string& advice = reported->finding.advice;
  if (!advice.empty()) advice += "\n";
  advice += steps;
}

void FindingCompleter::Complete(storage::ReportedFinding* finding) {
  if (state_->client) AttachArchiveCaptures(finding);
  AttachRemovalAdvice(finding);
}

Result<storage::AuditReport> BuildReport(storage::AuditStore& store, int64_t audit_id,
                                         const Settings& settings) {
  auto report = store.LoadReport(audit_id);
  if (!report) return Unexpected(report.error());
  FindingCompleter completer(store, *report, settings);
  for (auto& finding : report->findings) completer.Complete(&finding);
  return report;
}

bool FailsOn(const storage::ReportedFinding& reported, analyzer::Risk fail_on) {
  return reported.status != storage::FindingStatus::kResolved &&
         static_cast<int>(reported.finding.risk) >= static_cast<int>(fail_on);
}

int ExitCodeFor(const storage::AuditReport& report, analyzer::Risk fail_on) {
  for (const auto& reported : report.findings) {
    if (FailsOn(reported, fail_on)) return kExitFindings;
  }
  return kExitOk;
}

Status StreamAuditJson(storage::AuditStore& store, int64_t audit_id, const Settings& settings,
                       reports::RenderOptions render, bool redact_if_recorded,
                       const std::string& path, int* exit_code) {
  auto header = store.LoadReportHeader(audit_id);
  if (!header) return Unexpected(header.error());
  if (redact_if_recorded && reports::AuditWasRedacted(header->audit)) render.redact = true;
  FindingCompleter completer(store, *header, settings);
  bool fails = false;
  bool writer_stopped = false;
  std::optional<Error> store_error;
  int walks = 0;
  // Walked once, or twice for a redacted report: the first walk only gathers the terms to mask,
  // which come from the stored details alone, so its findings need no completing.
  const reports::FindingSource findings = [&](const reports::FindingEmitter& emit) {
    const bool complete = !(render.redact && ++walks == 1);
    Status walked = store.ForEachReportedFinding(
        audit_id,
        [&](storage::ReportedFinding finding) -> Status {
          if (complete) completer.Complete(&finding);
          fails = fails || FailsOn(finding, settings.fail_on);
          if (!emit(std::move(finding))) {
            writer_stopped = true;
            return Fail(ErrorCode::kInternal, "report not encoded");
          }
          return Ok();
        },
        reports::ReportOrderLess);
    if (!walked && !writer_stopped) store_error = walked.error();
    return static_cast<bool>(walked);
  };
  Status streamed = StreamReport(path, [&](const ReportChunkWriter& write) {
    try {
      return reports::WriteAuditJson(*header, findings, render, write);
    } catch (const std::exception&) {
      return false;  // nlohmann-json throws on allocation failure
    }
  });
  if (store_error) return Unexpected(*store_error);
  if (!streamed) return streamed;
  *exit_code = fails ? kExitFindings : kExitOk;
  return Ok();
}

}  // namespace sightline::app
