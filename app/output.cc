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

Status WriteAll(int fd, const std::string& text, const std::string& name) {
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

}  // namespace

Status WriteReport(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    Status s = WriteAll(STDOUT_FILENO, text, "standard output");
    std::fflush(stdout);
    return s;
  }
  const std::filesystem::path target(path);
  const std::string temp =
      (target.parent_path() / ("." + target.filename().string() + ".tmp")).string();
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(ErrorCode::kIo, "cannot create " + temp + ": " + std::strerror(errno));
  Status written = WriteAll(fd, text, temp);
  if (written && ::fsync(fd) != 0) {
    written = Fail(ErrorCode::kIo, "cannot sync " + temp + ": " + std::strerror(errno));
  }
  ::close(fd);
  if (written && ::rename(temp.c_str(), path.c_str()) != 0) {
    written = Fail(ErrorCode::kIo, "cannot rename to " + path + ": " + std::strerror(errno));
  }
  if (!written) ::unlink(temp.c_str());
  return written;
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
