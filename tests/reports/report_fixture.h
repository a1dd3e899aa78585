// Hand-built report models for the reports tests: a rich audit with every finding kind, risk
// and status, hidden and inherited details, archive captures, a resolved finding, a changed
// risk, hostile page text (script tags, attribute breakouts, spreadsheet formulas, terminal
// escapes) and a history; plus a diff. Header-only test support.
#pragma once

#include <string>

#include "reports/report.h"
#include "storage/report_model.h"

namespace sightline::reports::testing {

inline constexpr const char* kSite = "https://drmartin-pediatrics.example/";
inline constexpr const char* kPost = "https://drmartin-pediatrics.example/blog/a-hard-week.html";
inline constexpr const char* kContact = "https://drmartin-pediatrics.example/contact.html";
inline constexpr const char* kAbout = "https://drmartin-pediatrics.example/about.html";
inline constexpr const char* kRant = "https://drmartin-pediatrics.example/blog/on-call.html";
inline constexpr const char* kOld = "https://drmartin-pediatrics.example/blog/old-case.html";
inline constexpr const char* kHostileScript = "<script>alert(\"pwned\")</script>";
inline constexpr const char* kHostileAttr = "\"><img src=x onerror=alert(1)>";

// Designated initialisers of a partly initialised struct trip -Wmissing-field-initializers.
inline RenderOptions Options(bool redact = false, bool color = false,
                             const std::string& generated_at = "") {
  RenderOptions o;
  o.redact = redact;
  o.color = color;
  o.generated_at = generated_at;
  return o;
}

inline analyzer::FindingDetail Detail(analyzer::MentionType type, const std::string& text,
                                      const std::string& normalized, const std::string& url,
                                      const std::string& snippet, bool hidden = false,
                                      double prior = 0.5) {
  analyzer::FindingDetail d;
  d.type = type;
  d.text = text;
  d.normalized = normalized;
  d.url = url;
  d.snippet = snippet;
  const size_t at = snippet.find(text);
  d.snippet_begin = at == std::string::npos ? 0 : at;
  d.snippet_end = at == std::string::npos ? 0 : at + text.size();
  d.hidden = hidden;
  d.prior = prior;
  return d;
}

inline storage::ReportedFinding MakeFinding(const std::string& id, analyzer::FindingKind kind,
                                            analyzer::Risk risk, storage::FindingStatus status,
                                            double k, const std::string& summary) {
  storage::ReportedFinding rf;
  rf.finding.id = id;
  rf.finding.kind = kind;
  rf.finding.risk = risk;
  rf.finding.anonymity_set = k;
  rf.finding.summary = summary;
  rf.status = status;
  return rf;
}

inline storage::AuditReport RichAuditReport() {
  using analyzer::FindingKind;
  using analyzer::MentionType;
  using analyzer::Risk;
  using storage::FindingStatus;
  storage::AuditReport r;
  r.audit.id = 7;
  r.audit.site = kSite;
  r.audit.started_at = "2026-11-20T02:00:00Z";
  r.audit.finished_at = "2026-11-20T02:04:10Z";
  r.audit.state = "complete";
  r.audit.previous_id = 6;
  r.audit.pages_fetched = 5;
  r.audit.pages_failed = 1;
  r.audit.not_modified = 2;

  auto page = [](const std::string& url, int status, bool indexable, const std::string& title) {
    storage::PageRecord p;
    p.url = url;
    p.status = status;
    p.indexable = indexable;
    p.title = title;
    p.content_hash = "sha256:" + std::to_string(url.size());
    p.exposure_reasons = {indexable ? "indexable" : "noindex_meta"};
    return p;
  };
  r.pages.push_back(page(kSite, 200, true, "Dr. Martin Pediatrics"));
  r.pages.push_back(page(kPost, 200, true, std::string("A hard week ") + kHostileScript));
  r.pages.back().published = "2026-09-14";
  r.pages.push_back(page(kContact, 200, true, "Contact"));
  r.pages.push_back(page(kAbout, 200, false, "About Dr. Martin"));
  r.pages.push_back(page(kRant, 200, true, "On call"));
  storage::PageRecord failed = page(kOld, 0, false, "");
  failed.error = "timeout";
  r.pages.push_back(failed);

  // 1. critical, new: the classic combination across two pages.
  auto wilson = MakeFinding(
      "f-wilson-41", FindingKind::kPatientReidentification, Risk::kCritical, FindingStatus::kNew,
      0.01,
      "A 41-year-old bus driver with Wilson's disease, seen near Fairview (pop. 6,000): about "
      "0.01 people match.");
  const std::string s1 =
      "Last Tuesday my patient, a 41-year-old bus driver, finally got his diagnosis: Wilson's "
      "disease.";
  wilson.finding.details = {
      Detail(MentionType::kAge, "41-year-old", "41", kPost, s1, false, 0.013),
      Detail(MentionType::kOccupation, "bus driver", "bus driver", kPost, s1, false, 0.004),
      Detail(MentionType::kCondition, "Wilson's disease", "wilson disease", kPost, s1, false,
             0.00003),
      Detail(MentionType::kDate, "Last Tuesday", "2026-09-08", kPost, s1, false, 0.02),
      Detail(MentionType::kLocation, "Fairview", "Fairview, OH", kContact,
             "Our practice: 12 Main Street, Fairview, OH 44126.", false, 1.0)};
  wilson.finding.details.back().inherited = true;
  wilson.finding.pages = {kPost, kContact};
  wilson.finding.advice =
      "1. Edit the post on " + std::string(kPost) +
      " to remove the age, job and diagnosis.\n2. In Google Search Console, request removal of "
      "the outdated content.\n3. Ask the Internet Archive to exclude its copy.";
  wilson.finding.indexable = true;
  wilson.exposure.indexable = true;
  wilson.exposure.ever_indexable = true;
  wilson.exposure.reasons = {"indexable", "in_sitemap"};
  wilson.exposure.first_seen = "2026-09-14T00:00:00Z";
  wilson.exposure.last_seen = "2026-11-20T02:04:10Z";
  wilson.exposure.exposed_days = 67;
  wilson.exposure.exposed_since_published = true;
  wilson.exposure.archived = {{"wayback", "2026-10-02T11:22:33Z",
                               "https://web.archive.org/web/20261002112233/" + std::string(kPost)}};
  r.findings.push_back(wilson);

  // 2. high, persisting: a patient's name in an HTML comment plus her phone number.
  auto hartley = MakeFinding("f-hartley-name", FindingKind::kDirectIdentifier, Risk::kHigh,
                             FindingStatus::kPersisting, 0,
                             "The page names a patient, Zoë Hartley, and gives her phone number.");
  hartley.finding.details = {
      Detail(MentionType::kPersonName, "Zoë Hartley", "zoe hartley", kPost,
             "TODO remove before publishing: Zoë Hartley called back about her results.", true,
             0.000001),
      Detail(MentionType::kContact, "+1 (555) 013-4477", "+15550134477", kContact,
             "Reach Zoë at +1 (555) 013-4477 after 5pm.", false, 0.0)};
  hartley.finding.pages = {kPost, kContact};
  hartley.finding.advice =
      "1. Remove the comment from the page source.\n2. Ask Google to "
      "remove the personal information.";
  hartley.exposure.indexable = true;
  hartley.exposure.ever_indexable = true;
  hartley.exposure.reasons = {"indexable", "hidden_text"};
  hartley.exposure.first_seen = "2026-10-01T02:00:00Z";
  hartley.exposure.last_seen = "2026-11-20T02:04:10Z";
  hartley.exposure.exposed_days = 50;
  hartley.exposure.archived = {
      {"commoncrawl", "2026-10-12T08:00:00Z", "https://index.commoncrawl.org/CC-MAIN-2026-44"},
      {"archivetoday", "2026-11-01T09:30:00Z", "https://archive.ph/abcde"}};
  r.findings.push_back(hartley);

  // 3. medium, new, not indexable: the pseudonymous author's specialty, hospital and town.
  auto author = MakeFinding(
      "f-author", FindingKind::kAuthorReidentification, Risk::kMedium, FindingStatus::kNew, 12.4,
      "A pediatric nephrologist at St. Agnes Hospital in Fairview: about 12 people match.");
  author.finding.details = {
      Detail(MentionType::kOccupation, "pediatric nephrologist", "pediatric nephrology", kAbout,
             "I am a pediatric nephrologist at St. Agnes Hospital.", false, 0.0001),
      Detail(MentionType::kFacility, "St. Agnes Hospital", "st agnes hospital", kAbout,
             "I am a pediatric nephrologist at St. Agnes Hospital.", false, 0.01)};
  author.finding.pages = {kAbout};
  author.finding.advice = "1. Remove the hospital's name from the about page.";
  author.exposure.reasons = {"noindex_meta"};
  author.exposure.first_seen = "2026-11-20T02:00:00Z";
  author.exposure.last_seen = "2026-11-20T02:04:10Z";
  r.findings.push_back(author);

  // 4. low, persisting, risk went down: the author's children's school.
  auto school = MakeFinding("f-school", FindingKind::kPersonalInformation, Risk::kLow,
                            FindingStatus::kPersisting, 340,
                            "Your children's school, Lincoln Elementary, is named on the blog.");
  school.previous_risk = Risk::kMedium;
  school.finding.details = {Detail(MentionType::kFacility, "Lincoln Elementary",
                                   "lincoln elementary", kRant,
                                   "Dropped the kids at Lincoln Elementary before rounds.")};
  school.finding.pages = {kRant};
  school.finding.advice = "1. Remove the school's name.";
  school.exposure.indexable = true;
  school.exposure.ever_indexable = true;
  school.exposure.first_seen = "2026-08-01T00:00:00Z";
  school.exposure.last_seen = "2026-11-20T02:04:10Z";
  school.exposure.exposed_days = 111;
  r.findings.push_back(school);

  // 5. high, new: criticism of a colleague, in hostile page text.
  auto rant =
      MakeFinding("f-rant", FindingKind::kColleagueCriticism, Risk::kHigh, FindingStatus::kNew, 1,
                  std::string("You call Dr. Kowalski incompetent ") + kHostileAttr);
  const std::string s5 = std::string("Dr. Kowalski ") + kHostileScript +
                         " is the most incompetent surgeon " + kHostileAttr + " I know.";
  rant.finding.details = {
      Detail(MentionType::kPersonName, "Dr. Kowalski", "kowalski", kRant, s5, false, 0.0001),
      Detail(MentionType::kOther, "=HYPERLINK(\"http://evil.example\",\"x\")", "formula", kRant,
             "cell =HYPERLINK(\"http://evil.example\",\"x\") here", false, 1.0),
      Detail(MentionType::kOther, "terminal \x1b[31mred\x1b[0m", "esc", kRant,
             "text with terminal \x1b[31mred\x1b[0m escapes", false, 1.0)};
  rant.finding.pages = {kRant};
  rant.finding.advice = "1. Remove the name or the criticism.";
  rant.exposure.indexable = true;
  rant.exposure.ever_indexable = true;
  rant.exposure.first_seen = "2026-11-20T02:00:00Z";
  rant.exposure.last_seen = "2026-11-20T02:04:10Z";
  r.findings.push_back(rant);

  // 6. critical, resolved: fixed since the last audit, but it was indexable and archived.
  auto old =
      MakeFinding("f-old-case", FindingKind::kPatientReidentification, Risk::kCritical,
                  FindingStatus::kResolved, 0.2,
                  "A 7-year-old girl with Fabry disease from Fairview: about 0.2 people match.");
  const std::string s6 = "A 7-year-old girl from Fairview with Fabry disease came in today.";
  old.finding.details = {
      Detail(MentionType::kAge, "7-year-old", "7", kOld, s6, false, 0.012),
      Detail(MentionType::kSex, "girl", "F", kOld, s6, false, 0.49),
      Detail(MentionType::kCondition, "Fabry disease", "fabry disease", kOld, s6, false, 0.00002)};
  old.finding.pages = {kOld};
  old.finding.advice =
      "1. Ask Google to drop the outdated page.\n2. Ask the Internet Archive "
      "to exclude its copies.";
  old.exposure.indexable = false;
  old.exposure.ever_indexable = true;
  old.exposure.first_seen = "2026-06-01T00:00:00Z";
  old.exposure.last_seen = "2026-11-10T02:03:00Z";
  old.exposure.exposed_days = 162;
  old.exposure.archived = {{"wayback", "2026-07-15T10:00:00Z",
                            "https://web.archive.org/web/20260715100000/" + std::string(kOld)}};
  old.exposure.acknowledged = true;
  old.exposure.ack_note = "Wayback exclusion requested";
  r.findings.push_back(old);

  auto point = [](int64_t id, const char* at, int c, int h, int m, int l, int n, int res) {
    storage::HistoryPoint p;
    p.audit_id = id;
    p.started_at = at;
    p.state = "complete";
    p.pages = 6;
    p.critical = c, p.high = h, p.medium = m, p.low = l;
    p.new_findings = n, p.resolved_findings = res;
    return p;
  };
  r.history = {point(4, "2026-09-01T02:00:00Z", 1, 0, 1, 0, 2, 0),
               point(5, "2026-10-01T02:00:00Z", 1, 1, 1, 1, 2, 0),
               point(6, "2026-11-10T02:00:00Z", 1, 1, 0, 1, 0, 1),
               point(7, "2026-11-20T02:00:00Z", 1, 2, 1, 1, 3, 1)};
  return r;
}

inline storage::DiffReport RichDiffReport() {
  const storage::AuditReport r = RichAuditReport();
  storage::DiffReport d;
  d.from = r.audit;
  d.from.id = 6;
  d.from.previous_id = 5;
  d.from.started_at = "2026-11-10T02:00:00Z";
  d.from.finished_at = "2026-11-10T02:03:00Z";
  d.to = r.audit;
  for (const auto& f : r.findings) {
    if (f.status == storage::FindingStatus::kNew) d.new_findings.push_back(f);
    if (f.status == storage::FindingStatus::kResolved) d.resolved_findings.push_back(f);
    if (f.previous_risk) d.changed_risk.push_back(f);
  }
  d.pages_added = {kRant};
  d.pages_removed = {std::string(kSite) + "old/" + kHostileAttr};
  d.pages_changed = {kPost};
  return d;
}

}  // namespace sightline::reports::testing
