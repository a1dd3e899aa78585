// Child processes for the storage tests: fork a writer, kill it with SIGKILL, run a body as an
// unprivileged user (root ignores directory permissions). Every child has an alarm() so a stray
// one dies on its own, and waits are bounded.
#pragma once

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <functional>
#include <thread>

namespace sightline::storage::testutil {

// Forks; the child runs `body` and _exits with its return value (never returns).
inline pid_t ForkChild(const std::function<int()>& body, unsigned alarm_seconds = 60) {
  pid_t pid = ::fork();
  if (pid == 0) {
    ::alarm(alarm_seconds);
    int code = body();
    ::_exit(code);
  }
  return pid;
}

// Waits for the child up to `limit`, then SIGKILLs it. Returns the raw wait status.
inline int WaitChild(pid_t pid, std::chrono::milliseconds limit = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return status;
}

inline void KillChild(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

// Runs `body` as user/group 65534 (nobody) when we are root, in-process otherwise; returns
// its result (or -1 when the child died).
inline int RunUnprivileged(const std::function<int()>& body) {
  if (::geteuid() != 0) return body();
  pid_t pid = ForkChild([&] {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) return 99;
    return body();
  });
  int status = WaitChild(pid);
  if (WIFSIGNALED(status)) return -100 - WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace sightline::storage::testutil
