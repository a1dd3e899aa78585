#include "analyzer/extract/internal/html_document.h"

#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer::internal {

class HtmlParser {
 public:
  // nullptr when MyHTML cannot allocate its parser or tree.
  static std::unique_ptr<HtmlParser> Create() {
    std::unique_ptr<HtmlParser> p(new HtmlParser());
    p->myhtml_ = myhtml_create();
    if (p->myhtml_ == nullptr) return nullptr;
    // Single mode: MyHTML starts no threads of its own; the analysis pool already uses
    // every core, one page per thread.
    if (myhtml_init(p->myhtml_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) {
      return nullptr;  // a half-initialised instance is still freed by the destructor
    }
    p->tree_ = myhtml_tree_create();
    if (p->tree_ == nullptr) return nullptr;
    if (myhtml_tree_init(p->tree_, p->myhtml_) != MyHTML_STATUS_OK) return nullptr;
    return p;
  }
  ~HtmlParser() {
    if (tree_ != nullptr) myhtml_tree_destroy(tree_);
    if (myhtml_ != nullptr) myhtml_destroy(myhtml_);
  }
  HtmlParser(const HtmlParser&) = delete;
  HtmlParser& operator=(const HtmlParser&) = delete;

  void Parse(std::string_view html) {
    // The input is UTF-8 already (charset decoding comes first); a failed parse leaves a
    // partial tree, which is still what a browser would show of it.
    myhtml_parse(tree_, MyENCODING_UTF_8, html.data(), html.size());
  }
  HtmlNode* document() const { return myhtml_tree_get_document(tree_); }
  // Empties the tree for the next page (myhtml_parse would too, but not release the
  // nodes' text until then).
  void Clean() { myhtml_tree_clean(tree_); }

  bool busy = false;

 private:
  HtmlParser() = default;

  myhtml_t* myhtml_ = nullptr;
  myhtml_tree_t* tree_ = nullptr;
};

namespace {

constexpr size_t kMaxTagName = 64;
// After a page larger than this the thread's parser is rebuilt: MyHTML keeps its pools at
// their largest size, and a rare large page should not pin its pools for the rest of the crawl.
constexpr size_t kReuseLimit = 1024u * 1024;

std::unique_ptr<HtmlParser>& ThreadParser() {
  thread_local std::unique_ptr<HtmlParser> parser;
  return parser;
}

}  // namespace

std::unique_ptr<HtmlDocument> HtmlDocument::Parse(std::string_view html) {
  std::unique_ptr<HtmlDocument> doc(new HtmlDocument());
  std::unique_ptr<HtmlParser>& shared = ThreadParser();
  if (shared == nullptr) shared = HtmlParser::Create();
  if (shared != nullptr && !shared->busy) {
    doc->parser_ = shared.get();
  } else {
    doc->own_ = HtmlParser::Create();
    if (doc->own_ == nullptr) return nullptr;
    doc->parser_ = doc->own_.get();
  }
  doc->parser_->busy = true;
  doc->input_size_ = html.size();
  doc->parser_->Parse(html);
  return doc;
}

HtmlDocument::~HtmlDocument() {
  if (parser_ == nullptr || own_ != nullptr) return;  // an own parser goes with own_
  std::unique_ptr<HtmlParser>& shared = ThreadParser();
  if (input_size_ > kReuseLimit) {
    shared.reset();
    return;
  }
  parser_->Clean();
  parser_->busy = false;
}

HtmlNode* HtmlDocument::document() const {
  return parser_ == nullptr ? nullptr : parser_->document();
}

std::string TagName(HtmlNode* node) {
  size_t length = 0;
  const char* name =
      myhtml_tag_name_by_id(myhtml_node_tree(node), myhtml_node_tag_id(node), &length);
  if (name == nullptr || length == 0) return "unknown";
  return AsciiLower(std::string_view(name, length < kMaxTagName ? length : kMaxTagName));
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
