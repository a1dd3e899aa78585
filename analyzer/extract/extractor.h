// ExtractPage: turns one fetched page into what a search engine sees of it (PageContent):
// charset decoding to NFC UTF-8, an HTML5 parse (MyHTML), visible and hidden text blocks with
// element paths and offsets, metadata (title, description, Open Graph/Twitter, robots metas,
// canonical, refresh), JSON-LD, microdata, dates, links and images.
// Never fails: malformed input is recorded in PageContent::problems. Stateless and
// thread-safe; the traversal is iterative, so nesting depth costs heap, not stack.
#pragma once

#include <cstddef>

#include "analyzer/page_content.h"
#include "crawler/fetched_page.h"

namespace sightline::analyzer {

struct ExtractOptions {
  // Bytes of the (decoded) body handed to the HTML parser; the rest is dropped with a
  // problem "body_cut_for_parsing". Search engines index only the first 15 MB (see
  // exposure.h), but text beyond it is still public, so the default parses more.
  size_t max_parse_bytes = 32u * 1024 * 1024;
  // Element nesting beyond this depth is flattened before parsing (text kept, problem
  // "nesting_depth_capped"): HTML5 tree construction costs O(depth) per tag, so hostile
  // nesting would otherwise make parsing quadratic (100,000 nested <div>s: 13 s in MyHTML). Real
  // pages stay far below it.
  size_t max_nesting_depth = 256;
  // Element paths keep at most this many innermost elements ("…>div>p").
  size_t max_path_elements = 12;
  // Hidden text (comments, hidden elements, noscript, template) is kept as hidden blocks.
  bool keep_hidden = true;
};

// The page's final_url (or url) is the base for links; page.body is the raw (transfer-decoded)
// body, page.headers supply the charset. Non-HTML types: text/plain becomes one kPlainText
// block; other types (PDF, images, ...) are recorded with is_html=false and no blocks.
PageContent ExtractPage(const crawler::FetchedPage& page, const ExtractOptions& options = {});

}  // namespace sightline::analyzer
