// Groups a finding's details by the sentence they were found in, so the HTML report shows
// each sentence once with every identifying span in it highlighted, instead of repeating the
// sentence per detail. Spans are byte offsets (FindingDetail::snippet_begin/end), clamped and
// merged when they overlap; a detail without a usable span is located by its text.
#pragma once

#include <string>
#include <vector>

#include "analyzer/finding.h"

namespace sightline::reports::internal {

struct SnippetSegment {
  std::string text;
  bool marked = false;
  std::string label;  // detail type(s) of a marked segment: "age", "age, condition"
};

struct SnippetGroup {
  std::string url;
  bool hidden = false;
  bool inherited = false;
  std::vector<std::string> labels;  // detail types in this sentence, in order, no repeats
  std::vector<SnippetSegment> segments;
};

std::vector<SnippetGroup> GroupDetailsBySnippet(
    const std::vector<analyzer::FindingDetail>& details);

}  // namespace sightline::reports::internal
