// The subcommands of the `sightline` CLI, each a function of already-parsed arguments that
// returns the process exit code (app/cli.h). Errors are printed to stderr here, never thrown.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "app/settings.h"

namespace sightline::app {

struct AuditArgs {
  std::vector<std::string> urls;  // one site URL (audit) or the URL list (scan)
  std::string urls_file;          // scan --urls FILE
  std::string config;             // --config FILE: site lists for agencies
  bool url_list_mode = false;     // scan
  Settings settings;
  std::set<std::string> given;  // flags present on the command line (they beat --config)
};
int RunAuditCommand(const AuditArgs& args);

// Serves data/demo-site on 127.0.0.1:`port` (another free port when it is taken), audits it.
int RunDemoCommand(Settings settings, uint16_t port);

struct CheckArgs {
  std::string file;  // path or "-"
  // --config FILE: the analysis settings of an audit config (region, author_anonymous, [risk]
  // thresholds, fail_on), so a draft is judged as the nightly audit will judge the post. Its
  // db, out and format belong to audits and are not used.
  std::string config;
  Settings settings;
  std::set<std::string> given;  // flags present on the command line (they beat --config)
  bool show_mentions = true;
};
int RunCheckCommand(const CheckArgs& args);

struct DiffArgs {
  std::string site;
  std::vector<long long> audits;  // FROM TO, or empty for the last two complete audits
  Settings settings;
};
int RunDiffCommand(const DiffArgs& args);

struct ReportArgs {
  long long audit = 0;  // 0 = the latest
  std::string site;
  Settings settings;
};
int RunReportCommand(const ReportArgs& args);

int RunHistoryCommand(const std::string& site, const Settings& settings);

int RunAckCommand(const std::string& finding_id, const std::string& note, const Settings& settings);

int RunRobotsCommand(const std::string& robots_file, const std::string& agent,
                     const std::string& url);

}  // namespace sightline::app
