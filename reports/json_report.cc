// JSON renderings: the `sightline.audit/1` contract (DESIGN.md; docs/report-schema.json),
// `sightline.diff/1` and `sightline.history/1`. Fields may be added, never renamed.
#include <cmath>

#include "reports/internal/json_model.h"
#include "reports/internal/presentation.h"
#include "reports/internal/redaction.h"
#include "reports/report.h"

namespace sightline::reports {

using nlohmann::json;

namespace internal {
namespace {

// Page text may hold invalid UTF-8, on which json::dump() throws: re-encode once here with
// U+FFFD replacements so callers can dump() the result without a try block.
json Sanitized(const json& doc) {
  try {
    return json::parse(doc.dump(-1, ' ', false, json::error_handler_t::replace));
  } catch (const json::exception&) {
    return json{{"schema", doc.value("schema", "")}, {"error", "unencodable report"}};
  }
}

json NumberOrNull(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json DetailToJson(const analyzer::FindingDetail& d) {
  return json{{"type", analyzer::MentionTypeName(d.type)},
              {"text", d.text},
              {"normalized", d.normalized},
              {"url", d.url},
              {"snippet", d.snippet},
              {"snippet_begin", d.snippet_begin},
              {"snippet_end", d.snippet_end},
              {"hidden", d.hidden},
              {"inherited", d.inherited},
              {"prior", NumberOrNull(d.prior)}};
}

json ExposureToJson(const storage::FindingExposure& e) {
  json archived = json::array();
  for (const auto& a : e.archived) {
    archived.push_back({{"archive", a.archive}, {"captured_at", a.captured_at}, {"url", a.url}});
  }
  return json{{"indexable", e.indexable},
              {"ever_indexable", e.ever_indexable},
              {"reasons", e.reasons},
              {"first_seen", e.first_seen},
              {"last_seen", e.last_seen},
              {"exposed_days", e.exposed_days},
              {"exposed_since_published", e.exposed_since_published},
              {"archived", std::move(archived)},
              {"acknowledged", e.acknowledged},
              {"ack_note", e.ack_note}};
}

}  // namespace

json FindingToJson(const storage::ReportedFinding& rf) {
  const auto& f = rf.finding;
  json details = json::array();
  for (const auto& d : f.details) details.push_back(DetailToJson(d));
  return json{{"id", f.id},
              {"kind", analyzer::FindingKindName(f.kind)},
              {"risk", analyzer::RiskName(f.risk)},
              {"status", storage::FindingStatusName(rf.status)},
              {"previous_risk",
               rf.previous_risk ? json(analyzer::RiskName(*rf.previous_risk)) : json(nullptr)},
              {"anonymity_set", NumberOrNull(f.anonymity_set)},
              {"summary", f.summary},
              {"pages", f.pages},
              {"details", std::move(details)},
              {"exposure", ExposureToJson(rf.exposure)},
              {"advice", f.advice}};
}

json AuditSummaryToJson(const storage::AuditSummary& a) {
  return json{{"id", a.id},
              {"site", a.site},
              {"started_at", a.started_at},
              {"finished_at", StringOrNull(a.finished_at)},
              {"state", a.state},
              {"previous_id", a.previous_id ? json(*a.previous_id) : json(nullptr)},
              {"pages_fetched", a.pages_fetched},
              {"pages_failed", a.pages_failed},
              {"not_modified", a.not_modified},
              {"pages_skipped", a.pages_skipped}};
}

json HistoryPointToJson(const storage::HistoryPoint& h) {
  return json{{"audit_id", h.audit_id}, {"started_at", h.started_at},
              {"state", h.state},       {"pages", h.pages},
              {"critical", h.critical}, {"high", h.high},
              {"medium", h.medium},     {"low", h.low},
              {"new", h.new_findings},  {"resolved", h.resolved_findings}};
}

}  // namespace internal

json AuditToJson(const storage::AuditReport& input, const RenderOptions& options) {
  const storage::AuditReport report = options.redact ? internal::RedactAudit(input) : input;
  json pages = json::array();
  for (const auto& p : report.pages) {
    pages.push_back({{"url", p.url},
                     {"status", p.status},
                     {"indexable", p.indexable},
                     {"exposure_reasons", p.exposure_reasons},
                     {"title", p.title},
                     {"published", internal::StringOrNull(p.published)},
                     {"content_hash", p.content_hash},
                     {"error", internal::StringOrNull(p.error)}});
  }
  json findings = json::array();
  for (const auto* f : internal::SortFindings(report.findings)) {
    findings.push_back(internal::FindingToJson(*f));
  }
  json history = json::array();
  for (const auto& h : report.history) history.push_back(internal::HistoryPointToJson(h));
  const auto counts = internal::CountFindings(report.findings);
  return internal::Sanitized(json{{"schema", "sightline.audit/1"},
                                  {"generated_at", internal::ReportTime(report.audit, options)},
                                  {"redacted", options.redact},
                                  {"audit", internal::AuditSummaryToJson(report.audit)},
                                  {"summary",
                                   {{"critical", counts.critical},
                                    {"high", counts.high},
                                    {"medium", counts.medium},
                                    {"low", counts.low},
                                    {"new", counts.new_findings},
                                    {"persisting", counts.persisting},
                                    {"resolved", counts.resolved}}},
                                  {"pages", std::move(pages)},
                                  {"findings", std::move(findings)},
                                  {"history", std::move(history)}});
}

json DiffToJson(const storage::DiffReport& input, const RenderOptions& options) {
  const storage::DiffReport diff = options.redact ? internal::RedactDiff(input) : input;
  auto list = [](const std::vector<storage::ReportedFinding>& findings) {
    json out = json::array();
    for (const auto* f : internal::SortFindings(findings))
      out.push_back(internal::FindingToJson(*f));
    return out;
  };
  return internal::Sanitized(json{{"schema", "sightline.diff/1"},
                                  {"generated_at", internal::ReportTime(diff.to, options)},
                                  {"redacted", options.redact},
                                  {"from", internal::AuditSummaryToJson(diff.from)},
                                  {"to", internal::AuditSummaryToJson(diff.to)},
                                  {"new_findings", list(diff.new_findings)},
                                  {"resolved_findings", list(diff.resolved_findings)},
                                  {"changed_risk", list(diff.changed_risk)},
                                  {"pages_added", diff.pages_added},
                                  {"pages_removed", diff.pages_removed},
                                  {"pages_changed", diff.pages_changed}});
}

json HistoryToJson(const std::vector<storage::HistoryPoint>& history, const std::string& site) {
  json audits = json::array();
  for (const auto& h : history) audits.push_back(internal::HistoryPointToJson(h));
  return internal::Sanitized(
      json{{"schema", "sightline.history/1"}, {"site", site}, {"audits", std::move(audits)}});
}

}  // namespace sightline::reports
