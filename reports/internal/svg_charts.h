// Inline SVG for the HTML report: one finding's exposure window on a shared time axis, and
// the findings-per-risk history chart. Every label goes through HtmlEscape(); numbers are
// formatted here, so the returned markup is safe to insert unescaped into the page.
#pragma once

#include <string>
#include <vector>

#include "storage/report_model.h"

namespace sightline::reports::internal {

// The time axis shared by every timeline of one report, in epoch seconds.
struct TimeAxis {
  double start = 0;
  double end = 0;
};
// Spans every finding's first_seen/last_seen and archive capture, and `now`.
TimeAxis AxisFor(const std::vector<storage::ReportedFinding>& findings, const std::string& now);

// A bar from first_seen to last_seen (open findings run to `now`), red while indexable,
// with a marker per archive capture. Empty when first_seen does not parse.
std::string ExposureTimelineSvg(const storage::ReportedFinding& finding, const TimeAxis& axis,
                                const std::string& now);

// Epoch seconds back to ISO 8601 UTC.
std::string FormatEpoch(double seconds);

// Stacked columns (critical, high, medium, low) per audit, oldest left, with a legend.
// Empty for an empty history.
std::string HistoryChartSvg(const std::vector<storage::HistoryPoint>& history);

}  // namespace sightline::reports::internal
