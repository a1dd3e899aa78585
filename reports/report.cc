// Format parsing and dispatch: redaction is applied once here, before any renderer runs.
#include "reports/report.h"

#include "reports/internal/redaction.h"
#include "reports/internal/renderers.h"

namespace sightline::reports {

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

std::string RenderAudit(const storage::AuditReport& input, Format format,
                        const RenderOptions& options) {
  if (format == Format::kJson) return AuditToJson(input, options).dump(2) + "\n";
  const storage::AuditReport report = options.redact ? internal::RedactAudit(input) : input;
  switch (format) {
    case Format::kHtml:
      return internal::AuditHtml(report, options);
    case Format::kCsv:
      return internal::AuditCsv(report);
    default:
      return internal::AuditText(report, options);
  }
}

std::string RenderDiff(const storage::DiffReport& input, Format format,
                       const RenderOptions& options) {
  if (format == Format::kJson) return DiffToJson(input, options).dump(2) + "\n";
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

std::string RenderHistory(const std::vector<storage::HistoryPoint>& history,
                          const std::string& site, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::kJson:
      return HistoryToJson(history, site).dump(2) + "\n";
    case Format::kHtml:
      return internal::HistoryHtml(history, site, options);
    case Format::kCsv:
      return internal::HistoryCsv(history, site);
    default:
      return internal::HistoryText(history, site, options);
  }
}

}  // namespace sightline::reports
