// RAII ownership of one Gumbo parse. Small inputs are parsed into an arena (Gumbo makes
// thousands of tiny allocations; freeing them one by one is a measurable share of the
// parse); large inputs use malloc so temporary buffers are returned as the parse goes.
// The input buffer must outlive the document (Gumbo points into it). Internal: GumboNode*
// never leaves analyzer/extract/internal. Not thread-safe; one document per thread.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string_view>
#include <vector>

namespace sightline::analyzer::internal {

class GumboDocument {
 public:
  static std::unique_ptr<GumboDocument> Parse(std::string_view html);
  static std::unique_ptr<GumboDocument> ParseFragment(std::string_view html, GumboTag context);
  ~GumboDocument();
  GumboDocument(const GumboDocument&) = delete;
  GumboDocument& operator=(const GumboDocument&) = delete;

  const GumboNode* document() const { return output_ ? output_->document : nullptr; }
  const GumboNode* root() const { return output_ ? output_->root : nullptr; }

 private:
  GumboDocument() = default;
  static void* Allocate(void* userdata, size_t size);
  static void Deallocate(void* userdata, void* ptr);
  static std::unique_ptr<GumboDocument> DoParse(std::string_view html, GumboTag context);

  GumboOptions options_{};
  GumboOutput* output_ = nullptr;
  bool arena_ = false;
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* cursor_ = nullptr;
  size_t left_ = 0;
};

// Attribute value or nullptr.
inline const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

}  // namespace sightline::analyzer::internal
