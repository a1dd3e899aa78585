// diff, report, history and ack: commands over a stored database, no network (report may
// ask archives when --archives is given).
#include <cstdio>

#include "app/cli.h"
#include "app/commands.h"
#include "app/output.h"
#include "app/report_builder.h"
#include "reports/report.h"
#include "storage/audit_store.h"

namespace sightline::app {
namespace {

Result<std::unique_ptr<storage::AuditStore>> OpenExisting(const std::string& db) {
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) {
    return Fail(ErrorCode::kNotFound, "no audit database at " + db + " (run an audit first)");
  }
  storage::OpenOptions options;
  options.read_only = false;  // ack writes; reads stay cheap either way
  return storage::AuditStore::Open(db, options);
}

reports::Format FormatOf(const Settings& settings) {
  return reports::ParseFormat(settings.format).value_or(reports::Format::kText);
}

reports::RenderOptions RenderOptionsOf(const Settings& settings) {
  reports::RenderOptions options;
  options.color = settings.out.empty() && ColorAllowed();
  options.redact = settings.redact;
  return options;
}

// The site the user means: --site, or the site of the latest complete audit.
Result<std::string> ResolveSite(storage::AuditStore& store, const std::string& site) {
  if (!site.empty()) return site;
  auto audits = store.ListAudits("");
  if (!audits) return Unexpected(audits.error());
  for (const auto& audit : *audits) {
    if (audit.state == "complete") return audit.site;
  }
  return Fail(ErrorCode::kNotFound, "no complete audit in the database yet");
}

}  // namespace

int RunDiffCommand(const DiffArgs& args) {
  auto store = OpenExisting(args.settings.db);
  if (!store) return PrintError("diff", store.error()), kExitError;
  int64_t from = 0, to = 0;
  if (args.audits.size() == 2) {
    from = args.audits[0];
    to = args.audits[1];
  } else if (args.audits.size() == 1) {
    PrintError("diff", Error{ErrorCode::kInvalidArgument, "give two audit ids (FROM TO) or none"});
    return kExitError;
  } else {
    auto site = ResolveSite(**store, args.site);
    if (!site) return PrintError("diff", site.error()), kExitError;
    auto audits = (*store)->ListAudits(*site);
    if (!audits) return PrintError("diff", audits.error()), kExitError;
    std::vector<int64_t> complete;
    for (const auto& audit : *audits) {
      if (audit.state == "complete") complete.push_back(audit.id);
    }
    if (complete.size() < 2) {
      PrintError("diff", Error{ErrorCode::kNotFound,
                               "need two complete audits of " + *site + " to compare"});
      return kExitError;
    }
    to = complete[0];  // newest first
    from = complete[1];
  }
  auto diff = (*store)->Diff(from, to);
  if (!diff) return PrintError("diff", diff.error()), kExitError;
  reports::RenderOptions diff_options = RenderOptionsOf(args.settings);
  if (reports::AuditWasRedacted(diff->from) || reports::AuditWasRedacted(diff->to)) {
    diff_options.redact = true;
  }
  const std::string text = reports::RenderDiff(*diff, FormatOf(args.settings), diff_options);
  Status written = WriteReport(text, args.settings.out);
  if (!written) return PrintError("diff", written.error()), kExitError;
  return kExitOk;
}

int RunReportCommand(const ReportArgs& args) {
  auto store = OpenExisting(args.settings.db);
  if (!store) return PrintError("report", store.error()), kExitError;
  int64_t audit_id = args.audit;
  if (audit_id == 0) {
    auto latest = (*store)->LatestAudit(args.site);
    if (!latest) return PrintError("report", latest.error()), kExitError;
    if (!*latest) {
      PrintError("report", Error{ErrorCode::kNotFound, "no complete audit yet"});
      return kExitError;
    }
    audit_id = **latest;
  }
  const auto format = FormatOf(args.settings);
  if (format == reports::Format::kJson && !args.settings.out.empty() && args.settings.out != "-") {
    // Streamed from the store one finding at a time (app/report_builder.h); kInternal: not
    // encodable as a stream, the whole report below says why.
    int ignored_exit = kExitOk;
    Status streamed =
        StreamAuditJson(**store, audit_id, args.settings, RenderOptionsOf(args.settings),
                        /*redact_if_recorded=*/true, args.settings.out, &ignored_exit);
    if (streamed) return kExitOk;
    if (streamed.error().code != ErrorCode::kInternal) {
      return PrintError("report", streamed.error()), kExitError;
    }
  }
  auto report = BuildReport(**store, audit_id, args.settings);
  if (!report) return PrintError("report", report.error()), kExitError;
  reports::RenderOptions render_options = RenderOptionsOf(args.settings);
  if (reports::AuditWasRedacted(report->audit)) render_options.redact = true;
  const std::string text = reports::RenderAudit(*report, format, render_options);
  Status written = WriteReport(text, args.settings.out);
  if (!written) return PrintError("report", written.error()), kExitError;
  return kExitOk;
}

int RunHistoryCommand(const std::string& site_arg, const Settings& settings) {
  auto store = OpenExisting(settings.db);
  if (!store) return PrintError("history", store.error()), kExitError;
  auto site = ResolveSite(**store, site_arg);
  if (!site) return PrintError("history", site.error()), kExitError;
  auto history = (*store)->History(*site);
  if (!history) return PrintError("history", history.error()), kExitError;
  const std::string text =
      reports::RenderHistory(*history, *site, FormatOf(settings), RenderOptionsOf(settings));
  Status written = WriteReport(text, settings.out);
  if (!written) return PrintError("history", written.error()), kExitError;
  return kExitOk;
}

int RunAckCommand(const std::string& finding_id, const std::string& note,
                  const Settings& settings) {
  auto store = OpenExisting(settings.db);
  if (!store) return PrintError("ack", store.error()), kExitError;
  Status acked = (*store)->Acknowledge(finding_id, note, DefaultClock().WallNow());
  if (!acked) return PrintError("ack", acked.error()), kExitError;
  std::printf("acknowledged %s\n", finding_id.c_str());
  return kExitOk;
}

}  // namespace sightline::app
