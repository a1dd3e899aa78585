#include "app/data_paths.h"

#include <unistd.h>

#include <cstdlib>

namespace sightline::app {

std::filesystem::path DataDir() {
  if (const char* env = std::getenv("SIGHTLINE_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "sightline";
    if (std::filesystem::is_directory(installed / "demo-site", ec)) return installed;
  }
  return SIGHTLINE_SOURCE_DATA_DIR;
}

}  // namespace sightline::app
