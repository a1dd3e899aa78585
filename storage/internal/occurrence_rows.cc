// Occurrence rows as reports see them: one row's columns read into a ReportedFinding (shared by
// LoadReport's whole list and ForEachReportedFinding's one-at-a-time walk), and the order both
// list them in.
#include "storage/internal/occurrence_rows.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "common/clock.h"
#include "storage/internal/codec.h"
#include "storage/internal/details_codec.h"
#include "storage/internal/store_impl.h"

namespace sightline::storage::internal {

namespace {

int DaysBetween(const std::string& from, const std::string& to) {
  WallTime a{}, b{};
  if (!ParseIso8601(from, &a) || !ParseIso8601(to, &b) || b < a) return 0;
  return static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(b - a).count() / 24);
}

// One occurrence row as a report shows it: OccurrenceFromRow reads these columns, in this
// order, from kOccurrenceFrom.
constexpr const char* kOccurrenceColumns =
    "f.fingerprint, f.kind, o.status, o.resolved_reason, o.risk, o.k, t.summary, "
    "t.details_json, t.pages_json, t.advice, o.indexable, t.reasons_json, o.first_seen, "
    "o.last_seen, o.ever_indexable, o.since_published, o.previous_risk, "
    "k.fingerprint IS NOT NULL, coalesce(k.note, '')";
constexpr const char* kOccurrenceFrom =
    "FROM occurrences o JOIN findings f ON f.id = o.finding_id "
    "JOIN finding_texts t ON t.id = o.text_id "
    "LEFT JOIN finding_acks k ON k.fingerprint = f.fingerprint";

FindingStatus ParseStatus(const std::string& status) {
  return status == "new"          ? FindingStatus::kNew
         : status == "persisting" ? FindingStatus::kPersisting
                                  : FindingStatus::kResolved;
}

analyzer::Risk RiskOf(const std::string& risk) {
  return analyzer::ParseRisk(risk).value_or(analyzer::Risk::kLow);
}

ReportedFinding OccurrenceFromRow(const Stmt& sel) {
  ReportedFinding r;
  r.finding.id = sel.Text(0);
  r.finding.kind = analyzer::ParseFindingKind(sel.Text(1))
                       .value_or(analyzer::FindingKind::kPatientReidentification);
  r.status = ParseStatus(sel.Text(2));
  r.resolved_reason = sel.Text(3);
  r.finding.risk = RiskOf(sel.Text(4));
  r.finding.anonymity_set = sel.Double(5);
  r.finding.summary = sel.Text(6);
  r.finding.details = DetailsFromJson(sel.Text(7));
  r.finding.pages = StringsFromJson(sel.Text(8));
  r.finding.advice = sel.Text(9);
  r.finding.indexable = sel.Int(10) != 0;
  r.finding.exposure_reasons = StringsFromJson(sel.Text(11));
  r.exposure.indexable = r.finding.indexable;
  r.exposure.reasons = r.finding.exposure_reasons;
  r.exposure.first_seen = sel.Text(12);
  r.exposure.last_seen = sel.Text(13);
  r.exposure.exposed_days = DaysBetween(r.exposure.first_seen, r.exposure.last_seen);
  r.exposure.ever_indexable = sel.Int(14) != 0;
  r.exposure.exposed_since_published = sel.Int(15) != 0;
  if (!sel.IsNull(16)) r.previous_risk = analyzer::ParseRisk(sel.Text(16));
  r.exposure.acknowledged = sel.Int(17) != 0;
  r.exposure.ack_note = sel.Text(18);
  return r;
}

// LoadReport's order: current findings by risk, then resolved ones; ties by id so the order
// is stable.
bool StoredOrderLess(FindingStatus a_status, analyzer::Risk a_risk, const std::string& a_id,
                     FindingStatus b_status, analyzer::Risk b_risk, const std::string& b_id) {
  const bool ar = a_status == FindingStatus::kResolved, br = b_status == FindingStatus::kResolved;
  if (ar != br) return br;
  if (a_risk != b_risk) return a_risk > b_risk;
  return a_id < b_id;
}

}  // namespace

Result<std::vector<ReportedFinding>> LoadOccurrences(Db& db, int64_t audit_id) {
  auto sel = Stmt::Prepare(
      db, fmt::format("SELECT {} {} WHERE o.audit_id = ?", kOccurrenceColumns, kOccurrenceFrom));
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, audit_id);
  std::vector<ReportedFinding> out;
  Status rows = sel->ForEachRow([&] { out.push_back(OccurrenceFromRow(*sel)); });
  if (!rows) return Unexpected(rows.error());
  std::stable_sort(out.begin(), out.end(), [](const ReportedFinding& a, const ReportedFinding& b) {
    return StoredOrderLess(a.status, a.finding.risk, a.finding.id, b.status, b.finding.risk,
                           b.finding.id);
  });
  return out;
}

Result<std::vector<KeyedOccurrence>> LoadOccurrenceKeys(Db& db, int64_t audit_id) {
  auto sel = Stmt::Prepare(db,
                           "SELECT o.rowid, f.fingerprint, o.status, o.risk, o.k "
                           "FROM occurrences o JOIN findings f ON f.id = o.finding_id "
                           "WHERE o.audit_id = ?");
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, audit_id);
  std::vector<KeyedOccurrence> keys;
  Status rows = sel->ForEachRow([&] {
    KeyedOccurrence k;
    k.row = sel->Int(0);
    k.key.id = sel->Text(1);
    k.key.status = ParseStatus(sel->Text(2));
    k.key.risk = RiskOf(sel->Text(3));
    k.key.anonymity_set = sel->Double(4);
    keys.push_back(std::move(k));
  });
  if (!rows) return Unexpected(rows.error());
  std::stable_sort(keys.begin(), keys.end(),
                   [](const KeyedOccurrence& a, const KeyedOccurrence& b) {
                     return StoredOrderLess(a.key.status, a.key.risk, a.key.id, b.key.status,
                                            b.key.risk, b.key.id);
                   });
  return keys;
}

Result<std::optional<ReportedFinding>> LoadOccurrenceByRow(Db& db, int64_t row) {
  auto sel = Stmt::Prepare(
      db, fmt::format("SELECT {} {} WHERE o.rowid = ?", kOccurrenceColumns, kOccurrenceFrom));
  if (!sel) return Unexpected(sel.error());
  sel->Bind(1, row);
  auto found = sel->Step();
  if (!found) return Unexpected(found.error());
  if (!*found) return std::optional<ReportedFinding>();
  return std::optional<ReportedFinding>(OccurrenceFromRow(*sel));
}

}  // namespace sightline::storage::internal
