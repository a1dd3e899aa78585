#include "analyzer/extract/internal/html_walker.h"

#include <cstring>

#include "analyzer/extract/charset.h"
#include "analyzer/extract/internal/block_builder.h"
#include "analyzer/extract/internal/element_kinds.h"
#include "analyzer/extract/internal/element_metadata.h"
#include "analyzer/extract/internal/html_document.h"
#include "analyzer/extract/internal/json_ld.h"
#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer::internal {
namespace {

struct Frame {
  HtmlNode* next_child = nullptr;  // the child of this element (or document) to visit next
  std::string name;                // tag name for paths; empty for the document
  bool hidden = false;
  BlockKind hidden_kind = BlockKind::kHiddenText;
  bool nosnippet = false;
  bool in_head = false;
  // Exit work.
  bool restores_style = false;
  BlockStyle saved_style;
  bool anchor = false;
  size_t anchor_link = 0;
  size_t anchor_capture = 0;
  std::string itemprop;
  size_t itemprop_capture = 0;
  bool itemprop_capturing = false;
};

// HTML's ASCII whitespace; a text node of nothing else only separates words.
bool IsWhitespaceOnly(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\f' && c != '\r') return false;
  }
  return true;
}

std::string ChildText(HtmlNode* e) {
  std::string text;
  for (HtmlNode* child = myhtml_node_child(e); child != nullptr; child = myhtml_node_next(child)) {
    if (TagOf(child) == MyHTML_TAG__TEXT) text += NodeText(child);
  }
  return text;
}

class Walker {
 public:
  Walker(const WalkOptions& options, WalkOutput* out)
      : options_(options), out_(out), builder_(&out->blocks) {}

  void Run(HtmlNode* document) {
    Frame root;
    root.next_child = myhtml_node_child(document);
    stack_.push_back(std::move(root));
    while (!stack_.empty()) {
      Frame& top = stack_.back();
      HtmlNode* child = top.next_child;
      if (child == nullptr) {
        Exit(stack_.size() - 1);
        stack_.pop_back();
        continue;
      }
      top.next_child = myhtml_node_next(child);
      Visit(child);
    }
    builder_.Flush();
  }

 private:
  std::string PathOf(size_t frame_index, std::string_view leaf = {}) const {
    std::vector<std::string_view> parts;
    size_t i = frame_index + 1;
    size_t limit = options_.max_path_elements == 0 ? 1 : options_.max_path_elements;
    if (!leaf.empty()) {
      parts.push_back(leaf);
      --limit;
    }
    bool truncated = false;
    while (i > 0) {
      --i;
      if (stack_[i].name.empty()) continue;
      if (parts.size() >= limit + (leaf.empty() ? 0 : 1)) {
        truncated = true;
        break;
      }
      parts.push_back(stack_[i].name);
    }
    std::string path = truncated ? "\u2026" : "";
    for (size_t k = parts.size(); k > 0; --k) {
      if (!path.empty()) path += ">";
      path += parts[k - 1];
    }
    return path;
  }

  void Visit(HtmlNode* node) {
    const Frame& parent = stack_.back();
    switch (TagOf(node)) {
      case MyHTML_TAG__TEXT: {
        const std::string_view text = NodeText(node);
        if (IsWhitespaceOnly(text)) {
          builder_.Space();
          return;
        }
        if (parent.hidden && !options_.keep_hidden) return;
        builder_.AppendText(text);
        return;
      }
      case MyHTML_TAG__COMMENT:
        if (options_.keep_hidden) {
          builder_.Emit(BlockKind::kComment, NodeText(node), PathOf(stack_.size() - 1), true,
                        parent.nosnippet);
        }
        return;
      case MyHTML_TAG__UNDEF:
      case MyHTML_TAG__DOCTYPE:
      case MyHTML_TAG__END_OF_FILE:
        return;
      default:
        Enter(node);
        return;
    }
  }

  void Enter(HtmlNode* e) {
    const Frame& parent = stack_.back();
    const myhtml_tag_id_t tag = TagOf(e);
    Frame frame;
    frame.next_child = myhtml_node_child(e);
    frame.name = TagName(e);
    frame.hidden = parent.hidden;
    frame.hidden_kind = parent.hidden_kind;
    frame.nosnippet = parent.nosnippet;
    frame.in_head = parent.in_head || tag == MyHTML_TAG_HEAD;
    const bool html_ns = IsHtmlNamespace(e);
    const size_t index = stack_.size();  // this frame's index once pushed

    // Hidden to visitors, read by crawlers.
    if (!frame.hidden) {
      const char* style = Attr(e, "style");
      const char* aria = Attr(e, "aria-hidden");
      if (tag == MyHTML_TAG_TEMPLATE) {
        frame.hidden = true;
        frame.hidden_kind = BlockKind::kTemplate;
      } else if (tag == MyHTML_TAG_NOSCRIPT) {
        frame.hidden = true;
        frame.hidden_kind = BlockKind::kNoscript;
      } else if (Attr(e, "hidden") != nullptr || (style != nullptr && StyleHides(style)) ||
                 (aria != nullptr && EqualsIgnoreCase(Trim(aria), "true"))) {
        frame.hidden = true;
        frame.hidden_kind = BlockKind::kHiddenText;
      }
    }
    if (Attr(e, "data-nosnippet") != nullptr) frame.nosnippet = true;

    if (tag == MyHTML_TAG_HTML && out_->lang.empty()) {
      if (const char* lang = Attr(e, "lang")) out_->lang = std::string(Trim(lang));
    }

    // Elements handled whole, without descending.
    if (html_ns && tag == MyHTML_TAG_TITLE) {
      std::string text = CollapseWhitespace(ChildText(e));
      NormalizeNfc(&text);
      if (out_->title.empty() && !text.empty() && !parent.hidden) {
        out_->title = text;
        builder_.Emit(BlockKind::kTitle, text, PathOf(index - 1, "title"), false, frame.nosnippet);
      } else if (!text.empty()) {
        builder_.Emit(frame.hidden ? frame.hidden_kind : BlockKind::kOther, text,
                      PathOf(index - 1, "title"), frame.hidden, frame.nosnippet);
      }
      return;
    }
    if (tag == MyHTML_TAG_SCRIPT) {
      const char* type = Attr(e, "type");
      if (type != nullptr && ContainsIgnoreCase(type, "ld+json")) JsonLd(e, index, frame);
      return;
    }
    if (tag == MyHTML_TAG_META) {
      HandleMeta(e, PathOf(index - 1, "meta"), frame.nosnippet, options_.directive_limit, &builder_,
                 out_);
      return;
    }
    if (tag == MyHTML_TAG_LINK) {
      if (const char* itemprop = Attr(e, "itemprop")) {
        RecordMicrodata(itemprop, MicrodataAttributeValue(e), out_);
      }
      HandleLinkElement(e, frame.in_head, out_);
      return;
    }
    if (tag == MyHTML_TAG_BASE) {
      const char* href = Attr(e, "href");
      if (href != nullptr && out_->base_href.empty()) out_->base_href = std::string(Trim(href));
      return;
    }

    Attributes(e, index, frame);

    // An SVG <title> is a tooltip: text, not the document title.
    if (SkipsContent(tag) && (html_ns || tag != MyHTML_TAG_TITLE)) return;
    if (tag == MyHTML_TAG_BR) {
      builder_.Space();
      return;
    }

    // Block boundaries: a typed block, a container, or a change of hidden/nosnippet state.
    BlockKind typed = BlockKind::kPlainText;
    const bool is_typed = html_ns && TypedBlock(tag, &typed);
    const bool is_container = ContainerBlock(tag);
    const bool state_change = frame.hidden != parent.hidden || frame.nosnippet != parent.nosnippet;
    if (is_typed || is_container || state_change) {
      BlockStyle style;
      const BlockKind current = builder_.style().kind;
      const bool current_typed = current != BlockKind::kPlainText && !builder_.style().hidden;
      if (frame.hidden) {
        style.kind = frame.hidden_kind;
      } else if (is_typed) {
        style.kind = typed;
      } else {
        style.kind = current_typed ? current : BlockKind::kPlainText;
      }
      style.hidden = frame.hidden;
      style.nosnippet = frame.nosnippet;
      stack_.push_back(std::move(frame));
      style.path = PathOf(index);
      Frame& pushed = stack_.back();
      pushed.restores_style = true;
      pushed.saved_style = builder_.style();
      builder_.Start(std::move(style));
      return;
    }
    stack_.push_back(std::move(frame));
  }

  // Attributes that carry text or links, on any element that is not handled whole.
  void Attributes(HtmlNode* e, size_t index, Frame& frame) {
    const myhtml_tag_id_t tag = TagOf(e);
    const bool hidden = true;  // attribute text is never on screen as text
    if (const char* alt = Attr(e, "alt")) {
      if (tag == MyHTML_TAG_IMG || tag == MyHTML_TAG_AREA || tag == MyHTML_TAG_INPUT) {
        builder_.Emit(BlockKind::kAltText, alt, PathOf(index - 1, frame.name), hidden,
                      frame.nosnippet);
        if (InAnchor()) builder_.AppendCaptureOnly(alt);
      }
    }
    if (const char* title = Attr(e, "title")) {
      builder_.Emit(BlockKind::kTitleAttribute, title, PathOf(index - 1, frame.name), hidden,
                    frame.nosnippet);
    }
    if (tag == MyHTML_TAG_IMG || tag == MyHTML_TAG_SOURCE ||
        (tag == MyHTML_TAG_INPUT && Attr(e, "src") != nullptr)) {
      CollectImageUrls(e, out_);
    }
    if (tag == MyHTML_TAG_TIME) HandleTime(e, out_);
    if (tag == MyHTML_TAG_A || tag == MyHTML_TAG_AREA) Anchor(e, index, frame);
    if (tag == MyHTML_TAG_IFRAME || tag == MyHTML_TAG_FRAME) {
      if (const char* src = Attr(e, "src")) {
        RawLink link;
        link.href = std::string(Trim(src));
        out_->links.push_back(std::move(link));
      }
    }
    if (const char* itemprop = Attr(e, "itemprop")) {
      std::string value = MicrodataAttributeValue(e);
      if (!value.empty() || Attr(e, "itemscope") != nullptr) {
        RecordMicrodata(itemprop, value, out_);
      } else {
        frame.itemprop = itemprop;
        frame.itemprop_capture = builder_.OpenCapture();
        frame.itemprop_capturing = true;
      }
    }
  }

  bool InAnchor() const {
    for (size_t i = stack_.size(); i > 0; --i) {
      if (stack_[i - 1].anchor) return true;
    }
    return false;
  }

  void Anchor(HtmlNode* e, size_t index, Frame& frame) {
    const char* href = Attr(e, "href");
    if (href == nullptr) return;
    const std::string_view target = Trim(href);
    if (target.size() > 7 && (EqualsIgnoreCase(target.substr(0, 7), "mailto:"))) {
      builder_.Emit(BlockKind::kOther, target.substr(7), PathOf(index - 1, frame.name), true,
                    frame.nosnippet);
      return;
    }
    if (target.size() > 4 && EqualsIgnoreCase(target.substr(0, 4), "tel:")) {
      builder_.Emit(BlockKind::kOther, target.substr(4), PathOf(index - 1, frame.name), true,
                    frame.nosnippet);
      return;
    }
    RawLink link;
    link.href = std::string(target);
    if (const char* rel = Attr(e, "rel")) {
      link.rel = AsciiLower(CollapseWhitespace(rel));
      link.nofollow = HasToken(link.rel, "nofollow");
    }
    out_->links.push_back(std::move(link));
    if (TagOf(e) == MyHTML_TAG_A) {
      frame.anchor = true;
      frame.anchor_link = out_->links.size() - 1;
      frame.anchor_capture = builder_.OpenCapture();
    }
  }

  void JsonLd(HtmlNode* e, size_t index, const Frame& frame) {
    const size_t before = out_->json_ld.size();
    if (!ParseJsonLd(ChildText(e), &out_->json_ld)) {
      out_->problems.push_back("invalid_json_ld");
      return;
    }
    const std::string path = PathOf(index - 1, "script");
    for (size_t i = before; i < out_->json_ld.size(); ++i) {
      builder_.Emit(BlockKind::kJsonLd, JsonLdEntityText(out_->json_ld[i]), path, true,
                    frame.nosnippet);
    }
  }

  void Exit(size_t index) {
    Frame& frame = stack_[index];
    if (frame.itemprop_capturing) {
      RecordMicrodata(frame.itemprop, builder_.CloseCapture(frame.itemprop_capture), out_);
    }
    if (frame.anchor) {
      out_->links[frame.anchor_link].anchor = builder_.CloseCapture(frame.anchor_capture);
    }
    if (frame.restores_style) builder_.Start(std::move(frame.saved_style));
  }

  const WalkOptions& options_;
  WalkOutput* out_;
  BlockBuilder builder_;
  std::vector<Frame> stack_;
};

}  // namespace

void WalkHtml(HtmlNode* document, const WalkOptions& options, WalkOutput* out) {
  if (document == nullptr) return;
  Walker(options, out).Run(document);
}

}  // namespace sightline::analyzer::internal
