// The `mentions_json` column of page_mentions: every mention detected in one fetched body as
// one JSON array, each mention an array in this order:
//   [type, text, normalized, block, span_begin, span_end, hidden, confidence, prior,
//    {attribute: value, ...}]
// One row per fetch instead of one per mention: a first audit writes ~100 mentions per page,
// and inserting them as rows (with their index) was 15 % of a 5,000-page audit's time. Still
// SQL-queryable through SQLite's JSON functions, e.g.
//   SELECT m.value ->> 1 FROM page_mentions, json_each(mentions_json) m
//   WHERE m.value ->> 0 = 'condition';
// Written directly (no nlohmann-json DOM); never throws: invalid UTF-8 is written as U+FFFD,
// a non-finite number as null. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "analyzer/mention.h"

namespace sightline::storage::internal {

std::string MentionsToJson(const std::vector<analyzer::Mention>& mentions);

}  // namespace sightline::storage::internal
