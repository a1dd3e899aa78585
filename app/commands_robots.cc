// `sightline robots`: the crawler's own RFC 9309 matcher on a local robots.txt, so a user can
// check a rule before deploying it. Prints allowed|disallowed; exit 0|1.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/cli.h"
#include "app/commands.h"
#include "app/output.h"
#include "crawler/crawler.h"

namespace sightline::app {

int RunRobotsCommand(const std::string& robots_file, const std::string& agent,
                     const std::string& url) {
  std::ifstream in(robots_file, std::ios::binary);
  if (!in) {
    PrintError("robots", Error{ErrorCode::kNotFound, "cannot read " + robots_file});
    return kExitError;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const bool allowed = crawler::RobotsAllows(text.str(), agent, url);
  std::printf("%s\n", allowed ? "allowed" : "disallowed");
  return allowed ? kExitOk : kExitFindings;
}

}  // namespace sightline::app
