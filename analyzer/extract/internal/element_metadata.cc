#include "analyzer/extract/internal/element_metadata.h"

#include <algorithm>
#include <string_view>

#include "analyzer/extract/charset.h"
#include "analyzer/extract/internal/html_document.h"
#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer::internal {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }
bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// Open Graph / Twitter / article properties whose content is text a reader could see in a
// share card (not URLs, sizes or types).
bool IsSocialTextProperty(std::string_view key) {
  if (!StartsWith(key, "og:") && !StartsWith(key, "twitter:") && !StartsWith(key, "article:") &&
      !StartsWith(key, "profile:") && !StartsWith(key, "book:")) {
    return false;
  }
  static constexpr std::string_view kNonText[] = {"url",         "image",
                                                  "type",        "locale",
                                                  "width",       "height",
                                                  "card",        "time",
                                                  "secure_url",  "video",
                                                  "audio",       "app:id:iphone",
                                                  "app:id:ipad", "app:id:googleplay",
                                                  "label1",      "data1"};
  for (std::string_view suffix : kNonText) {
    if (EndsWith(key, suffix)) return false;
  }
  return true;
}

bool IsAuthorName(std::string_view key) {
  return key == "author" || key == "keywords" || key == "dc.creator" || key == "dcterms.creator" ||
         key == "citation_author" || key == "byl" || key == "dc.contributor" ||
         key == "copyright" || key == "owner" || key == "reply-to" || key == "geo.placename" ||
         key == "geo.region";
}

std::string_view Value(const char* v) { return v == nullptr ? std::string_view() : v; }

}  // namespace

bool IsRobotsMetaName(std::string_view name) {
  if (name == "robots" || name.find("bot") != std::string_view::npos) return true;
  static constexpr std::string_view kOthers[] = {
      "slurp",      "teoma",  "ia_archiver",    "yandex", "baiduspider",
      "duckduckgo", "google", "googlebot-news", "msnbot", "bingpreview"};
  for (std::string_view other : kOthers) {
    if (name == other) return true;
  }
  return false;
}

void HandleMeta(HtmlNode* e, const std::string& path, bool nosnippet, size_t directive_limit,
                BlockBuilder* builder, WalkOutput* out) {
  const std::string content(Trim(Value(Attr(e, "content"))));
  const std::string name = AsciiLower(Trim(Value(Attr(e, "name"))));
  const std::string property = AsciiLower(Trim(Value(Attr(e, "property"))));
  const std::string http_equiv = AsciiLower(Trim(Value(Attr(e, "http-equiv"))));
  const char* itemprop = Attr(e, "itemprop");
  if (itemprop != nullptr) RecordMicrodata(itemprop, content, out);

  if (http_equiv == "refresh" && out->refresh.empty()) {
    // "5; url=/next" or "0;URL='/next'"
    const size_t semi = content.find_first_of(";,");
    if (semi != std::string::npos) {
      std::string_view rest = Trim(std::string_view(content).substr(semi + 1));
      if (rest.size() >= 3 && EqualsIgnoreCase(rest.substr(0, 3), "url")) {
        rest = Trim(rest.substr(3));
        if (!rest.empty() && rest[0] == '=') rest = Trim(rest.substr(1));
      }
      if (!rest.empty() && (rest[0] == '\'' || rest[0] == '"')) {
        const char q = rest[0];
        rest.remove_prefix(1);
        const size_t end = rest.find(q);
        if (end != std::string_view::npos) rest = rest.substr(0, end);
      }
      out->refresh = std::string(Trim(rest));
    }
    return;
  }
  if (content.empty()) return;
  const std::string& key = !name.empty() ? name : property;
  if (key.empty()) return;

  if (key == "description") {
    if (out->meta_description.empty()) {
      out->meta_description = CollapseWhitespace(content);
      NormalizeNfc(&out->meta_description);
    }
    builder->Emit(BlockKind::kMetaDescription, content, path, true, nosnippet);
    return;
  }
  if (!name.empty() && IsRobotsMetaName(name)) {
    // Search engines read only the first 15 MB of the HTML: a directive beyond it is never
    // seen and must not decide the verdict.
    if (StartOffset(e) >= directive_limit) {
      constexpr std::string_view kProblem = "robots_meta_beyond_15mb_ignored";
      if (std::find(out->problems.begin(), out->problems.end(), kProblem) == out->problems.end()) {
        out->problems.emplace_back(kProblem);
      }
      return;
    }
    out->robots_meta.emplace_back(name, content);
    return;
  }
  if (key == "article:published_time" || key == "og:published_time" || key == "date" ||
      key == "pubdate" || key == "publish-date" || key == "publish_date" || key == "dc.date" ||
      key == "dc.date.issued" || key == "dcterms.created" || key == "dcterms.issued" ||
      key == "citation_publication_date" || key == "sailthru.date" || key == "parsely-pub-date") {
    out->published_explicit.push_back(content);
    return;
  }
  if (key == "article:modified_time" || key == "og:updated_time" || key == "last-modified" ||
      key == "dcterms.modified" || key == "dc.date.modified") {
    out->modified.push_back(content);
    return;
  }
  if (key == "og:image" || key == "og:image:url" || key == "og:image:secure_url" ||
      key == "twitter:image" || key == "twitter:image:src") {
    out->images.push_back(content);
    return;
  }
  if (IsSocialTextProperty(key)) {
    builder->Emit(BlockKind::kSocialMeta, key + ": " + content, path, true, nosnippet);
    return;
  }
  if (IsAuthorName(key)) {
    builder->Emit(BlockKind::kOther, key + ": " + content, path, true, nosnippet);
  }
}

void HandleLinkElement(HtmlNode* e, bool in_head, WalkOutput* out) {
  const char* href = Attr(e, "href");
  const char* rel_attr = Attr(e, "rel");
  if (href == nullptr || rel_attr == nullptr) return;
  const std::string rel = AsciiLower(CollapseWhitespace(rel_attr));
  if (HasToken(rel, "canonical")) {
    // RFC 6596 / Google: a canonical carrying hreflang, media or type describes an
    // alternate, and one outside <head> is ignored.
    if (Attr(e, "hreflang") != nullptr || Attr(e, "media") != nullptr ||
        Attr(e, "type") != nullptr) {
      out->problems.push_back("canonical_with_hreflang_media_or_type_ignored");
    } else if (!in_head) {
      out->problems.push_back("canonical_outside_head_ignored");
    } else {
      out->canonicals.emplace_back(Trim(href));
    }
  }
  if (HasToken(rel, "alternate") || HasToken(rel, "next") || HasToken(rel, "prev") ||
      HasToken(rel, "previous")) {
    RawLink link;
    link.href = std::string(Trim(href));
    link.rel = rel;
    link.nofollow = HasToken(rel, "nofollow");
    out->links.push_back(std::move(link));
  }
  if (HasToken(rel, "image_src")) out->images.emplace_back(Trim(href));
}

void HandleTime(HtmlNode* e, WalkOutput* out) {
  const char* datetime = Attr(e, "datetime");
  if (datetime == nullptr) return;
  const std::string_view itemprop = Value(Attr(e, "itemprop"));
  const std::string_view cls = Value(Attr(e, "class"));
  if (HasToken(itemprop, "dateModified") || HasToken(cls, "updated") || HasToken(cls, "modified") ||
      HasToken(cls, "date-modified")) {
    out->modified.emplace_back(datetime);
  } else if (HasToken(itemprop, "datePublished") || HasToken(itemprop, "dateCreated") ||
             Attr(e, "pubdate") != nullptr || HasToken(cls, "published") ||
             HasToken(cls, "entry-date") || HasToken(cls, "post-date") ||
             HasToken(cls, "date-published")) {
    out->published_explicit.emplace_back(datetime);
  } else {
    out->published_generic.emplace_back(datetime);
  }
}

std::string MicrodataAttributeValue(HtmlNode* e) {
  if (const char* content = Attr(e, "content")) return content;
  switch (TagOf(e)) {
    case MyHTML_TAG_A:
    case MyHTML_TAG_LINK:
    case MyHTML_TAG_AREA:
      return std::string(Value(Attr(e, "href")));
    case MyHTML_TAG_IMG:
    case MyHTML_TAG_AUDIO:
    case MyHTML_TAG_VIDEO:
    case MyHTML_TAG_SOURCE:
    case MyHTML_TAG_IFRAME:
    case MyHTML_TAG_EMBED:
    case MyHTML_TAG_TRACK:
      return std::string(Value(Attr(e, "src")));
    case MyHTML_TAG_TIME:
      return std::string(Value(Attr(e, "datetime")));
    case MyHTML_TAG_METER:
      return std::string(Value(Attr(e, "value")));
    case MyHTML_TAG_OBJECT:
      return std::string(Value(Attr(e, "data")));
    default:
      // MyHTML has no constant for <data>; it gets a tag id by name like custom elements.
      if (IsHtmlNamespace(e) && TagName(e) == "data") return std::string(Value(Attr(e, "value")));
      return {};
  }
}

void RecordMicrodata(const std::string& itemprop, const std::string& value, WalkOutput* out) {
  const std::string trimmed(Trim(value));
  if (trimmed.empty()) return;
  // itemprop may list several names.
  size_t i = 0;
  while (i < itemprop.size()) {
    while (i < itemprop.size() && IsAsciiSpace(itemprop[i])) ++i;
    size_t j = i;
    while (j < itemprop.size() && !IsAsciiSpace(itemprop[j])) ++j;
    if (j > i) {
      const std::string name = itemprop.substr(i, j - i);
      out->microdata.emplace(name, trimmed);
      if (name == "datePublished" || name == "dateCreated") {
        out->published_explicit.push_back(trimmed);
      } else if (name == "dateModified") {
        out->modified.push_back(trimmed);
      }
    }
    i = j;
  }
}

void CollectImageUrls(HtmlNode* e, WalkOutput* out) {
  for (const char* attr : {"src", "data-src", "data-lazy-src"}) {
    if (const char* v = Attr(e, attr)) {
      if (!Trim(v).empty()) out->images.emplace_back(Trim(v));
    }
  }
  for (const char* attr : {"srcset", "data-srcset"}) {
    const char* v = Attr(e, attr);
    if (v == nullptr) continue;
    // "a.jpg 1x, b.jpg 2x": URL then an optional descriptor, comma-separated.
    std::string_view s(v);
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && (IsAsciiSpace(s[i]) || s[i] == ',')) ++i;
      size_t j = i;
      while (j < s.size() && !IsAsciiSpace(s[j])) ++j;
      std::string_view url = s.substr(i, j - i);
      while (!url.empty() && url.back() == ',') url.remove_suffix(1);
      if (!url.empty()) out->images.emplace_back(url);
      while (j < s.size() && s[j] != ',') ++j;
      i = j;
    }
  }
}

}  // namespace sightline::analyzer::internal
