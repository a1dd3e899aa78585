#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/commands.h"
#include "common/logging.h"

namespace sightline::app {
namespace {

// `--archive-base NAME=URL[,NAME=URL]`: CLI11 would want "NAME URL" as two words for a map.
void AddArchiveBaseOption(CLI::App* sub, std::map<std::string, std::string>* bases) {
  sub->add_option_function<std::vector<std::string>>(
         "--archive-base",
         [bases](const std::vector<std::string>& pairs) {
           for (const auto& pair : pairs) {
             const size_t eq = pair.find('=');
             (*bases)[pair.substr(0, eq)] = pair.substr(eq + 1);
           }
         },
         "Archive endpoint, NAME=URL (e.g. wayback=http://127.0.0.1:8080)")
      ->delimiter(',')
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            const size_t eq = value.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == value.size()) {
              return "expected NAME=URL, got " + value;
            }
            return {};
          },
          "NAME=URL"));
}

// Options shared by audit and scan: the crawl, the analysis and the output.
void AddCrawlOptions(CLI::App* sub, Settings* s, std::string* fail_on) {
  sub->add_option("--max-pages", s->max_pages, "Stop after this many pages")
      ->check(CLI::Range(1, 10'000'000));
  sub->add_option("--max-depth", s->max_depth, "Links followed from the seed at most")
      ->check(CLI::Range(0, 1000));
  sub->add_option("--scope", s->scope, "What counts as the site: host, domain or prefix")
      ->check(CLI::IsMember({"host", "domain", "prefix"}));
  sub->add_option("--concurrency", s->concurrency, "Transfers in flight at once")
      ->check(CLI::Range(1, 256));
  sub->add_option("--per-host", s->per_host, "Connections per host")->check(CLI::Range(1, 64));
  sub->add_option("--delay", s->delay_ms, "Minimum milliseconds between requests to a host")
      ->check(CLI::Range(0, 60'000));
  sub->add_option("--user-agent", s->user_agent, "User-Agent header");
  sub->add_flag("--allow-private", s->allow_private,
                "Follow links and redirects from public sites to private addresses");
  sub->add_flag("--author-anonymous", s->author_anonymous,
                "Pseudonymous blog: also estimate how identifiable the author is");
  sub->add_option("--region", s->region, "Region hint for town names, e.g. US-OH");
  sub->add_option("--archives", s->archives,
                  "Look up copies in web archives: wayback,commoncrawl,archivetoday")
      ->delimiter(',')
      ->check(CLI::IsMember({"wayback", "commoncrawl", "archivetoday"}));
  AddArchiveBaseOption(sub, &s->archive_bases);
  sub->add_flag("--resume", s->resume, "Continue the site's interrupted audit");
  sub->add_option("--keep", s->keep, "Keep this many audits per site (0: all)")
      ->check(CLI::Range(0, 100000));
  sub->add_flag("--redact", s->redact, "Mask details in stored data and reports");
  sub->add_option("--fail-on", *fail_on, "Exit 1 when a finding is at or above this risk")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
}

void AddOutputOptions(CLI::App* sub, Settings* s) {
  sub->add_option("--db", s->db, "Audit database (created 0600)");
  sub->add_option("--format", s->format, "Report format")
      ->check(CLI::IsMember({"text", "json", "html", "csv"}));
  sub->add_option("--out", s->out, "Write the report here instead of stdout");
}

void ApplyFailOn(const std::string& fail_on, Settings* s) {
  if (auto risk = analyzer::ParseRisk(fail_on)) s->fail_on = *risk;
}

std::set<std::string> GivenOptions(const CLI::App* sub) {
  std::set<std::string> given;
  for (const CLI::Option* opt : sub->get_options()) {
    if (opt->count() > 0 && !opt->get_lnames().empty()) given.insert(opt->get_lnames().front());
  }
  return given;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App cli{
      "sightline audits what a medical practice's public web pages give away: details that\n"
      "alone or combined across pages identify a patient, whether search engines can see\n"
      "them, and what changed since the last audit.",
      "sightline"};
  cli.set_version_flag("--version", std::string("sightline ") + SIGHTLINE_VERSION);
  cli.require_subcommand(1);
  cli.footer(
      "Exit codes: 0 done, nothing at or above --fail-on; 1 findings at or above it; "
      "2 usage or fatal error.");
  bool verbose = false;
  cli.add_flag("-v,--verbose", verbose, "Log what the crawler does (never page text)");

  std::function<int()> run;
  std::string fail_on = "high";

  AuditArgs audit;
  auto* audit_cmd = cli.add_subcommand("audit", "Crawl a site, analyse it and store the audit");
  audit_cmd->add_option("url", audit.urls, "Site URL (omit with --config site lists)");
  audit_cmd->add_option("--config", audit.config, "TOML settings and [[site]] lists");
  AddCrawlOptions(audit_cmd, &audit.settings, &fail_on);
  AddOutputOptions(audit_cmd, &audit.settings);
  audit_cmd->footer(
      "Examples:\n"
      "  sightline audit https://www.example-practice.org/\n"
      "  sightline audit https://drjane.example.net/blog/ --scope prefix --author-anonymous\n"
      "  sightline audit --config /etc/sightline/practice.toml --format html --out r.html");
  audit_cmd->callback([&] {
    ApplyFailOn(fail_on, &audit.settings);
    audit.given = GivenOptions(audit_cmd);
    run = [&] { return RunAuditCommand(audit); };
  });

  AuditArgs scan;
  scan.url_list_mode = true;
  auto* scan_cmd = cli.add_subcommand("scan", "Audit exactly the pages of a URL list");
  scan_cmd->add_option("--urls", scan.urls_file, "File with one URL per line ('-': stdin)")
      ->required();
  scan_cmd->add_flag("--follow", scan.settings.follow, "Also follow links from those pages");
  scan_cmd->add_option("--config", scan.config, "TOML settings");
  AddCrawlOptions(scan_cmd, &scan.settings, &fail_on);
  AddOutputOptions(scan_cmd, &scan.settings);
  scan_cmd->footer("Example:\n  sightline scan --urls my-profiles.txt --format json");
  scan_cmd->callback([&] {
    ApplyFailOn(fail_on, &scan.settings);
    scan.given = GivenOptions(scan_cmd);
    run = [&] { return RunAuditCommand(scan); };
  });

  CheckArgs check;
  auto* check_cmd =
      cli.add_subcommand("check", "Analyse a local draft (HTML or text) before publishing");
  check_cmd->add_option("file", check.file, "Draft file, or - for stdin")->required();
  check_cmd->add_option("--format", check.settings.format, "Report format")
      ->check(CLI::IsMember({"text", "json", "html", "csv"}));
  check_cmd->add_option("--out", check.settings.out, "Write the report here");
  check_cmd->add_option("--fail-on", fail_on, "Exit 1 at or above this risk")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
  check_cmd->add_option("--region", check.settings.region, "Region hint, e.g. US-OH");
  check_cmd->add_flag("--author-anonymous", check.settings.author_anonymous,
                      "Also estimate how identifiable the author is");
  check_cmd->add_option("--config", check.config,
                        "TOML settings: region, author_anonymous, [risk] and fail_on are used");
  check_cmd->footer(
      "Examples:\n  sightline check drafts/interesting-case.html\n"
      "  sightline check --config /etc/sightline/practice.toml - < draft.html");
  check_cmd->callback([&] {
    ApplyFailOn(fail_on, &check.settings);
    check.given = GivenOptions(check_cmd);
    run = [&] { return RunCheckCommand(check); };
  });

  DiffArgs diff;
  auto* diff_cmd = cli.add_subcommand("diff", "What changed between two audits");
  diff_cmd->add_option("--db", diff.settings.db, "Audit database");
  diff_cmd->add_option("--site", diff.site, "Site URL (default: the latest audited site)");
  diff_cmd->add_option("audits", diff.audits, "FROM TO audit ids (default: the last two)")
      ->expected(0, 2);
  diff_cmd->add_option("--format", diff.settings.format, "Report format")
      ->check(CLI::IsMember({"text", "json", "html"}));
  diff_cmd->add_option("--out", diff.settings.out, "Write the report here");
  diff_cmd->footer("Examples:\n  sightline diff\n  sightline diff --db practice.db 12 14");
  diff_cmd->callback([&] { run = [&] { return RunDiffCommand(diff); }; });

  ReportArgs report;
  auto* report_cmd = cli.add_subcommand("report", "Render a stored audit again");
  report_cmd->add_option("--db", report.settings.db, "Audit database");
  report_cmd->add_option("--audit", report.audit, "Audit id (default: the latest)");
  report_cmd->add_option("--site", report.site, "Latest audit of this site");
  report_cmd->add_option("--format", report.settings.format, "Report format")
      ->check(CLI::IsMember({"text", "json", "html", "csv"}));
  report_cmd->add_option("--out", report.settings.out, "Write the report here");
  report_cmd->add_flag("--redact", report.settings.redact, "Mask details");
  report_cmd->add_option("--archives", report.settings.archives, "Archive look-ups")
      ->delimiter(',')
      ->check(CLI::IsMember({"wayback", "commoncrawl", "archivetoday"}));
  AddArchiveBaseOption(report_cmd, &report.settings.archive_bases);
  report_cmd->footer("Example:\n  sightline report --audit 7 --format html --out report.html");
  report_cmd->callback([&] { run = [&] { return RunReportCommand(report); }; });

  std::string history_site;
  Settings history_settings;
  auto* history_cmd = cli.add_subcommand("history", "Audits of a site with findings per risk");
  history_cmd->add_option("--db", history_settings.db, "Audit database");
  history_cmd->add_option("--site", history_site, "Site URL (default: the latest audited)");
  history_cmd->add_option("--format", history_settings.format, "Report format")
      ->check(CLI::IsMember({"text", "json", "html", "csv"}));
  history_cmd->add_option("--out", history_settings.out, "Write the report here");
  history_cmd->footer(
      "Examples:\n  sightline history --site https://www.example-practice.org/\n"
      "  sightline history --db practice.db --format html --out history.html");
  history_cmd->callback(
      [&] { run = [&] { return RunHistoryCommand(history_site, history_settings); }; });

  std::string ack_id, ack_note;
  Settings ack_settings;
  auto* ack_cmd =
      cli.add_subcommand("ack", "Mark a resolved finding's removal from search and archives done");
  ack_cmd->add_option("finding_id", ack_id, "Finding id from a report")->required();
  ack_cmd->add_option("--note", ack_note, "What was done, e.g. 'removal request sent'");
  ack_cmd->add_option("--db", ack_settings.db, "Audit database");
  ack_cmd->footer("Example:\n  sightline ack 3f9c2a71d04e8b15 --note 'Search Console removal'");
  ack_cmd->callback([&] { run = [&] { return RunAckCommand(ack_id, ack_note, ack_settings); }; });

  std::string robots_file, robots_agent, robots_url;
  auto* robots_cmd = cli.add_subcommand(
      "robots", "Would this robots.txt let AGENT fetch URL? Prints allowed|disallowed, exit 0|1");
  robots_cmd->add_option("--robots-file", robots_file, "robots.txt file")->required();
  robots_cmd->add_option("--agent", robots_agent, "User agent, e.g. Googlebot")->required();
  robots_cmd->add_option("url", robots_url, "URL to test")->required();
  robots_cmd->footer(
      "Example:\n  sightline robots --robots-file robots.txt --agent Googlebot "
      "https://example.org/drafts/x");
  robots_cmd->callback(
      [&] { run = [&] { return RunRobotsCommand(robots_file, robots_agent, robots_url); }; });

  Settings demo_settings;
  demo_settings.db = "sightline-demo.db";
  auto* demo_cmd = cli.add_subcommand(
      "demo", "Serve the bundled demo practice site on 127.0.0.1, audit it, write an HTML report");
  demo_cmd->add_option("--db", demo_settings.db, "Audit database");
  demo_cmd->add_option("--out", demo_settings.out, "HTML report (default sightline-demo.html)");
  int demo_port = 8765;
  demo_cmd
      ->add_option("--port", demo_port,
                   "Port on 127.0.0.1 to serve the site on (another free one when it is taken)")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  demo_cmd->footer(
      "Examples:\n  sightline demo\n"
      "  sightline demo --db /tmp/demo.db --out /tmp/demo.html   # then open /tmp/demo.html\n"
      "  sightline demo --port 9000");
  demo_cmd->callback([&] {
    run = [&] { return RunDemoCommand(demo_settings, static_cast<uint16_t>(demo_port)); };
  });

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = cli.exit(e);
    return rc == 0 ? kExitOk : kExitError;
  }
  InitLogging(verbose ? LogLevel::kDebug : LogLevel::kWarn);
  return run ? run() : kExitError;
}

}  // namespace sightline::app
