// `sightline check FILE|-`: a draft analysed before it is published — extraction, detection
// and linkage exactly as in an audit, with no network and no database. Prints the findings
// and every detail found with its span, so the author sees what to change.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analyzer/detect/detector.h"
#include "analyzer/extract/exposure.h"
#include "analyzer/extract/extractor.h"
#include "analyzer/link/linker.h"
#include "app/cli.h"
#include "app/commands.h"
#include "app/config_file.h"
#include "app/output.h"
#include "app/report_builder.h"
#include "reports/report.h"

namespace sightline::app {
namespace {

Result<std::string> ReadDraft(const std::string& file) {
  std::ostringstream text;
  if (file == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "cannot read " + file);
  text << in.rdbuf();
  return text.str();
}

// A draft is not published yet: it is treated as the page it will become, an indexable 200.
crawler::FetchedPage DraftPage(const std::string& file, std::string body) {
  crawler::FetchedPage page;
  std::string name = file == "-" ? "draft.html" : std::filesystem::path(file).filename().string();
  page.url = page.final_url = "http://draft.invalid/" + name;
  page.status = 200;
  const bool html =
      name.ends_with(".html") || name.ends_with(".htm") || body.find('<') != std::string::npos;
  page.content_type = html ? "text/html" : "text/plain";
  page.headers = {{"content-type", page.content_type + "; charset=utf-8"}};
  page.body = std::move(body);
  page.fetched_at = DefaultClock().WallNow();
  return page;
}

std::string MentionListing(const analyzer::PageContent& content,
                           const std::vector<analyzer::Mention>& mentions) {
  std::string out = "\nDetails found (" + std::to_string(mentions.size()) + "):\n";
  for (const auto& m : mentions) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-12s block %zu [%zu,%zu)%s  prior %.3g  ",
                  analyzer::MentionTypeName(m.type), m.block, m.begin, m.end,
                  m.hidden ? " hidden" : "", m.prior);
    out += line;
    out += "\"" + m.text + "\"";
    if (!m.normalized.empty() && m.normalized != m.text) out += " -> " + m.normalized;
    if (m.block < content.blocks.size()) {
      out += "  (" + std::string(analyzer::BlockKindName(content.blocks[m.block].kind)) + ")";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

int RunCheckCommand(const CheckArgs& given_args) {
  CheckArgs args = given_args;
  if (!args.config.empty()) {
    auto config = LoadConfigFile(args.config, Settings{});
    if (!config) return PrintError("check", config.error()), kExitError;
    // Only what judges the text: an audit config's db, out and format are not the draft's.
    Settings from_file = args.settings;
    from_file.region = config->settings.region;
    from_file.author_anonymous = config->settings.author_anonymous;
    from_file.thresholds = config->settings.thresholds;
    from_file.fail_on = config->settings.fail_on;
    OverrideWithFlags(args.settings, args.given, &from_file);
    args.settings = from_file;
  }
  auto body = ReadDraft(args.file);
  if (!body) return PrintError("check", body.error()), kExitError;
  analyzer::DetectorOptions detector_options;
  detector_options.region_hint = args.settings.region;
  auto detector = analyzer::Detector::Create(detector_options);
  if (!detector) return PrintError("cannot load the priors", detector.error()), kExitError;

  const crawler::FetchedPage page = DraftPage(args.file, std::move(*body));
  const analyzer::PageContent content = analyzer::ExtractPage(page);
  const analyzer::ExposureVerdict verdict =
      analyzer::JudgeExposure(page, content, DefaultClock().WallNow());
  const std::vector<analyzer::Mention> mentions = (*detector)->Detect(content);

  analyzer::LinkOptions link_options;
  link_options.author_anonymous = args.settings.author_anonymous;
  link_options.thresholds = {args.settings.thresholds.critical, args.settings.thresholds.high,
                             args.settings.thresholds.medium};
  std::vector<analyzer::PageAnalysis> analyses;
  analyses.push_back(analyzer::AnalyzePage(content, mentions, verdict));
  const std::vector<analyzer::Finding> findings =
      analyzer::LinkSite(analyses, &(*detector)->priors(), link_options);

  storage::AuditReport report;
  report.audit.site = page.url;
  report.audit.state = "complete";
  report.audit.started_at = report.audit.finished_at = FormatIso8601(page.fetched_at);
  report.audit.pages_fetched = 1;
  report.pages.push_back({page.url,
                          200,
                          verdict.indexable,
                          {},
                          content.title,
                          content.published_date.value_or(""),
                          "",
                          ""});
  for (const auto& finding : findings) {
    storage::ReportedFinding reported;
    reported.finding = finding;
    reported.status = storage::FindingStatus::kNew;
    reported.exposure.indexable = finding.indexable;
    reported.exposure.reasons = finding.exposure_reasons;
    reported.exposure.first_seen = reported.exposure.last_seen = report.audit.started_at;
    report.findings.push_back(std::move(reported));
  }

  const auto format = reports::ParseFormat(args.settings.format).value_or(reports::Format::kText);
  reports::RenderOptions render;
  render.color = args.settings.out.empty() && ColorAllowed();
  std::string text = reports::RenderAudit(report, format, render);
  if (format == reports::Format::kText && args.show_mentions) {
    text += MentionListing(content, mentions);
  }
  Status written = WriteReport(text, args.settings.out);
  if (!written) return PrintError("check", written.error()), kExitError;
  return ExitCodeFor(report, args.settings.fail_on);
}

}  // namespace sightline::app
