#include "reports/internal/svg_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "common/clock.h"
#include "reports/internal/escape.h"
#include "reports/internal/presentation.h"

namespace sightline::reports::internal {
namespace {

// Colours shared with the stylesheet (html_template.h).
constexpr const char* kCritical = "#8b1a1a";
constexpr const char* kHigh = "#d9480f";
constexpr const char* kMedium = "#e0a800";
constexpr const char* kLow = "#5c7cfa";

}  // namespace

TimeAxis AxisFor(const std::vector<storage::ReportedFinding>& findings, const std::string& now) {
  TimeAxis axis;
  bool any = false;
  auto widen = [&](const std::string& iso) {
    auto t = EpochSeconds(iso);
    if (!t) return;
    if (!any) {
      axis.start = axis.end = *t;
      any = true;
    }
    axis.start = std::min(axis.start, *t);
    axis.end = std::max(axis.end, *t);
  };
  for (const auto& f : findings) {
    widen(f.exposure.first_seen);
    widen(f.exposure.last_seen);
    for (const auto& a : f.exposure.archived) widen(a.captured_at);
  }
  widen(now);
  // A single instant still needs a visible window: pad to one day either side.
  if (axis.end - axis.start < 86400) {
    axis.start -= 86400;
    axis.end += 86400;
  }
  return axis;
}

std::string ExposureTimelineSvg(const storage::ReportedFinding& rf, const TimeAxis& axis,
                                const std::string& now) {
  const auto& e = rf.exposure;
  const auto first = EpochSeconds(e.first_seen);
  if (!first) return {};
  const bool open = rf.status != storage::FindingStatus::kResolved;
  auto last = open ? EpochSeconds(now) : EpochSeconds(e.last_seen);
  if (!last) last = EpochSeconds(e.last_seen);
  if (!last) last = first;
  constexpr double kLeft = 10, kWidth = 540, kBarY = 20, kBarH = 14;
  const double span = std::max(axis.end - axis.start, 1.0);
  auto x = [&](double t) { return kLeft + std::clamp((t - axis.start) / span, 0.0, 1.0) * kWidth; };
  const double x0 = x(*first);
  const double x1 = std::max(x(*last), x0 + 3);
  const bool exposed = e.indexable || e.ever_indexable;
  const char* fill = exposed ? "#c92a2a" : "#868e96";
  std::string svg = fmt::format(
      R"(<svg class="timeline" viewBox="0 0 660 68" width="660" height="68" role="img" )"
      R"(aria-label="{}" xmlns="http://www.w3.org/2000/svg">)",
      HtmlEscape(fmt::format("Online from {} to {}, {} days", Day(e.first_seen),
                             open ? std::string("today") : Day(e.last_seen), e.exposed_days)));
  // The shared axis's own ends, faint, so windows of different findings compare at a glance.
  svg += fmt::format(R"(<text x="{}" y="9" font-size="10" fill="#adb5bd">{}</text>)", kLeft,
                     HtmlEscape(Day(FormatEpoch(axis.start))));
  svg +=
      fmt::format(R"(<text x="{}" y="9" font-size="10" fill="#adb5bd" text-anchor="end">{}</text>)",
                  kLeft + kWidth, HtmlEscape(Day(FormatEpoch(axis.end))));
  if (!e.archived.empty()) {
    svg += fmt::format(
        R"(<path d="M{0} {1} l4 5 l-4 5 l-4 -5 z" fill="#1c7ed6"/><text x="{2}" y="{3}" )"
        R"(font-size="11" fill="#495057">archived copy</text>)",
        kLeft + kWidth + 20, kBarY + 2, kLeft + kWidth + 27, kBarY + 11);
  }
  svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ced4da" stroke-width="2"/>)",
                     kLeft, kBarY + kBarH / 2, kLeft + kWidth, kBarY + kBarH / 2);
  svg += fmt::format(
      R"(<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" rx="4" fill="{}"><title>{}</title></rect>)",
      x0, kBarY, x1 - x0, kBarH, fill,
      HtmlEscape(exposed ? "Visible to search engines" : "Online, not indexable"));
  if (open) {
    svg += fmt::format(R"(<polygon points="{:.1f},{} {:.1f},{} {:.1f},{}" fill="{}"/>)", x1,
                       kBarY - 3, x1 + 8, kBarY + kBarH / 2, x1, kBarY + kBarH + 3, fill);
  }
  for (const auto& a : e.archived) {
    const auto t = EpochSeconds(a.captured_at);
    if (!t) continue;
    const double ax = x(*t);
    svg += fmt::format(
        R"(<path d="M{0:.1f} {1} l5 6 l-5 6 l-5 -6 z" fill="#1c7ed6" stroke="#fff"><title>{2}</title></path>)",
        ax, kBarY + 1,
        HtmlEscape(
            fmt::format("Archived by {} on {}", ArchiveLabel(a.archive), Day(a.captured_at))));
  }
  svg += fmt::format(R"(<text x="{:.1f}" y="50" font-size="12" fill="#343a40">{}</text>)",
                     std::min(x0, kLeft + kWidth - 70), HtmlEscape(Day(e.first_seen)));
  const std::string end_label = open ? "today" : Day(e.last_seen);
  svg += fmt::format(
      R"(<text x="{:.1f}" y="64" font-size="12" fill="#343a40" text-anchor="end">{}</text>)",
      std::max(x1, kLeft + 70), HtmlEscape(end_label));
  svg += "</svg>";
  return svg;
}

std::string FormatEpoch(double seconds) {
  return FormatIso8601(WallTime(
      std::chrono::duration_cast<WallTime::duration>(std::chrono::duration<double>(seconds))));
}

std::string HistoryChartSvg(const std::vector<storage::HistoryPoint>& history) {
  if (history.empty()) return {};
  constexpr double kLeft = 40, kTop = 30, kPlotW = 600, kPlotH = 160;
  int max_total = 1;
  for (const auto& h : history) {
    max_total = std::max(max_total, h.critical + h.high + h.medium + h.low);
  }
  const double slot = kPlotW / static_cast<double>(history.size());
  const double bar_w = std::clamp(slot * 0.6, 4.0, 48.0);
  std::string svg = fmt::format(
      R"(<svg class="history" viewBox="0 0 660 240" width="660" height="240" role="img" )"
      R"(aria-label="Findings per risk over {} audits" xmlns="http://www.w3.org/2000/svg">)",
      history.size());
  // Legend.
  const std::array<std::pair<const char*, const char*>, 4> legend{
      {{"Critical", kCritical}, {"High", kHigh}, {"Medium", kMedium}, {"Low", kLow}}};
  for (size_t i = 0; i < legend.size(); ++i) {
    const double lx = kLeft + static_cast<double>(i) * 110;
    svg += fmt::format(R"(<rect x="{}" y="6" width="12" height="12" fill="{}"/>)", lx,
                       legend[i].second);
    svg += fmt::format(R"(<text x="{}" y="16" font-size="12" fill="#212529">{}</text>)", lx + 17,
                       legend[i].first);
  }
  // Axis and gridline at the maximum.
  svg += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#adb5bd"/>)", kLeft, kTop,
                     kTop + kPlotH);
  svg += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#adb5bd"/>)", kLeft,
                     kTop + kPlotH, kLeft + kPlotW);
  svg += fmt::format(
      R"(<text x="{}" y="{}" font-size="11" fill="#495057" text-anchor="end">{}</text>)", kLeft - 6,
      kTop + 4, max_total);
  svg +=
      fmt::format(R"(<text x="{}" y="{}" font-size="11" fill="#495057" text-anchor="end">0</text>)",
                  kLeft - 6, kTop + kPlotH + 4);
  const size_t label_every = std::max<size_t>(1, history.size() / 8);
  for (size_t i = 0; i < history.size(); ++i) {
    const auto& h = history[i];
    const double cx = kLeft + slot * (static_cast<double>(i) + 0.5);
    double y = kTop + kPlotH;
    const std::array<std::pair<int, const char*>, 4> stack{
        {{h.low, kLow}, {h.medium, kMedium}, {h.high, kHigh}, {h.critical, kCritical}}};
    for (const auto& [count, color] : stack) {
      if (count <= 0) continue;
      const double bh = kPlotH * count / max_total;
      y -= bh;
      svg +=
          fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)",
                      cx - bar_w / 2, y, bar_w, bh, color);
    }
    const int total = h.critical + h.high + h.medium + h.low;
    svg += fmt::format(
        R"(<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" fill="transparent"><title>{}</title></rect>)",
        cx - slot / 2, kTop, slot, kPlotH,
        HtmlEscape(fmt::format("Audit #{} on {}: {} critical, {} high, {} medium, {} low",
                               h.audit_id, Day(h.started_at), h.critical, h.high, h.medium,
                               h.low)));
    svg += fmt::format(
        R"(<text x="{:.1f}" y="{:.1f}" font-size="11" fill="#212529" text-anchor="middle">{}</text>)",
        cx, y - 4, total);
    if (i % label_every == 0 || i + 1 == history.size()) {
      svg += fmt::format(
          R"(<text x="{:.1f}" y="{}" font-size="11" fill="#495057" text-anchor="middle">{}</text>)",
          cx, kTop + kPlotH + 16, HtmlEscape(Day(h.started_at)));
      svg += fmt::format(
          R"(<text x="{:.1f}" y="{}" font-size="10" fill="#868e96" text-anchor="middle">#{}</text>)",
          cx, kTop + kPlotH + 30, h.audit_id);
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace sightline::reports::internal
