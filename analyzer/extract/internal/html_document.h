// RAII ownership of one HTML5 parse by MyHTML (Debian's libmodest), and the few node
// accessors the walker needs. MyHTML replaced Gumbo 0.10.1 here: both build the tree the
// HTML Standard specifies, but MyHTML does it ~17x faster on the benchmark site (340 vs 20
// MB/s, see docs/performance.md), which made Gumbo half of all analysis CPU.
// Each thread keeps one MyHTML parser and tree and reuses them page after page: setting
// them up was a third of a small page's parse. Threads share nothing. A document that
// finds its thread's parser busy (two documents alive at once) gets a parser of its own.
// Internal: MyHTML types never leave analyzer/extract/internal.
#pragma once

#include <myhtml/api.h>

#include <memory>
#include <string>
#include <string_view>

namespace sightline::analyzer::internal {

using HtmlNode = myhtml_tree_node_t;

class HtmlParser;  // a MyHTML parser and tree (html_document.cc)

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

  std::unique_ptr<HtmlParser> own_;  // set when the thread's parser was busy
  HtmlParser* parser_ = nullptr;     // the thread's, or own_
  size_t input_size_ = 0;
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
