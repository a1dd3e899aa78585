// Format parsing and dispatch: redaction is applied once here, before any renderer runs.
#include "reports/report.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "reports/internal/redaction.h"
#include "reports/internal/renderers.h"

namespace sightline::reports {
namespace {

// No exception crosses the library boundary: the renderers use nlohmann-json and kainjow
// mustache, which throw on allocation failure and on internal errors.
template <typename Fn>
std::string Guarded(Format format, Fn&& render) {
  try {
    return render();
  } catch (const std::exception&) {
    switch (format) {
      case Format::kJson:
        return "{\"error\": \"report rendering failed\"}\n";
      case Format::kHtml:
        return "<!DOCTYPE html><p>report rendering failed</p>\n";
      default:
        return "report rendering failed\n";
    }
  }
}

}  // namespace

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "html") return Format::kHtml;
  if (name == "csv") return Format::kCsv;
  return std::nullopt;
}

const char* FormatName(Format format) {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kJson:
      return "json";
    case Format::kHtml:
      return "html";
    case Format::kCsv:
      return "csv";
  }
  return "text";
}

namespace {

// Appends in place: `dump() + "\n"` would copy a report of tens of MB once more.
std::string WithNewline(std::string s) {
  s.push_back('\n');
  return s;
}

std::string RenderAuditUnguarded(const storage::AuditReport& input, Format format,
                                 const RenderOptions& options) {
  if (format == Format::kJson) return AuditJsonText(input, options);
  // Only a redacted report is a copy: the input may hold tens of MB of findings.
  std::optional<storage::AuditReport> redacted;
  if (options.redact) redacted = internal::RedactAudit(input);
  const storage::AuditReport& report = redacted ? *redacted : input;
  switch (format) {
    case Format::kHtml:
      return internal::AuditHtml(report, options);
    case Format::kCsv:
      return internal::AuditCsv(report);
    default:
      return internal::AuditText(report, options);
  }
}

std::string RenderDiffUnguarded(const storage::DiffReport& input, Format format,
                                const RenderOptions& options) {
  if (format == Format::kJson) return WithNewline(DiffToJson(input, options).dump(2));
  const storage::DiffReport diff = options.redact ? internal::RedactDiff(input) : input;
  switch (format) {
    case Format::kHtml:
      return internal::DiffHtml(diff, options);
    case Format::kCsv:
      return internal::DiffCsv(diff);
    default:
      return internal::DiffText(diff, options);
  }
}

std::string RenderHistoryUnguarded(const std::vector<storage::HistoryPoint>& history,
                                   const std::string& site, Format format,
                                   const RenderOptions& options) {
  switch (format) {
    case Format::kJson:
      return WithNewline(HistoryToJson(history, site).dump(2));
    case Format::kHtml:
      return internal::HistoryHtml(history, site, options);
    case Format::kCsv:
      return internal::HistoryCsv(history, site);
    default:
      return internal::HistoryText(history, site, options);
  }
}

}  // namespace

std::string RenderAudit(const storage::AuditReport& input, Format format,
                        const RenderOptions& options) {
  return Guarded(format, [&] { return RenderAuditUnguarded(input, format, options); });
}

std::string RenderDiff(const storage::DiffReport& input, Format format,
                       const RenderOptions& options) {
  return Guarded(format, [&] { return RenderDiffUnguarded(input, format, options); });
}

std::string RenderHistory(const std::vector<storage::HistoryPoint>& history,
                          const std::string& site, Format format, const RenderOptions& options) {
  return Guarded(format, [&] { return RenderHistoryUnguarded(history, site, format, options); });
}

analyzer::Finding RedactFindingDetails(const analyzer::Finding& finding) {
  storage::ReportedFinding reported;
  reported.finding = finding;
  return internal::RedactFinding(reported).finding;
}

bool AuditWasRedacted(const storage::AuditSummary& audit) {
  const nlohmann::json options = nlohmann::json::parse(audit.options_json, nullptr, false);
  if (!options.is_object()) return false;
  const auto it = options.find("redact");
  return it != options.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace sightline::reports
