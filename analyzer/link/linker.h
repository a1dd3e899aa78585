// Linkage: turns a site's mentions into findings (issue 6, DESIGN.md "The analyzer's
// model" §2-6). Two phases so memory stays bounded while pages stream in during a crawl:
// AnalyzePage keeps only what cross-referencing needs (thread-safe, pure), LinkSite runs once
// per audit over all of them (author profile, catchment inheritance, anonymity sets,
// findings with stable ids, summaries and advice). Pure functions; no I/O.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/detect/priors.h"
#include "analyzer/exposure_verdict.h"
#include "analyzer/finding.h"
#include "analyzer/link/anonymity.h"
#include "analyzer/link/internal/site_profile.h"
#include "analyzer/link/page_analysis.h"
#include "analyzer/mention.h"
#include "analyzer/page_content.h"
#include "common/result.h"

namespace sightline::analyzer {

// Phase 1, per page, right after detection. `mentions` are Detector::Detect(page)'s.
PageAnalysis AnalyzePage(const PageContent& page, const std::vector<Mention>& mentions,
                         const ExposureVerdict& verdict);

// The site-wide author/practice profile LinkSite works from (for reports and `check`):
// every fact once, from the most authoritative page (contact, then about/team pages, then
// JSON-LD elsewhere), and the catchment stories without a town inherit.
struct AuthorProfile {
  std::vector<ProfileFact> facts;
  std::string catchment;  // "Chardon, OH"; empty when the site names no town
  int64_t catchment_population = 0;
  std::string catchment_url;  // the page that names the practice's town
};
AuthorProfile BuildAuthorProfile(const std::vector<PageAnalysis>& pages,
                                 const Priors* priors_or_null);

struct LinkOptions {
  bool author_anonymous = false;  // --author-anonymous: also estimate who wrote the blog
  RiskThresholds thresholds{1.0, 5.0, 20.0};  // k < critical, < high, < medium
};

// Where SiteLinkage keeps each page's patient stories between the crawl and Link(): they are
// most of what linkage holds per page (~10 KB with their snippets), so a 100,000-page audit
// spills them (app/subject_spill_file.h) instead of holding them. Used by one thread at a time.
class SubjectSpill {
 public:
  virtual ~SubjectSpill() = default;
  // Keeps `subjects`; the handle reads them back.
  virtual Result<uint64_t> Keep(const std::vector<Subject>& subjects) = 0;
  virtual Result<std::vector<Subject>> Read(uint64_t handle) = 0;
};

// Receives each finding once as linkage produces it (not in report order: see LinkSite for
// the sorted list). An error stops the linkage and is returned by it.
using FindingSink = std::function<Status(Finding finding)>;

// Phase 2 fed page by page while a crawl goes on: keeps of each page only what linkage
// reads (profile facts folded site-wide, see ProfileFold; facility places with a
// population; stories in the spill when one is given), so memory does not grow with every
// page's details. Link() gives the findings LinkSite would give for the same pages in the
// same order. Not thread-safe.
class SiteLinkage {
 public:
  SiteLinkage() = default;
  // Stories go to `spill` instead of memory.
  explicit SiteLinkage(std::unique_ptr<SubjectSpill> spill) : spill_(std::move(spill)) {}

  // Fails only when the spill cannot keep the page's stories.
  Status Add(PageAnalysis page);
  size_t size() const { return pages_.size(); }
  // Streams the findings to `sink` without holding them all: the stories are read back page
  // by page and each page's findings are handed on before the next page is read.
  Status Link(const Priors* priors_or_null, const LinkOptions& options,
              const FindingSink& sink) const;
  // All findings, sorted as LinkSite sorts them.
  Result<std::vector<Finding>> Link(const Priors* priors_or_null,
                                    const LinkOptions& options = {}) const;
  AuthorProfile Profile(const Priors* priors_or_null) const;

 private:
  // Drops `page`'s personal details that another page already holds in the same block, or
  // moves the kept copy to `page` when it comes first by URL.
  void KeepRepeatedPersonalOnce(PageAnalysis& page);

  std::vector<PageAnalysis> pages_;
  std::vector<uint64_t> spilled_;  // per page: the spill handle of its stories
  std::unique_ptr<SubjectSpill> spill_;
  link_internal::ProfileFold fold_;
  // NormalizeKey(facility) -> the first place named with it (with a population), site-wide.
  std::map<std::string, LinkedDetail> facility_places_;
  // A personal detail in a block (a footer) is kept on one page only, the first by URL, as
  // linkage reads it (one finding per block): block, category and key -> that page's index.
  std::unordered_map<std::string, size_t> personal_kept_on_;
};

// Phase 2, once per audit. `priors_or_null` supplies place populations (the practice's town
// from JSON-LD), the country population and age-band shares for advice; without it, the
// populations detection attached to mentions are used. Findings are sorted by risk (highest
// first), then id; ids are stable fingerprints (kind + subject pages + normalised details).
std::vector<Finding> LinkSite(const std::vector<PageAnalysis>& pages, const Priors* priors_or_null,
                              const LinkOptions& options = {});

}  // namespace sightline::analyzer
