// Finding lifecycle at the end of an audit, against the previous complete audit of the site:
//   new        not active in the previous audit (first time, or back after being resolved);
//   persisting active before and now;
//   resolved   active before and absent now ("absent": page gone or changed), or still present
//              but no longer indexable when it was ("noindex"). Stored as an occurrence of this
//              audit with its last known details, so the report that found it gone shows it.
// Exposure window: first_seen is the first audit's start, or the page's own published /
// modified / Last-Modified date when earlier ("exposed since at least ...").
#include <fmt/format.h>

#include <map>
#include <set>

#include "storage/internal/codec.h"
#include "storage/internal/details_codec.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage::internal {

namespace {

struct PrevOccurrence {
  std::string status, resolved_reason, risk, summary, details_json, pages_json, advice,
      reasons_json;
  double k = 0;
  bool indexable = false;
};

struct FindingRow {
  int64_t id = 0;
  std::string first_seen_at, last_seen_at;
  std::optional<std::string> earliest;
  bool ever_indexable = false;
};

struct Occurrence {
  int64_t finding_id = 0;
  std::string status, resolved_reason, risk, summary, details_json, pages_json, advice,
      reasons_json;
  double k = 0;
  bool indexable = false;
  FindingRow window;
  std::optional<std::string> previous_risk;
};

Result<std::map<int64_t, PrevOccurrence>> LoadPrevious(Db& db, std::optional<int64_t> prev) {
  std::map<int64_t, PrevOccurrence> out;
  if (!prev) return out;
  auto sel = Stmt::Prepare(db,
                           "SELECT finding_id, status, resolved_reason, risk, summary, "
                           "details_json, pages_json, advice, reasons_json, k, indexable "
                           "FROM occurrences WHERE audit_id = ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, *prev);
  while (true) {
    auto row = sel->Step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    out[sel->Int(0)] =
        PrevOccurrence{sel->Text(1), sel->Text(2), sel->Text(3), sel->Text(4),   sel->Text(5),
                       sel->Text(6), sel->Text(7), sel->Text(8), sel->Double(9), sel->Int(10) != 0};
  }
  return out;
}

// Earliest own date (published, modified, Last-Modified) of each page fetched by the audit.
Result<std::map<std::string, std::string>> PageDates(Db& db, int64_t audit_id) {
  std::map<std::string, std::string> out;
  auto sel = Stmt::Prepare(db,
                           "SELECT p.url, f.published, f.modified, f.last_modified "
                           "FROM fetches f JOIN pages p ON p.id = f.page_id "
                           "WHERE f.audit_id = ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, audit_id);
  while (true) {
    auto row = sel->Step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    std::optional<std::string> best;
    for (int col = 1; col <= 3; ++col) {
      auto d = NormalizePageDate(sel->Text(col));
      if (d && (!best || *d < *best)) best = d;
    }
    if (best) out[sel->Text(0)] = *best;
  }
  return out;
}

Result<std::optional<FindingRow>> LoadFindingRow(Db& db, int64_t site_id,
                                                 const std::string& fingerprint) {
  auto sel = Stmt::Prepare(db,
                           "SELECT id, first_seen_at, last_seen_at, earliest_page_date, "
                           "ever_indexable FROM findings WHERE site_id = ? AND "
                           "fingerprint = ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, site_id).Bind(2, fingerprint);
  auto row = sel->Step();
  if (!row) return Unexpected(row.error());
  if (!*row) return std::optional<FindingRow>();
  FindingRow r{sel->Int(0), sel->Text(1), sel->Text(2), std::nullopt, sel->Int(4) != 0};
  if (!sel->IsNull(3)) r.earliest = sel->Text(3);
  return std::optional<FindingRow>(r);
}

Status InsertOccurrence(Db& db, int64_t audit_id, const Occurrence& o) {
  auto ins = Stmt::Prepare(
      db,
      "INSERT INTO occurrences(audit_id, finding_id, status, resolved_reason, risk, k, summary, "
      "details_json, pages_json, advice, indexable, reasons_json, first_seen, last_seen, "
      "ever_indexable, since_published, previous_risk) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!ins) return Unexpected(ins.error());
  std::string first_seen = o.window.first_seen_at;
  bool since_published = false;
  if (o.window.earliest && *o.window.earliest < first_seen) {
    first_seen = *o.window.earliest;
    since_published = true;
  }
  ins->Bind(1, audit_id)
      .Bind(2, o.finding_id)
      .Bind(3, o.status)
      .Bind(4, o.resolved_reason)
      .Bind(5, o.risk)
      .Bind(6, o.k)
      .Bind(7, o.summary)
      .Bind(8, o.details_json)
      .Bind(9, o.pages_json)
      .Bind(10, o.advice)
      .Bind(11, o.indexable ? 1 : 0)
      .Bind(12, o.reasons_json)
      .Bind(13, first_seen)
      .Bind(14, o.window.last_seen_at)
      .Bind(15, o.window.ever_indexable ? 1 : 0)
      .Bind(16, since_published ? 1 : 0);
  if (o.previous_risk) {
    ins->Bind(17, *o.previous_risk);
  } else {
    ins->BindNull(17);
  }
  return ins->Run();
}

}  // namespace

Status ApplyLifecycle(Db& db, int64_t audit_id, const std::vector<analyzer::Finding>& findings) {
  auto summary = LoadAuditSummary(db, audit_id);
  if (!summary) return Unexpected(summary.error());
  auto site_id = SiteIdOfAudit(db, audit_id);
  if (!site_id) return Unexpected(site_id.error());
  auto prev_id = PreviousCompleteAudit(db, *site_id, audit_id);
  if (!prev_id) return Unexpected(prev_id.error());
  auto prev = LoadPrevious(db, *prev_id);
  if (!prev) return Unexpected(prev.error());
  auto dates = PageDates(db, audit_id);
  if (!dates) return Unexpected(dates.error());
  const std::string now = summary->started_at;

  auto insert_finding = Stmt::Prepare(
      db,
      "INSERT INTO findings(site_id, fingerprint, kind, first_seen_audit, last_seen_audit, "
      "first_seen_at, last_seen_at, earliest_page_date, ever_indexable) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert_finding) return Unexpected(insert_finding.error());
  auto update_finding =
      Stmt::Prepare(db,
                    "UPDATE findings SET kind = ?, last_seen_audit = ?, last_seen_at = ?, "
                    "earliest_page_date = ?, ever_indexable = ?, resolved_audit = ? WHERE id = ?");
  if (!update_finding) return Unexpected(update_finding.error());

  std::set<int64_t> seen;
  for (const auto& f : findings) {
    std::optional<std::string> earliest;
    for (const auto& url : f.pages) {
      auto it = dates->find(url);
      if (it != dates->end() && (!earliest || it->second < *earliest)) earliest = it->second;
    }
    auto existing = LoadFindingRow(db, *site_id, f.id);
    if (!existing) return Unexpected(existing.error());
    FindingRow row;
    if (!*existing) {
      insert_finding->Bind(1, *site_id)
          .Bind(2, f.id)
          .Bind(3, analyzer::FindingKindName(f.kind))
          .Bind(4, audit_id)
          .Bind(5, audit_id)
          .Bind(6, now)
          .Bind(7, now)
          .Bind(9, f.indexable ? 1 : 0);
      if (earliest) {
        insert_finding->Bind(8, *earliest);
      } else {
        insert_finding->BindNull(8);
      }
      if (auto s = insert_finding->Run(); !s) return s;
      row = FindingRow{db.LastInsertId(), now, now, earliest, f.indexable};
    } else {
      row = **existing;
      if (seen.count(row.id)) continue;  // the analyzer reported one id twice
      row.last_seen_at = now;
      if (earliest && (!row.earliest || *earliest < *row.earliest)) row.earliest = earliest;
      row.ever_indexable = row.ever_indexable || f.indexable;
    }
    seen.insert(row.id);

    Occurrence o;
    o.status = "persisting";
    auto p = prev->find(row.id);
    if (p == prev->end() || (p->second.status == "resolved" &&
                             (p->second.resolved_reason != "noindex" || f.indexable))) {
      o.status = "new";
    } else if (p->second.status != "resolved" && p->second.indexable && !f.indexable) {
      o.status = "resolved";
      o.resolved_reason = "noindex";
    }
    if (p != prev->end() && p->second.status != "resolved" &&
        p->second.risk != analyzer::RiskName(f.risk)) {
      o.previous_risk = p->second.risk;
    }
    update_finding->Bind(1, analyzer::FindingKindName(f.kind))
        .Bind(2, audit_id)
        .Bind(3, now)
        .Bind(5, row.ever_indexable ? 1 : 0)
        .Bind(6, o.status == "resolved" ? std::optional<int64_t>(audit_id) : std::nullopt)
        .Bind(7, row.id);
    if (row.earliest) {
      update_finding->Bind(4, *row.earliest);
    } else {
      update_finding->BindNull(4);
    }
    if (auto s = update_finding->Run(); !s) return s;

    o.finding_id = row.id;
    o.risk = analyzer::RiskName(f.risk);
    o.k = f.anonymity_set;
    o.summary = f.summary;
    o.details_json = DetailsToJson(f.details);
    o.pages_json = StringsToJson(f.pages);
    o.advice = f.advice;
    o.indexable = f.indexable;
    o.reasons_json = StringsToJson(f.exposure_reasons);
    o.window = row;
    if (auto s = InsertOccurrence(db, audit_id, o); !s) return s;
  }

  // Active in the previous audit, absent now: not exposed any more (indexable now is false;
  // ever_indexable keeps the history), shown with its last known details and window.
  auto resolve = Stmt::Prepare(db, "UPDATE findings SET resolved_audit = ? WHERE id = ?");
  if (!resolve) return Unexpected(resolve.error());
  auto window = Stmt::Prepare(db,
                              "SELECT first_seen_at, last_seen_at, earliest_page_date, "
                              "ever_indexable FROM findings WHERE id = ?");
  if (!window) return Unexpected(window.error());
  for (const auto& [finding_id, p] : *prev) {
    if (seen.count(finding_id) || p.status == "resolved") continue;
    if (auto s = resolve->Bind(1, audit_id).Bind(2, finding_id).Run(); !s) return s;
    window->Bind(1, finding_id);
    auto row = window->Step();
    if (!row) return Unexpected(row.error());
    if (!*row) return Fail(ErrorCode::kCorrupt, fmt::format("finding {} vanished", finding_id));
    Occurrence o{
        finding_id,
        "resolved",
        "absent",
        p.risk,
        p.summary,
        p.details_json,
        p.pages_json,
        p.advice,
        p.reasons_json,
        p.k,
        /*indexable=*/false,
        FindingRow{finding_id, window->Text(0), window->Text(1), std::nullopt, window->Int(3) != 0},
        std::nullopt};
    if (!window->IsNull(2)) o.window.earliest = window->Text(2);
    window->Reset();
    if (auto s = InsertOccurrence(db, audit_id, o); !s) return s;
  }
  return Ok();
}

}  // namespace sightline::storage::internal
