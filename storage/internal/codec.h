// Encoding helpers for stored rows: zstd snapshots, JSON columns that never throw (invalid
// UTF-8 from the web is replaced, not fatal), and page dates (ISO, YYYY-MM-DD, HTTP-date)
// normalised to ISO 8601 UTC so they compare as text. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace sightline::storage::internal {

Result<std::string> CompressSnapshot(std::string_view raw);
Result<std::string> DecompressSnapshot(std::string_view zstd, size_t raw_size);

// Never throws: invalid UTF-8 is replaced with U+FFFD.
std::string DumpJson(const nlohmann::json& j);
// Never throws: malformed text gives `fallback`.
nlohmann::json ParseJson(std::string_view text, nlohmann::json fallback = nlohmann::json());

std::string StringsToJson(const std::vector<std::string>& v);
std::vector<std::string> StringsFromJson(std::string_view text);

// "2019-03-02", "2019-03-02T10:00:00+02:00", "Sat, 02 Mar 2019 10:00:00 GMT" ->
// "2019-03-02T00:00:00Z" style ISO text (date precision is enough for exposure windows);
// nullopt when unparseable.
std::optional<std::string> NormalizePageDate(std::string_view text);

}  // namespace sightline::storage::internal
