// Turns AuditRobotsTxt's hints into findings, so that a Disallow line advertising a private
// path is stored, diffed and reported like any other finding (issue #4: "report it as a
// finding source"). One finding per distinct path of a robots.txt; its id depends on the
// origin and the path only, so it persists across audits while the line stays. Pure function.
#pragma once

#include <string_view>
#include <vector>

#include "analyzer/finding.h"

namespace sightline::analyzer {

// `origin` is the site's origin ("https://example.com"); `robots_txt` the file's body.
std::vector<Finding> RobotsTxtFindings(std::string_view robots_txt, std::string_view origin);

}  // namespace sightline::analyzer
