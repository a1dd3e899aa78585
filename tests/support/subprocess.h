// Subprocess: runs a program (the real `sightline` binary in end-to-end tests) with captured
// stdout/stderr, a time limit that kills it (a hang fails the test instead of stalling CI),
// and a handle to SIGKILL it mid-run for crash-safety tests.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace sightline::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  bool timed_out = false;
  long max_rss_kb = 0;  // peak resident set size of the child
  std::string out;
  std::string err;
};

// Runs argv[0] with argv, feeding `input` on stdin; kills it after `limit`.
ProcessResult RunProcess(const std::vector<std::string>& argv, std::chrono::milliseconds limit,
                         const std::string& input = "", const std::string& cwd = "");

// A running child whose output goes to /dev/null; killed (SIGKILL) and reaped on
// destruction if still running.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv, const std::string& cwd = "");
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void Kill(int signal);
  // Waits at most `limit`; returns the exit code, -1 when signalled, -2 on timeout.
  int Wait(std::chrono::milliseconds limit);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

}  // namespace sightline::testing
