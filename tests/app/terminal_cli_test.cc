// What a person at a terminal sees, against what cron and pipes get: the real binary under a
// pseudo-terminal (forkpty) draws a progress line on stderr (pages, queue, rate, ETA) and
// colours its text report, unless NO_COLOR is set (https://no-color.org); with pipes it
// prints neither. Every run is killed after the CLI time limit.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace sightline {
namespace {

using testing::PracticeSite;
using testing::TempDir;

struct TerminalRun {
  int exit_code = -1;
  bool timed_out = false;
  std::string screen;  // stdout and stderr, as the terminal received them
};

// Runs argv on a new pseudo-terminal with the current environment minus NO_COLOR, plus
// `extra_env` ("NAME=value").
TerminalRun RunInTerminal(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env = {}) {
  // Everything the child needs is built before fork: only exec runs after it.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "NO_COLOR=", 9) != 0) env_strings.emplace_back(*e);
  }
  for (const auto& e : extra_env) env_strings.push_back(e);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args_copy = argv;
  std::vector<char*> args;
  for (auto& a : args_copy) args.push_back(a.data());
  args.push_back(nullptr);

  TerminalRun run;
  int master = -1;
  winsize size{};
  size.ws_row = 50;
  size.ws_col = 160;
  const pid_t pid = forkpty(&master, nullptr, nullptr, &size);
  if (pid < 0) return run;
  if (pid == 0) {
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + testing::kCliLimit;
  char buffer[4096];
  while (true) {
    if (std::chrono::steady_clock::now() > deadline) {
      run.timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    pollfd fd{master, POLLIN, 0};
    if (poll(&fd, 1, 100) <= 0) continue;
    const ssize_t n = read(master, buffer, sizeof buffer);
    if (n <= 0) break;  // EIO once the child and its terminal are gone
    run.screen.append(buffer, static_cast<size_t>(n));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  return run;
}

// ESC [ digits/semicolons m: a colour or style.
bool HasColour(const std::string& s) {
  for (size_t at = s.find("\033["); at != std::string::npos; at = s.find("\033[", at + 2)) {
    size_t i = at + 2;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == ';')) ++i;
    if (i < s.size() && s[i] == 'm' && i > at + 2) return true;
  }
  return false;
}

std::vector<std::string> Audit(const PracticeSite& site, const std::string& db) {
  return {SIGHTLINE_BINARY, "audit", site.Url("/"), "--db", db, "--delay", "0"};
}

TEST(Terminal, AuditDrawsAProgressLineAndColoursTheReport) {
  PracticeSite site;
  TempDir dir;
  const TerminalRun run = RunInTerminal(Audit(site, (dir / "t.db").string()));
  ASSERT_FALSE(run.timed_out);
  EXPECT_EQ(run.exit_code, 1) << run.screen;
  // The progress line: pages, queue, rate and ETA, redrawn in place and cleared at the end.
  EXPECT_NE(run.screen.find(" pages, "), std::string::npos) << run.screen.substr(0, 600);
  EXPECT_NE(run.screen.find(" queued, "), std::string::npos);
  EXPECT_NE(run.screen.find(" pages/s, ETA "), std::string::npos);
  EXPECT_NE(run.screen.find("\r\033[K"), std::string::npos);
  EXPECT_TRUE(HasColour(run.screen)) << "a terminal gets colour";
  EXPECT_NE(run.screen.find("sightline audit #1 of "), std::string::npos);
}

TEST(Terminal, NoColorKeepsTheTextPlainButTheProgressLine) {
  PracticeSite site;
  TempDir dir;
  const TerminalRun run = RunInTerminal(Audit(site, (dir / "t.db").string()), {"NO_COLOR=1"});
  ASSERT_FALSE(run.timed_out);
  EXPECT_EQ(run.exit_code, 1) << run.screen;
  EXPECT_FALSE(HasColour(run.screen)) << run.screen.substr(0, 600);
  EXPECT_NE(run.screen.find("Findings: "), std::string::npos);
  EXPECT_NE(run.screen.find(" pages/s, ETA "), std::string::npos);
}

TEST(Terminal, PipesGetNeitherColourNorProgress) {
  PracticeSite site;
  TempDir dir;
  const testing::ProcessResult r = testing::RunSightline(
      {"audit", site.Url("/"), "--db", (dir / "t.db").string(), "--delay", "0"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_FALSE(HasColour(r.out));
  EXPECT_EQ(r.err.find("pages/s"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << "cron mails stderr: no redraws in it";
  EXPECT_NE(r.out.find("Findings: "), std::string::npos);
}

TEST(Terminal, CheckColoursADraftOnATerminalOnly) {
  TempDir dir;
  const std::string draft = (dir / "draft.html").string();
  {
    FILE* f = std::fopen(draft.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs(PracticeSite::WilsonStory().c_str(), f);
    std::fclose(f);
  }
  const TerminalRun coloured = RunInTerminal({SIGHTLINE_BINARY, "check", draft});
  EXPECT_EQ(coloured.exit_code, 1) << coloured.screen;
  EXPECT_TRUE(HasColour(coloured.screen));
  const TerminalRun plain = RunInTerminal({SIGHTLINE_BINARY, "check", draft}, {"NO_COLOR=1"});
  EXPECT_EQ(plain.exit_code, 1);
  EXPECT_FALSE(HasColour(plain.screen)) << plain.screen.substr(0, 400);
}

}  // namespace
}  // namespace sightline
