// The one place untrusted text is made safe for output: HTML text/attribute escaping (also
// used as kainjow mustache's escape function), URLs allowed in href, RFC 4180 CSV cells with
// a spreadsheet formula-injection guard, and UTF-8 repair. Stateless and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sightline::reports::internal {

// Replaces invalid UTF-8 sequences with U+FFFD and drops C0 control characters other than
// tab and newline (they have no business in a report and can confuse terminals).
std::string ValidUtf8(std::string_view text);

// Escapes & < > " ' (safe in element content and in quoted attribute values), after
// ValidUtf8.
std::string HtmlEscape(std::string_view text);

// An href value: http(s) URLs pass (escaped); anything else ("javascript:", "data:") becomes
// "#" so a hostile page URL can never run script from the report.
std::string SafeHref(std::string_view url);

// One RFC 4180 field: quoted when it holds , " CR or LF (quotes doubled); a cell starting
// with = + - @ (or tab/CR) is prefixed with ' so spreadsheets do not evaluate it.
std::string CsvCell(std::string_view text);

// Strips ESC and other control bytes so page text cannot inject terminal escape sequences.
std::string TerminalSafe(std::string_view text);

}  // namespace sightline::reports::internal
