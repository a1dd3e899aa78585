// Phase 2 of linkage: LinkSite (see linker.h).
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/link/internal/estimate.h"
#include "analyzer/link/internal/explain.h"
#include "analyzer/link/internal/other_findings.h"
#include "analyzer/link/internal/site_profile.h"
#include "analyzer/link/internal/text_util.h"
#include "analyzer/link/linker.h"
#include "common/hash.h"

namespace sightline::analyzer {
namespace {

using namespace link_internal;

// The site's pages by URL, for exposure look-ups (one per finding page: a linear scan per
// finding made linkage quadratic, hours at 100,000 pages).
using PagesByUrl = std::unordered_multimap<std::string_view, const PageAnalysis*>;
using FacilityPlaces = std::map<std::string, LinkedDetail>;

PagesByUrl IndexPages(const std::vector<PageAnalysis>& pages) {
  PagesByUrl index;
  index.reserve(pages.size());
  for (const auto& p : pages) index.emplace(p.url, &p);
  return index;
}

// Exposure of the pages the finding's own details are on (not pages it inherits from).
void AddExposure(const PagesByUrl& pages, Finding& f) {
  std::set<std::string> reasons;
  std::set<std::string> own;
  for (const auto& d : f.details) {
    if (!d.inherited && !d.url.empty()) own.insert(d.url);
  }
  if (own.empty()) own.insert(f.pages.begin(), f.pages.end());
  for (const std::string& url : own) {
    auto [begin, end] = pages.equal_range(url);
    for (auto it = begin; it != end; ++it) {
      const PageAnalysis& p = *it->second;
      f.indexable = f.indexable || p.indexable;
      for (const auto& r : p.exposure_reasons) reasons.insert(r);
    }
  }
  f.exposure_reasons.assign(reasons.begin(), reasons.end());
}

AuthorProfile ToAuthorProfile(SiteProfile site) {
  AuthorProfile out;
  out.facts = std::move(site.facts);
  if (site.catchment) {
    out.catchment = site.catchment->Label();
    out.catchment_population = site.catchment->population;
    out.catchment_url = site.catchment->url;
  }
  return out;
}

void AddFacilityPlaces(const PageAnalysis& page, FacilityPlaces& places) {
  for (const auto& fp : page.facility_places) {
    if (!fp.place.Attribute("population").empty()) places.emplace(fp.facility, fp.place);
  }
}

std::string PersonalRepeatKey(uint64_t block, const std::string& category,
                              const std::string& text) {
  return fmt::format("{:016x}|{}={}", block, category, NormalizeKey(text));
}

// Page i's stories: from the page itself, or read back from where they were spilled.
using SubjectsOf = std::function<Result<std::vector<Subject>>(size_t page_index)>;

Status LinkPages(const std::vector<PageAnalysis>& pages, const SubjectsOf& subjects_of,
                 const FacilityPlaces& facility_places, const SiteProfile& profile,
                 const Priors* priors_or_null, const LinkOptions& options, const FindingSink& sink);

// Collects streamed findings the way one list of them was always made: the same id twice is
// one finding (first kept, the later one's pages added), sorted by risk, then id.
class FindingCollector {
 public:
  Status Add(Finding f) {
    auto it = by_id_.find(f.id);
    if (it == by_id_.end()) {
      by_id_.emplace(f.id, findings_.size());
      findings_.push_back(std::move(f));
      return Ok();
    }
    // The kept finding's page set is built once, on its first repeat, not once per repeat.
    Finding& kept = findings_[it->second];
    auto [listed, fresh] = listed_.try_emplace(it->second);
    if (fresh) listed->second.insert(kept.pages.begin(), kept.pages.end());
    for (const auto& u : f.pages) {
      if (listed->second.insert(u).second) kept.pages.push_back(u);
    }
    kept.indexable = kept.indexable || f.indexable;
    return Ok();
  }
  // In the order first seen.
  std::vector<Finding> TakeInOrder() { return std::move(findings_); }
  std::vector<Finding> TakeSorted() {
    std::sort(findings_.begin(), findings_.end(), [](const Finding& a, const Finding& b) {
      if (a.risk != b.risk) return a.risk > b.risk;
      return a.id < b.id;
    });
    return std::move(findings_);
  }

  // `kept` gains the pages of `dup` it does not list yet, and its exposure (one merge).
  static void MergeInto(Finding& kept, const Finding& dup) {
    std::unordered_set<std::string_view> listed(kept.pages.begin(), kept.pages.end());
    std::vector<std::string> added;
    for (const auto& u : dup.pages) {
      if (listed.insert(u).second) added.push_back(u);
    }
    for (auto& u : added) kept.pages.push_back(std::move(u));
    kept.indexable = kept.indexable || dup.indexable;
  }

 private:
  std::unordered_map<std::string, size_t> by_id_;
  std::vector<Finding> findings_;
  std::unordered_map<size_t, std::unordered_set<std::string>> listed_;  // by findings_ index
};

std::vector<Finding> LinkAndSort(const std::vector<PageAnalysis>& pages,
                                 const SubjectsOf& subjects_of, const SiteProfile& profile,
                                 const Priors* priors_or_null, const LinkOptions& options) {
  FindingCollector collector;
  // The collector never fails; nor does reading stories kept in the pages themselves.
  FacilityPlaces facility_places;
  for (const auto& p : pages) AddFacilityPlaces(p, facility_places);
  (void)LinkPages(pages, subjects_of, facility_places, profile, priors_or_null, options,
                  [&collector](Finding f) { return collector.Add(std::move(f)); });
  return collector.TakeSorted();
}

SubjectsOf InPage(const std::vector<PageAnalysis>& pages) {
  return [&pages](size_t i) -> Result<std::vector<Subject>> { return pages[i].subjects; };
}

}  // namespace

AuthorProfile BuildAuthorProfile(const std::vector<PageAnalysis>& pages,
                                 const Priors* priors_or_null) {
  return ToAuthorProfile(BuildSiteProfile(pages, priors_or_null));
}

std::vector<Finding> LinkSite(const std::vector<PageAnalysis>& pages, const Priors* priors_or_null,
                              const LinkOptions& options) {
  return LinkAndSort(pages, InPage(pages), BuildSiteProfile(pages, priors_or_null), priors_or_null,
                     options);
}

Status SiteLinkage::Link(const Priors* priors_or_null, const LinkOptions& options,
                         const FindingSink& sink) const {
  SubjectsOf subjects_of = InPage(pages_);
  if (spill_) {
    subjects_of = [this](size_t i) { return spill_->Read(spilled_[i]); };
  }
  return LinkPages(pages_, subjects_of, facility_places_, BuildSiteProfile(fold_, priors_or_null),
                   priors_or_null, options, sink);
}

Result<std::vector<Finding>> SiteLinkage::Link(const Priors* priors_or_null,
                                               const LinkOptions& options) const {
  FindingCollector collector;
  Status linked = Link(priors_or_null, options,
                       [&collector](Finding f) { return collector.Add(std::move(f)); });
  if (!linked) return Unexpected(linked.error());
  return collector.TakeSorted();
}

AuthorProfile SiteLinkage::Profile(const Priors* priors_or_null) const {
  return ToAuthorProfile(BuildSiteProfile(fold_, priors_or_null));
}

void SiteLinkage::KeepRepeatedPersonalOnce(PageAnalysis& page) {
  const size_t index = pages_.size();
  std::erase_if(page.personal, [&](const PersonalDetail& p) {
    const uint64_t block = p.detail.block_fingerprint;
    if (block == 0) return false;
    auto [kept, fresh] = personal_kept_on_.try_emplace(
        PersonalRepeatKey(block, p.category, p.detail.detail.text), index);
    if (fresh) return false;
    if (kept->second == index) return true;  // the same detail twice in this page's block
    PageAnalysis& other = pages_[kept->second];
    if (other.url <= page.url) return true;  // the kept copy stays
    // This page comes first by URL: its copy replaces the other page's.
    std::erase_if(other.personal, [&](const PersonalDetail& o) {
      return o.detail.block_fingerprint == block && o.category == p.category &&
             NormalizeKey(o.detail.detail.text) == NormalizeKey(p.detail.detail.text);
    });
    other.personal.shrink_to_fit();
    kept->second = index;
    return false;
  });
  page.personal.shrink_to_fit();
}

Status SiteLinkage::Add(PageAnalysis page) {
  fold_.Add(page);
  if (spill_) {
    auto kept = spill_->Keep(page.subjects);
    if (!kept) return Unexpected(kept.error());
    spilled_.push_back(*kept);
    page.subjects.clear();
    page.subjects.shrink_to_fit();
  }
  KeepRepeatedPersonalOnce(page);
  // The profile lives on in the fold and the first place named with each facility in
  // facility_places_ (all LinkPages reads of them); a page keeps only what exposure look-ups,
  // repeated-block counts and the non-story findings need.
  AddFacilityPlaces(page, facility_places_);
  page.profile.clear();
  page.profile.shrink_to_fit();
  page.facility_places.clear();
  page.facility_places.shrink_to_fit();
  page.published_date.clear();
  page.published_date.shrink_to_fit();
  page.block_fingerprints.shrink_to_fit();  // grown one mention at a time, then deduplicated
  pages_.push_back(std::move(page));
  return Ok();
}

namespace {

Status LinkPages(const std::vector<PageAnalysis>& pages, const SubjectsOf& subjects_of,
                 const FacilityPlaces& facility_places, const SiteProfile& profile,
                 const Priors* priors_or_null, const LinkOptions& options,
                 const FindingSink& sink) {
  const PagesByUrl by_url = IndexPages(pages);

  // Which pages each block appears on: a footer is one disclosure, not one per page. Only
  // blocks that hold a non-story detail matter, so only those are tracked (bounded memory).
  std::set<uint64_t> wanted;
  for (const auto& p : pages) {
    for (const auto& d : p.personal) wanted.insert(d.detail.block_fingerprint);
    for (const auto& c : p.criticism) wanted.insert(c.target.block_fingerprint);
    for (const auto& d : p.loose_identifiers) wanted.insert(d.block_fingerprint);
  }
  std::map<uint64_t, std::vector<std::string>> block_pages;
  for (const auto& p : pages) {
    for (uint64_t fp : p.block_fingerprints) {
      if (wanted.count(fp)) block_pages[fp].push_back(p.url);
    }
  }
  // Sorted once here, not per finding that cites the block.
  for (auto& [fp, urls] : block_pages) std::sort(urls.begin(), urls.end());

  // Words of the author's and the practice's names: a story detail that is one of them
  // ("Hartwell" from "Dr. Emily Hartwell") names the author, not the patient.
  std::set<std::string> own_words;
  for (const auto& f : profile.facts) {
    if (f.key != "author_name" && f.key != "practice_name") continue;
    std::string key = NormalizeKey(f.value);
    own_words.insert(key);
    size_t start = 0;
    while (start < key.size()) {
      size_t space = key.find(' ', start);
      if (space == std::string::npos) space = key.size();
      std::string word = key.substr(start, space - start);
      if (word.size() > 2 && word != "dr" && word != "md") own_words.insert(word);
      start = space + 1;
    }
  }
  std::set<std::string> practice_names;
  for (const auto& f : profile.facts) {
    if (f.key == "practice_name") practice_names.insert(NormalizeKey(f.value));
  }
  auto names_author = [&](const LinkedDetail& d) {
    // The practice itself ("at Hartwell Family Medicine") adds nothing to the catchment.
    if (d.detail.type == MentionType::kFacility) {
      return practice_names.count(NormalizeKey(d.detail.text)) > 0;
    }
    if (d.detail.type != MentionType::kPersonName) return false;
    std::string key =
        NormalizeKey(d.detail.normalized.empty() ? d.detail.text : d.detail.normalized);
    if (own_words.count(key)) return true;
    // "Emily Hartwell" / "Dr. Emily Hartwell": every word is the author's.
    bool all = !key.empty();
    size_t start = 0;
    while (all && start < key.size()) {
      size_t space = key.find(' ', start);
      if (space == std::string::npos) space = key.size();
      std::string word = key.substr(start, space - start);
      all = word == "dr" || word == "mrs" || word == "mr" || word == "ms" || own_words.count(word);
      start = space + 1;
    }
    return all;
  };

  // Findings that are not patient stories come from the pages' small lists: made first and
  // held (each once: a footer on every page is one finding) until the stories are done.
  PagesInUrlOrder with_details;
  for (const auto& p : pages) {
    if (!p.personal.empty() || !p.criticism.empty() || !p.loose_identifiers.empty()) {
      with_details.push_back(&p);
    }
  }
  std::stable_sort(with_details.begin(), with_details.end(),
                   [](const PageAnalysis* a, const PageAnalysis* b) { return a->url < b->url; });
  OtherFindings made;
  AppendPersonalFindings(with_details, profile, block_pages, made);
  AppendCriticismFindings(with_details, profile, block_pages, made);
  AppendLooseIdentifierFindings(with_details, block_pages, names_author, made);
  if (options.author_anonymous) AppendAuthorFinding(pages, profile, options.thresholds, made);
  std::vector<Finding>& others = made.findings();
  for (Finding& f : others) {
    if (f.exposure_reasons.empty() && !f.indexable) AddExposure(by_url, f);
    // A finding of several pages is a repeated block (a footer), the same text on each: any
    // of them open to search engines makes it indexable.
    for (size_t i = 0; i < f.pages.size() && !f.indexable; ++i) {
      auto [begin, end] = by_url.equal_range(f.pages[i]);
      for (auto it = begin; it != end && !f.indexable; ++it) f.indexable = it->second->indexable;
    }
  }
  std::unordered_map<std::string_view, size_t> other_by_id;
  for (size_t i = 0; i < others.size(); ++i) other_by_id.emplace(others[i].id, i);
  std::vector<bool> other_taken(others.size(), false);

  // Stories page by page: only one page's stories and findings are in memory at a time.
  for (size_t i = 0; i < pages.size(); ++i) {
    auto subjects = subjects_of(i);
    if (!subjects) return Unexpected(subjects.error());
    FindingCollector page_findings;
    for (Subject& subject : *subjects) {
      std::erase_if(subject.details, names_author);
      Estimate e = EstimateSubject(subject, profile, facility_places, priors_or_null);
      Finding f;
      f.kind = e.direct ? FindingKind::kDirectIdentifier : FindingKind::kPatientReidentification;
      f.anonymity_set = e.k;
      f.risk = RiskForAnonymitySet(e.k, options.thresholds);
      if (e.direct) {
        f.risk = e.direct_only_old_age ? std::max(f.risk, Risk::kHigh) : Risk::kCritical;
      } else if (e.informative < 2 && f.risk < Risk::kMedium) {
        continue;  // a story with at most one detail of note: nothing to report
      }
      f.summary = SubjectSummary(e);
      f.advice = SubjectAdvice(e, options.thresholds);
      std::set<std::string> urls{subject.url};
      std::vector<std::string> keys;
      for (const auto& d : e.details) {
        f.details.push_back(d.detail);
        urls.insert(d.detail.url);
        if (!d.detail.inherited) {
          keys.push_back(std::string(MentionTypeName(d.detail.type)) + "=" +
                         NormalizeKey(d.detail.normalized));
        }
      }
      f.pages.push_back(subject.url);
      for (const auto& u : urls) {
        if (u != subject.url) f.pages.push_back(u);
      }
      f.id = FindingId(f.kind, {subject.url}, keys);
      AddExposure(by_url, f);
      (void)page_findings.Add(std::move(f));
    }
    for (Finding& f : page_findings.TakeInOrder()) {
      // A story first: an equal non-story finding adds its pages to it (as one list did).
      if (auto other = other_by_id.find(f.id); other != other_by_id.end()) {
        if (!other_taken[other->second]) FindingCollector::MergeInto(f, others[other->second]);
        other_taken[other->second] = true;
      }
      if (auto s = sink(std::move(f)); !s) return s;
    }
  }
  for (size_t i = 0; i < others.size(); ++i) {
    if (other_taken[i]) continue;
    if (auto s = sink(std::move(others[i])); !s) return s;
  }
  return Ok();
}

}  // namespace

}  // namespace sightline::analyzer
