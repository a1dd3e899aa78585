#include "analyzer/extract/internal/gumbo_document.h"

#include <cstdlib>

namespace sightline::analyzer::internal {
namespace {

constexpr size_t kArenaMaxInput = 4u * 1024 * 1024;
constexpr size_t kChunkBytes = 256u * 1024;

}  // namespace

void* GumboDocument::Allocate(void* userdata, size_t size) {
  auto* self = static_cast<GumboDocument*>(userdata);
  if (!self->arena_) return std::malloc(size);
  size = (size + 15) & ~size_t{15};
  if (size > self->left_) {
    const size_t chunk = size > kChunkBytes ? size : kChunkBytes;
    self->chunks_.emplace_back(new char[chunk]);
    self->cursor_ = self->chunks_.back().get();
    self->left_ = chunk;
  }
  void* out = self->cursor_;
  self->cursor_ += size;
  self->left_ -= size;
  return out;
}

void GumboDocument::Deallocate(void* userdata, void* ptr) {
  auto* self = static_cast<GumboDocument*>(userdata);
  if (!self->arena_) std::free(ptr);  // arena memory goes with the document
}

std::unique_ptr<GumboDocument> GumboDocument::DoParse(std::string_view html, GumboTag context) {
  std::unique_ptr<GumboDocument> doc(new GumboDocument());
  doc->arena_ = html.size() <= kArenaMaxInput;
  doc->options_ = kGumboDefaultOptions;
  doc->options_.allocator = &GumboDocument::Allocate;
  doc->options_.deallocator = &GumboDocument::Deallocate;
  doc->options_.userdata = doc.get();
  doc->options_.max_errors = 0;  // we never read Gumbo's error list
  doc->options_.fragment_context = context;
  doc->output_ = gumbo_parse_with_options(&doc->options_, html.data(), html.size());
  return doc;
}

std::unique_ptr<GumboDocument> GumboDocument::Parse(std::string_view html) {
  return DoParse(html, GUMBO_TAG_LAST);
}

std::unique_ptr<GumboDocument> GumboDocument::ParseFragment(std::string_view html,
                                                            GumboTag context) {
  return DoParse(html, context);
}

GumboDocument::~GumboDocument() {
  // Gumbo's destroy walks the tree recursively; the prepass caps depth, and the arena case
  // skips it entirely.
  if (output_ != nullptr && !arena_) gumbo_destroy_output(&options_, output_);
}

}  // namespace sightline::analyzer::internal
