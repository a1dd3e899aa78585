// The HTML walker (internal): one iterative pre-order/post-order traversal of a MyHTML tree
// that collects everything ExtractPage reports, still unresolved (raw hrefs, raw dates).
// An explicit stack replaces recursion, so document depth costs heap, not call stack.
// Not thread-safe per instance; any number of walks may run on different threads.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/extract/internal/html_document.h"
#include "analyzer/page_content.h"

namespace sightline::analyzer::internal {

struct RawLink {
  std::string href;
  std::string anchor;
  std::string rel;  // lower-case
  bool nofollow = false;
};

struct WalkOutput {
  std::vector<TextBlock> blocks;
  std::vector<RawLink> links;
  std::vector<std::string> images;      // raw src values
  std::string base_href;                // first <base href>
  std::vector<std::string> canonicals;  // raw hrefs of usable rel=canonical in <head>
  std::string refresh;                  // raw meta refresh target
  std::string title;
  std::string meta_description;
  std::string lang;
  std::vector<JsonLdEntity> json_ld;
  std::map<std::string, std::string> microdata;
  std::vector<std::pair<std::string, std::string>> robots_meta;
  std::vector<std::string> published_explicit;  // raw date strings
  std::vector<std::string> published_generic;   // <time datetime> without a role
  std::vector<std::string> modified;
  std::vector<std::string> problems;
};

struct WalkOptions {
  size_t max_path_elements = 12;
  bool keep_hidden = true;
  // Offset in the parsed text from which robots metas are ignored: search engines read only
  // the first 15 MB of a page, so a directive after it is never seen.
  size_t directive_limit = static_cast<size_t>(-1);
};

void WalkHtml(HtmlNode* document, const WalkOptions& options, WalkOutput* out);

// True for meta names that carry robots directives: "robots", any "*bot*" name, and the
// crawlers that do not call themselves bots (slurp, teoma, ...).
bool IsRobotsMetaName(std::string_view lower_name);

}  // namespace sightline::analyzer::internal
