// JSON text written directly, for the columns written once per row in bulk (mention
// attributes, finding details): no nlohmann-json DOM in between. Strings are escaped as JSON
// requires and ill-formed UTF-8 is written as U+FFFD per byte, as nlohmann-json's
// error_handler_t::replace does, so the text always parses. Also the UTF-8 helpers the column
// reader (details_codec.cc) shares. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace sightline::storage::internal {

// The length of the well-formed UTF-8 sequence at s[i] (1 for ASCII), 0 when it is ill-formed
// (overlong, surrogate, above U+10FFFF, truncated). i < s.size().
size_t Utf8SequenceLength(std::string_view s, size_t i);

// Appends code point `code` (at most U+10FFFF, not a surrogate) as UTF-8.
void AppendUtf8(std::string& out, uint32_t code);

// Appends `s` as a JSON string literal, quotes included.
void AppendJsonString(std::string& out, std::string_view s);

// {"key":"value",...} in the map's (sorted) order: what nlohmann-json's dump wrote.
std::string StringMapToJson(const std::map<std::string, std::string>& map);

}  // namespace sightline::storage::internal
