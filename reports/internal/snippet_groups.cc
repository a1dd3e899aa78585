#include "reports/internal/snippet_groups.h"

#include <algorithm>
#include <tuple>

#include "reports/internal/presentation.h"

namespace sightline::reports::internal {
namespace {

struct Span {
  size_t begin = 0;
  size_t end = 0;
  std::string label;
};

struct Unplaced {
  std::string text;
  std::string label;
};

struct Pending {
  std::string url;
  std::string snippet;
  bool hidden = false;
  bool inherited = false;
  std::vector<std::string> labels;
  std::vector<Span> spans;
  std::vector<Unplaced> unplaced;  // details whose text is not in the snippet
};

void AddLabel(std::vector<std::string>& labels, const std::string& label) {
  if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
}

}  // namespace

std::vector<SnippetGroup> GroupDetailsBySnippet(
    const std::vector<analyzer::FindingDetail>& details) {
  std::vector<Pending> pending;
  for (const auto& d : details) {
    auto it = std::find_if(pending.begin(), pending.end(), [&](const Pending& p) {
      return p.url == d.url && p.snippet == d.snippet && p.hidden == d.hidden;
    });
    if (it == pending.end() || d.snippet.empty()) {
      pending.push_back({d.url, d.snippet, d.hidden, d.inherited, {}, {}, {}});
      it = std::prev(pending.end());
    }
    const std::string label = DetailTypeLabel(d.type);
    AddLabel(it->labels, label);
    it->inherited = it->inherited || d.inherited;
    size_t begin = std::min(d.snippet_begin, d.snippet.size());
    size_t end = std::clamp(d.snippet_end, begin, d.snippet.size());
    if (begin == end && !d.text.empty()) {
      const size_t at = d.snippet.find(d.text);
      if (at != std::string::npos) begin = at, end = at + d.text.size();
    }
    if (end > begin) {
      it->spans.push_back({begin, end, label});
    } else if (!d.text.empty()) {
      it->unplaced.push_back({d.text, label});
    }
  }

  std::vector<SnippetGroup> groups;
  for (auto& p : pending) {
    SnippetGroup g{p.url, p.hidden, p.inherited, p.labels, {}};
    std::sort(p.spans.begin(), p.spans.end(), [](const Span& a, const Span& b) {
      return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
    });
    // Merge overlapping spans so no text is shown twice.
    std::vector<Span> merged;
    for (const auto& s : p.spans) {
      if (!merged.empty() && s.begin < merged.back().end) {
        merged.back().end = std::max(merged.back().end, s.end);
        if (merged.back().label.find(s.label) == std::string::npos) {
          merged.back().label += ", " + s.label;
        }
      } else {
        merged.push_back(s);
      }
    }
    size_t at = 0;
    for (const auto& s : merged) {
      if (s.begin > at) g.segments.push_back({p.snippet.substr(at, s.begin - at), false, ""});
      g.segments.push_back({p.snippet.substr(s.begin, s.end - s.begin), true, s.label});
      at = s.end;
    }
    if (at < p.snippet.size()) g.segments.push_back({p.snippet.substr(at), false, ""});
    // A detail with no sentence (or not found in it) is still shown, marked on its own.
    for (const auto& u : p.unplaced) {
      if (!g.segments.empty()) g.segments.push_back({" … ", false, ""});
      g.segments.push_back({u.text, true, u.label});
    }
    groups.push_back(std::move(g));
  }
  return groups;
}

}  // namespace sightline::reports::internal
