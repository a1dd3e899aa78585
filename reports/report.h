// Reports: renders an audit, an audit-to-audit diff or a site's history as terminal text,
// JSON (the `sightline.audit/1` contract of DESIGN.md, schema in docs/report-schema.json),
// one self-contained HTML file, or CSV (RFC 4180, formula-injection guarded).
// Pure functions over storage/report_model.h: no I/O, no globals, thread-safe. Never throws:
// page text is untrusted and is escaped centrally for HTML and quoted for CSV.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/report_model.h"

namespace sightline::reports {

enum class Format { kText, kJson, kHtml, kCsv };
// "text", "json", "html", "csv" (case-sensitive, as on the command line).
std::optional<Format> ParseFormat(std::string_view name);
const char* FormatName(Format format);

struct RenderOptions {
  // ANSI colour in text output. The app decides (stdout is a terminal and NO_COLOR unset).
  bool color = false;
  // Mask every detail wherever it appears (details, snippets, summaries, titles) with
  // Redact(), for reports that are shared: "Fabry disease" -> "F***y disease".
  bool redact = false;
  // ISO 8601 UTC; shown in the report and used as "now" for open exposure windows. Empty:
  // the audit's finished_at (or started_at) stands in, so output stays deterministic.
  std::string generated_at;
};

std::string RenderAudit(const storage::AuditReport& report, Format format,
                        const RenderOptions& options);
std::string RenderDiff(const storage::DiffReport& diff, Format format,
                       const RenderOptions& options);
std::string RenderHistory(const std::vector<storage::HistoryPoint>& history,
                          const std::string& site, Format format, const RenderOptions& options);

// The JSON contract `sightline.audit/1` (docs/report-schema.json).
nlohmann::json AuditToJson(const storage::AuditReport& report, const RenderOptions& options);
// The same document as text, AuditToJson(report, options).dump(2) plus a newline, written
// finding by finding and page by page instead of from one DOM of the whole report (a
// 5,000-page audit's DOM was ~75 MB on top of the text).
std::string AuditJsonText(const storage::AuditReport& report, const RenderOptions& options);
// The same text handed to `write` in pieces of about 1 MB as it is produced, so a report of any
// size can go to a file without existing whole in memory (a 100,000-page audit's is ~1.2 GB).
// false when a string could not be encoded: the pieces written so far are then incomplete.
bool WriteAuditJson(const storage::AuditReport& report, const RenderOptions& options,
                    const std::function<void(std::string_view)>& write);
// The order every report lists an audit's findings in: highest risk first, then new,
// persisting, resolved; then fewest matching people; then id. For
// AuditStore::ForEachReportedFinding, so a streamed report gets them in this order.
bool ReportOrderLess(const storage::FindingOrderKey& a, const storage::FindingOrderKey& b);
// Receives one finding; false: stop, the output is unusable.
using FindingEmitter = std::function<bool(storage::ReportedFinding)>;
// Hands every finding of an audit, in report order (ReportOrderLess), to `emit`, one at a
// time; false when they could not all be produced (or `emit` said stop).
using FindingSource = std::function<bool(const FindingEmitter& emit)>;
// WriteAuditJson for an audit whose findings are not in memory: `header` is the report
// without them (its `findings` are not read; summary, pages and history are), `findings`
// yields them. The same text as WriteAuditJson(report, options, write) for the report that
// holds those findings, the per-risk summary counted while they pass. With options.redact the
// source is walked twice: first for the terms every finding and page title is masked with.
// Holds one chunk of findings (128) at a time. false when a string could not be encoded or
// the source failed: the pieces written so far are then incomplete.
bool WriteAuditJson(const storage::AuditReport& header, const FindingSource& findings,
                    const RenderOptions& options,
                    const std::function<void(std::string_view)>& write);
// `sightline.diff/1` (docs/diff-schema.json); findings have the audit report's finding shape.
nlohmann::json DiffToJson(const storage::DiffReport& diff, const RenderOptions& options);
// `sightline.history/1`: {"schema", "site", "audits": [...]}.
nlohmann::json HistoryToJson(const std::vector<storage::HistoryPoint>& history,
                             const std::string& site);

// Masks identifying text for --redact: in every word, letters between the first and the last
// become "***" (short words become "*"), every digit becomes '#'; a few generic medical
// words (disease, syndrome, year, old, ...) and all punctuation are kept so the masked text
// still reads. UTF-8 safe (masks whole code points).
std::string Redact(std::string_view text);
// A finding with its details, snippets and summary masked as a --redact report shows them;
// id, kind, risk, k and pages unchanged. What `sightline audit --redact` stores.
analyzer::Finding RedactFindingDetails(const analyzer::Finding& finding);
// Whether the audit was run with --redact (its recorded options say so): its reports are
// always masked, whatever the flags of `sightline report` / `diff`.
bool AuditWasRedacted(const storage::AuditSummary& audit);

}  // namespace sightline::reports
