// Where reports go: stdout, or a file written atomically (temp file + rename, mode 0600 since
// reports quote sensitive snippets), and whether colour may be used.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace sightline::app {

// Writes `text` to `path` (atomically) or to stdout when `path` is empty.
Status WriteReport(const std::string& text, const std::string& path);

// Receives a report piece by piece.
using ReportChunkWriter = std::function<void(std::string_view)>;
// The same for a report produced in pieces (a 100,000-page audit's JSON is ~1.2 GB): `produce`
// hands each piece to the writer as it is made, so the whole text never exists in memory.
// `produce` returns false when its output is unusable; the target is then left untouched and
// kInternal returned, so the caller can fall back to another way of rendering.
// Stdout (empty `path` or "-") gets the pieces directly.
Status StreamReport(const std::string& path,
                    const std::function<bool(const ReportChunkWriter&)>& produce);

bool StdoutIsTerminal();
bool StderrIsTerminal();
// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
bool ColorAllowed();

// Prints "sightline: <what>: <error>" on stderr.
void PrintError(const std::string& what, const Error& error);

}  // namespace sightline::app
