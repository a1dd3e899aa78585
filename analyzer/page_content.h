// PageContent: what a search engine sees of one page, produced by extraction (MyHTML) from a
// FetchedPage, consumed by detection, exposure and linkage. All text is UTF-8, NFC.
// Plain data; no ownership beyond its own members.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sightline::analyzer {

enum class BlockKind {
  kTitle,
  kMetaDescription,
  kSocialMeta,  // Open Graph / Twitter card text
  kHeading,
  kParagraph,
  kListItem,
  kTableCell,
  kBlockquote,
  kCaption,
  kAltText,
  kTitleAttribute,
  kAnchorText,
  kJsonLd,
  kComment,     // HTML comment
  kHiddenText,  // hidden attribute, display:none, visibility:hidden, aria-hidden
  kNoscript,
  kTemplate,
  kPlainText,  // a text/plain response, or loose text
  kOther,
};
const char* BlockKindName(BlockKind kind);

struct TextBlock {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  std::string path;          // element path, e.g. "html>body>article>p"
  size_t offset = 0;         // where `text` starts in PageContent::text
  bool hidden = false;       // a visitor does not see it, a crawler does
  bool boilerplate = false;  // repeated on most pages of the site (nav, footer)
  bool nosnippet = false;    // inside a data-nosnippet element
};

struct Link {
  std::string url;  // absolute, normalised
  std::string anchor;
  std::string rel;  // as written, lower-case
  bool nofollow = false;
};

// A JSON-LD node flattened to dotted property paths: {"@type": "Physician",
// "name": "…", "address.addressLocality": "Fairview", "author.name": "…"}.
struct JsonLdEntity {
  std::string type;
  std::map<std::string, std::string> properties;
};

struct PageContent {
  std::string url;  // final URL
  bool is_html = false;
  std::string content_type;
  std::string charset;         // what the body was decoded from
  std::string charset_source;  // "header", "bom", "meta", "detected", "default"
  std::string lang;
  std::string title;
  std::string meta_description;
  std::vector<TextBlock> blocks;
  std::string text;  // blocks joined by "\n\n"; TextBlock::offset indexes into it
  std::vector<Link> links;
  std::vector<std::string> images;  // absolute URLs, for a later EXIF check
  std::vector<JsonLdEntity> json_ld;
  std::map<std::string, std::string> microdata;  // itemprop -> text (first occurrence)
  // (meta name, content) for robots, googlebot, bingbot and other bot-specific metas.
  std::vector<std::pair<std::string, std::string>> robots_meta;
  std::string canonical;     // from <link rel=canonical>, absolute; empty when absent
  std::string meta_refresh;  // target URL of <meta http-equiv=refresh>, absolute
  std::optional<std::string> published_date;  // YYYY-MM-DD, earliest credible
  std::optional<std::string> modified_date;
  std::vector<std::string> problems;  // what was malformed, as data (never fails)
};

}  // namespace sightline::analyzer
