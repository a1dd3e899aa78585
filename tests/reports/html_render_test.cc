// Renders the HTML report in real headless Chromium (Debian `chromium`): the DOM must hold
// every finding with its highlighted words and no element injected by hostile page text, and
// a screenshot must come out as a real image. Each Chromium run is killed after 60 s.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "reports/report.h"
#include "tests/reports/report_fixture.h"
#include "tests/support/temp_dir.h"

namespace sightline::reports {
namespace {

constexpr const char* kChromium = "/usr/bin/chromium";

struct RunResult {
  bool finished = false;  // false: killed at the deadline
  int exit_code = -1;
};

// fork/exec with stdout to `stdout_path`, polled until `deadline`, then SIGKILL of the whole
// process group (Chromium forks helpers).
RunResult RunBounded(const std::vector<std::string>& argv, const std::filesystem::path& stdout_path,
                     std::chrono::seconds deadline) {
  // Prepared before fork(): the child of a multithreaded process may only make
  // async-signal-safe calls until exec (an allocation can deadlock on malloc's lock).
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    const int out = open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int null = open("/dev/null", O_WRONLY);
    if (out >= 0) dup2(out, STDOUT_FILENO);
    if (null >= 0) dup2(null, STDERR_FILENO);
    execv(args[0], args.data());
    _exit(127);
  }
  RunResult result;
  if (pid < 0) return result;
  setpgid(pid, pid);  // also from the parent, so the kill below cannot race the child's call
  const auto stop = std::chrono::steady_clock::now() + deadline;
  int status = 0;
  while (std::chrono::steady_clock::now() < stop) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      result.finished = true;
      result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      kill(-pid, SIGKILL);  // leftover helpers of this run only
      return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid, SIGKILL);
  waitpid(pid, &status, 0);
  return result;
}

std::vector<std::string> ChromiumArgs(const sightline::testing::TempDir& dir) {
  return {kChromium,
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--user-data-dir=" + (dir / "profile").string()};
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class HtmlRenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kChromium)) {
      GTEST_SKIP() << "chromium not installed (scripts/install-deps installs it)";
    }
    report_path_ = dir_ / "report.html";
    std::ofstream(report_path_) << RenderAudit(testing::RichAuditReport(), Format::kHtml,
                                               testing::Options());
  }
  std::string Url() const { return "file://" + report_path_.string(); }

  sightline::testing::TempDir dir_;
  std::filesystem::path report_path_;
};

TEST_F(HtmlRenderTest, DomShowsEveryFindingAndNoInjectedElement) {
  auto args = ChromiumArgs(dir_);
  args.push_back("--dump-dom");
  args.push_back(Url());
  const RunResult run = RunBounded(args, dir_ / "dom.html", std::chrono::seconds(60));
  ASSERT_TRUE(run.finished) << "chromium did not finish within 60 s";
  ASSERT_EQ(run.exit_code, 0);
  const std::string dom = ReadFile(dir_ / "dom.html");
  ASSERT_FALSE(dom.empty());
  for (const char* id :
       {"f-wilson-41", "f-old-case", "f-rant", "f-hartley-name", "f-author", "f-school"}) {
    EXPECT_NE(dom.find(std::string("id=\"finding-") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(dom.find("A 41-year-old bus driver with Wilson's disease"), std::string::npos);
  EXPECT_NE(dom.find("<mark title=\"condition\">Wilson's disease</mark>"), std::string::npos);
  EXPECT_NE(dom.find("<mark title=\"name\">Zoë Hartley</mark>"), std::string::npos);
  EXPECT_NE(dom.find("hidden from visitors, read by search engines"), std::string::npos);
  EXPECT_NE(dom.find("<svg class=\"history\""), std::string::npos);
  // The hostile text reached the DOM as text, not as elements.
  EXPECT_NE(dom.find("&lt;script&gt;alert(\"pwned\")&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(dom.find("<script"), std::string::npos);
  EXPECT_EQ(dom.find("<img"), std::string::npos);
}

TEST_F(HtmlRenderTest, ScreenshotIsARealImage) {
  auto args = ChromiumArgs(dir_);
  const auto png = dir_ / "r.png";
  args.push_back("--screenshot=" + png.string());
  args.push_back("--window-size=1200,2000");
  args.push_back(Url());
  const RunResult run = RunBounded(args, dir_ / "stdout.txt", std::chrono::seconds(60));
  ASSERT_TRUE(run.finished) << "chromium did not finish within 60 s";
  ASSERT_TRUE(std::filesystem::exists(png));
  const std::string bytes = ReadFile(png);
  ASSERT_GT(bytes.size(), 24u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  // IHDR: width and height, big-endian, at offsets 16 and 20.
  auto be32 = [&bytes](size_t at) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
  };
  EXPECT_EQ(be32(16), 1200u);
  EXPECT_EQ(be32(20), 2000u);
  // A blank or error page compresses to a few kilobytes; the report has colour and text.
  EXPECT_GT(bytes.size(), 50'000u);
}

}  // namespace
}  // namespace sightline::reports
