#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "common/logging.h"

namespace sightline::app {
namespace {

int NotImplemented(const std::string& name) {
  std::fprintf(stderr, "sightline %s: not implemented yet\n", name.c_str());
  return kExitError;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App cli{"sightline: audits what a medical practice's public web pages give away"};
  cli.set_version_flag("--version", std::string("sightline ") + SIGHTLINE_VERSION);
  cli.require_subcommand(1);

  int exit_code = kExitOk;
  for (const char* name : {"audit", "scan", "check", "diff", "report", "history", "ack",
                           "robots", "demo"}) {
    auto* sub = cli.add_subcommand(name, std::string(name));
    sub->allow_extras();
    sub->callback([&exit_code, name] { exit_code = NotImplemented(name); });
  }

  InitLogging(LogLevel::kWarn);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = cli.exit(e);
    return rc == 0 ? kExitOk : kExitError;
  }
  return exit_code;
}

}  // namespace sightline::app
