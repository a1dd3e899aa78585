// SubjectSpillFile: keeps the patient stories of an audit's pages in a nameless temporary file
// beside the audit database while the crawl goes on, so the site-wide linkage does not hold
// ~10 KB per page in memory (issue 10: a 100,000-page audit within 400 MB). The file is
// created with O_TMPFILE (or unlinked at once) and goes with the process, even after kill -9.
// Writes are buffered; a handle is read back with one pread. Not thread-safe: SiteLinkage's
// owner serialises calls.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/link/linker.h"
#include "common/result.h"

namespace sightline::app {

class SubjectSpillFile final : public analyzer::SubjectSpill {
 public:
  // kIo naming `dir` when no file can be made there (read-only, missing, full).
  static Result<std::unique_ptr<SubjectSpillFile>> Create(const std::filesystem::path& dir);
  ~SubjectSpillFile() override;
  SubjectSpillFile(const SubjectSpillFile&) = delete;
  SubjectSpillFile& operator=(const SubjectSpillFile&) = delete;

  // kIo when the file cannot grow (a full disk): the audit must then fail, not lose stories.
  Result<uint64_t> Keep(const std::vector<analyzer::Subject>& subjects) override;
  // kCorrupt when what is read back does not decode (the file was tampered with).
  Result<std::vector<analyzer::Subject>> Read(uint64_t handle) override;

  // Bytes kept so far (written or buffered).
  uint64_t size() const { return written_ + buffer_.size(); }

 private:
  SubjectSpillFile(int fd, std::filesystem::path dir) : fd_(fd), dir_(std::move(dir)) {}
  Status WriteBuffer();

  struct Extent {
    uint64_t offset = 0;
    uint32_t size = 0;
  };
  int fd_ = -1;
  std::filesystem::path dir_;
  std::vector<Extent> extents_;  // per handle
  std::string buffer_;           // not yet written; starts at offset written_
  uint64_t written_ = 0;
};

}  // namespace sightline::app
