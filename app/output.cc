#include "app/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace sightline::app {
namespace {

Status WriteAll(int fd, std::string_view text, const std::string& name) {
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(ErrorCode::kIo, "cannot write " + name + ": " + std::strerror(errno));
    }
    written += static_cast<size_t>(n);
  }
  return Ok();
}

// A report file written atomically: a 0600 temp file beside the target, renamed over it by
// Commit() after fsync; removed if never committed (a failed or abandoned write loses
// nothing that was there before).
class AtomicReportFile {
 public:
  explicit AtomicReportFile(const std::string& path) : path_(path) {
    const std::filesystem::path target(path);
    temp_ = (target.parent_path() / ("." + target.filename().string() + ".tmp")).string();
  }
  ~AtomicReportFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && opened_) ::unlink(temp_.c_str());
  }
  AtomicReportFile(const AtomicReportFile&) = delete;
  AtomicReportFile& operator=(const AtomicReportFile&) = delete;

  Status Open() {
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      return Fail(ErrorCode::kIo, "cannot create " + temp_ + ": " + std::strerror(errno));
    }
    opened_ = true;
    return Ok();
  }
  Status Write(std::string_view text) { return WriteAll(fd_, text, temp_); }
  Status Commit() {
    if (::fsync(fd_) != 0) {
      return Fail(ErrorCode::kIo, "cannot sync " + temp_ + ": " + std::strerror(errno));
    }
    ::close(fd_);
    fd_ = -1;
    if (::rename(temp_.c_str(), path_.c_str()) != 0) {
      return Fail(ErrorCode::kIo, "cannot rename to " + path_ + ": " + std::strerror(errno));
    }
    committed_ = true;
    return Ok();
  }

 private:
  std::string path_;
  std::string temp_;
  int fd_ = -1;
  bool opened_ = false;
  bool committed_ = false;
};

bool IsStdout(const std::string& path) { return path.empty() || path == "-"; }

}  // namespace

Status WriteReport(const std::string& text, const std::string& path) {
  if (IsStdout(path)) {
    Status s = WriteAll(STDOUT_FILENO, text, "standard output");
    std::fflush(stdout);
    return s;
  }
  AtomicReportFile file(path);
  if (Status opened = file.Open(); !opened) return opened;
  if (Status written = file.Write(text); !written) return written;
  return file.Commit();
}

Status StreamReport(const std::string& path,
                    const std::function<bool(const ReportChunkWriter&)>& produce) {
  // The first write error is kept and later pieces are dropped: the writer cannot fail.
  Status status = Ok();
  if (IsStdout(path)) {
    std::fflush(stdout);
    const bool usable = produce([&status](std::string_view piece) {
      if (status) status = WriteAll(STDOUT_FILENO, piece, "standard output");
    });
    if (!status) return status;
    return usable ? Ok() : Fail(ErrorCode::kInternal, "report could not be encoded");
  }
  AtomicReportFile file(path);
  if (Status opened = file.Open(); !opened) return opened;
  const bool usable = produce([&status, &file](std::string_view piece) {
    if (status) status = file.Write(piece);
  });
  if (!status) return status;
  if (!usable) return Fail(ErrorCode::kInternal, "report could not be encoded");
  return file.Commit();
}

bool StdoutIsTerminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

bool ColorAllowed() {
  const char* no_color = std::getenv("NO_COLOR");
  return StdoutIsTerminal() && (no_color == nullptr || *no_color == '\0');
}

void PrintError(const std::string& what, const Error& error) {
  std::fprintf(stderr, "sightline: %s: %s\n", what.c_str(), error.message.c_str());
}

}  // namespace sightline::app
