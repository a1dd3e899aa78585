// JSON text written directly, for the columns written once per row in bulk (mention
// attributes, finding details): no nlohmann-json DOM in between. Strings are escaped as JSON
// requires and ill-formed UTF-8 is written as U+FFFD per byte, as nlohmann-json's
// error_handler_t::replace does, so the text always parses. Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace sightline::storage::internal {

// Appends `s` as a JSON string literal, quotes included.
void AppendJsonString(std::string& out, std::string_view s);

// {"key":"value",...} in the map's (sorted) order: what nlohmann-json's dump wrote.
std::string StringMapToJson(const std::map<std::string, std::string>& map);

}  // namespace sightline::storage::internal
