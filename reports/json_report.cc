// JSON renderings: the `sightline.audit/1` contract (DESIGN.md; docs/report-schema.json),
// `sightline.diff/1` and `sightline.history/1`. Fields may be added, never renamed.
#include <algorithm>
#include <cmath>
#include <functional>
#include <future>
#include <optional>
#include <string_view>
#include <vector>

#include "reports/internal/json_model.h"
#include "reports/internal/presentation.h"
#include "reports/internal/redaction.h"
#include "reports/report.h"

namespace sightline::reports {

using nlohmann::json;

namespace internal {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1, min = 0x80, cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2, min = 0x800, cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3, min = 0x10000, cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

namespace {

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

// Page text may hold invalid UTF-8, on which json::dump() throws: every string is checked in
// place and only an invalid one is re-encoded (U+FFFD replacements), so callers can dump() the
// result without a try block. In place, not a dump-and-parse round trip of the whole document:
// that held three copies of a large report at once (about 170 MB of a 5,000-page audit's
// 460 MB heap peak, docs/performance.md).
void ReplaceInvalidUtf8(json& value) {
  if (value.is_string()) {
    auto& s = value.get_ref<std::string&>();
    if (!IsValidUtf8(s)) {
      s = json::parse(json(s).dump(-1, ' ', false, json::error_handler_t::replace))
              .get<std::string>();
    }
  } else if (value.is_structured()) {
    for (auto& item : value.items()) {
      // Object keys are the report's own field names (ASCII); only values hold page text.
      ReplaceInvalidUtf8(item.value());
    }
  }
}

json Sanitized(json doc) {
  try {
    ReplaceInvalidUtf8(doc);
    return doc;
  } catch (const json::exception&) {
    return json{{"schema", doc.value("schema", "")}, {"error", "unencodable report"}};
  }
}

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

json PageToJson(const storage::PageRecord& p) {
  return {{"url", p.url},
          {"status", p.status},
          {"indexable", p.indexable},
          {"exposure_reasons", p.exposure_reasons},
          {"title", p.title},
          {"published", StringOrNull(p.published)},
          {"content_hash", p.content_hash},
          {"error", StringOrNull(p.error)}};
}

// The audit document around its two large arrays (given, or empty for the streamed form that
// fills them in afterwards), sanitized; `counts` are its summary.
json AuditDocument(const storage::AuditReport& report, const RiskCounts& counts,
                   const RenderOptions& options, json pages, json findings) {
  json history = json::array();
  for (const auto& h : report.history) history.push_back(HistoryPointToJson(h));
  return Sanitized(json{{"schema", "sightline.audit/1"},
                        {"generated_at", ReportTime(report.audit, options)},
                        {"redacted", options.redact},
                        {"audit", AuditSummaryToJson(report.audit)},
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

}  // namespace internal

json AuditToJson(const storage::AuditReport& input, const RenderOptions& options) {
  // Only a redacted report is a copy: the input may hold tens of MB of findings.
  std::optional<storage::AuditReport> redacted;
  if (options.redact) redacted = internal::RedactAudit(input);
  const storage::AuditReport& report = redacted ? *redacted : input;
  json pages = json::array();
  for (const auto& p : report.pages) pages.push_back(internal::PageToJson(p));
  json findings = json::array();
  for (const auto* f : internal::SortFindings(report.findings)) {
    findings.push_back(internal::FindingToJson(*f));
  }
  return internal::AuditDocument(report, internal::CountFindings(report.findings), options,
                                 std::move(pages), std::move(findings));
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
  // "open" counts the findings still on the site; "open_change" compares them with the
  // previous complete audit (null for the first, and for an interrupted or running audit).
  std::optional<int> previous_open;
  for (const auto& h : history) {
    json point = internal::HistoryPointToJson(h);
    const int open = h.critical + h.high + h.medium + h.low;
    point["open"] = open;
    const bool complete = h.state == "complete";
    point["open_change"] = complete && previous_open ? json(open - *previous_open) : json(nullptr);
    if (complete) previous_open = open;
    audits.push_back(std::move(point));
  }
  return internal::Sanitized(
      json{{"schema", "sightline.history/1"}, {"site", site}, {"audits", std::move(audits)}});
}

}  // namespace sightline::reports
