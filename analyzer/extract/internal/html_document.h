// RAII ownership of one HTML5 parse by MyHTML (Debian's libmodest), and the few node
// accessors the walker needs. MyHTML replaced Gumbo 0.10.1 here: both build the tree the
// HTML Standard specifies, but MyHTML does it ~17x faster on the benchmark site (340 vs 20
// MB/s, see docs/performance.md), which made Gumbo half of all analysis CPU.
// Each document has its own parser instance (creating one costs ~9 µs), so documents on
// different threads share nothing and a large page's memory goes with its document.
// Internal: MyHTML types never leave analyzer/extract/internal.
#pragma once

#include <myhtml/api.h>

#include <memory>
#include <string>
#include <string_view>

namespace sightline::analyzer::internal {

using HtmlNode = myhtml_tree_node_t;

class HtmlDocument {
 public:
  // nullptr when MyHTML could not set up its parser (it allocates its pools up front).
  static std::unique_ptr<HtmlDocument> Parse(std::string_view html);
  ~HtmlDocument();
  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;

  // The document node: its children are the doctype, top-level comments and <html>.
  HtmlNode* document() const;

 private:
  HtmlDocument() = default;

  myhtml_t* parser_ = nullptr;
  myhtml_tree_t* tree_ = nullptr;
};

// Tag id of an element (MyHTML_TAG_*), or of a text/comment/doctype node (MyHTML_TAG__TEXT...).
inline myhtml_tag_id_t TagOf(HtmlNode* node) { return myhtml_node_tag_id(node); }

inline bool IsHtmlNamespace(HtmlNode* node) {
  return myhtml_node_namespace(node) == MyHTML_NAMESPACE_HTML;
}

// Lower-case tag name as the tokenizer saw it ("div", "my-widget"); "unknown" if MyHTML has
// none. Capped at 64 bytes so a hostile tag name cannot bloat every path below it.
std::string TagName(HtmlNode* node);

// Value of the first attribute called `name` (HTML keeps the first of duplicates), or
// nullptr. Values are NUL-terminated and never hold a NUL (the tokenizer replaces it).
const char* Attr(HtmlNode* node, std::string_view name);

// Text of a text or comment node (character references already decoded).
std::string_view NodeText(HtmlNode* node);

// Offset in the parsed input of the "<" that opened an element.
size_t StartOffset(HtmlNode* node);

}  // namespace sightline::analyzer::internal
