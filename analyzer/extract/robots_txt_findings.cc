#include "analyzer/extract/robots_txt_findings.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "analyzer/extract/exposure.h"
#include "common/hash.h"

namespace sightline::analyzer {

std::vector<Finding> RobotsTxtFindings(std::string_view robots_txt, std::string_view origin) {
  std::string base(origin);
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string robots_url = base + "/robots.txt";
  std::vector<Finding> findings;
  for (const PrivatePathHint& hint : AuditRobotsTxt(robots_txt, origin)) {
    // The same path is often repeated for several user agents: one finding, first line.
    const bool seen = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.details.front().normalized == hint.path;
    });
    if (seen) continue;
    Finding f;
    f.id = Fingerprint(fmt::format("advertised_private_path\n{}\n{}", base, hint.path));
    f.kind = FindingKind::kAdvertisedPrivatePath;
    // No patient detail by itself, but it points every reader at where such details may be.
    f.risk = Risk::kMedium;
    f.anonymity_set = 1;
    f.summary = fmt::format(
        "robots.txt line {} asks search engines to stay out of {}: robots.txt is public, so "
        "the line tells everyone that this private-looking path exists",
        hint.line, hint.url);
    f.pages = {robots_url};
    FindingDetail detail;
    detail.type = MentionType::kOther;
    detail.text = hint.path;
    detail.normalized = hint.path;
    detail.url = robots_url;
    const std::string prefix = "Disallow: ";
    detail.snippet = prefix + hint.path;
    detail.snippet_begin = prefix.size();
    detail.snippet_end = detail.snippet.size();
    f.details.push_back(std::move(detail));
    // robots.txt is served to anyone and search engines fetch it on every visit.
    f.indexable = true;
    f.exposure_reasons = {"robots_txt_public"};
    findings.push_back(std::move(f));
  }
  return findings;
}

}  // namespace sightline::analyzer
