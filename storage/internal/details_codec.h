// The `details_json` column of finding_texts: a finding's details as a JSON array of objects
// (type, text, normalized, url, snippet, snippet_begin, snippet_end, hidden, prior,
// inherited). Written and read once per finding per audit, so both sides skip nlohmann-json:
// the writer emits the text directly, the reader parses it straight into the details (strict
// JSON, as nlohmann-json accepts it). Rows written by the earlier DOM code read the same.
// Never throws: invalid UTF-8 is written as U+FFFD; malformed text reads as no details.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/finding.h"

namespace sightline::storage::internal {

std::string DetailsToJson(const std::vector<analyzer::FindingDetail>& details);
std::vector<analyzer::FindingDetail> DetailsFromJson(std::string_view text);

}  // namespace sightline::storage::internal
