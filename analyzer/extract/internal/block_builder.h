// BlockBuilder: accumulates the text of the current block while the HTML walker streams
// text nodes into it, and cuts blocks at block-element, hidden and nosnippet boundaries.
// Also keeps "captures" (the text under an <a> or an itemprop element) in one shared buffer
// so nested captures cost no extra copies. Internal; not thread-safe (one per walk).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/page_content.h"

namespace sightline::analyzer::internal {

struct BlockStyle {
  BlockKind kind = BlockKind::kPlainText;
  bool hidden = false;
  bool nosnippet = false;
  std::string path;
};

class BlockBuilder {
 public:
  explicit BlockBuilder(std::vector<TextBlock>* out) : out_(out) {}

  // Ends the current block (if it has text) and starts one with `style`.
  void Start(BlockStyle style);
  // Ends the current block; following text continues with the same style.
  void Flush();
  void AppendText(std::string_view text);
  void Space() { pending_space_ = true; }
  const BlockStyle& style() const { return style_; }

  // A block of its own (alt text, comment, meta), not disturbing the current one.
  void Emit(BlockKind kind, std::string_view text, std::string path, bool hidden, bool nosnippet);

  // Captures: text appended while any capture is open is also recorded here.
  size_t OpenCapture() {
    ++open_captures_;
    return capture_.size();
  }
  std::string CloseCapture(size_t start);
  // Text that belongs to open captures but not to the block (an image's alt in a link).
  void AppendCaptureOnly(std::string_view text) {
    if (open_captures_ == 0) return;
    capture_.append(text);
    capture_.push_back(' ');
  }

 private:
  std::vector<TextBlock>* out_;
  BlockStyle style_;
  std::string text_;
  bool pending_space_ = false;
  std::string capture_;
  size_t open_captures_ = 0;
};

}  // namespace sightline::analyzer::internal
