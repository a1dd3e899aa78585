#include "analyzer/extract/internal/block_builder.h"

#include "analyzer/extract/charset.h"
#include "analyzer/extract/internal/text_util.h"

namespace sightline::analyzer::internal {

void BlockBuilder::Start(BlockStyle style) {
  Flush();
  style_ = std::move(style);
}

void BlockBuilder::Flush() {
  pending_space_ = false;
  if (text_.empty()) return;
  // The document was normalised before parsing, but character references ("e&#x301;")
  // can still produce decomposed text.
  NormalizeNfc(&text_);
  TextBlock block;
  block.kind = style_.kind;
  block.text = std::move(text_);
  block.path = style_.path;
  block.hidden = style_.hidden;
  block.nosnippet = style_.nosnippet;
  out_->push_back(std::move(block));
  text_.clear();
}

void BlockBuilder::AppendText(std::string_view text) {
  AppendCollapsed(text, &text_, &pending_space_);
  if (open_captures_ > 0) {
    capture_.append(text);
    capture_.push_back(' ');
  }
}

void BlockBuilder::Emit(BlockKind kind, std::string_view text, std::string path, bool hidden,
                        bool nosnippet) {
  std::string collapsed = CollapseWhitespace(text);
  if (collapsed.empty()) return;
  NormalizeNfc(&collapsed);
  TextBlock block;
  block.kind = kind;
  block.text = std::move(collapsed);
  block.path = std::move(path);
  block.hidden = hidden;
  block.nosnippet = nosnippet;
  out_->push_back(std::move(block));
}

std::string BlockBuilder::CloseCapture(size_t start) {
  std::string text =
      start <= capture_.size() ? CollapseWhitespace(std::string_view(capture_).substr(start)) : "";
  if (open_captures_ > 0) --open_captures_;
  if (open_captures_ == 0) capture_.clear();
  return text;
}

}  // namespace sightline::analyzer::internal
