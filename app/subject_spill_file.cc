#include "app/subject_spill_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>

#include "app/analysis_cache.h"

namespace sightline::app {
namespace {

// Large enough that a 100,000-page audit makes a few hundred writes, small next to the
// memory this file saves.
constexpr size_t kBufferBytes = size_t{1} << 20;

Error IoError(const std::filesystem::path& dir, const char* what, int err) {
  return Error{ErrorCode::kIo, fmt::format("cannot {} the linkage's temporary file in {}: {}", what,
                                           dir.string(), std::strerror(err))};
}

}  // namespace

Result<std::unique_ptr<SubjectSpillFile>> SubjectSpillFile::Create(
    const std::filesystem::path& dir) {
  const std::filesystem::path where = dir.empty() ? std::filesystem::path(".") : dir;
  int fd = ::open(where.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    // File systems without O_TMPFILE: a named file, unlinked before anything is written.
    std::string name = (where / "sightline-linkage-XXXXXX").string();
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0) ::unlink(name.c_str());
  }
  if (fd < 0) return Unexpected(IoError(where, "create", errno));
  return std::unique_ptr<SubjectSpillFile>(new SubjectSpillFile(fd, where));
}

SubjectSpillFile::~SubjectSpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<uint64_t> SubjectSpillFile::Keep(const std::vector<analyzer::Subject>& subjects) {
  const uint64_t handle = extents_.size();
  if (subjects.empty()) {
    extents_.push_back({});
    return handle;
  }
  const std::string encoded = EncodeSubjects(subjects);
  if (encoded.size() > std::numeric_limits<uint32_t>::max()) {
    return Fail(ErrorCode::kInvalidArgument, "a page's stories exceed 4 GiB");
  }
  extents_.push_back({size(), static_cast<uint32_t>(encoded.size())});
  buffer_ += encoded;
  if (buffer_.size() >= kBufferBytes) {
    if (Status s = WriteBuffer(); !s) return Unexpected(s.error());
  }
  return handle;
}

Status SubjectSpillFile::WriteBuffer() {
  size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::pwrite(fd_, buffer_.data() + done, buffer_.size() - done,
                               static_cast<off_t>(written_ + done));
    if (n < 0 && errno == EINTR) continue;
    // Nothing is dropped on failure: the buffer stays, and the error fails the audit.
    if (n < 0) return Unexpected(IoError(dir_, "write", errno));
    if (n == 0) return Unexpected(IoError(dir_, "write", ENOSPC));
    done += static_cast<size_t>(n);
  }
  written_ += buffer_.size();
  buffer_.clear();
  return Ok();
}

Result<std::vector<analyzer::Subject>> SubjectSpillFile::Read(uint64_t handle) {
  if (handle >= extents_.size()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("no stories kept as {}", handle));
  }
  const Extent extent = extents_[handle];
  if (extent.size == 0) return std::vector<analyzer::Subject>();
  std::string data;
  if (extent.offset >= written_) {
    data = buffer_.substr(extent.offset - written_, extent.size);
  } else {
    data.resize(extent.size);
    size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::pread(fd_, data.data() + done, data.size() - done,
                                static_cast<off_t>(extent.offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Unexpected(IoError(dir_, "read", errno));
      if (n == 0) return Fail(ErrorCode::kCorrupt, "the linkage's temporary file was truncated");
      done += static_cast<size_t>(n);
    }
  }
  auto subjects = DecodeSubjects(data);
  if (!subjects) return Fail(ErrorCode::kCorrupt, "the linkage's temporary file does not decode");
  return std::move(*subjects);
}

}  // namespace sightline::app
