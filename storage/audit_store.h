// AuditStore: every audit of every site in one SQLite file (WAL, foreign keys, 0600): pages,
// fetches, zstd snapshots stored once per content hash, mentions, findings with their lifecycle
// (new / persisting / resolved) and exposure windows, acks, and the archive look-up cache.
// Ownership: the store owns its connection and one writer thread. Thread-safety: every method
// may be called from any thread; RecordPage queues, one writer commits batched transactions.
// A kill -9 leaves the file consistent; the next run marks the audit interrupted.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/finding.h"
#include "analyzer/mention.h"
#include "common/clock.h"
#include "common/result.h"
#include "crawler/fetched_page.h"
#include "storage/report_model.h"

namespace sightline::storage {

// Current schema version (PRAGMA user_version). Open migrates older files forward and refuses
// newer ones.
inline constexpr int kSchemaVersion = 6;

struct OpenOptions {
  bool read_only = false;
  // How long BeginAudit / ResumeAudit wait for another process's audit to finish before
  // failing with kBusy. Zero: fail at once.
  std::chrono::milliseconds lock_wait{0};
  // SQLite busy_timeout for short write transactions shared with other processes.
  std::chrono::milliseconds busy_timeout{5000};
  // The writer commits when this many pages are queued or the oldest waited this long.
  int batch_pages = 64;
  std::chrono::milliseconds batch_interval{250};
  // RecordPage blocks while this many body bytes wait for the writer (at least one page is
  // always accepted), so large pages cannot pile up in memory behind a slow disk.
  size_t max_queued_bytes = size_t{32} << 20;
  // Test seam: caps the file at this many pages (PRAGMA max_page_count) to simulate a full
  // disk. Zero: no cap.
  int64_t max_page_count = 0;
  // --redact: when set, every finding passes through `redact_finding` before FinishAudit
  // stores it, and every mention's text and normalized value through `redact_text` before
  // RecordPage queues it, so the database holds masked details only. Finding ids are kept
  // (they come from the unmasked details). Page copies (snapshots, stored analyses) are the
  // public pages as served and are kept as they are: conditional requests and diffs need them.
  std::function<analyzer::Finding(const analyzer::Finding&)> redact_finding;
  std::function<std::string(std::string_view)> redact_text;
};

// A page's stored analysis (opaque bytes to the store, zstd-compressed on disk), kept per
// (content hash, variant) so an unchanged body is not analysed again. `variant` names what
// else the analysis depended on (analyzer build and data, URL); the content type and
// Content-Type header are the ones the body was analysed with.
struct StoredAnalysis {
  std::string variant;
  std::string content_type;
  std::string content_type_header;
  std::string data;
};

// The latest stored body of a URL as the store knows it, without the body itself: its content
// hash and the type of the 200 that delivered it (empty when no such fetch is kept).
struct StoredCopy {
  std::string content_hash;
  std::string content_type;
  std::string content_type_header;
};

// What the analyzer learned about a page that the store keeps with its fetch.
struct PageMeta {
  std::string title;
  std::string published;  // YYYY-MM-DD or ISO 8601, empty when unknown
  std::string modified;   // page's own modified date (JSON-LD/meta); Last-Modified is on the page
  bool indexable = false;
  std::vector<std::string> reasons;  // exposure reason codes
  // Written with the page in the same transaction, under the body's content hash (for a 304:
  // the stored copy's). Absent: nothing new to keep.
  std::optional<StoredAnalysis> analysis;
  // Sha256Hex of the page's body when the caller already computed it (the analysis cache
  // does); empty: the store computes it.
  std::string body_sha256;
};

struct AuditCounts {
  int pages_fetched = 0;
  int pages_failed = 0;
  int not_modified = 0;
  int pages_skipped = 0;
};

class AuditStore {
 public:
  // Creates the file (mode 0600) when missing, migrates it to kSchemaVersion. kIo with the
  // file name and cause when it cannot be opened/created (read-only directory, full disk);
  // kCorrupt when the file is not a sightline database or is newer than this build.
  static Result<std::unique_ptr<AuditStore>> Open(const std::string& path,
                                                  const OpenOptions& options = {});
  ~AuditStore();
  AuditStore(const AuditStore&) = delete;
  AuditStore& operator=(const AuditStore&) = delete;

  const std::string& path() const;

  // Takes the database's exclusive audit lock (held until FinishAudit / AbandonAudit or the
  // store is destroyed; released by the OS if the process dies) and creates a 'running' audit.
  // kBusy with a clear message when another process keeps the lock longer than lock_wait.
  Result<int64_t> BeginAudit(const std::string& site, const std::string& options_json,
                             WallTime now);
  // Continues an interrupted audit (takes the lock, state back to 'running').
  Status ResumeAudit(int64_t audit_id);
  // The latest interrupted audit of the site newer than its latest complete one (--resume).
  // Marks stale 'running' audits interrupted first (see below).
  Result<std::optional<int64_t>> FindInterruptedAudit(const std::string& site);
  // Audits left 'running' by a killed process become 'interrupted'. Does nothing while
  // another process holds the audit lock (its audit is alive).
  Status MarkStaleAuditsInterrupted();
  // Flushes, marks the audit interrupted and releases the lock (Ctrl-C, fatal crawl error).
  Status AbandonAudit(int64_t audit_id, WallTime now);

  // Queues one settled page; the writer commits in batches. `mentions` are those found by
  // analysing the body: a fetch that reused the analysis stored with its body passes none
  // (they stay with the fetch that analysed it, and in the stored analysis). An earlier
  // write error is
  // returned here and by Flush (sticky: the audit must not be reported complete).
  // Recording the same URL twice in one audit replaces the first record.
  Status RecordPage(int64_t audit_id, const crawler::FetchedPage& page, const PageMeta& meta,
                    const std::vector<analyzer::Mention>& mentions);
  // The same without copying the page's body (the caller is done with it).
  Status RecordPage(int64_t audit_id, crawler::FetchedPage&& page, const PageMeta& meta,
                    const std::vector<analyzer::Mention>& mentions);
  // Waits until every queued page is committed.
  Status Flush();

  // Conditional-request validators from the latest audit that stored the URL's body.
  Result<std::optional<crawler::Validators>> LoadValidators(const std::string& site,
                                                            const std::string& url);
  // The latest stored body of the URL (reuse on 304).
  Result<std::optional<std::string>> LoadLatestBody(const std::string& site,
                                                    const std::string& url);
  // The latest stored copy of the URL (hash and content type, no body).
  Result<std::optional<StoredCopy>> LoadLatestCopy(const std::string& site, const std::string& url);
  // The stored body with this content hash.
  Result<std::optional<std::string>> LoadSnapshot(const std::string& content_hash);
  // Content hashes of the stored bodies of `page_url` (requested or final URL) in the audits
  // of the same site up to `audit_id` where the finding `fingerprint` was present; pruned
  // snapshots are left out.
  Result<std::vector<std::string>> SnapshotHashesWithFinding(int64_t audit_id,
                                                             const std::string& fingerprint,
                                                             const std::string& page_url);
  // The analysis stored for (content_hash, variant); StoredAnalysis::variant is `variant`.
  Result<std::optional<StoredAnalysis>> LoadAnalysis(const std::string& content_hash,
                                                     const std::string& variant);
  // The same URL recorded in the audit, body included, marked resumed (--resume looks pages
  // up one at a time instead of holding every body).
  Result<std::optional<crawler::FetchedPage>> LoadAuditPage(int64_t audit_id,
                                                            const std::string& url);
  // URLs recorded for the audit so far.
  Result<std::vector<std::string>> AuditPageUrls(int64_t audit_id);
  // Every page recorded for the audit, bodies included, marked resumed (for --resume).
  Result<std::vector<crawler::FetchedPage>> LoadAuditPages(int64_t audit_id);
  // The same, one page at a time, so resuming a large audit keeps memory bounded. The store is
  // not locked while `fn` runs (it may call RecordPage); an error from `fn` stops the walk.
  Status ForEachAuditPage(int64_t audit_id,
                          const std::function<Status(crawler::FetchedPage page)>& fn);

  // Stores the audit's findings, computes the lifecycle against the previous complete audit of
  // the site and exposure windows, marks the audit complete and releases the lock.
  Status FinishAudit(int64_t audit_id, const std::vector<analyzer::Finding>& findings,
                     const AuditCounts& counts, WallTime now);
  // The same with findings streamed in: `produce` is called once, inside the transaction, and
  // hands each finding to the sink it is given, which stores it at once (so a site's findings
  // need never be in memory together). An error from `produce` or the sink rolls everything
  // back and leaves the audit running (the caller abandons it). `produce` runs on a thread of
  // its own, a few findings ahead of the storing, and must not call back into this store
  // except through the read-only look-ups (LoadAnalysis, LoadSnapshot, ...); the
  // redact_finding hook runs on that thread too.
  using FindingSink = std::function<Status(const analyzer::Finding&)>;
  Status FinishAuditStreaming(int64_t audit_id,
                              const std::function<Status(const FindingSink&)>& produce,
                              const AuditCounts& counts, WallTime now);

  Result<AuditReport> LoadReport(int64_t audit_id);
  // LoadReport without the findings (summary, pages, history: ~100 bytes per page), for a
  // report that takes its findings one at a time from ForEachReportedFinding.
  Result<AuditReport> LoadReportHeader(int64_t audit_id);
  // A strict weak order of findings by their keys; empty: LoadReport's order.
  using FindingOrder = std::function<bool(const FindingOrderKey&, const FindingOrderKey&)>;
  // The audit's findings one at a time, in LoadReport's order (current ones by risk, highest
  // first, then resolved ones; ties by id), or in that list stably sorted by `order` when
  // given. Memory: one FindingOrderKey per finding, then one finding at a time. The store is
  // not locked while `fn` runs (it may call the store); an error from `fn` stops the walk and
  // is returned.
  Status ForEachReportedFinding(int64_t audit_id, const std::function<Status(ReportedFinding)>& fn,
                                const FindingOrder& order = {});
  // Latest complete audit of the site (any site when empty).
  Result<std::optional<int64_t>> LatestAudit(const std::string& site_or_empty);
  Result<DiffReport> Diff(int64_t from, int64_t to);
  // Newest first.
  Result<std::vector<AuditSummary>> ListAudits(const std::string& site_or_empty);
  // Oldest first.
  Result<std::vector<HistoryPoint>> History(const std::string& site);
  // kNotFound when no finding has this id.
  Status Acknowledge(const std::string& finding_id, const std::string& note, WallTime now);
  // Keeps the newest `keep` audits of the site (never a running one); deletes older audits'
  // fetches, mentions and occurrences, and the snapshots and finding texts no longer
  // referenced. Findings stay.
  Status Prune(const std::string& site, int keep);

  // Archive look-up cache (archive, url) -> JSON, stamped with `now`.
  Status PutArchiveCache(const std::string& archive, const std::string& url,
                         const std::string& json, WallTime now);
  // The cached JSON unless older than `ttl` at `now`.
  Result<std::optional<std::string>> GetArchiveCache(const std::string& archive,
                                                     const std::string& url, WallTime now,
                                                     std::chrono::hours ttl);

  class Impl;

 private:
  explicit AuditStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sightline::storage
