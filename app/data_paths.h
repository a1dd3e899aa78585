// Where sightline finds the data it ships (data/: priors tables, the demo site): the
// SIGHTLINE_DATA_DIR environment variable, else ../share/sightline next to an installed
// binary, else the source tree it was built from.
#pragma once

#include <filesystem>

namespace sightline::app {

std::filesystem::path DataDir();

}  // namespace sightline::app
