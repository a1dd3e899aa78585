// Where sightline finds the data it ships (data/: priors tables, the demo site): the
// SIGHTLINE_DATA_DIR environment variable, else ../share/sightline next to an installed
// binary, else the source tree it was built from. Not thread-safe: UseInstalledDataDirs
// changes the environment and runs first thing in main().
#pragma once

#include <filesystem>

namespace sightline::app {

std::filesystem::path DataDir();

// When this binary is installed (<prefix>/bin/sightline beside <prefix>/share/sightline/ with
// the priors tables, and share/sightline/npm/ with the npm data packages), points
// SIGHTLINE_DATA_DIR and SIGHTLINE_NPM_DIR there unless they are set, so the priors, the
// demo site and the stored-analysis keys all read the installed copies and not the source
// tree the binary was built from (which may be gone, or hidden by systemd's ProtectHome=).
void UseInstalledDataDirs();

}  // namespace sightline::app
