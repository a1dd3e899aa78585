// Exposure verdict: may a search engine fetch and index this page, and what may it show?
// Models Google Search Central (robots meta tag / X-Robots-Tag, robots.txt, HTTP status
// codes), Bing's robots meta tag page, RFC 9309 (robots.txt) and RFC 6596 (rel=canonical).
// Pure functions over their inputs: thread-safe, no I/O.
//
// Contract for 304 Not Modified: the caller restores the stored snapshot (body and status
// 200 of the earlier fetch) and re-runs ExtractPage + JudgeExposure on it, so the previous
// verdict is reproduced; a page with not_modified set and an empty body keeps `previous`
// when given, otherwise it is judged on headers and robots only (reason "not_modified").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/exposure_verdict.h"
#include "analyzer/page_content.h"
#include "common/clock.h"
#include "crawler/fetched_page.h"

namespace sightline::analyzer {

// Search engines index only the first 15 MB of an HTML file (Google's documented limit).
inline constexpr size_t kIndexingLimitBytes = 15u * 1024 * 1024;

// Per-page verdict. Search engines are judged separately (Googlebot, Bingbot): `indexable`
// is true when at least one of them may fetch and index the page, because one engine is
// enough to expose it. Reason codes are stable (see exposure.cc for the full list):
// robots_disallowed, url_only_possible, noindex_unseen, noindex_meta, noindex_header,
// canonical_elsewhere, status_3xx, status_4xx, status_5xx, fetch_failed, redirected,
// soft_404, unavailable_after, unavailable_after_past, nosnippet, data_nosnippet, noarchive,
// nofollow, over_15mb, in_sitemap, not_modified.
ExposureVerdict JudgeExposure(const crawler::FetchedPage& page, const PageContent& content,
                              WallTime now,
                              const std::optional<ExposureVerdict>& previous = std::nullopt);

// A robots.txt Disallow line that names a private-looking path: the rule hides nothing
// from people (robots.txt is public) and tells everyone where to look.
struct PrivatePathHint {
  std::string path;    // as written in the Disallow line
  std::string url;     // origin + path up to the first wildcard
  int line = 0;        // 1-based line number in robots.txt
  std::string reason;  // words, e.g. "names \"patients\""
};

std::vector<PrivatePathHint> AuditRobotsTxt(std::string_view robots_txt, std::string_view origin);

}  // namespace sightline::analyzer
