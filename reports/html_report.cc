// Self-contained HTML: kainjow mustache over templates compiled into the binary
// (internal/html_template.h), with HtmlEscape() as the one escape function, so every string
// from a page is escaped exactly once. Charts are inline SVG (internal/svg_charts.h).
#include <fmt/format.h>

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <string>
#include <vector>

#include "reports/internal/escape.h"
#include "reports/internal/html_template.h"
#include "reports/internal/presentation.h"
#include "reports/internal/renderers.h"
#include "reports/internal/snippet_groups.h"
#include "reports/internal/svg_charts.h"

namespace sightline::reports::internal {
namespace {

namespace mu = kainjow::mustache;

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Advice arrives as lines, possibly already numbered or bulleted; the <ol> numbers them.
mu::data AdviceSteps(const std::string& advice) {
  mu::data steps{mu::data::type::list};
  size_t start = 0;
  while (start < advice.size()) {
    size_t end = advice.find('\n', start);
    if (end == std::string::npos) end = advice.size();
    std::string line = advice.substr(start, end - start);
    start = end + 1;
    size_t skip = line.find_first_not_of(" \t");
    if (skip == std::string::npos) continue;
    size_t digits = skip;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    if (digits > skip && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
      skip = digits + 1;
    } else if (line[skip] == '-' || line[skip] == '*') {
      skip += 1;
    }
    skip = line.find_first_not_of(" \t", skip);
    if (skip == std::string::npos) continue;
    steps.push_back(mu::data(line.substr(skip)));
  }
  return steps;
}

mu::data SnippetGroupData(const SnippetGroup& g) {
  mu::data out;
  mu::data chips{mu::data::type::list};
  for (const auto& label : g.labels) chips.push_back(mu::data(label));
  out.set("chips", chips);
  out.set("hidden", mu::data(g.hidden));
  out.set("inherited", mu::data(g.inherited));
  mu::data segments{mu::data::type::list};
  for (const auto& s : g.segments) {
    mu::data seg;
    seg.set("text", s.text);
    seg.set("marked", mu::data(s.marked));
    seg.set("label", s.label);
    segments.push_back(seg);
  }
  out.set("segments", segments);
  out.set("has_url", mu::data(!g.url.empty()));
  out.set("url", g.url);
  out.set("href", SafeHref(g.url));
  return out;
}

mu::data FindingData(const storage::ReportedFinding& rf, const TimeAxis& axis,
                     const std::string& now) {
  const auto& f = rf.finding;
  const auto& e = rf.exposure;
  mu::data out;
  out.set("id", f.id);
  out.set("risk", analyzer::RiskName(f.risk));
  out.set("risk_label", RiskLabel(f.risk));
  out.set("status", storage::FindingStatusName(rf.status));
  out.set("status_label", StatusLabel(rf.status));
  out.set("has_previous_risk", mu::data(rf.previous_risk.has_value()));
  out.set("previous_risk", rf.previous_risk ? Lower(RiskLabel(*rf.previous_risk)) : "");
  out.set("kind_label", KindLabel(f.kind));
  out.set("summary", f.summary);
  const bool estimate = f.kind == analyzer::FindingKind::kPatientReidentification ||
                        f.kind == analyzer::FindingKind::kAuthorReidentification;
  out.set("has_people", mu::data(estimate));
  out.set("people", PeopleText(f.anonymity_set));
  mu::data details{mu::data::type::list};
  for (const auto& g : GroupDetailsBySnippet(f.details)) details.push_back(SnippetGroupData(g));
  out.set("has_details", mu::data(!f.details.empty()));
  out.set("details", details);
  out.set("indexable", mu::data(e.indexable));
  out.set("ever_indexable", mu::data(e.ever_indexable));
  const bool open = rf.status != storage::FindingStatus::kResolved;
  out.set("has_window", mu::data(!e.first_seen.empty()));
  std::string window;
  std::string note = e.exposed_since_published ? ", counted from the date on the page" : "";
  // The page's own date is a lower bound: the detail may have been online even longer.
  const std::string bound = e.exposed_since_published ? "at least " : "";
  const std::string days = fmt::format("{} day{}", e.exposed_days, e.exposed_days == 1 ? "" : "s");
  if (!open) {
    window = fmt::format("Was online from {}{} to {} ({}{}).", bound, Day(e.first_seen),
                         Day(e.last_seen), days, note);
  } else if (e.exposed_days > 0) {
    window = fmt::format("Online since {}{} ({} so far{}).", bound, Day(e.first_seen), days, note);
  } else {
    window = fmt::format("First found on {}.", Day(e.first_seen));
  }
  out.set("window", window);
  out.set("resolved", mu::data(!open));
  mu::data reasons{mu::data::type::list};
  for (const auto& r : e.reasons) reasons.push_back(mu::data(ReasonText(r)));
  out.set("has_reasons", mu::data(!e.reasons.empty()));
  out.set("reasons", reasons);
  out.set("timeline", ExposureTimelineSvg(rf, axis, now));
  mu::data archived{mu::data::type::list};
  for (const auto& a : e.archived) {
    mu::data item;
    item.set("archive", ArchiveLabel(a.archive));
    item.set("day", Day(a.captured_at));
    item.set("url", a.url);
    item.set("href", SafeHref(a.url));
    archived.push_back(item);
  }
  out.set("has_archived", mu::data(!e.archived.empty()));
  out.set("archived", archived);
  out.set("acknowledged", mu::data(e.acknowledged));
  out.set("has_ack_note", mu::data(!e.ack_note.empty()));
  out.set("ack_note", e.ack_note);
  mu::data steps = AdviceSteps(f.advice);
  out.set("has_advice", mu::data(!steps.is_empty_list()));
  out.set("advice", steps);
  return out;
}

mu::data Tile(const char* cls, int n, const std::string& label) {
  mu::data t;
  t.set("cls", n == 0 ? std::string(cls) + " zero" : std::string(cls));
  t.set("n", std::to_string(n));
  t.set("label", label);
  return t;
}

// Finding cards are rendered with one compiled template per document and inserted as
// markup: a mustache partial would be re-parsed for every finding.
class CardRenderer {
 public:
  CardRenderer() : template_(std::string(kFindingCard)) {
    template_.set_custom_escape([](const std::string& s) { return HtmlEscape(s); });
  }
  // Concatenated cards; empty when the template is invalid (RenderPage reports that case).
  std::string Render(const std::vector<const storage::ReportedFinding*>& findings,
                     const TimeAxis& axis, const std::string& now) {
    std::string out;
    if (!template_.is_valid()) return out;
    for (const auto* f : findings) out += template_.render(FindingData(*f, axis, now));
    return out;
  }

 private:
  mu::mustache template_;
};

// Renders head + body + foot with HtmlEscape as the escape function. Mustache's parser
// reports template errors as data, but a throw from the standard library must not cross
// the library boundary either.
std::string RenderPage(const char* body, const mu::data& data) {
  mu::mustache page{std::string(kHtmlHead) + body + kHtmlFoot};
  page.set_custom_escape([](const std::string& s) { return HtmlEscape(s); });
  if (!page.is_valid()) return "<!DOCTYPE html><p>report template error</p>\n";
  std::string out = page.render(data);
  if (!page.is_valid()) return "<!DOCTYPE html><p>report template error</p>\n";
  return out;
}

void SetFooter(mu::data& data, const std::string& generated_at, const RenderOptions& options) {
  // "2026-11-20T02:00:00Z" reads as code to a non-technical reader.
  std::string shown = generated_at;
  if (shown.size() == 20 && shown[10] == 'T' && shown.back() == 'Z') {
    shown = shown.substr(0, 10) + " " + shown.substr(11, 5) + " UTC";
  }
  data.set("generated_at", shown);
  data.set("redacted", mu::data(options.redact));
}

std::string Verdict(const RiskCounts& c) {
  if (c.Open() == 0) {
    return c.resolved > 0 ? "No open findings. Everything found before has been removed."
                          : "No findings. Nothing on these pages narrows down a patient or the "
                            "author.";
  }
  const char* worst = c.critical ? "critical" : c.high ? "high" : c.medium ? "medium" : "low";
  return fmt::format(
      "{} thing{} on this site could help someone recognise a patient or the author. Start with "
      "the {}-risk one{} at the top.",
      c.Open(), c.Open() == 1 ? "" : "s", worst, c.Open() == 1 ? "" : "s");
}

}  // namespace

std::string AuditHtml(const storage::AuditReport& report, const RenderOptions& options) {
  const auto& a = report.audit;
  const std::string now = ReportTime(a, options);
  const auto counts = CountFindings(report.findings);
  mu::data data;
  data.set("title", "Privacy audit of " + a.site);
  data.set("site", a.site);
  data.set("audit_id", std::to_string(a.id));
  data.set("started_day", Day(a.started_at));
  data.set("has_previous", mu::data(a.previous_id.has_value()));
  data.set("previous_id", a.previous_id ? std::to_string(*a.previous_id) : "");
  data.set("verdict", Verdict(counts));
  mu::data tiles{mu::data::type::list};
  tiles.push_back(Tile("critical", counts.critical, "critical"));
  tiles.push_back(Tile("high", counts.high, "high"));
  tiles.push_back(Tile("medium", counts.medium, "medium"));
  tiles.push_back(Tile("low", counts.low, "low"));
  data.set("tiles", tiles);
  data.set("new_count", std::to_string(counts.new_findings));
  data.set("resolved_count", std::to_string(counts.resolved));
  data.set("pages_fetched", std::to_string(a.pages_fetched));
  data.set("pages_failed", std::to_string(a.pages_failed));
  data.set("has_history", mu::data(!report.history.empty()));
  data.set("history_svg", HistoryChartSvg(report.history));
  const TimeAxis axis = AxisFor(report.findings, now);
  CardRenderer cards;
  data.set("has_findings", mu::data(!report.findings.empty()));
  data.set("findings_html", cards.Render(SortFindings(report.findings), axis, now));
  mu::data pages{mu::data::type::list};
  for (const auto& p : report.pages) {
    mu::data row;
    row.set("url", p.url);
    row.set("href", SafeHref(p.url));
    row.set("status", p.error.empty() ? std::to_string(p.status) : p.error);
    row.set("indexing", p.indexable ? "can index" : "not indexed");
    row.set("title", p.title);
    pages.push_back(row);
  }
  data.set("page_count", std::to_string(report.pages.size()));
  data.set("pages", pages);
  SetFooter(data, now, options);
  return RenderPage(kAuditBody, data);
}

std::string DiffHtml(const storage::DiffReport& diff, const RenderOptions& options) {
  const std::string now = ReportTime(diff.to, options);
  std::vector<storage::ReportedFinding> all;
  for (const auto* list : {&diff.new_findings, &diff.resolved_findings, &diff.changed_risk}) {
    all.insert(all.end(), list->begin(), list->end());
  }
  const TimeAxis axis = AxisFor(all, now);
  mu::data data;
  data.set("title", "What changed on " + diff.to.site);
  data.set("site", diff.to.site);
  data.set("from_id", std::to_string(diff.from.id));
  data.set("from_day", Day(diff.from.started_at));
  data.set("to_id", std::to_string(diff.to.id));
  data.set("to_day", Day(diff.to.started_at));
  mu::data tiles{mu::data::type::list};
  tiles.push_back(Tile("high", static_cast<int>(diff.new_findings.size()), "new"));
  tiles.push_back(Tile("good", static_cast<int>(diff.resolved_findings.size()), "resolved"));
  tiles.push_back(Tile("changed", static_cast<int>(diff.changed_risk.size()), "risk changed"));
  data.set("tiles", tiles);
  CardRenderer cards;
  mu::data groups{mu::data::type::list};
  auto group = [&](const char* title, const std::vector<storage::ReportedFinding>& list) {
    mu::data g;
    g.set("title", title);
    g.set("count", std::to_string(list.size()));
    g.set("count_nonzero", mu::data(!list.empty()));
    g.set("findings_html", cards.Render(SortFindings(list), axis, now));
    groups.push_back(g);
  };
  group("New findings", diff.new_findings);
  group("Resolved findings", diff.resolved_findings);
  group("Risk changed", diff.changed_risk);
  data.set("groups", groups);
  mu::data page_groups{mu::data::type::list};
  auto pages = [&](const char* title, const std::vector<std::string>& urls) {
    mu::data g;
    g.set("title", title);
    g.set("count", std::to_string(urls.size()));
    mu::data list{mu::data::type::list};
    for (const auto& u : urls) {
      mu::data item;
      item.set("url", u);
      item.set("href", SafeHref(u));
      list.push_back(item);
    }
    g.set("urls", list);
    page_groups.push_back(g);
  };
  pages("Pages added", diff.pages_added);
  pages("Pages removed", diff.pages_removed);
  pages("Pages changed", diff.pages_changed);
  data.set("page_groups", page_groups);
  SetFooter(data, now, options);
  return RenderPage(kDiffBody, data);
}

std::string HistoryHtml(const std::vector<storage::HistoryPoint>& history, const std::string& site,
                        const RenderOptions& options) {
  mu::data data;
  data.set("title", "History of " + site);
  data.set("site", site);
  data.set("audit_count", std::to_string(history.size()));
  data.set("has_history", mu::data(!history.empty()));
  data.set("history_svg", HistoryChartSvg(history));
  mu::data audits{mu::data::type::list};
  for (const auto& h : history) {
    mu::data row;
    row.set("id", std::to_string(h.audit_id));
    row.set("started", Day(h.started_at));
    row.set("state", h.state);
    row.set("pages", std::to_string(h.pages));
    row.set("critical", std::to_string(h.critical));
    row.set("high", std::to_string(h.high));
    row.set("medium", std::to_string(h.medium));
    row.set("low", std::to_string(h.low));
    row.set("new", std::to_string(h.new_findings));
    row.set("resolved", std::to_string(h.resolved_findings));
    audits.push_back(row);
  }
  data.set("audits", audits);
  std::string now = options.generated_at;
  if (now.empty() && !history.empty()) now = history.back().started_at;
  SetFooter(data, now, options);
  return RenderPage(kHistoryBody, data);
}

}  // namespace sightline::reports::internal
