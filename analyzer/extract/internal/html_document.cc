#include "analyzer/extract/internal/html_document.h"

namespace sightline::analyzer::internal {
namespace {

constexpr size_t kMaxTagName = 64;

}  // namespace

std::unique_ptr<HtmlDocument> HtmlDocument::Parse(std::string_view html) {
  std::unique_ptr<HtmlDocument> doc(new HtmlDocument());
  doc->parser_ = myhtml_create();
  if (doc->parser_ == nullptr) return nullptr;
  // Single mode: MyHTML starts no threads of its own; the analysis pool already uses every
  // core, one page per thread.
  if (myhtml_init(doc->parser_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) {
    myhtml_destroy(doc->parser_);  // a half-initialised instance is still MyHTML's to free
    doc->parser_ = nullptr;
    return nullptr;
  }
  doc->tree_ = myhtml_tree_create();
  if (doc->tree_ == nullptr) return nullptr;
  if (myhtml_tree_init(doc->tree_, doc->parser_) != MyHTML_STATUS_OK) {
    myhtml_tree_destroy(doc->tree_);
    doc->tree_ = nullptr;
    return nullptr;
  }
  // The input is UTF-8 already (charset decoding comes first); a failed parse leaves a
  // partial tree, which is still what a browser would show of it.
  myhtml_parse(doc->tree_, MyENCODING_UTF_8, html.data(), html.size());
  return doc;
}

HtmlDocument::~HtmlDocument() {
  if (tree_ != nullptr) myhtml_tree_destroy(tree_);
  if (parser_ != nullptr) myhtml_destroy(parser_);
}

HtmlNode* HtmlDocument::document() const {
  return tree_ == nullptr ? nullptr : myhtml_tree_get_document(tree_);
}

std::string TagName(HtmlNode* node) {
  size_t length = 0;
  const char* name =
      myhtml_tag_name_by_id(myhtml_node_tree(node), myhtml_node_tag_id(node), &length);
  if (name == nullptr || length == 0) return "unknown";
  std::string out(name, length < kMaxTagName ? length : kMaxTagName);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const char* Attr(HtmlNode* node, std::string_view name) {
  for (myhtml_tree_attr_t* a = myhtml_node_attribute_first(node); a != nullptr;
       a = myhtml_attribute_next(a)) {
    size_t length = 0;
    const char* key = myhtml_attribute_key(a, &length);
    if (key == nullptr || std::string_view(key, length) != name) continue;
    const char* value = myhtml_attribute_value(a, &length);
    return value == nullptr ? "" : value;  // <p hidden> has a key and no value
  }
  return nullptr;
}

std::string_view NodeText(HtmlNode* node) {
  size_t length = 0;
  const char* text = myhtml_node_text(node, &length);
  return text == nullptr ? std::string_view() : std::string_view(text, length);
}

size_t StartOffset(HtmlNode* node) { return myhtml_node_element_position(node).begin; }

}  // namespace sightline::analyzer::internal
