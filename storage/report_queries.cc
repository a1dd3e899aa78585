// Read side of AuditStore: audit summaries, reports, diffs and history, built from the rows
// the writer and the lifecycle stored. Exposure windows are read as stored per occurrence, so
// an old audit's report shows the window as it was then.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "storage/audit_store.h"
#include "storage/internal/codec.h"
#include "storage/internal/details_codec.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage {

namespace internal {

namespace {

constexpr const char* kSummaryColumns =
    "a.id, s.url, a.started_at, coalesce(a.finished_at, ''), a.state, a.pages_fetched, "
    "a.pages_failed, a.not_modified, a.pages_skipped, a.options_json, a.site_id";

AuditSummary SummaryFromRow(const Stmt& s) {
  AuditSummary a;
  a.id = s.Int(0);
  a.site = s.Text(1);
  a.started_at = s.Text(2);
  a.finished_at = s.Text(3);
  a.state = s.Text(4);
  a.pages_fetched = static_cast<int>(s.Int(5));
  a.pages_failed = static_cast<int>(s.Int(6));
  a.not_modified = static_cast<int>(s.Int(7));
  a.pages_skipped = static_cast<int>(s.Int(8));
  a.options_json = s.Text(9);
  return a;
}

}  // namespace

Result<std::optional<int64_t>> FindSiteId(Db& db, const std::string& site) {
  auto sel = Stmt::Prepare(db, "SELECT id FROM sites WHERE url = ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(sel->Int(0));
}

Result<int64_t> SiteIdOfAudit(Db& db, int64_t audit_id) {
  auto sel = Stmt::Prepare(db, "SELECT site_id FROM audits WHERE id = ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, audit_id);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) {
    return Fail(ErrorCode::kNotFound, fmt::format("no audit {} in {}", audit_id, db.path()));
  }
  return sel->Int(0);
}

Result<std::optional<int64_t>> PreviousCompleteAudit(Db& db, int64_t site_id, int64_t before) {
  auto sel = Stmt::Prepare(db,
                           "SELECT max(id) FROM audits WHERE site_id = ? AND "
                           "state = 'complete' AND (? = 0 OR id < ?)");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site_id).Bind(2, before).Bind(3, before);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  return sel->OptInt(0);
}

Result<AuditSummary> LoadAuditSummary(Db& db, int64_t audit_id) {
  auto sel = Stmt::Prepare(db, fmt::format("SELECT {} FROM audits a JOIN sites s ON "
                                           "s.id = a.site_id WHERE a.id = ?",
                                           kSummaryColumns));
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, audit_id);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) {
    return Fail(ErrorCode::kNotFound, fmt::format("no audit {} in {}", audit_id, db.path()));
  }
  AuditSummary a = SummaryFromRow(*sel);
  auto prev = PreviousCompleteAudit(db, sel->Int(10), audit_id);
  if (!prev) return Unexpected(prev.error());
  a.previous_id = *prev;
  return a;
}

namespace {

Result<std::vector<PageRecord>> LoadPages(Db& db, int64_t audit_id) {
  auto sel = Stmt::Prepare(db,
                           "SELECT p.url, f.status, f.indexable, f.reasons_json, f.title, "
                           "f.published, coalesce(f.content_hash, ''), f.error "
                           "FROM fetches f JOIN pages p ON p.id = f.page_id "
                           "WHERE f.audit_id = ? ORDER BY p.url");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, audit_id);
  std::vector<PageRecord> out;
  Status rows = sel->ForEachRow([&] {
    PageRecord p;
    p.url = sel->Text(0);
    p.status = static_cast<int>(sel->Int(1));
    p.indexable = sel->Int(2) != 0;
    p.exposure_reasons = StringsFromJson(sel->Text(3));
    p.title = sel->Text(4);
    p.published = sel->Text(5);
    p.content_hash = sel->Text(6);
    p.error = sel->Text(7);
    out.push_back(std::move(p));
  });
  if (!rows) return Unexpected(rows.error());
  return out;
}

Result<std::vector<HistoryPoint>> LoadHistory(Db& db, int64_t site_id) {
  auto sel = Stmt::Prepare(
      db,
      "SELECT a.id, a.started_at, a.state, "
      "(SELECT count(*) FROM fetches f WHERE f.audit_id = a.id), "
      "sum(o.status <> 'resolved' AND o.risk = 'critical'), "
      "sum(o.status <> 'resolved' AND o.risk = 'high'), "
      "sum(o.status <> 'resolved' AND o.risk = 'medium'), "
      "sum(o.status <> 'resolved' AND o.risk = 'low'), "
      "sum(o.status = 'new'), sum(o.status = 'resolved') "
      "FROM audits a LEFT JOIN occurrences o ON o.audit_id = a.id WHERE a.site_id = ? "
      "GROUP BY a.id ORDER BY a.id");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site_id);
  std::vector<HistoryPoint> out;
  Status rows = sel->ForEachRow([&] {
    HistoryPoint h;
    h.audit_id = sel->Int(0);
    h.started_at = sel->Text(1);
    h.state = sel->Text(2);
    h.pages = static_cast<int>(sel->Int(3));
    h.critical = static_cast<int>(sel->Int(4));
    h.high = static_cast<int>(sel->Int(5));
    h.medium = static_cast<int>(sel->Int(6));
    h.low = static_cast<int>(sel->Int(7));
    h.new_findings = static_cast<int>(sel->Int(8));
    h.resolved_findings = static_cast<int>(sel->Int(9));
    out.push_back(h);
  });
  if (!rows) return Unexpected(rows.error());
  return out;
}

// The report with or without its findings, `mu` held.
Result<AuditReport> LoadReportLocked(Db& db, int64_t audit_id, bool with_findings) {
  AuditReport report;
  auto summary = LoadAuditSummary(db, audit_id);
  if (!summary) return Unexpected(summary.error());
  report.audit = std::move(*summary);
  auto pages = LoadPages(db, audit_id);
  if (!pages) return Unexpected(pages.error());
  report.pages = std::move(*pages);
  if (with_findings) {
    auto findings = LoadOccurrences(db, audit_id);
    if (!findings) return Unexpected(findings.error());
    report.findings = std::move(*findings);
  }
  auto site_id = SiteIdOfAudit(db, audit_id);
  if (!site_id) return Unexpected(site_id.error());
  auto history = LoadHistory(db, *site_id);
  if (!history) return Unexpected(history.error());
  report.history = std::move(*history);
  return report;
}

}  // namespace
}  // namespace internal

Result<AuditReport> AuditStore::LoadReport(int64_t audit_id) {
  std::lock_guard lock(impl_->mu);
  return internal::LoadReportLocked(impl_->db, audit_id, true);
}

Result<AuditReport> AuditStore::LoadReportHeader(int64_t audit_id) {
  std::lock_guard lock(impl_->mu);
  return internal::LoadReportLocked(impl_->db, audit_id, false);
}

Result<std::optional<int64_t>> AuditStore::LatestAudit(const std::string& site_or_empty) {
  std::lock_guard lock(impl_->mu);
  auto sel =
      internal::Stmt::Prepare(impl_->db,
                              "SELECT max(a.id) FROM audits a JOIN sites s ON s.id = a.site_id "
                              "WHERE a.state = 'complete' AND (? = '' OR s.url = ?)");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site_or_empty).Bind(2, site_or_empty);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  return sel->OptInt(0);
}

Result<std::vector<AuditSummary>> AuditStore::ListAudits(const std::string& site_or_empty) {
  std::lock_guard lock(impl_->mu);
  auto sel = internal::Stmt::Prepare(impl_->db,
                                     "SELECT a.id FROM audits a JOIN sites s ON s.id = a.site_id "
                                     "WHERE ? = '' OR s.url = ? ORDER BY a.id DESC");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site_or_empty).Bind(2, site_or_empty);
  std::vector<int64_t> ids;
  Status rows = sel->ForEachRow([&] { ids.push_back(sel->Int(0)); });
  if (!rows) return Unexpected(rows.error());
  std::vector<AuditSummary> out;
  for (int64_t id : ids) {
    auto s = internal::LoadAuditSummary(impl_->db, id);
    if (!s) return Unexpected(s.error());
    out.push_back(std::move(*s));
  }
  return out;
}

Result<std::vector<HistoryPoint>> AuditStore::History(const std::string& site) {
  std::lock_guard lock(impl_->mu);
  auto site_id = internal::FindSiteId(impl_->db, site);
  if (!site_id) return Unexpected(site_id.error());
  if (!*site_id) return std::vector<HistoryPoint>();
  return internal::LoadHistory(impl_->db, **site_id);
}

Result<DiffReport> AuditStore::Diff(int64_t from, int64_t to) {
  std::lock_guard lock(impl_->mu);
  auto& db = impl_->db;
  DiffReport diff;
  auto a = internal::LoadAuditSummary(db, from);
  if (!a) return Unexpected(a.error());
  auto b = internal::LoadAuditSummary(db, to);
  if (!b) return Unexpected(b.error());
  if (a->site != b->site) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("audits {} and {} are of different sites ({}, {})", from, to, a->site,
                            b->site));
  }
  diff.from = std::move(*a);
  diff.to = std::move(*b);
  auto before = internal::LoadOccurrences(db, from);
  if (!before) return Unexpected(before.error());
  auto after = internal::LoadOccurrences(db, to);
  if (!after) return Unexpected(after.error());
  std::map<std::string, const ReportedFinding*> active_before;
  for (const auto& r : *before) {
    if (r.status != FindingStatus::kResolved) active_before[r.finding.id] = &r;
  }
  std::set<std::string> active_after;
  for (const auto& r : *after) {
    if (r.status == FindingStatus::kResolved) continue;
    active_after.insert(r.finding.id);
    auto it = active_before.find(r.finding.id);
    if (it == active_before.end()) {
      ReportedFinding n = r;
      n.status = FindingStatus::kNew;
      n.previous_risk.reset();
      diff.new_findings.push_back(std::move(n));
    } else if (it->second->finding.risk != r.finding.risk) {
      ReportedFinding c = r;
      c.status = FindingStatus::kPersisting;
      c.previous_risk = it->second->finding.risk;
      diff.changed_risk.push_back(std::move(c));
    }
  }
  // The later audit's rows by id (the last one of an id, as a scan would find it).
  std::map<std::string_view, const ReportedFinding*> later_by_id;
  for (const auto& later : *after) later_by_id.insert_or_assign(later.finding.id, &later);
  for (const auto& [id, r] : active_before) {
    if (active_after.count(id)) continue;
    ReportedFinding gone = *r;
    gone.status = FindingStatus::kResolved;
    // The later audit knows why it went (absent or noindex) when it is the resolving one.
    if (auto later = later_by_id.find(id); later != later_by_id.end()) {
      gone.resolved_reason = later->second->resolved_reason;
      gone.exposure = later->second->exposure;
    }
    if (gone.resolved_reason.empty()) gone.resolved_reason = "absent";
    diff.resolved_findings.push_back(std::move(gone));
  }
  auto pages_before = internal::LoadPages(db, from);
  if (!pages_before) return Unexpected(pages_before.error());
  auto pages_after = internal::LoadPages(db, to);
  if (!pages_after) return Unexpected(pages_after.error());
  std::map<std::string, std::string> hash_before;
  for (const auto& p : *pages_before) hash_before[p.url] = p.content_hash;
  std::set<std::string> urls_after;
  for (const auto& p : *pages_after) {
    urls_after.insert(p.url);
    auto it = hash_before.find(p.url);
    if (it == hash_before.end()) {
      diff.pages_added.push_back(p.url);
    } else if (it->second != p.content_hash) {
      diff.pages_changed.push_back(p.url);
    }
  }
  for (const auto& [url, hash] : hash_before) {
    if (!urls_after.count(url)) diff.pages_removed.push_back(url);
  }
  return diff;
}

}  // namespace sightline::storage
