#include "analyzer/link/internal/other_findings.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "analyzer/link/internal/cues.h"
#include "analyzer/link/internal/explain.h"
#include "analyzer/link/internal/subjects.h"
#include "analyzer/link/internal/text_util.h"
#include "common/hash.h"

namespace sightline::analyzer::link_internal {
namespace {

// Where a detail lives for its id: its page, or the repeated block it sits in; `*block` is
// then that block's pages (sorted by LinkPages), else null.
std::string IdPage(const LinkedDetail& d, const std::string& url, const BlockPages& block_pages,
                   const std::vector<std::string>** block) {
  *block = nullptr;
  auto it = block_pages.find(d.block_fingerprint);
  if (d.block_fingerprint != 0 && it != block_pages.end() && it->second.size() >= 2) {
    *block = &it->second;
    return fmt::format("block:{:016x}", d.block_fingerprint);
  }
  return url;
}

std::vector<std::string> PagesOf(const std::vector<std::string>* block, const std::string& url) {
  return block != nullptr ? *block : std::vector<std::string>{url};
}

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

// Physicians per resident: about 1.0 million active US physicians (AAMC 2022) / 331 million.
constexpr double kPhysicianShare = 1.0e6 / 331.0e6;

}  // namespace

void OtherFindings::Add(Finding f) {
  if (!made_ids_.insert(f.id).second) return;  // the first is kept
  findings_.push_back(std::move(f));
}

std::string FindingId(FindingKind kind, std::vector<std::string> pages,
                      std::vector<std::string> keys) {
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::string material = FindingKindName(kind);
  for (const auto& p : pages) material += "\npage:" + p;
  for (const auto& k : keys) material += "\ndetail:" + k;
  return Fingerprint(material, 16);
}

double SpecialtyShare(const std::string& specialty) {
  // Approximate shares of active US physicians by specialty, rounded from the AAMC
  // Physician Specialty Data Report (2022); only used for author re-identification.
  static constexpr std::array<std::pair<const char*, double>, 24> kShares{{
      {"family", 0.12},        {"general practice", 0.12}, {"internal", 0.13},
      {"pediatric", 0.07},     {"emergency", 0.05},        {"obstetric", 0.045},
      {"gynecolog", 0.045},    {"psychiatr", 0.04},        {"anesthes", 0.045},
      {"radiolog", 0.04},      {"surgery", 0.03},          {"cardiolog", 0.025},
      {"dermatolog", 0.013},   {"neurolog", 0.015},        {"orthop", 0.02},
      {"oncolog", 0.015},      {"ophthalmolog", 0.02},     {"urolog", 0.01},
      {"otolaryngolog", 0.01}, {"gastroenterolog", 0.016}, {"endocrinolog", 0.008},
      {"rheumatolog", 0.006},  {"nephrolog", 0.01},        {"geriatric", 0.008},
  }};
  std::string lower = AsciiLower(specialty);
  for (const auto& [key, share] : kShares) {
    if (lower.find(key) != std::string::npos) return share;
  }
  return 0.05;
}

void AppendPersonalFindings(const PagesInUrlOrder& pages, const SiteProfile& profile,
                            const BlockPages& block_pages, OtherFindings& out) {
  for (const PageAnalysis* page_ptr : pages) {
    const PageAnalysis& page = *page_ptr;
    for (const PersonalDetail& p : page.personal) {
      const FindingDetail& d = p.detail.detail;
      if (p.category == "personal_phone" && profile.business_phones.count(DigitsOnly(d.text))) {
        continue;
      }
      if (p.category == "personal_email" && profile.business_emails.count(AsciiLower(d.text))) {
        continue;
      }
      if (p.category == "home_address") {
        std::string key = NormalizeKey(d.text);
        bool business = false;
        for (const auto& a : profile.business_addresses) {
          business =
              business || a.find(key) != std::string::npos || key.find(a) != std::string::npos;
        }
        if (business) continue;
      }
      const std::vector<std::string>* block = nullptr;
      std::string id = FindingId(FindingKind::kPersonalInformation,
                                 {IdPage(p.detail, page.url, block_pages, &block)},
                                 {p.category + "=" + NormalizeKey(d.text)});
      if (out.Made(id)) continue;
      Finding f;
      f.kind = FindingKind::kPersonalInformation;
      f.anonymity_set = 1;  // about one known person, the author
      std::string what;
      if (p.category == "child_school") {
        f.risk = Risk::kHigh;
        f.summary = "The author's children's school (" + Quote(d.text) +
                    ") is named on a public page: anyone can learn where the children spend "
                    "their day.";
      } else if (p.category == "home_address") {
        f.risk = Risk::kHigh;
        f.summary = "The author's home address (" + Quote(d.text) +
                    ") is public; it is not the practice's business address.";
      } else if (p.category == "personal_phone") {
        f.risk = Risk::kHigh;
        f.summary = "A personal phone number of the author (" + Quote(d.text) +
                    ") is public; it is not the practice's number.";
      } else if (p.category == "personal_email") {
        f.risk = Risk::kMedium;
        f.summary = "A personal email address of the author (" + Quote(d.text) + ") is public.";
      } else {
        f.risk = Risk::kMedium;
        f.summary = "A member of the author's family is named (" + Quote(d.text) +
                    "): details of the author's private life are public.";
      }
      f.advice = "Remove " + Quote(d.text) +
                 " from the page; keep only the practice's business contacts on the site.";
      f.pages = PagesOf(block, page.url);
      f.details.push_back(d);
      f.id = std::move(id);
      out.Add(std::move(f));
    }
  }
}

void AppendCriticismFindings(const PagesInUrlOrder& pages, const SiteProfile& profile,
                             const BlockPages& block_pages, OtherFindings& out) {
  bool employer_known = profile.Find("hospital") || profile.Find("practice_name");
  for (const PageAnalysis* page_ptr : pages) {
    const PageAnalysis& page = *page_ptr;
    for (const CriticismCandidate& c : page.criticism) {
      const FindingDetail& target = c.target.detail;
      const std::vector<std::string>* block = nullptr;
      std::vector<std::string> keys{"target=" + NormalizeKey(target.text)};
      for (const auto& t : c.terms) keys.push_back("term=" + t);
      std::string id = FindingId(FindingKind::kColleagueCriticism,
                                 {IdPage(c.target, page.url, block_pages, &block)}, keys);
      if (out.Made(id)) continue;
      std::string employer = c.target.Attribute("employer");
      Finding f;
      f.kind = FindingKind::kColleagueCriticism;
      f.anonymity_set = 1;
      std::vector<std::string> quoted;
      for (const auto& t : c.terms) quoted.push_back(Quote(t));
      std::string terms = quoted.front();
      for (size_t i = 1; i < quoted.size(); ++i) terms += ", " + quoted[i];
      if (c.named) {
        f.risk = Risk::kHigh;
        f.summary = "Disparaging words (" + terms + ") about a named colleague (" +
                    Quote(target.text) +
                    "): the remark can be traced to a real person, and to you.";
      } else {
        f.risk = (!employer.empty() || employer_known) ? Risk::kMedium : Risk::kLow;
        std::string via = !employer.empty() ? " at " + employer
                          : employer_known  ? ", identifiable through the workplace this site names"
                                            : "";
        f.summary = "Disparaging words (" + terms + ") about " + Quote(target.text) + via +
                    ": colleagues and employers are identifiable even when unnamed.";
      }
      f.advice =
          "Remove or rephrase the sentence without judging an identifiable colleague or "
          "employer; such remarks breach professional guidance and can invite a defamation claim.";
      f.pages = PagesOf(block, page.url);
      f.details.push_back(target);
      f.id = std::move(id);
      out.Add(std::move(f));
    }
  }
}

void AppendLooseIdentifierFindings(const PagesInUrlOrder& pages, const BlockPages& block_pages,
                                   const std::function<bool(const LinkedDetail&)>& names_author,
                                   OtherFindings& out) {
  for (const PageAnalysis* page_ptr : pages) {
    const PageAnalysis& page = *page_ptr;
    std::vector<LinkedDetail> loose;
    for (const auto& d : page.loose_identifiers) {
      if (!names_author(d)) loose.push_back(d);
    }
    if (loose.empty()) continue;
    // The first detail's place names the finding (for a footer: the block).
    const std::vector<std::string>* block = nullptr;
    std::string id_page = IdPage(loose.front(), page.url, block_pages, &block);
    std::vector<std::string> keys;
    for (const LinkedDetail& d : loose) {
      keys.push_back(std::string(MentionTypeName(d.detail.type)) + "=" +
                     NormalizeKey(d.detail.normalized));
    }
    std::string id = FindingId(FindingKind::kDirectIdentifier, {id_page}, keys);
    if (out.Made(id)) continue;
    Finding f;
    f.kind = FindingKind::kDirectIdentifier;
    f.risk = Risk::kHigh;
    f.anonymity_set = 1;
    std::vector<std::string> words;
    bool hidden = false;
    for (const LinkedDetail& d : loose) {
      f.details.push_back(d.detail);
      words.push_back(Quote(d.detail.text));
      hidden = hidden || d.detail.hidden;
      if (d.detail.type != MentionType::kAge) f.risk = Risk::kCritical;
    }
    f.pages = PagesOf(block, page.url);
    std::string list = words.front();
    for (size_t i = 1; i < words.size(); ++i)
      list += (i + 1 == words.size() ? " and " : ", ") + words[i];
    f.summary = "A patient's " + std::string(words.size() > 1 ? "identifiers " : "identifier ") +
                list + (hidden ? ", hidden in the page source," : "") + " identif" +
                (words.size() > 1 ? "y" : "ies") + " the patient directly.";
    f.advice = "Remove " + list + " from the page" +
               (hidden ? " and its HTML source: comments are invisible to visitors but public "
                         "to anyone who views the source, and to crawlers."
                       : ".");
    f.id = std::move(id);
    out.Add(std::move(f));
  }
}

void AppendAuthorFinding(const std::vector<PageAnalysis>& pages, const SiteProfile& profile,
                         const RiskThresholds& thresholds, OtherFindings& out) {
  (void)pages;
  Finding f;
  f.kind = FindingKind::kAuthorReidentification;
  std::vector<std::string> keys;
  std::vector<std::string> urls;
  auto add = [&](const ProfileFact& fact, MentionType type, double prior) {
    FindingDetail d;
    d.type = type;
    d.text = fact.value;
    d.normalized = NormalizeKey(fact.value);
    d.url = fact.url;
    d.snippet = fact.snippet;
    // Highlight the value (a town's name without its state) where the snippet has it.
    const std::string value = fact.value.substr(0, fact.value.find(','));
    const size_t at = value.empty() ? std::string::npos : fact.snippet.find(value);
    d.snippet_begin = at == std::string::npos ? 0 : at;
    d.snippet_end = at == std::string::npos ? fact.snippet.size() : at + value.size();
    d.prior = prior;
    d.hidden = fact.from_json_ld;
    f.details.push_back(d);
    keys.push_back(fact.key + "=" + d.normalized);
    if (std::find(urls.begin(), urls.end(), fact.url) == urls.end()) urls.push_back(fact.url);
  };
  const ProfileFact* name = profile.Find("author_name");
  const ProfileFact* specialty = profile.Find("specialty");
  const ProfileFact* hospital = profile.Find("hospital");
  double population = static_cast<double>(profile.country_population);
  std::string where;
  if (profile.catchment && profile.catchment->population > 0) {
    population = static_cast<double>(profile.catchment->population);
    where = " in " + profile.catchment->Label() + " (pop. " +
            FormatPopulation(profile.catchment->population) + ")";
    ProfileFact town;
    town.key = "locality";
    town.value = profile.catchment->Label();
    town.url = profile.catchment->url;
    town.snippet = profile.catchment->snippet;
    add(town, MentionType::kLocation, population / profile.country_population);
  }
  std::vector<AnonymityFactor> factors{{"physician", kPhysicianShare}};
  if (specialty) {
    factors.push_back({"specialty", SpecialtyShare(specialty->value)});
    add(*specialty, MentionType::kOccupation, SpecialtyShare(specialty->value));
  }
  if (hospital) add(*hospital, MentionType::kFacility, 1.0);
  if (name) add(*name, MentionType::kPersonName, 1e-5);
  if (f.details.empty()) return;
  f.anonymity_set = AnonymitySet(population, factors);
  f.risk = RiskForAnonymitySet(f.anonymity_set, thresholds);
  std::string who = "A " + (specialty ? AsciiLower(specialty->value) + " " : std::string()) +
                    "physician" + (hospital ? " affiliated with " + hospital->value : "") + where;
  if (name) {
    f.risk = Risk::kCritical;
    f.summary = "The site names its author (" + Quote(name->value) + ", on " + name->url +
                "): a pseudonymous blog is not anonymous.";
    f.advice = "Remove the author's name from the pages, bylines and structured data (JSON-LD).";
  } else {
    f.summary = who + ": " + FormatPeople(f.anonymity_set) +
                " match, so readers can tell who "
                "writes this blog.";
    f.advice = where.empty() ? "Drop the hospital and specialty details from the profile."
                             : "Drop the town (and the hospital) from the profile and contact "
                               "pages, or say only the state.";
  }
  f.pages = urls;
  f.id = FindingId(f.kind, urls, keys);
  out.Add(std::move(f));
}

}  // namespace sightline::analyzer::link_internal
