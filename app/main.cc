// The sightline command line: every subcommand lives in app/; this only hands over argv, after
// pointing an installed binary at its installed data (before any thread exists: setenv).
#include "app/cli.h"
#include "app/data_paths.h"

int main(int argc, char** argv) {
  sightline::app::UseInstalledDataDirs();
  return sightline::app::RunCli(argc, argv);
}
