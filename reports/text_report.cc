// Terminal text: a summary first, then each finding (risk, status, summary, details with
// their pages, exposure, advice). ANSI colour only when RenderOptions::color; page text goes
// through TerminalSafe() so it cannot inject escape sequences.
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "reports/internal/escape.h"
#include "reports/internal/presentation.h"
#include "reports/internal/renderers.h"

namespace sightline::reports::internal {
namespace {

using analyzer::Risk;

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string operator()(std::string_view sgr, std::string_view text) const {
    if (!color_) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", sgr, text);
  }
  std::string Bold(std::string_view text) const { return (*this)("1", text); }
  std::string Dim(std::string_view text) const { return (*this)("2", text); }
  std::string Risk(analyzer::Risk risk, std::string_view text) const {
    switch (risk) {
      case Risk::kCritical:
        return (*this)("1;97;41", text);
      case Risk::kHigh:
        return (*this)("1;31", text);
      case Risk::kMedium:
        return (*this)("33", text);
      case Risk::kLow:
        return (*this)("36", text);
    }
    return std::string(text);
  }

 private:
  bool color_;
};

// Multi-line text (advice lists steps on lines) indented, each line made terminal-safe.
void AppendIndented(std::string& out, const std::string& text, std::string_view indent) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = TerminalSafe(text.substr(start, end - start));
    if (!line.empty()) out += fmt::format("{}{}\n", indent, line);
    start = end + 1;
  }
}

std::string RiskTag(const Painter& paint, Risk risk) {
  std::string label = RiskLabel(risk);
  for (auto& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return paint.Risk(risk, fmt::format("[{}]", label));
}

void AppendFinding(std::string& out, const storage::ReportedFinding& rf, const Painter& paint) {
  const auto& f = rf.finding;
  std::string status = StatusLabel(rf.status);
  if (rf.previous_risk) {
    status += fmt::format(", was {}", RiskLabel(*rf.previous_risk));
  }
  out += fmt::format("{} {} - {}  {}\n", RiskTag(paint, f.risk), paint.Bold(status),
                     paint.Bold(KindLabel(f.kind)), paint.Dim("id " + TerminalSafe(f.id)));
  AppendIndented(out, f.summary, "  ");
  if (f.kind == analyzer::FindingKind::kPatientReidentification ||
      f.kind == analyzer::FindingKind::kAuthorReidentification) {
    out += fmt::format("  These details together fit {}.\n", PeopleText(f.anonymity_set));
  }
  if (!f.details.empty()) out += "  Details:\n";
  for (const auto& d : f.details) {
    out += fmt::format("    - {}: \"{}\"{}{}\n", DetailTypeLabel(d.type), TerminalSafe(d.text),
                       d.hidden ? paint("35", " [hidden from visitors, visible to crawlers]") : "",
                       d.inherited ? " [from another page]" : "");
    if (!d.url.empty()) out += fmt::format("      on {}\n", paint.Dim(TerminalSafe(d.url)));
  }
  const auto& e = rf.exposure;
  out += "  Exposure: ";
  if (e.indexable) {
    out += paint("1;31", "search engines can index it");
  } else if (e.ever_indexable) {
    out += "was indexable while it was online";
  } else {
    out += "not indexable";
  }
  out += "\n";
  for (const auto& r : e.reasons) out += fmt::format("    - {}\n", TerminalSafe(ReasonText(r)));
  if (!e.first_seen.empty()) {
    // A page's own date earlier than the first audit is a lower bound: the detail may have
    // been online even longer.
    const char* note = e.exposed_since_published ? ", counted from the page's own date" : "";
    const char* bound = e.exposed_since_published ? "at least " : "";
    if (rf.status == storage::FindingStatus::kResolved) {
      out += fmt::format("    was online from {}{} to {} ({} days{})\n", bound, Day(e.first_seen),
                         Day(e.last_seen), e.exposed_days, note);
    } else {
      out += fmt::format("    online since {}{} ({} days so far{})\n", bound, Day(e.first_seen),
                         e.exposed_days, note);
    }
  }
  if (e.archived.empty()) {
    out += "    no archived copies known\n";
  } else {
    out += fmt::format("    {} archived cop{}:\n", e.archived.size(),
                       e.archived.size() == 1 ? "y" : "ies");
    for (const auto& a : e.archived) {
      out += fmt::format("      {} {} {}\n", TerminalSafe(ArchiveLabel(a.archive)),
                         Day(a.captured_at), paint.Dim(TerminalSafe(a.url)));
    }
  }
  if (e.acknowledged) {
    out += fmt::format("    removal marked handled{}\n",
                       e.ack_note.empty() ? "" : ": " + TerminalSafe(e.ack_note));
  }
  if (!f.advice.empty()) {
    out += "  What to do:\n";
    AppendIndented(out, f.advice, "    ");
  }
  out += "\n";
}

int OpenFindings(const storage::HistoryPoint& h) { return h.critical + h.high + h.medium + h.low; }

// "+2", "-1" or "=" against the previous complete audit.
std::string TrendMark(int change) {
  if (change == 0) return "=";
  return fmt::format("{:+d}", change);
}

std::string AuditHeading(const storage::AuditSummary& a) {
  return fmt::format("audit #{} of {}", a.id, TerminalSafe(a.site));
}

}  // namespace

std::string AuditText(const storage::AuditReport& report, const RenderOptions& options) {
  const Painter paint(options.color);
  const auto& a = report.audit;
  const auto counts = CountFindings(report.findings);
  std::string out;
  out += paint.Bold("sightline " + AuditHeading(a)) + "\n";
  out += fmt::format("Started {}{}{}\n", TerminalSafe(a.started_at),
                     a.finished_at.empty() ? "" : ", finished " + TerminalSafe(a.finished_at),
                     a.state.empty() || a.state == "complete" ? "" : " (" + a.state + ")");
  out += fmt::format("Pages: {} fetched, {} failed, {} unchanged since the last audit\n",
                     a.pages_fetched, a.pages_failed, a.not_modified);
  out += fmt::format("Findings: {}, {}, {}, {}\n",
                     paint.Risk(Risk::kCritical, fmt::format("{} critical", counts.critical)),
                     paint.Risk(Risk::kHigh, fmt::format("{} high", counts.high)),
                     paint.Risk(Risk::kMedium, fmt::format("{} medium", counts.medium)),
                     paint.Risk(Risk::kLow, fmt::format("{} low", counts.low)));
  if (a.previous_id) {
    out += fmt::format("Since audit #{}: {} new, {} resolved\n", *a.previous_id,
                       counts.new_findings, counts.resolved);
  } else {
    out += "First audit of this site: every finding is new\n";
  }
  out += "\n";
  if (report.findings.empty()) {
    out += "No findings: nothing on these pages narrows down a patient or the author.\n";
  }
  for (const auto* f : SortFindings(report.findings)) AppendFinding(out, *f, paint);
  return out;
}

std::string DiffText(const storage::DiffReport& diff, const RenderOptions& options) {
  const Painter paint(options.color);
  std::string out;
  out += paint.Bold(fmt::format("sightline diff: {} -> {}", AuditHeading(diff.from),
                                fmt::format("#{}", diff.to.id))) +
         "\n";
  out += fmt::format("From {} to {}\n\n", Day(diff.from.started_at), Day(diff.to.started_at));
  auto section = [&](std::string_view title, const std::vector<storage::ReportedFinding>& list) {
    out += paint.Bold(fmt::format("{} ({})", title, list.size())) + "\n";
    for (const auto* rf : SortFindings(list)) {
      std::string risk = RiskTag(paint, rf->finding.risk);
      if (rf->previous_risk) {
        risk = fmt::format("{} -> {}", RiskTag(paint, *rf->previous_risk), risk);
      }
      out += fmt::format("  {} {}  {}\n", risk, TerminalSafe(rf->finding.summary),
                         paint.Dim("id " + TerminalSafe(rf->finding.id)));
    }
    out += "\n";
  };
  section("New findings", diff.new_findings);
  section("Resolved findings", diff.resolved_findings);
  section("Risk changed", diff.changed_risk);
  auto pages = [&](std::string_view title, const std::vector<std::string>& urls) {
    out += paint.Bold(fmt::format("{} ({})", title, urls.size())) + "\n";
    for (const auto& u : urls) out += fmt::format("  {}\n", TerminalSafe(u));
  };
  pages("Pages added", diff.pages_added);
  pages("Pages removed", diff.pages_removed);
  pages("Pages changed", diff.pages_changed);
  return out;
}

std::string HistoryText(const std::vector<storage::HistoryPoint>& history, const std::string& site,
                        const RenderOptions& options) {
  const Painter paint(options.color);
  std::string out = paint.Bold("sightline history of " + TerminalSafe(site)) + "\n";
  if (history.empty()) return out + "No audits yet.\n";
  out += fmt::format(
      "{:>6}  {:<20}  {:<11}  {:>5}  {:>8}  {:>4}  {:>6}  {:>4}  {:>4}  {:>8}  {:>4}  {:>5}\n",
      "audit", "started", "state", "pages", "critical", "high", "medium", "low", "new", "resolved",
      "open", "trend");
  // The trend compares open findings with the previous complete audit: an interrupted or
  // running audit saw only part of the site, so its counts are no baseline.
  const storage::HistoryPoint* first = nullptr;
  const storage::HistoryPoint* previous = nullptr;
  for (const auto& h : history) {
    std::string trend = "";
    if (h.state == "complete" && previous != nullptr) {
      trend = TrendMark(OpenFindings(h) - OpenFindings(*previous));
    }
    out += fmt::format(
        "{:>6}  {:<20}  {:<11}  {:>5}  {:>8}  {:>4}  {:>6}  {:>4}  {:>4}  {:>8}  {:>4}  {:>5}\n",
        h.audit_id, TerminalSafe(h.started_at), TerminalSafe(h.state), h.pages, h.critical, h.high,
        h.medium, h.low, h.new_findings, h.resolved_findings, OpenFindings(h), trend);
    if (h.state == "complete") {
      if (first == nullptr) first = &h;
      previous = &h;
    }
  }
  if (first != nullptr && previous != first) {
    const int change = OpenFindings(*previous) - OpenFindings(*first);
    out += fmt::format("Trend: {} open finding{} at audit #{}, {} at audit #{}: {}.\n",
                       OpenFindings(*first), OpenFindings(*first) == 1 ? "" : "s", first->audit_id,
                       OpenFindings(*previous), previous->audit_id,
                       change == 0  ? "no change"
                       : change < 0 ? fmt::format("{} fewer", -change)
                                    : fmt::format("{} more", change));
  }
  return out;
}

}  // namespace sightline::reports::internal
