// TempDir: a fresh directory under $TMPDIR removed with everything in it on destruction.
// TempDatabase: a path to a not-yet-existing SQLite file inside its own TempDir.
#pragma once

#include <filesystem>
#include <string>

namespace sightline::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

class TempDatabase {
 public:
  std::string path() const { return (dir_ / "audit.db").string(); }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
};

}  // namespace sightline::testing
