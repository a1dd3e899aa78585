#include "analyzer/extract/extractor.h"

#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "analyzer/extract/charset.h"
#include "analyzer/extract/exposure.h"
#include "analyzer/extract/internal/char_refs.h"
#include "analyzer/extract/internal/dates.h"
#include "analyzer/extract/internal/html_document.h"
#include "analyzer/extract/internal/html_prepass.h"
#include "analyzer/extract/internal/html_walker.h"
#include "analyzer/extract/internal/nul_bytes.h"
#include "analyzer/extract/internal/origin_link_cache.h"
#include "analyzer/extract/internal/text_util.h"
#include "common/url.h"

namespace sightline::analyzer {
namespace {

using internal::AsciiLower;
using internal::ContainsIgnoreCase;

// Publication dates before the web's blogs, or after the fetch, are not credible.
constexpr int kEarliestCredibleYear = 1995;

bool LooksLikeHtml(std::string_view body) {
  const std::string_view head = body.substr(0, 1024);
  return ContainsIgnoreCase(head, "<!doctype html") || ContainsIgnoreCase(head, "<html") ||
         ContainsIgnoreCase(head, "<head") || ContainsIgnoreCase(head, "<body") ||
         ContainsIgnoreCase(head, "<p>") || ContainsIgnoreCase(head, "<div");
}

bool IsHtmlType(const std::string& type) {
  return type.find("html") != std::string::npos;  // text/html, application/xhtml+xml
}

bool IsTextType(const std::string& type) {
  return type == "text/plain" || type == "text/markdown" || type == "text/x-markdown";
}

// Join blocks with "\n\n" and set offsets.
void JoinText(PageContent* content) {
  size_t total = 0;
  for (const auto& b : content->blocks) total += b.text.size() + 2;
  content->text.clear();
  content->text.reserve(total);
  for (auto& b : content->blocks) {
    if (!content->text.empty()) content->text += "\n\n";
    b.offset = content->text.size();
    content->text += b.text;
  }
}

class Resolver {
 public:
  explicit Resolver(std::string base)
      : base_(std::move(base)),
        origin_(internal::OriginLinkCache::OriginOf(base_)),
        resolver_(base_) {}
  std::optional<std::string> operator()(std::string_view ref) const {
    if (base_.empty()) return std::nullopt;
    const bool cacheable = !origin_.empty() && internal::OriginLinkCache::IsOriginRelative(ref);
    auto& cache = internal::OriginLinkCache::ForThisThread();
    if (cacheable) {
      if (const std::optional<std::string>* hit = cache.Find(origin_, ref)) return *hit;
    }
    // RFC 3986 §5.2: "" and "#frag" are the base document itself.
    Result<std::string> r = resolver_.Resolve(ref);
    std::optional<std::string> resolved;
    if (r) resolved = *std::move(r);
    if (cacheable) cache.Store(origin_, ref, resolved);
    return resolved;
  }
  const std::string& base() const { return base_; }

 private:
  std::string base_;
  std::string origin_;    // empty: the base is not a normalized URL, nothing is cached
  UrlResolver resolver_;  // parses the base once for all of the page's links
};

long long DayNumber(const std::string& iso_date) {
  const int y = std::stoi(iso_date.substr(0, 4));
  const int m = std::stoi(iso_date.substr(5, 2));
  const int d = std::stoi(iso_date.substr(8, 2));
  return internal::DaysFromCivil(y, m, d);
}

// Dates parsed to YYYY-MM-DD, keeping only those between kEarliestCredibleYear and the
// fetch (plus a day for time zones).
std::vector<std::string> CredibleDates(const std::vector<std::string>& raw, long long max_day) {
  std::vector<std::string> out;
  for (const auto& r : raw) {
    std::optional<std::string> d = internal::IsoDatePrefix(r);
    if (!d) continue;
    if (std::stoi(d->substr(0, 4)) < kEarliestCredibleYear) continue;
    if (DayNumber(*d) > max_day) continue;
    out.push_back(*d);
  }
  return out;
}

void PickDates(const crawler::FetchedPage& page, const internal::WalkOutput& walk,
               const std::string& url, PageContent* content) {
  const WallTime fetched = page.fetched_at.time_since_epoch().count() > 0
                               ? page.fetched_at
                               : std::chrono::system_clock::now();
  const long long max_day =
      std::chrono::duration_cast<std::chrono::hours>(fetched.time_since_epoch()).count() / 24 + 1;
  std::vector<std::string> explicit_raw = walk.published_explicit;
  std::vector<std::string> modified_raw = walk.modified;
  for (const auto& entity : content->json_ld) {
    for (const char* key : {"datePublished", "dateCreated", "uploadDate"}) {
      auto it = entity.properties.find(key);
      if (it != entity.properties.end()) explicit_raw.push_back(it->second);
    }
    auto it = entity.properties.find("dateModified");
    if (it != entity.properties.end()) modified_raw.push_back(it->second);
  }
  if (auto from_url = internal::DateFromUrlPath(url)) explicit_raw.push_back(*from_url);
  std::vector<std::string> published = CredibleDates(explicit_raw, max_day);
  // A bare <time> may date a comment or an event; use it only when nothing says more.
  if (published.empty()) published = CredibleDates(walk.published_generic, max_day);
  if (!published.empty())
    content->published_date = *std::min_element(published.begin(), published.end());
  std::vector<std::string> modified = CredibleDates(modified_raw, max_day);
  if (!modified.empty())
    content->modified_date = *std::max_element(modified.begin(), modified.end());
}

void ExtractHtml(const crawler::FetchedPage& page, std::string html, const ExtractOptions& options,
                 PageContent* content) {
  if (html.size() > options.max_parse_bytes) {
    // Cut at a character boundary.
    size_t cut = options.max_parse_bytes;
    while (cut > 0 && (static_cast<unsigned char>(html[cut]) & 0xC0) == 0x80) --cut;
    html.resize(cut);
    content->problems.push_back("body_cut_for_parsing");
  }
  if (internal::RemoveNulBytes(&html) > 0) content->problems.push_back("nul_bytes_removed");
  if (internal::NeutralizeOutOfRangeCharRefs(&html) > 0) {
    content->problems.push_back("out_of_range_character_references");
  }
  std::string prepared;
  internal::PrepassResult prepass;
  // Where the first 15 MB that search engines read end, measured in the UTF-8 text (the
  // body's bytes for a UTF-8 page), found again in the text the parser gets.
  prepass.offset_to_map = kIndexingLimitBytes;
  const bool changed = internal::PrepareHtml(html, options.max_nesting_depth, &prepared, &prepass);
  if (prepass.dropped_tags > 0) content->problems.push_back("nesting_depth_capped");
  const std::string& parse_input = changed ? prepared : html;
  auto doc = internal::HtmlDocument::Parse(parse_input);
  if (doc == nullptr) {
    content->problems.push_back("html_parser_unavailable");
    return;
  }

  internal::WalkOutput walk;
  internal::WalkOptions walk_options;
  walk_options.max_path_elements = options.max_path_elements;
  walk_options.keep_hidden = options.keep_hidden;
  walk_options.directive_limit = changed ? prepass.mapped_offset : kIndexingLimitBytes;
  internal::WalkHtml(doc->document(), walk_options, &walk);

  content->title = std::move(walk.title);
  content->meta_description = std::move(walk.meta_description);
  content->lang = std::move(walk.lang);
  content->blocks = std::move(walk.blocks);
  content->json_ld = std::move(walk.json_ld);
  content->microdata = std::move(walk.microdata);
  content->robots_meta = std::move(walk.robots_meta);
  for (auto& p : walk.problems) content->problems.push_back(std::move(p));

  // URLs resolve against <base href> when it is usable (HTML Standard: the first one).
  Resolver page_resolver(content->url);
  Resolver resolver(content->url);
  if (!walk.base_href.empty()) {
    if (auto base = page_resolver(walk.base_href)) {
      resolver = Resolver(*base);
    } else {
      content->problems.push_back("unusable_base_href");
    }
  }
  std::unordered_set<std::string> seen_canonicals;
  for (const auto& c : walk.canonicals) {
    if (auto url = resolver(c)) seen_canonicals.insert(*url);
  }
  if (seen_canonicals.size() == 1) {
    content->canonical = *seen_canonicals.begin();
  } else if (seen_canonicals.size() > 1) {
    // Google ignores conflicting canonicals; so do we.
    content->problems.push_back("conflicting_canonicals_ignored");
  }
  for (auto& raw : walk.links) {
    auto url = resolver(raw.href);
    if (!url) continue;
    Link link;
    link.url = std::move(*url);
    link.anchor = std::move(raw.anchor);
    link.rel = std::move(raw.rel);
    link.nofollow = raw.nofollow;
    content->links.push_back(std::move(link));
  }
  if (!walk.refresh.empty()) {
    if (auto url = resolver(walk.refresh)) {
      content->meta_refresh = *url;
      Link link;
      link.url = *url;
      link.rel = "refresh";
      content->links.push_back(std::move(link));
    }
  }
  std::unordered_set<std::string> seen_images;
  for (const auto& raw : walk.images) {
    auto url = resolver(raw);
    if (url && seen_images.insert(*url).second) content->images.push_back(std::move(*url));
  }
  PickDates(page, walk, content->url, content);
}

}  // namespace

PageContent ExtractPage(const crawler::FetchedPage& page, const ExtractOptions& options) {
  PageContent content;
  content.url = page.final_url.empty() ? page.url : page.final_url;
  content.content_type = AsciiLower(page.content_type);
  if (page.truncated) content.problems.push_back("body_truncated");
  std::string type = content.content_type;
  if (type.empty()) type = LooksLikeHtml(page.body) ? "text/html" : "text/plain";
  const bool html = IsHtmlType(type);
  if (!html && !IsTextType(type)) {
    // PDF, images and the like: recorded with their type, nothing to read here.
    return content;
  }
  DecodedBody decoded = DecodeBody(page.body, page.Header("content-type"), html);
  content.charset = decoded.charset;
  content.charset_source = decoded.source;
  for (auto& p : decoded.problems) content.problems.push_back(std::move(p));
  if (html) {
    content.is_html = true;
    ExtractHtml(page, std::move(decoded.utf8), options, &content);
  } else {
    TextBlock block;
    block.kind = BlockKind::kPlainText;
    block.text = std::string(internal::Trim(decoded.utf8));
    block.path = "";
    if (!block.text.empty()) content.blocks.push_back(std::move(block));
  }
  JoinText(&content);
  return content;
}

}  // namespace sightline::analyzer
