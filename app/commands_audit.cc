// audit, scan and demo: plan the sites, run each audit, render and write the report.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/audit_runner.h"
#include "app/cli.h"
#include "app/commands.h"
#include "app/config_file.h"
#include "app/data_paths.h"
#include "app/output.h"
#include "app/report_builder.h"
#include "app/static_site_server.h"
#include "common/url.h"
#include "reports/report.h"

namespace sightline::app {
namespace {

Result<std::vector<std::string>> ReadUrlList(const std::string& file) {
  std::ifstream file_in;
  std::istream* in = &std::cin;
  if (file != "-") {
    file_in.open(file);
    if (!file_in) return Fail(ErrorCode::kNotFound, "cannot read URL list " + file);
    in = &file_in;
  }
  std::vector<std::string> urls;
  std::string line;
  int line_no = 0;
  while (std::getline(*in, line)) {
    ++line_no;
    const size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    const size_t end = line.find_last_not_of(" \t\r");
    const std::string text = line.substr(start, end - start + 1);
    auto url = NormalizeUrl(text);
    if (!url) {
      // A bad line is reported and skipped; the rest of the list is still audited.
      std::fprintf(stderr, "sightline: %s:%d: skipped \"%s\": %s\n", file.c_str(), line_no,
                   text.c_str(), url.error().message.c_str());
      continue;
    }
    urls.push_back(*url);
  }
  if (urls.empty()) return Fail(ErrorCode::kInvalidArgument, "no usable URL in " + file);
  return urls;
}

Result<std::vector<AuditPlan>> PlanAudits(const AuditArgs& args) {
  Settings base = args.settings;
  std::vector<SiteEntry> sites;
  if (!args.config.empty()) {
    auto config = LoadConfigFile(args.config, Settings{});
    if (!config) return Unexpected(config.error());
    base = config->settings;
    OverrideWithFlags(args.settings, args.given, &base);
    sites = config->sites;
  }
  std::vector<AuditPlan> plans;
  if (args.url_list_mode) {
    auto urls = ReadUrlList(args.urls_file);
    if (!urls) return Unexpected(urls.error());
    AuditPlan plan;
    plan.url_list_mode = true;
    plan.seeds = *urls;
    plan.settings = base;
    // A list has no single home page: it is identified by its first URL's origin, so the
    // nightly scan of the same list compares with the previous one.
    plan.site = UrlOrigin(urls->front()).value_or(urls->front()) + "/";
    plans.push_back(std::move(plan));
    return plans;
  }
  if (!args.urls.empty()) {
    sites.clear();
    for (const auto& url : args.urls) sites.push_back(SiteEntry{url, {}, {}, {}, {}});
  }
  if (sites.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "give a site URL, or --config with [[site]] tables");
  }
  for (const auto& entry : sites) {
    auto url = NormalizeUrl(entry.url);
    if (!url) {
      return Fail(ErrorCode::kInvalidArgument,
                  "bad site URL " + entry.url + ": " + url.error().message);
    }
    AuditPlan plan;
    plan.site = *url;
    plan.seeds = {*url};
    plan.settings = base;
    if (entry.max_pages) plan.settings.max_pages = *entry.max_pages;
    if (entry.scope) plan.settings.scope = *entry.scope;
    if (entry.author_anonymous) plan.settings.author_anonymous = *entry.author_anonymous;
    if (entry.region) plan.settings.region = *entry.region;
    plans.push_back(std::move(plan));
  }
  return plans;
}

// "report.html" for the first site, "report-2.html" for the second, ...
std::string OutPathFor(const std::string& out, size_t index) {
  if (out.empty() || index == 0) return out;
  std::filesystem::path p(out);
  return (p.parent_path() /
          (p.stem().string() + "-" + std::to_string(index + 1) + p.extension().string()))
      .string();
}

// A JSON report to a file is streamed, its findings read from the store one at a time: at
// 100,000 pages the ~145,000 findings are ~0.7 GB and the text ~1.2 GB, neither of which need
// exist whole in memory. Other formats, and stdout (where a failed stream could not be taken
// back), are rendered from the whole report. Prints its own error and returns false on
// failure; sets *exit_code for --fail-on otherwise.
bool WriteAuditReport(storage::AuditStore& store, int64_t audit_id, const AuditPlan& plan,
                      reports::Format format, const reports::RenderOptions& render,
                      const std::string& path, int* exit_code) {
  if (format == reports::Format::kJson && !path.empty() && path != "-") {
    Status streamed = StreamAuditJson(store, audit_id, plan.settings, render,
                                      /*redact_if_recorded=*/false, path, exit_code);
    if (streamed) return true;
    if (streamed.error().code != ErrorCode::kInternal) {
      PrintError("report", streamed.error());
      return false;
    }
    // Not encodable as a stream: the whole report below says why.
  }
  auto report = BuildReport(store, audit_id, plan.settings);
  if (!report) {
    PrintError("report of " + plan.site, report.error());
    return false;
  }
  Status written = WriteReport(reports::RenderAudit(*report, format, render), path);
  if (!written) {
    PrintError("report", written.error());
    return false;
  }
  *exit_code = ExitCodeFor(*report, plan.settings.fail_on);
  return true;
}

int AuditAll(const std::vector<AuditPlan>& plans, const Settings& output) {
  storage::OpenOptions open_options;
  open_options.lock_wait = std::chrono::seconds(10);
  if (output.redact) {
    // The database of a redacted audit holds masked details only (its reports, too).
    open_options.redact_finding = reports::RedactFindingDetails;
    open_options.redact_text = [](std::string_view text) { return reports::Redact(text); };
  }
  auto store = storage::AuditStore::Open(output.db, open_options);
  if (!store) return PrintError("cannot open the audit database", store.error()), kExitError;

  // One detector per region: the sites of a config file may name different regions, and a
  // stored analysis is keyed by the region it was made with (app/analysis_cache.h).
  std::unique_ptr<DetectorLoader> detector;
  std::string detector_region;

  InstallStopHandlers();
  int exit_code = kExitOk;
  for (size_t i = 0; i < plans.size(); ++i) {
    const AuditPlan& plan = plans[i];
    if (!detector || detector_region != plan.settings.region) {
      detector.reset();
      analyzer::DetectorOptions detector_options;
      detector_options.region_hint = plan.settings.region;
      // Loads beside the crawl's first requests; the audit fails if it cannot be loaded.
      detector = std::make_unique<DetectorLoader>(detector_options);
      detector_region = plan.settings.region;
    }
    auto outcome = RunAudit(plan, **store, *detector, DefaultClock(), StderrIsTerminal());
    // The last audit's report needs no priors: their ~55 MB go back before it is built.
    if (i + 1 == plans.size()) detector.reset();
    if (!outcome) {
      PrintError("audit of " + plan.site, outcome.error());
      exit_code = kExitError;
      continue;
    }
    if (outcome->interrupted) {
      std::fprintf(stderr,
                   "sightline: audit %lld of %s interrupted; run the same command with "
                   "--resume to continue\n",
                   static_cast<long long>(outcome->audit_id), plan.site.c_str());
      return kExitError;
    }
    reports::RenderOptions render;
    render.redact = plan.settings.redact;
    render.color = output.out.empty() && ColorAllowed();
    const auto format = reports::ParseFormat(plan.settings.format).value_or(reports::Format::kText);
    int report_exit = kExitOk;
    if (!WriteAuditReport(**store, outcome->audit_id, plan, format, render,
                          OutPathFor(output.out, i), &report_exit)) {
      exit_code = kExitError;
      continue;
    }
    if (exit_code == kExitOk) exit_code = report_exit;
  }
  return exit_code;
}

}  // namespace

int RunAuditCommand(const AuditArgs& args) {
  auto plans = PlanAudits(args);
  if (!plans) return PrintError("audit", plans.error()), kExitError;
  Settings output = plans->front().settings;
  return AuditAll(*plans, output);
}

int RunDemoCommand(Settings settings, uint16_t port) {
  const std::filesystem::path site_dir = DataDir() / "demo-site";
  // The demo site's files name http://127.0.0.1:8765/ (its sitemap, robots.txt and links).
  constexpr uint16_t kDemoFilesPort = 8765;
  auto server = StaticSiteServer::Start(site_dir, port, kDemoFilesPort);
  if (!server) return PrintError("demo", server.error()), kExitError;
  std::fprintf(stderr, "sightline demo: serving %s at %s\n", site_dir.c_str(),
               (*server)->BaseUrl().c_str());

  AuditPlan plan;
  plan.site = (*server)->BaseUrl();
  plan.seeds = {plan.site};
  plan.settings = settings;
  plan.settings.delay_ms = 0;
  plan.settings.per_host = 4;
  plan.settings.region = "US-OH";
  plan.settings.format = "text";
  const std::string html_out = settings.out.empty() ? "sightline-demo.html" : settings.out;
  plan.settings.out.clear();

  Settings output = plan.settings;
  const int rc = AuditAll({plan}, output);
  if (rc == kExitError) return rc;

  // The same audit again as one HTML file: the first thing a new user opens.
  auto store = storage::AuditStore::Open(settings.db);
  if (!store) return PrintError("demo", store.error()), kExitError;
  auto latest = (*store)->LatestAudit(plan.site);
  if (!latest || !*latest) return kExitError;
  auto report = BuildReport(**store, **latest, plan.settings);
  if (!report) return PrintError("demo", report.error()), kExitError;
  Status written = WriteReport(reports::RenderAudit(*report, reports::Format::kHtml, {}), html_out);
  if (!written) return PrintError("demo", written.error()), kExitError;
  std::fprintf(stderr, "sightline demo: HTML report written to %s\n", html_out.c_str());
  // The demo site has findings on purpose; the demo itself succeeded.
  return kExitOk;
}

}  // namespace sightline::app
