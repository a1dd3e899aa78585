// The `sightline` command line (contract in DESIGN.md "The CLI"). Exit codes: 0 done and
// nothing at or above --fail-on; 1 findings at or above it (robots: disallowed); 2 usage or
// fatal error.
#pragma once

namespace sightline::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

int RunCli(int argc, char** argv);

}  // namespace sightline::app
