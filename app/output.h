// Where reports go: stdout, or a file written atomically (temp file + rename, mode 0600 since
// reports quote sensitive snippets), and whether colour may be used.
#pragma once

#include <string>

#include "common/result.h"

namespace sightline::app {

// Writes `text` to `path` (atomically) or to stdout when `path` is empty.
Status WriteReport(const std::string& text, const std::string& path);

bool StdoutIsTerminal();
bool StderrIsTerminal();
// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
bool ColorAllowed();

// Prints "sightline: <what>: <error>" on stderr.
void PrintError(const std::string& what, const Error& error);

}  // namespace sightline::app
