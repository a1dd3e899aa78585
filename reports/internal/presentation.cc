#include "reports/internal/presentation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "common/clock.h"

namespace sightline::reports::internal {

using analyzer::FindingKind;
using analyzer::MentionType;
using analyzer::Risk;
using storage::FindingStatus;
using storage::ReportedFinding;

namespace {
int StatusOrder(FindingStatus status) {
  switch (status) {
    case FindingStatus::kNew:
      return 0;
    case FindingStatus::kPersisting:
      return 1;
    case FindingStatus::kResolved:
      return 2;
  }
  return 3;
}
}  // namespace

namespace {
// ReportOrderLess over the fields, so SortFindings compares without building keys.
bool ReportOrderFields(Risk a_risk, FindingStatus a_status, double a_k, const std::string& a_id,
                       Risk b_risk, FindingStatus b_status, double b_k, const std::string& b_id) {
  if (a_risk != b_risk) return a_risk > b_risk;
  if (a_status != b_status) return StatusOrder(a_status) < StatusOrder(b_status);
  if (a_k != b_k) return a_k < b_k;
  return a_id < b_id;
}
}  // namespace

std::vector<const ReportedFinding*> SortFindings(const std::vector<ReportedFinding>& findings) {
  std::vector<const ReportedFinding*> sorted;
  sorted.reserve(findings.size());
  for (const auto& f : findings) sorted.push_back(&f);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return ReportOrderFields(a->finding.risk, a->status, a->finding.anonymity_set, a->finding.id,
                             b->finding.risk, b->status, b->finding.anonymity_set, b->finding.id);
  });
  return sorted;
}

const char* RiskLabel(Risk risk) {
  switch (risk) {
    case Risk::kCritical:
      return "Critical";
    case Risk::kHigh:
      return "High";
    case Risk::kMedium:
      return "Medium";
    case Risk::kLow:
      return "Low";
  }
  return "Low";
}

const char* StatusLabel(FindingStatus status) {
  switch (status) {
    case FindingStatus::kNew:
      return "New";
    case FindingStatus::kPersisting:
      return "Still present";
    case FindingStatus::kResolved:
      return "Resolved";
  }
  return "New";
}

const char* KindLabel(FindingKind kind) {
  switch (kind) {
    case FindingKind::kPatientReidentification:
      return "A patient could be recognised";
    case FindingKind::kAuthorReidentification:
      return "The anonymous author could be recognised";
    case FindingKind::kDirectIdentifier:
      return "A direct identifier is published";
    case FindingKind::kPersonalInformation:
      return "Private information about the author";
    case FindingKind::kColleagueCriticism:
      return "Criticism of an identifiable colleague";
    case FindingKind::kAdvertisedPrivatePath:
      return "robots.txt points to a private path";
  }
  return "Finding";
}

const char* DetailTypeLabel(MentionType type) {
  switch (type) {
    case MentionType::kPersonName:
      return "name";
    case MentionType::kAge:
      return "age";
    case MentionType::kSex:
      return "sex";
    case MentionType::kDate:
      return "date";
    case MentionType::kLocation:
      return "place";
    case MentionType::kAddress:
      return "address";
    case MentionType::kPostalCode:
      return "postal code";
    case MentionType::kFacility:
      return "facility";
    case MentionType::kCondition:
      return "condition";
    case MentionType::kOccupation:
      return "occupation";
    case MentionType::kEvent:
      return "event";
    case MentionType::kRelation:
      return "relation";
    case MentionType::kContact:
      return "contact";
    case MentionType::kIdentifier:
      return "identifier";
    case MentionType::kOther:
      return "other";
  }
  return "other";
}

std::string ReasonText(const std::string& code) {
  static const std::map<std::string, std::string, std::less<>> kTexts{
      {"indexable", "search engines may fetch and index the page"},
      {"robots_allowed", "robots.txt lets search engines fetch the page"},
      {"robots_disallowed", "robots.txt asks search engines not to fetch the page"},
      {"noindex_meta", "the page asks search engines not to index it (meta robots)"},
      {"noindex_header", "the server asks search engines not to index it (X-Robots-Tag)"},
      {"nofollow", "links on the page are not followed"},
      {"nosnippet", "search engines may not show text from the page"},
      {"noarchive", "search engines may not keep a cached copy"},
      {"unavailable_after", "the page asks to be dropped from search after a date"},
      {"canonical_elsewhere", "the page names another URL as its main version"},
      {"in_sitemap", "the page is listed in the sitemap"},
      {"linked", "other pages link to it"},
      {"redirect", "the address redirects elsewhere"},
      {"not_found", "the page is gone (404/410)"},
      {"http_error", "the server answered with an error"},
      {"login_required", "the page needs a login"},
      {"hidden_text", "the text is hidden from visitors but visible to crawlers"},
      {"robots_txt_public", "robots.txt is public: anyone, and every crawler, can read it"},
  };
  auto it = kTexts.find(code);
  if (it != kTexts.end()) return it->second;
  std::string text = code;
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

std::string ArchiveLabel(const std::string& archive) {
  if (archive == "wayback") return "Internet Archive (Wayback Machine)";
  if (archive == "commoncrawl") return "Common Crawl";
  if (archive == "archivetoday") return "archive.today";
  return archive;
}

std::string ThousandsSeparated(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return value < 0 ? "-" + out : out;
}

std::string PeopleText(double k) {
  if (!std::isfinite(k) || k < 0) return "an unknown number of people";
  // Below one expected match the exact figure means nothing to a reader: the details single
  // out one person.
  if (k < 0.01) return "fewer than 0.01 people: in effect, one identifiable person";
  if (k < 10) {
    std::string number = k < 0.1 ? fmt::format("{:.2g}", k) : fmt::format("{:.1f}", k);
    if (number.size() > 2 && number.ends_with(".0")) number.resize(number.size() - 2);
    if (k < 1) return fmt::format("about {} people: in effect, one identifiable person", number);
    return fmt::format("about {} {}", number, number == "1" ? "person" : "people");
  }
  return fmt::format("about {} people", ThousandsSeparated(std::llround(k)));
}

std::string Day(const std::string& iso) { return iso.substr(0, std::min<size_t>(10, iso.size())); }

std::optional<double> EpochSeconds(const std::string& iso) {
  WallTime t;
  if (iso.empty() || !ParseIso8601(iso, &t)) return std::nullopt;
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

std::string ReportTime(const storage::AuditSummary& audit, const RenderOptions& options) {
  if (!options.generated_at.empty()) return options.generated_at;
  if (!audit.finished_at.empty()) return audit.finished_at;
  return audit.started_at;
}

void CountFinding(const ReportedFinding& f, RiskCounts* counts) {
  if (f.status == FindingStatus::kResolved) {
    ++counts->resolved;
    return;
  }
  if (f.status == FindingStatus::kNew) ++counts->new_findings;
  if (f.status == FindingStatus::kPersisting) ++counts->persisting;
  switch (f.finding.risk) {
    case Risk::kCritical:
      ++counts->critical;
      break;
    case Risk::kHigh:
      ++counts->high;
      break;
    case Risk::kMedium:
      ++counts->medium;
      break;
    case Risk::kLow:
      ++counts->low;
      break;
  }
}

RiskCounts CountFindings(const std::vector<ReportedFinding>& findings) {
  RiskCounts counts;
  for (const auto& f : findings) CountFinding(f, &counts);
  return counts;
}

std::vector<std::string> FindingPages(const analyzer::Finding& finding) {
  std::vector<std::string> pages;
  auto add = [&pages](const std::string& url) {
    if (!url.empty() && std::find(pages.begin(), pages.end(), url) == pages.end()) {
      pages.push_back(url);
    }
  };
  for (const auto& p : finding.pages) add(p);
  for (const auto& d : finding.details) add(d.url);
  return pages;
}

}  // namespace sightline::reports::internal

namespace sightline::reports {

bool ReportOrderLess(const storage::FindingOrderKey& a, const storage::FindingOrderKey& b) {
  return internal::ReportOrderFields(a.risk, a.status, a.anonymity_set, a.id, b.risk, b.status,
                                     b.anonymity_set, b.id);
}

}  // namespace sightline::reports
