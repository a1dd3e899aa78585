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
namespace {

// Whether `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, <= U+10FFFF).
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
// fills them in afterwards), sanitized.
json AuditDocument(const storage::AuditReport& report, const RenderOptions& options, json pages,
                   json findings) {
  json history = json::array();
  for (const auto& h : report.history) history.push_back(HistoryPointToJson(h));
  const auto counts = CountFindings(report.findings);
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
  return internal::AuditDocument(report, options, std::move(pages), std::move(findings));
}

namespace {

// `element.dump(2)` as it appears two levels down in the document's dump(2) (inside an array
// that is a member of the top-level object): every line indented four more spaces.
void AppendIndented(const json& element, std::string* out) {
  const std::string text = element.dump(2);
  out->append("    ");
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    out->append(text, start, nl + 1 - start);
    out->append("    ");
    start = nl + 1;
  }
  out->append(text, start, std::string::npos);
}

// Element i of an array as it appears in the document (see AppendIndented), or nullopt when
// a string in it cannot be encoded.
template <typename Make>
std::optional<std::string> ElementText(Make& make, size_t i) {
  json element = make(i);
  try {
    internal::ReplaceInvalidUtf8(element);
  } catch (const json::exception&) {
    return std::nullopt;
  }
  std::string text;
  AppendIndented(element, &text);
  return text;
}

// Streams one top-level array member: `make(i)` builds element i's JSON only while it is
// written, so the whole array never exists as a DOM. Same text as the DOM's dump(2).
// Elements are rendered a chunk at a time, the second half of each chunk on a second thread
// (`make` must be safe to call concurrently; it only reads the report): rendering is most of
// the time the last report of an audit takes. The text is sized once from the first chunk
// (plus `after_bytes` still to come): growing it by doubling held ~2.4x the final 59 MB of a
// 5,000-page report at the last copy. With a `sink`, the text is handed on in pieces of about
// 1 MB instead (and not sized).
using Sink = std::function<void(std::string_view)>;

template <typename Make>
bool StreamArray(size_t n, Make make, size_t after_bytes, const Sink* sink, std::string* out) {
  if (n == 0) {
    out->append("[]");
    return true;
  }
  out->append("[\n");
  const size_t start = out->size();
  constexpr size_t kChunk = 128;
  std::vector<std::optional<std::string>> texts(kChunk);
  for (size_t first = 0; first < n; first += kChunk) {
    const size_t count = std::min(kChunk, n - first);
    const size_t half = count / 2;
    auto render = [&](size_t from, size_t to) {
      for (size_t k = from; k < to; ++k) texts[k] = ElementText(make, first + k);
    };
    // async|deferred: without a thread to spare, the second half renders in get().
    auto second = std::async(std::launch::async | std::launch::deferred, render, half, count);
    render(0, half);
    second.get();
    for (size_t k = 0; k < count; ++k) {
      if (!texts[k]) return false;
      out->append(*texts[k]);
      out->append(first + k + 1 < n ? ",\n" : "\n");
    }
    if (first == 0 && sink == nullptr && count < n) {
      const size_t per = (out->size() - start) / count + 1;
      out->reserve(out->size() + per * (n - count) / 20 * 21 + after_bytes);
    }
    if (sink != nullptr && out->size() >= (size_t{1} << 20)) {
      (*sink)(*out);
      out->clear();
    }
  }
  out->append("  ]");
  return true;
}

// The audit document into `out` (all of it, or in pieces through `sink`); false when a
// string could not be encoded.
bool AuditJson(const storage::AuditReport& input, const RenderOptions& options, const Sink* sink,
               std::string* out_text) {
  std::string& out = *out_text;
  std::optional<storage::AuditReport> redacted;
  if (options.redact) redacted = internal::RedactAudit(input);
  const storage::AuditReport& report = redacted ? *redacted : input;
  // Everything but the two large arrays as one small document; they are streamed into the
  // places its dump leaves for them ("pages": [] and "findings": [] are top-level members).
  const json top = internal::AuditDocument(report, options, json::array(), json::array());
  const std::string skeleton = top.dump(2);
  const std::string pages_slot = "\n  \"pages\": []";
  const std::string findings_slot = "\n  \"findings\": []";
  const size_t pages_at = skeleton.find(pages_slot);
  const size_t findings_at = skeleton.find(findings_slot);
  if (pages_at == std::string::npos || findings_at == std::string::npos || findings_at > pages_at) {
    out = skeleton + "\n";  // the error document of Sanitized
    return true;
  }
  const auto sorted = internal::SortFindings(report.findings);
  if (sink == nullptr) out.reserve(skeleton.size() + 64 * 8192);
  const size_t pages_bytes = report.pages.size() * 400;  // ~330 bytes each, JSON-indented
  // Keys are sorted: findings come before pages.
  const size_t findings_value = findings_at + findings_slot.size() - 2;
  out.append(skeleton, 0, findings_value);
  bool ok = StreamArray(
      sorted.size(), [&](size_t i) { return internal::FindingToJson(*sorted[i]); },
      pages_bytes + skeleton.size(), sink, &out);
  const size_t pages_value = pages_at + pages_slot.size() - 2;
  out.append(skeleton, findings_value + 2, pages_value - findings_value - 2);
  ok = ok &&
       StreamArray(
           report.pages.size(), [&](size_t i) { return internal::PageToJson(report.pages[i]); },
           skeleton.size(), sink, &out);
  if (!ok) return false;
  out.append(skeleton, pages_value + 2, std::string::npos);
  out.push_back('\n');
  return true;
}

}  // namespace

std::string AuditJsonText(const storage::AuditReport& report, const RenderOptions& options) {
  std::string out;
  if (!AuditJson(report, options, nullptr, &out)) {
    return json{{"schema", "sightline.audit/1"}, {"error", "unencodable report"}}.dump(2) + "\n";
  }
  return out;
}

bool WriteAuditJson(const storage::AuditReport& report, const RenderOptions& options,
                    const std::function<void(std::string_view)>& write) {
  std::string rest;
  const bool ok = AuditJson(report, options, &write, &rest);
  if (!rest.empty()) write(rest);
  return ok;
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
