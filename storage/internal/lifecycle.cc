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
#include "storage/internal/finding_texts.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage::internal {

namespace {

// What the lifecycle decides from a finding's previous occurrence (its text is referred to
// by SQL when it is resolved as absent, not held: a large site's previous audit has ~1.5
// findings per page).
struct PrevOccurrence {
  std::string status, resolved_reason, risk;
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
  std::string status, resolved_reason, risk;
  const PreparedFinding* finding = nullptr;  // its texts
  double k = 0;
  bool indexable = false;
  FindingRow window;
  std::optional<std::string> previous_risk;
};

Result<std::map<int64_t, PrevOccurrence>> LoadPrevious(Db& db, std::optional<int64_t> prev) {
  std::map<int64_t, PrevOccurrence> out;
  if (!prev) return out;
  auto sel = Stmt::Prepare(db,
                           "SELECT finding_id, status, resolved_reason, risk, indexable "
                           "FROM occurrences WHERE audit_id = ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, *prev);
  while (true) {
    auto row = sel->Step();
    if (!row) return Unexpected(row.error());
    if (!*row) break;
    out[sel->Int(0)] = PrevOccurrence{sel->Text(1), sel->Text(2), sel->Text(3), sel->Int(4) != 0};
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
  auto text_id = StoreFindingText(db, o.finding->text, o.finding->text_digest);
  if (!text_id) return Unexpected(text_id.error());
  auto ins = Stmt::Prepare(
      db,
      "INSERT INTO occurrences(audit_id, finding_id, status, resolved_reason, risk, k, "
      "text_id, indexable, first_seen, last_seen, ever_indexable, since_published, "
      "previous_risk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
      .Bind(7, *text_id)
      .Bind(8, o.indexable ? 1 : 0)
      .Bind(9, first_seen)
      .Bind(10, o.window.last_seen_at)
      .Bind(11, o.window.ever_indexable ? 1 : 0)
      .Bind(12, since_published ? 1 : 0);
  if (o.previous_risk) {
    ins->Bind(13, *o.previous_risk);
  } else {
    ins->BindNull(13);
  }
  return ins->Run();
}

}  // namespace

struct LifecycleWriter::State {
  int64_t site_id = 0;
  std::optional<int64_t> previous;
  std::map<int64_t, PrevOccurrence> prev;
  std::map<std::string, std::string> dates;
  std::string now;
  std::set<int64_t> seen;
};

LifecycleWriter::LifecycleWriter(Db& db, int64_t audit_id, std::unique_ptr<State> state)
    : db_(db), audit_id_(audit_id), state_(std::move(state)) {}
LifecycleWriter::~LifecycleWriter() = default;
LifecycleWriter::LifecycleWriter(LifecycleWriter&&) noexcept = default;

Result<LifecycleWriter> LifecycleWriter::Begin(Db& db, int64_t audit_id) {
  auto state = std::make_unique<State>();
  auto summary = LoadAuditSummary(db, audit_id);
  if (!summary) return Unexpected(summary.error());
  auto site_id = SiteIdOfAudit(db, audit_id);
  if (!site_id) return Unexpected(site_id.error());
  state->site_id = *site_id;
  auto prev_id = PreviousCompleteAudit(db, *site_id, audit_id);
  if (!prev_id) return Unexpected(prev_id.error());
  state->previous = *prev_id;
  auto prev = LoadPrevious(db, *prev_id);
  if (!prev) return Unexpected(prev.error());
  state->prev = std::move(*prev);
  auto dates = PageDates(db, audit_id);
  if (!dates) return Unexpected(dates.error());
  state->dates = std::move(*dates);
  state->now = summary->started_at;
  return LifecycleWriter(db, audit_id, std::move(state));
}

PreparedFinding PrepareFinding(const analyzer::Finding& f) {
  PreparedFinding p;
  p.id = f.id;
  p.kind = f.kind;
  p.risk = f.risk;
  p.anonymity_set = f.anonymity_set;
  p.indexable = f.indexable;
  p.pages = f.pages;
  p.text = FindingText{f.summary, DetailsToJson(f.details), StringsToJson(f.pages), f.advice,
                       StringsToJson(f.exposure_reasons)};
  p.text_digest = FindingTextDigest(p.text);
  return p;
}

Status LifecycleWriter::Add(const PreparedFinding& f) {
  Db& db = db_;
  const int64_t audit_id = audit_id_;
  const std::string& now = state_->now;
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

  std::optional<std::string> earliest;
  for (const auto& url : f.pages) {
    auto it = state_->dates.find(url);
    if (it != state_->dates.end() && (!earliest || it->second < *earliest)) earliest = it->second;
  }
  auto existing = LoadFindingRow(db, state_->site_id, f.id);
  if (!existing) return Unexpected(existing.error());
  FindingRow row;
  bool inserted = false;
  if (!*existing) {
    insert_finding->Bind(1, state_->site_id)
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
    inserted = true;
  } else {
    row = **existing;
    if (state_->seen.count(row.id)) return Ok();  // the analyzer reported one id twice
    row.last_seen_at = now;
    if (earliest && (!row.earliest || *earliest < *row.earliest)) row.earliest = earliest;
    row.ever_indexable = row.ever_indexable || f.indexable;
  }
  state_->seen.insert(row.id);

  Occurrence o;
  o.status = "persisting";
  auto p = state_->prev.find(row.id);
  if (p == state_->prev.end() ||
      (p->second.status == "resolved" && (p->second.resolved_reason != "noindex" || f.indexable))) {
    o.status = "new";
  } else if (p->second.status != "resolved" && p->second.indexable && !f.indexable) {
    o.status = "resolved";
    o.resolved_reason = "noindex";
  }
  if (p != state_->prev.end() && p->second.status != "resolved" &&
      p->second.risk != analyzer::RiskName(f.risk)) {
    o.previous_risk = p->second.risk;
  }
  // A row inserted just now already holds all this (and a finding new to the site is "new").
  if (!inserted) {
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
  }

  o.finding_id = row.id;
  o.risk = analyzer::RiskName(f.risk);
  o.k = f.anonymity_set;
  o.finding = &f;
  o.indexable = f.indexable;
  o.window = row;
  return InsertOccurrence(db, audit_id, o);
}

Status LifecycleWriter::Finish() {
  // Active in the previous audit, absent now: not exposed any more (indexable now is false;
  // ever_indexable keeps the history), shown with its last known details and window — copied
  // from the previous occurrence by SQL. first_seen / since_published as InsertOccurrence
  // computes them.
  auto resolve = Stmt::Prepare(db_, "UPDATE findings SET resolved_audit = ? WHERE id = ?");
  if (!resolve) return Unexpected(resolve.error());
  auto copy = Stmt::Prepare(
      db_,
      "INSERT INTO occurrences(audit_id, finding_id, status, resolved_reason, risk, k, "
      "text_id, indexable, first_seen, last_seen, ever_indexable, since_published, "
      "previous_risk) "
      "SELECT ?1, o.finding_id, 'resolved', 'absent', o.risk, o.k, o.text_id, 0, "
      "CASE WHEN f.earliest_page_date < f.first_seen_at THEN f.earliest_page_date "
      "ELSE f.first_seen_at END, f.last_seen_at, f.ever_indexable, "
      "coalesce(f.earliest_page_date < f.first_seen_at, 0), NULL "
      "FROM occurrences o JOIN findings f ON f.id = o.finding_id "
      "WHERE o.audit_id = ?2 AND o.finding_id = ?3");
  if (!copy) return Unexpected(copy.error());
  for (const auto& [finding_id, p] : state_->prev) {
    if (state_->seen.count(finding_id) || p.status == "resolved") continue;
    if (auto s = resolve->Bind(1, audit_id_).Bind(2, finding_id).Run(); !s) return s;
    if (auto s = copy->Bind(1, audit_id_).Bind(2, *state_->previous).Bind(3, finding_id).Run();
        !s) {
      return s;
    }
    if (db_.Changes() == 0) {
      return Fail(ErrorCode::kCorrupt, fmt::format("finding {} vanished", finding_id));
    }
  }
  return Ok();
}

}  // namespace sightline::storage::internal
