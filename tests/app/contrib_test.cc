// The scheduling examples in contrib/ as shipped: the systemd units pass `systemd-analyze
// verify` and carry the hardening the README promises, and the command lines of the service
// and of the cron example — with only their install paths and the site URL swapped for a temp
// dir and a loopback practice site — run the real binary, write their reports, and (cron)
// print the diff that gets mailed even on a night with findings.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/app/cli_test_util.h"
#include "tests/support/practice_site.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace sightline {
namespace {

using testing::PracticeSite;
using testing::ProcessResult;
using testing::TempDir;

namespace fs = std::filesystem;

const fs::path kSource = SIGHTLINE_SOURCE_DIR;
const fs::path kContrib = kSource / "contrib";

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void ReplaceAll(std::string* s, const std::string& from, const std::string& to) {
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size())) {
    s->replace(at, from.size(), to);
  }
}

// The install paths of the README, mapped into `root`; the data folders to this source tree.
std::string Localize(std::string text, const fs::path& root) {
  ReplaceAll(&text, "/usr/local/share/sightline/npm", (kSource / "third_party" / "npm").string());
  ReplaceAll(&text, "/usr/local/share/sightline", (kSource / "data").string());
  ReplaceAll(&text, "/usr/local/bin/sightline", SIGHTLINE_BINARY);
  ReplaceAll(&text, "/var/lib/sightline", (root / "var").string());
  ReplaceAll(&text, "/etc/sightline", (root / "etc").string());
  return text;
}

// "Key=value" lines of a unit file's [Service] (continuations joined), in order.
std::vector<std::pair<std::string, std::string>> UnitSettings(const std::string& unit) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(unit);
  std::string line, pending;
  while (std::getline(in, line)) {
    if (!pending.empty()) {
      line = pending + line;
      pending.clear();
    }
    if (!line.empty() && line.back() == '\\') {
      pending = line.substr(0, line.size() - 1);
      continue;
    }
    if (line.empty() || line[0] == '#' || line[0] == '[') continue;
    const size_t eq = line.find('=');
    if (eq != std::string::npos) out.emplace_back(line.substr(0, eq), line.substr(eq + 1));
  }
  return out;
}

std::string Setting(const std::vector<std::pair<std::string, std::string>>& settings,
                    const std::string& key) {
  for (const auto& [k, v] : settings) {
    if (k == key) return v;
  }
  return "";
}

// "sh -c" with the unit's Environment= (or the cron file's NAME=value lines) exported.
ProcessResult RunShell(const std::string& command, const std::map<std::string, std::string>& env) {
  std::string script;
  for (const auto& [name, value] : env) script += "export " + name + "='" + value + "'; ";
  return testing::RunProcess({"/bin/sh", "-c", script + command}, testing::kCliLimit);
}

TEST(Contrib, SystemdUnitsVerifyAndCarryTheHardeningTheReadmePromises) {
  const std::string service = ReadFile(kContrib / "systemd" / "sightline-audit@.service");
  const std::string timer = ReadFile(kContrib / "systemd" / "sightline-audit@.timer");
  ASSERT_FALSE(service.empty());
  ASSERT_FALSE(timer.empty());
  const auto s = UnitSettings(service);
  EXPECT_EQ(Setting(s, "User"), "sightline");
  EXPECT_EQ(Setting(s, "ProtectSystem"), "strict");
  EXPECT_EQ(Setting(s, "PrivateTmp"), "yes");
  EXPECT_EQ(Setting(s, "NoNewPrivileges"), "yes");
  EXPECT_EQ(Setting(s, "StateDirectory"), "sightline");
  EXPECT_EQ(Setting(s, "SuccessExitStatus"), "1") << "exit 1 means findings, not a failed run";
  const auto t = UnitSettings(timer);
  EXPECT_FALSE(Setting(t, "OnCalendar").empty());
  EXPECT_FALSE(Setting(t, "RandomizedDelaySec").empty());
  EXPECT_EQ(Setting(t, "Persistent"), "true");

  if (!fs::exists("/usr/bin/systemd-analyze")) {
    GTEST_SKIP() << "systemd-analyze not installed";
  }
  TempDir dir;
  // The binary the unit names must exist for verify: point it at the one under test.
  std::string local = service;
  ReplaceAll(&local, "/usr/local/bin/sightline", SIGHTLINE_BINARY);
  std::ofstream(dir / "sightline-audit@.service") << local;
  std::ofstream(dir / "sightline-audit@.timer") << timer;
  for (const char* unit : {"sightline-audit@practice.service", "sightline-audit@practice.timer"}) {
    const ProcessResult verify = testing::RunProcess(
        {"/usr/bin/systemd-analyze", "verify", "--man=no", (dir / unit).string()},
        std::chrono::seconds(60));
    EXPECT_EQ(verify.exit_code, 0) << unit << "\n" << verify.err;
    EXPECT_EQ(verify.err.find("sightline-audit@"), std::string::npos) << verify.err;
  }
}

TEST(Contrib, SystemdServiceCommandAuditsTheConfiguredSiteIntoItsStateDirectory) {
  PracticeSite site;
  TempDir dir;
  fs::create_directories(dir / "etc");
  fs::create_directories(dir / "var");
  // The README's step: the example config with the user's own site.
  std::string config = ReadFile(kContrib / "sightline.example.toml");
  const size_t first_site = config.find("\n[[site]]");
  ASSERT_NE(first_site, std::string::npos);
  config = config.substr(0, first_site) + "\n[[site]]\nurl = \"" + site.Url("/") + "\"\n";
  ReplaceAll(&config, "delay_ms = 250", "delay_ms = 0");
  std::ofstream(dir / "etc" / "practice.toml") << Localize(config, dir.path());

  const auto s = UnitSettings(
      Localize(ReadFile(kContrib / "systemd" / "sightline-audit@.service"), dir.path()));
  std::string exec = Setting(s, "ExecStart");
  ASSERT_FALSE(exec.empty());
  ReplaceAll(&exec, "%i", "practice");
  std::map<std::string, std::string> env;
  for (const auto& [k, v] : s) {
    if (k == "Environment") env[v.substr(0, v.find('='))] = v.substr(v.find('=') + 1);
  }
  EXPECT_TRUE(env.contains("SIGHTLINE_DATA_DIR"));
  EXPECT_TRUE(env.contains("SIGHTLINE_NPM_DIR"));
  for (const auto& [name, value] : env) EXPECT_TRUE(fs::is_directory(value)) << name;

  const ProcessResult run = RunShell(exec, env);
  ASSERT_FALSE(run.timed_out);
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.err;
  const std::string html = ReadFile(dir / "var" / "practice-latest.html");
  EXPECT_NE(html.find("Wilson"), std::string::npos) << "the report of the configured site";
  EXPECT_TRUE(fs::exists(dir / "var" / "practice.db"));
  const ProcessResult history = testing::RunSightline(
      {"history", "--db", (dir / "var" / "practice.db").string(), "--format", "json"});
  EXPECT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find(site.Url("/")), std::string::npos);
}

TEST(Contrib, CronJobWritesADatedReportAndPrintsTheDiffEvenOnANightWithFindings) {
  PracticeSite site;
  TempDir dir;
  fs::create_directories(dir / "var" / "reports");  // the README's install -d step
  std::string cron = Localize(ReadFile(kContrib / "cron" / "sightline.cron"), dir.path());
  ReplaceAll(&cron, "https://www.example-practice.org/", site.Url("/"));

  std::map<std::string, std::string> env;
  std::string command;
  std::istringstream in(cron);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t eq = line.find('=');
    const size_t space = line.find(' ');
    if (eq != std::string::npos && (space == std::string::npos || eq < space)) {
      env[line.substr(0, eq)] = line.substr(eq + 1);
      continue;
    }
    // minute hour day month weekday user command
    std::istringstream fields(line);
    std::string field;
    for (int i = 0; i < 6; ++i) fields >> field;
    EXPECT_EQ(field, "sightline") << "runs as the dedicated user";
    std::getline(fields, command);
  }
  ASSERT_FALSE(command.empty());
  EXPECT_TRUE(env.contains("MAILTO"));
  env.erase("MAILTO");
  // The installed binary finds its priors through these (README install steps).
  EXPECT_TRUE(env.contains("SIGHTLINE_DATA_DIR"));
  EXPECT_TRUE(env.contains("SIGHTLINE_NPM_DIR"));
  for (const auto& [name, value] : env) EXPECT_TRUE(fs::is_directory(value)) << name;
  ReplaceAll(&command, "\\%", "%");  // cron's escape for a literal %
  // The audit's politeness delay is not under test here.
  ReplaceAll(&command, " --format html", " --delay 0 --format html");

  const ProcessResult first = RunShell(command, env);
  ASSERT_FALSE(first.timed_out);
  // The first night has nothing to compare with: the diff says so.
  EXPECT_NE(first.err.find("need two complete audits"), std::string::npos) << first.err;
  site.SetPage("/blog/triplets.html", PracticeSite::TriplesStory());
  const ProcessResult second = RunShell(command, env);
  ASSERT_FALSE(second.timed_out);
  // The audit found high findings (exit 1), and the mail still gets the diff.
  EXPECT_NE(second.out.find("sightline diff"), std::string::npos) << second.out << second.err;
  EXPECT_NE(second.out.find("triplets"), std::string::npos) << second.out;
  EXPECT_EQ(second.exit_code, 0) << "the job's status is the diff's";

  size_t dated = 0;
  for (const auto& e : fs::directory_iterator(dir / "var" / "reports")) {
    const std::string name = e.path().filename().string();
    dated += name.starts_with("practice-20") && name.ends_with(".html");
  }
  EXPECT_GE(dated, 1u) << "one file per night (both runs fall on the same day, or around midnight)";
}

}  // namespace
}  // namespace sightline
