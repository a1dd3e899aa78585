// The texts an occurrence shows (summary, details, pages, advice, exposure reasons), stored
// once per distinct content in `finding_texts` and referred to by id. A nightly audit of an
// unchanged site reports the same ~4 KB of text per finding as the night before; inline, that
// was 32 MB of new occurrence rows per 5,000-page audit, written and read back every night.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "storage/internal/sqlite.h"

namespace sightline::storage::internal {

struct FindingText {
  std::string summary, details_json, pages_json, advice, reasons_json;
};

// SHA-256 (hex) of the five fields, each prefixed by its length so that moving text from one
// field to the next changes the digest.
std::string FindingTextDigest(const FindingText& text);

// The id of the row holding `text` (whose FindingTextDigest is `digest`), inserted when no
// row has that digest yet.
Result<int64_t> StoreFindingText(Db& db, const FindingText& text, const std::string& digest);

// Schema v5's data step: moves the texts of every occurrence written inline by v1-v4 into
// `finding_texts`, rebuilding `occurrences` with a text_id column instead. Runs inside the
// migration's transaction; one row in memory at a time.
Status MoveOccurrenceTextsOut(Db& db);

}  // namespace sightline::storage::internal
