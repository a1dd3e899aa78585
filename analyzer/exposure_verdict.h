// ExposureVerdict: whether search engines may fetch and index a page, with reasons as short
// stable codes plus words ("robots_disallowed", "noindex_meta", "canonical_elsewhere", ...).
#pragma once

#include <string>
#include <vector>

namespace sightline::analyzer {

struct ExposureReason {
  std::string code;
  std::string text;
};

struct ExposureVerdict {
  bool crawl_allowed_googlebot = true;
  bool crawl_allowed_bingbot = true;
  bool crawl_allowed_any = true;  // the `*` group
  bool indexable = false;         // a search engine may fetch and index the page
  bool snippet_allowed = true;    // text may be shown in results
  bool archive_allowed = true;    // no noarchive / nocache
  bool in_sitemap = false;
  std::vector<ExposureReason> reasons;

  bool HasReason(const std::string& code) const {
    for (const auto& r : reasons) {
      if (r.code == code) return true;
    }
    return false;
  }
};

}  // namespace sightline::analyzer
