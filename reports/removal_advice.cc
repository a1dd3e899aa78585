#include "reports/removal_advice.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "reports/internal/presentation.h"

namespace sightline::reports {
namespace {

using analyzer::FindingKind;
using storage::FindingStatus;

bool HasCapture(const AdviceContext& ctx, const char* archive) {
  return std::find(ctx.archives_with_captures.begin(), ctx.archives_with_captures.end(), archive) !=
         ctx.archives_with_captures.end();
}

std::string Page(const AdviceContext& ctx) {
  return ctx.url.empty() ? std::string("the page") : ctx.url;
}

bool PageGone(const AdviceContext& ctx) {
  return !ctx.page_exists || ctx.status_code == 404 || ctx.status_code == 410;
}

bool Redirects(const AdviceContext& ctx) {
  return ctx.page_exists && ctx.status_code >= 300 && ctx.status_code < 400;
}

bool SearchEnginesSawIt(const AdviceContext& ctx) {
  return ctx.ever_indexable || ctx.indexable_now;
}

constexpr char kNoRobotsBlock[] =
    "Do not block the page in robots.txt yet: search engines must visit it again to see that "
    "the text is gone (or to read a noindex tag), and a blocked page is not visited again, so "
    "the old text can stay in their results. Block it later only if you still want to, once "
    "Google and Bing no longer show it.";

constexpr char kNoRobotsBlockForPages[] =
    "Do not block these pages in robots.txt yet: search engines must visit them again to see "
    "that the text is gone, and a blocked page is not visited again, so the old text can stay "
    "in their results.";

std::string EditStep(const AdviceContext& ctx) {
  const std::string page = Page(ctx);
  switch (ctx.kind) {
    case FindingKind::kPatientReidentification:
      return fmt::format(
          "Edit {} so the patient can no longer be recognised: take the story down, or remove "
          "or blur the details that together point to the patient (such as exact age, town, "
          "job, a rare condition, dates). Unless the patient gave written permission to "
          "publish, taking the story down is the safe choice.",
          page);
    case FindingKind::kDirectIdentifier:
      return fmt::format(
          "Delete the identifying detail (name, phone number, email, record number, exact "
          "date, photo) from {}, or take the page down.",
          page);
    case FindingKind::kAuthorReidentification:
      return fmt::format(
          "If you want to stay anonymous, remove or make vaguer the details on {} that "
          "together point to you (such as your specialty, hospital, town or training years).",
          page);
    case FindingKind::kPersonalInformation:
      return fmt::format(
          "Remove your private details (home address, family members' names, your children's "
          "school, personal phone number) from {}.",
          page);
    case FindingKind::kColleagueCriticism:
      return fmt::format(
          "Remove or rewrite the remarks on {} about the colleague, supervisor or employer, so "
          "that the person cannot be identified and the text no longer disparages them.",
          page);
    case FindingKind::kAdvertisedPrivatePath:
      return fmt::format("Delete the Disallow line for {} from {}.", ctx.advertised_path, page);
  }
  return fmt::format("Remove the details from {}.", page);
}

bool Repeated(const AdviceContext& ctx) { return ctx.repeated_on_pages > 1; }

// A footer or sidebar on every page is fixed once, in the template, not page by page.
std::string RepeatedEditStep(const AdviceContext& ctx) {
  return fmt::format(
      "The details are in a part of the site repeated on {} pages, such as a header, footer or "
      "sidebar (read on {}). Change it once where it is made, in your site's template, theme "
      "or widget settings, then open a few pages to check that it is gone from all of them.",
      internal::ThousandsSeparated(static_cast<long long>(ctx.repeated_on_pages)), Page(ctx));
}

void SiteSteps(const AdviceContext& ctx, std::vector<std::string>* steps) {
  const std::string page = Page(ctx);
  if (ctx.status != FindingStatus::kResolved && Repeated(ctx)) {
    steps->push_back(RepeatedEditStep(ctx));
    if (SearchEnginesSawIt(ctx)) steps->push_back(kNoRobotsBlockForPages);
    return;
  }
  if (ctx.status != FindingStatus::kResolved) {
    steps->push_back(EditStep(ctx));
    steps->push_back(
        "Then either take the page down so that it answers \"not found\" (HTTP status 404) or "
        "\"gone\" (410) — not a redirect to your home page — or keep it online with the "
        "corrected text. To keep it online for visitors but out of search results, add a "
        "noindex tag (<meta name=\"robots\" content=\"noindex\">).");
    if (SearchEnginesSawIt(ctx)) steps->push_back(kNoRobotsBlock);
    return;
  }
  if (PageGone(ctx)) {
    steps->push_back(fmt::format(
        "{} is no longer on your site{}. Keep it that way: do not put the old text back and do "
        "not point the address at another page.{}",
        page,
        ctx.status_code > 0 ? fmt::format(" (it answers HTTP status {})", ctx.status_code) : "",
        SearchEnginesSawIt(ctx)
            ? " Do not block it in robots.txt until Google and Bing have dropped it: they must "
              "visit the address to see that the page is gone."
            : ""));
  } else if (Redirects(ctx)) {
    steps->push_back(fmt::format(
        "{} now redirects elsewhere. Keep the old address open to search engines (not blocked "
        "in robots.txt) so that they follow the redirect and drop the old text.",
        page));
  } else if (ctx.status_code != 0 && !ctx.indexable_now && ctx.ever_indexable) {
    steps->push_back(fmt::format(
        "{} is now kept out of search results (noindex). Keep it open to search engines — do "
        "not block it in robots.txt — until Google and Bing have visited it again and dropped "
        "it: a page blocked in robots.txt is never read again, so its noindex would not be "
        "seen and the old text could stay in their results.",
        page));
  } else if (ctx.ever_indexable) {
    steps->push_back(fmt::format(
        "The details are no longer on {}. Keep the page open to search engines (not blocked "
        "in robots.txt) so that they pick up the corrected text.",
        page));
  } else {
    steps->push_back(
        fmt::format("Nothing more to do on your site: the details are no longer on {}.", page));
  }
}

void SearchEngineSteps(const AdviceContext& ctx, std::vector<std::string>* steps) {
  const std::string page = Page(ctx);
  const bool current = ctx.status != FindingStatus::kResolved;
  if (!SearchEnginesSawIt(ctx)) {
    steps->push_back(fmt::format(
        "Search engines: nothing to request. They were not allowed to index {} while the "
        "details were on it.",
        page));
    return;
  }
  if (Repeated(ctx)) {
    // One removal request per page is not practical for hundreds of pages, and a prefix
    // removal would hide the whole site: the pages are corrected as they are crawled again.
    steps->push_back(fmt::format(
        "{}earch engines pick up the corrected {} pages as they crawl them again, over days to "
        "weeks; asking to remove each address is not practical, and removing the site's whole "
        "prefix would hide every page. Search Google for the detail in quotes with "
        "site:your-domain, and for each result that still shows it use Google's \"Refresh "
        "Outdated Content\" tool (search.google.com/search-console/remove-outdated-content).",
        current ? "After the change, s" : "S",
        internal::ThousandsSeparated(static_cast<long long>(ctx.repeated_on_pages))));
  } else {
    steps->push_back(fmt::format(
        "{}n Google Search Console (for your verified site), open Removals and choose "
        "\"Temporarily remove URL\" for {}: Google hides it from its results for about six "
        "months, time enough to crawl the corrected or deleted page. In the same tool, \"Clear "
        "cached URL\" removes the old snippet (the text shown under the link) until Google "
        "crawls the page again.",
        current ? "After the change, i" : "I", page));
  }
  const bool changed_page = current || (!PageGone(ctx) && !Redirects(ctx));
  if (changed_page && !Repeated(ctx)) {
    steps->push_back(fmt::format(
        "If Google still shows the old text for {} after the change, use Google's \"Refresh "
        "Outdated Content\" tool (search.google.com/search-console/remove-outdated-content); "
        "anyone can use it, without Search Console.",
        page));
  }
  if (ctx.patient_contact_or_records) {
    if (ctx.kind == FindingKind::kPersonalInformation ||
        ctx.kind == FindingKind::kAuthorReidentification) {
      steps->push_back(
          "Because the details include your own contact details, you can also ask Google to "
          "remove them with its request to remove personal information from Google Search "
          "(support.google.com/websearch/answer/9673730); it also covers copies on other "
          "sites.");
    } else {
      steps->push_back(
          "Because the details include a patient's contact details or medical record "
          "information, Google's request to remove personal information from Google Search "
          "(support.google.com/websearch/answer/9673730) also applies: it can remove such "
          "results from Google Search whichever site they are on, including copies of your "
          "page elsewhere. The patient, or "
          "someone authorised to act for them, files it.");
    }
  }
  if (Repeated(ctx)) {
    steps->push_back(
        "In Bing Webmaster Tools, open Content Removal and ask Bing to remove the outdated "
        "cache of the pages it still shows with the old text. Bing's results are also used by "
        "other search services, such as DuckDuckGo and Yahoo.");
  } else {
    steps->push_back(fmt::format(
        "In Bing Webmaster Tools, open Content Removal and ask Bing to remove {} (for a "
        "deleted or noindex page) or its outdated cache (for a changed page). Bing's results "
        "are also used by other search services, such as DuckDuckGo and Yahoo.",
        page));
  }
  steps->push_back(
      "A few weeks later, search Google and Bing for a distinctive phrase of the removed text "
      "(in quotes) to check that it no longer appears.");
}

void ArchiveSteps(const AdviceContext& ctx, std::vector<std::string>* steps) {
  const std::string page = Page(ctx);
  if (!ctx.archives_checked) {
    steps->push_back(fmt::format(
        "Web archives may hold copies, even of pages search engines never showed. Look up {} "
        "at web.archive.org and archive.ph (or run the audit with --archives "
        "wayback,commoncrawl,archivetoday). The Internet Archive removes copies when the "
        "site owner asks by email (info@archive.org); a robots.txt block no longer removes "
        "them.",
        page));
    return;
  }
  if (HasCapture(ctx, "wayback")) {
    steps->push_back(fmt::format(
        "The Internet Archive's Wayback Machine holds copies of {} made while the details "
        "were on it. Ask for their removal by email to info@archive.org, sent from an address "
        "at your site's domain (or otherwise showing that you run the site), listing the copy "
        "addresses in this report. A robots.txt block no longer removes Wayback Machine "
        "copies.",
        page));
  }
  if (HasCapture(ctx, "commoncrawl")) {
    steps->push_back(fmt::format(
        "Common Crawl's public crawl data holds copies of {}. Adding \"User-agent: CCBot\" "
        "with \"Disallow: /\" to robots.txt stops its future visits only (it does not block "
        "search engines); copies already in published crawls stay, and Common Crawl offers "
        "no published way to remove them.",
        page));
  }
  if (HasCapture(ctx, "archivetoday")) {
    steps->push_back(fmt::format(
        "archive.today (also archive.ph, archive.is) holds copies of {}. There is no reliable "
        "way to have them removed: it ignores robots.txt and rarely answers requests. You can "
        "still ask through the contact link on its site, but plan on these copies staying "
        "public.",
        page));
  }
}

// robots.txt is not access control: the fix is to stop advertising the path and to protect
// what is behind it; search engine and archive removals do not apply to the file itself.
void AdvertisedPathSteps(const AdviceContext& ctx, std::vector<std::string>* steps) {
  const std::string path = ctx.advertised_path.empty() ? "the path" : ctx.advertised_path;
  if (ctx.status != FindingStatus::kResolved) {
    steps->push_back(fmt::format(
        "Delete the Disallow line for {} from {}: robots.txt is public and is not access "
        "control, so the line hides nothing from people and tells everyone where to look.",
        path, Page(ctx)));
  } else {
    steps->push_back(
        fmt::format("The line for {} is gone from {}, but copies of the old file may remain in web "
                    "archives, so treat the path as known.",
                    path, Page(ctx)));
  }
  steps->push_back(fmt::format(
      "If pages under {} must stay private, put them behind a login (HTTP authentication or "
      "your practice software) and check that they answer 401 or 403 to a visitor who is not "
      "signed in. If they may be public but should stay out of search results, give each a "
      "noindex tag (<meta name=\"robots\" content=\"noindex\">) instead of the robots.txt "
      "line.",
      path));
}

}  // namespace

bool NeedsRemovalAdvice(const AdviceContext& ctx) {
  if (ctx.status != FindingStatus::kResolved) return true;
  if (ctx.acknowledged) return false;
  return ctx.ever_indexable || !ctx.archives_with_captures.empty();
}

std::vector<std::string> RemovalSteps(const AdviceContext& ctx) {
  std::vector<std::string> steps;
  if (!NeedsRemovalAdvice(ctx)) return steps;
  if (ctx.kind == FindingKind::kAdvertisedPrivatePath) {
    AdvertisedPathSteps(ctx, &steps);
  } else {
    SiteSteps(ctx, &steps);
    SearchEngineSteps(ctx, &steps);
    ArchiveSteps(ctx, &steps);
  }
  if (ctx.status == FindingStatus::kResolved) {
    steps.push_back(fmt::format(
        "When these steps are done, mark the finding handled with \"sightline ack {}\" (add "
        "--note to record what you did) so it leaves the report.",
        ctx.finding_id.empty() ? std::string("FINDING_ID") : ctx.finding_id));
  } else {
    steps.push_back(
        "Run the audit again after the change: the finding will then show as resolved, with "
        "any steps still open for search engines and archives.");
  }
  return steps;
}

std::string RemovalAdvice(const AdviceContext& ctx) {
  std::string out;
  const std::vector<std::string> steps = RemovalSteps(ctx);
  for (size_t i = 0; i < steps.size(); ++i) {
    if (i > 0) out += '\n';
    out += fmt::format("{}. {}", i + 1, steps[i]);
  }
  return out;
}

AdviceContext AdviceContextFor(const storage::ReportedFinding& finding,
                               const storage::PageRecord* page, bool archives_checked) {
  AdviceContext ctx;
  ctx.finding_id = finding.finding.id;
  if (!finding.finding.pages.empty()) ctx.url = finding.finding.pages.front();
  ctx.kind = finding.finding.kind;
  ctx.status = finding.status;
  if (page != nullptr) {
    // Only 404/410 say the page is gone; a failed fetch (status 0) or a server error says
    // nothing about it.
    ctx.status_code = page->status;
    ctx.page_exists = page->status != 404 && page->status != 410;
    ctx.indexable_now = page->indexable;
  } else {
    ctx.status_code = 0;
    ctx.page_exists = true;
    // exposure.indexable is "now" for a current finding, "when last seen" for a resolved one.
    ctx.indexable_now = finding.status != FindingStatus::kResolved && finding.exposure.indexable;
  }
  ctx.ever_indexable = finding.exposure.ever_indexable || finding.exposure.indexable;
  ctx.archives_checked = archives_checked;
  for (const storage::ArchiveCapture& capture : finding.exposure.archived) {
    if (std::find(ctx.archives_with_captures.begin(), ctx.archives_with_captures.end(),
                  capture.archive) == ctx.archives_with_captures.end()) {
      ctx.archives_with_captures.push_back(capture.archive);
    }
  }
  // Archive captures are proof of an archive look-up even when the caller did not say so.
  if (!ctx.archives_with_captures.empty()) ctx.archives_checked = true;
  if (ctx.kind == FindingKind::kAdvertisedPrivatePath && !finding.finding.details.empty()) {
    ctx.advertised_path = finding.finding.details.front().text;
  }
  for (const analyzer::FindingDetail& detail : finding.finding.details) {
    if (detail.type == analyzer::MentionType::kContact ||
        detail.type == analyzer::MentionType::kIdentifier ||
        detail.type == analyzer::MentionType::kAddress) {
      ctx.patient_contact_or_records = true;
    }
  }
  // Details all read on one page of a finding that lists several: a repeated block, whose
  // findings list every page that shows it (a story lists its page and the pages its
  // inherited details come from, so its details name several pages).
  std::set<std::string_view> detail_pages;
  for (const analyzer::FindingDetail& detail : finding.finding.details) {
    if (!detail.url.empty()) detail_pages.insert(detail.url);
  }
  if (detail_pages.size() == 1 && finding.finding.pages.size() > 1) {
    ctx.url = std::string(*detail_pages.begin());
    ctx.repeated_on_pages = finding.finding.pages.size();
  }
  ctx.acknowledged = finding.exposure.acknowledged;
  return ctx;
}

}  // namespace sightline::reports
