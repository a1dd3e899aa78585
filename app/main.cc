// The sightline command line: every subcommand lives in app/; this only hands over argv.
#include "app/cli.h"

int main(int argc, char** argv) { return sightline::app::RunCli(argc, argv); }
