#include "analyzer/extract/exposure.h"

#include <re2/re2.h>

#include <set>

#include "analyzer/extract/internal/robots_directives.h"
#include "analyzer/extract/internal/text_util.h"
#include "common/url.h"

namespace sightline::analyzer {
namespace {

using internal::AgentDirectives;
using internal::DirectiveSet;

struct Engine {
  const char* label = "";  // for words
  std::vector<std::string> agents;
  bool crawl = true;
  DirectiveSet meta;
  DirectiveSet header;
  bool indexable = false;
};

void AddReason(ExposureVerdict* v, std::string code, std::string text) {
  if (v->HasReason(code)) return;
  v->reasons.push_back({std::move(code), std::move(text)});
}

// Link header entries "<url>; rel=canonical" without hreflang/media/type (RFC 8288, RFC 6596).
std::vector<std::string> HeaderCanonicals(const crawler::FetchedPage& page,
                                          const std::string& base) {
  std::vector<std::string> out;
  for (const auto& [name, value] : page.headers) {
    if (name != "link") continue;
    size_t i = 0;
    while (i < value.size()) {
      const size_t lt = value.find('<', i);
      if (lt == std::string::npos) break;
      const size_t gt = value.find('>', lt);
      if (gt == std::string::npos) break;
      const std::string target = value.substr(lt + 1, gt - lt - 1);
      size_t end = value.find(",", gt);
      // A comma inside a quoted parameter does not end the entry; the next entry starts '<'.
      while (end != std::string::npos) {
        size_t k = end + 1;
        while (k < value.size() && internal::IsAsciiSpace(value[k])) ++k;
        if (k >= value.size() || value[k] == '<') break;
        end = value.find(",", end + 1);
      }
      const std::string params = internal::AsciiLower(
          value.substr(gt + 1, end == std::string::npos ? std::string::npos : end - gt - 1));
      i = end == std::string::npos ? value.size() : end + 1;
      static const RE2 kQuotedRel(R"re(rel\s*=\s*"([^"]*)")re");
      static const RE2 kBareRel(R"(rel\s*=\s*([^;\s]+))");
      static const RE2 kIgnoring(R"((^|;)\s*(hreflang|media|type)\s*=)");
      std::string rel;
      if (RE2::PartialMatch(params, kQuotedRel, &rel) ||
          RE2::PartialMatch(params, kBareRel, &rel)) {
        if (!internal::HasToken(rel, "canonical")) continue;
        if (RE2::PartialMatch(params, kIgnoring)) continue;
        auto resolved = ResolveUrl(base, target);
        if (resolved) out.push_back(*resolved);
      }
    }
  }
  return out;
}

// Visible characters above which a "not found" title or heading is taken for an article.
constexpr size_t kSoft404MaxText = 5000;

bool LooksLikeNotFound(std::string_view text) {
  static const RE2 kNotFound(
      R"((?i)(^\s*404\b|\berror\s*404\b|\b404\s*(error|-|:)|not found|page (does not|doesn't|could not|cannot|can't) (exist|be found)|)"
      R"(no longer (exists|available)|nothing (was )?found|seite nicht gefunden|)"
      R"(página no encontrada|page introuvable|pagina non trovata))");
  return RE2::PartialMatch(text, kNotFound);
}

// A 200 that says "not found" in its title or first heading, or has no text at all
// (Google calls both soft 404s).
bool IsSoft404(const PageContent& content, std::string* why) {
  if (!content.is_html) return false;
  size_t visible = 0;
  const TextBlock* first_heading = nullptr;
  for (const auto& b : content.blocks) {
    if (b.hidden || b.kind == BlockKind::kTitle) continue;
    visible += b.text.size();
    if (first_heading == nullptr && b.kind == BlockKind::kHeading) first_heading = &b;
  }
  // Only short pages: a long article titled "... not found for years" is a real page, and
  // calling it a soft 404 would hide real exposure.
  if (visible < kSoft404MaxText && LooksLikeNotFound(content.title)) {
    *why = "the title says the page was not found";
    return true;
  }
  if (first_heading != nullptr && visible < kSoft404MaxText &&
      LooksLikeNotFound(first_heading->text)) {
    *why = "the main heading says the page was not found";
    return true;
  }
  if (visible == 0) {
    *why = "the page has no text beyond its title";
    return true;
  }
  return false;
}

std::string JoinLabels(const std::vector<std::string>& labels) {
  std::string out;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += i + 1 == labels.size() ? " and " : ", ";
    out += labels[i];
  }
  return out;
}

}  // namespace

ExposureVerdict JudgeExposure(const crawler::FetchedPage& page, const PageContent& content,
                              WallTime now, const std::optional<ExposureVerdict>& previous) {
  if (page.not_modified && page.body.empty() && previous.has_value()) {
    ExposureVerdict kept = *previous;
    AddReason(&kept, "not_modified", "304 Not Modified: the previous verdict stands");
    return kept;
  }
  ExposureVerdict v;
  v.in_sitemap = page.in_sitemap;
  const bool robots_blocked_us = page.error == "robots_disallowed";
  bool google_crawl = page.robots.googlebot;
  bool bing_crawl = page.robots.bingbot;
  // The crawler skipped the page for robots.txt; without per-bot answers assume all engines
  // read the same rule.
  if (robots_blocked_us && google_crawl && bing_crawl) google_crawl = bing_crawl = false;
  v.crawl_allowed_googlebot = google_crawl;
  v.crawl_allowed_bingbot = bing_crawl;
  v.crawl_allowed_any = page.robots.any && !(robots_blocked_us && page.robots.any &&
                                             page.robots.googlebot && page.robots.bingbot);

  Engine google;
  google.label = "Googlebot";
  google.agents = {"googlebot"};
  Engine bing;
  bing.label = "Bingbot";
  bing.agents = {"bingbot", "msnbot"};
  google.crawl = google_crawl;
  bing.crawl = bing_crawl;

  AgentDirectives meta_rules;
  for (const auto& [name, value] : content.robots_meta) {
    internal::ParseRobotsValue(value, name == "robots" ? "*" : internal::AsciiLower(name), false,
                               &meta_rules);
  }
  AgentDirectives header_rules;
  for (const auto& [name, value] : page.headers) {
    if (name == "x-robots-tag") internal::ParseRobotsValue(value, "*", true, &header_rules);
  }
  for (Engine* e : {&google, &bing}) {
    e->meta = internal::EffectiveFor(meta_rules, e->agents);
    e->header = internal::EffectiveFor(header_rules, e->agents);
  }

  // robots.txt
  std::vector<std::string> blocked;
  if (!google.crawl) blocked.push_back("Googlebot");
  if (!bing.crawl) blocked.push_back("Bingbot");
  if (!blocked.empty()) {
    std::string words = "robots.txt disallows " + JoinLabels(blocked);
    if (page.robots.robots_status == "unreachable") {
      words += " (robots.txt unreachable: RFC 9309 treats the site as fully disallowed)";
    }
    AddReason(&v, "robots_disallowed", words);
    AddReason(&v, "url_only_possible",
              "a disallowed URL can still be indexed from links to it, shown without a "
              "snippet");
    std::vector<std::string> unseen;
    for (const Engine* e : {&google, &bing}) {
      if (!e->crawl && (e->meta.noindex || e->header.noindex)) unseen.push_back(e->label);
    }
    if (!unseen.empty()) {
      AddReason(&v, "noindex_unseen",
                "the page's noindex is never seen by " + JoinLabels(unseen) +
                    ", which may not fetch it; the URL can still be indexed");
    }
  }

  // Everything below needs a fetched response.
  const bool fetched = page.status != 0 || page.not_modified;
  const int status = page.not_modified ? 200 : page.status;
  const bool status_ok = fetched && status >= 200 && status < 300;
  if (page.not_modified) {
    AddReason(&v, "not_modified",
              "304 Not Modified: judged on the stored copy (the caller restores the body)");
  }
  if (!fetched) {
    if (!robots_blocked_us) {
      AddReason(&v, "fetch_failed",
                "the page could not be fetched" +
                    (page.error.empty() ? std::string() : " (" + page.error + ")"));
    }
  } else if (status >= 300 && status < 400) {
    AddReason(&v, "status_3xx",
              "the final response is a redirect (" + std::to_string(status) + ")");
  } else if (status >= 400 && status < 500) {
    AddReason(&v, "status_4xx",
              "HTTP " + std::to_string(status) + ": search engines drop the page");
  } else if (status >= 500) {
    AddReason(&v, "status_5xx",
              "HTTP " + std::to_string(status) +
                  ": search engines do not index it (and drop "
                  "it if the error persists)");
  }
  if (!page.redirects.empty()) {
    AddReason(&v, "redirected",
              "redirected " + std::to_string(page.redirects.size()) +
                  (page.redirects.size() == 1 ? " time" : " times") + " to " +
                  (page.final_url.empty() ? page.url : page.final_url) +
                  "; the verdict is for the final URL");
  }

  // Directives.
  std::vector<std::string> meta_noindex, header_noindex;
  for (const Engine* e : {&google, &bing}) {
    if (!e->crawl) continue;
    if (e->meta.noindex) meta_noindex.push_back(e->label);
    if (e->header.noindex) header_noindex.push_back(e->label);
  }
  if (status_ok && !meta_noindex.empty()) {
    AddReason(&v, "noindex_meta", "a robots meta tag says noindex to " + JoinLabels(meta_noindex));
  }
  if (status_ok && !header_noindex.empty()) {
    AddReason(&v, "noindex_header",
              "an X-Robots-Tag header says noindex to " + JoinLabels(header_noindex));
  }

  // Canonical: element and Link header; conflicting declarations are ignored.
  std::set<std::string> canonicals;
  const std::string self = page.final_url.empty() ? page.url : page.final_url;
  if (!content.canonical.empty()) {
    auto c = NormalizeUrl(content.canonical);
    canonicals.insert(c ? *c : content.canonical);
  }
  for (auto& c : HeaderCanonicals(page, self)) canonicals.insert(std::move(c));
  bool canonical_elsewhere = false;
  if (canonicals.size() == 1) {
    auto self_normal = NormalizeUrl(self);
    const std::string& target = *canonicals.begin();
    if (!(self_normal && *self_normal == target) && target != self) {
      canonical_elsewhere = true;
      AddReason(&v, "canonical_elsewhere",
                "the canonical URL is " + target + ", so that URL is indexed instead");
    }
  } else if (canonicals.size() > 1) {
    AddReason(&v, "canonical_conflict", "conflicting canonical URLs are ignored");
  }

  std::string soft_why;
  const bool soft_404 = status_ok && !page.not_modified && IsSoft404(content, &soft_why);
  if (soft_404) AddReason(&v, "soft_404", "a soft 404: " + soft_why);

  // Per engine: may it index the page, may it show a snippet or keep a copy?
  bool any_snippet = false;
  bool nosnippet_rule = false;
  bool noarchive_rule = false;
  bool nofollow_rule = false;
  for (Engine* e : {&google, &bing}) {
    if (!e->crawl || !status_ok) continue;
    DirectiveSet all = e->meta;
    all.Merge(e->header);
    const bool expired = all.unavailable_after && *all.unavailable_after <= now;
    if (all.unavailable_after) {
      if (expired) {
        AddReason(&v, "unavailable_after_past",
                  "unavailable_after " + all.unavailable_after_text +
                      " has passed: search engines drop the page");
      } else {
        AddReason(&v, "unavailable_after",
                  "search engines drop the page after " + all.unavailable_after_text);
      }
    }
    e->indexable = !all.noindex && !canonical_elsewhere && !soft_404 && !expired;
    nosnippet_rule = nosnippet_rule || all.nosnippet;
    noarchive_rule = noarchive_rule || all.noarchive;
    nofollow_rule = nofollow_rule || all.nofollow;
    if (e->indexable && !all.nosnippet) any_snippet = true;
  }
  v.indexable = google.indexable || bing.indexable;
  v.snippet_allowed = any_snippet;
  v.archive_allowed = !noarchive_rule;
  if (nosnippet_rule) {
    AddReason(&v, "nosnippet", "nosnippet or max-snippet:0: no text snippet in results");
  }
  if (noarchive_rule) {
    AddReason(&v, "noarchive",
              "noarchive/nocache: no cached copy (Bing honours it; Google keeps none anyway)");
  }
  if (nofollow_rule) AddReason(&v, "nofollow", "nofollow: links on the page are not followed");
  size_t nosnippet_blocks = 0;
  for (const auto& b : content.blocks) nosnippet_blocks += b.nosnippet ? 1 : 0;
  if (nosnippet_blocks > 0) {
    AddReason(&v, "data_nosnippet",
              std::to_string(nosnippet_blocks) +
                  " text block(s) inside data-nosnippet elements are kept out of snippets");
  }
  if (page.body.size() > kIndexingLimitBytes) {
    AddReason(&v, "over_15mb", "only the first 15 MB of the HTML are indexed");
  }
  if (v.indexable && google.indexable != bing.indexable) {
    AddReason(
        &v, google.indexable ? "bing_excluded" : "google_excluded",
        std::string("only ") + (google.indexable ? "Google" : "Bing") + " may index the page");
  }
  if (page.in_sitemap) AddReason(&v, "in_sitemap", "listed in the site's sitemap");
  return v;
}

}  // namespace sightline::analyzer
